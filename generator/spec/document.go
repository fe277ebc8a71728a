// Package spec is the first stage of crudgen's pipeline: it reads a Markdown
// schema spec with goldmark and returns the tables it describes as written,
// with the file:line:col of every name, type and constraint.
//
// Parse recognises the shapes people write (see specs/README.md):
//
//   - a heading per entity followed by a Markdown table whose header names the
//     columns in any common wording (Column/Field/Name, Type/Data Type,
//     Constraints/Nullable/Default/Required/Key, Description/Notes);
//   - a heading followed by a bullet list of columns (`- id: integer (primary key)`);
//   - fenced SQL, SQLModel, Mermaid erDiagram and Prisma blocks, read by
//     package internal/blocks;
//   - a bold label line (`**tasks**`) naming the table or list right after it;
//   - index and relationship sections written as bullets, and enumerations
//     written as bullet lists under an "Enums" heading;
//   - a per-entity options line, `crudgen: key=value ...`, in a paragraph,
//     blockquote or HTML comment under the entity heading.
//
// Parse does not decide what anything means: it does not map types, interpret
// constraint phrases, merge tables that describe the same entity or invent
// names. That is package ir's job. Prose, sample queries and diagrams without
// fields are read past silently.
//
// This is the only package of crudgen that imports goldmark. It must not
// import package ir or anything that generates code.
package spec

import "github.com/crudgen/crudgen/internal/specdoc"

// Pos is a position in the spec file.
type Pos = specdoc.Pos

// Document is a spec file as written.
type Document struct {
	// Path is the file name used in positions.
	Path string `json:"path"`
	// Lines is the number of lines in the file.
	Lines int `json:"lines"`
	// Tables lists every table description in the order met. One entity may
	// be described by several tables (a Markdown table and a SQL block).
	Tables []*Table `json:"tables"`
	// Indexes lists indexes declared outside a table (CREATE INDEX, index
	// bullets). Table may be empty when only the section named it.
	Indexes []*Index `json:"indexes,omitempty"`
	// Relations lists foreign keys declared outside a table: relationship
	// bullets (`tasks.user_id → users.id`) and ALTER TABLE statements.
	Relations []*ForeignKey `json:"relations,omitempty"`
	// Enums are named enumerations (CREATE TYPE ... AS ENUM, Prisma enum,
	// Python Enum classes) that column types may name.
	Enums []*Enum `json:"enums,omitempty"`
	// Title is the text of the file's first level-1 heading ("Todo App —
	// Database Schema"), and Overview the Markdown of the paragraphs right
	// under it, before the next heading; both empty when the file does not
	// start that way.
	Title    string `json:"title,omitempty"`
	TitlePos Pos    `json:"title_pos,omitzero"`
	Overview string `json:"overview,omitempty"`
	// Links are the relationship lines of diagrams (`USER ||--o{ TASK`).
	Links []Link `json:"links,omitempty"`
	// Auth is where the file first mentions an auth provider that manages
	// user tables ("Better Auth"), and AuthProvider its name; empty when none.
	AuthProvider string `json:"auth_provider,omitempty"`
	Auth         Pos    `json:"auth,omitzero"`

	lineLens []int // byte length of each line, without its newline
}

// Clamp returns p moved inside the document: a line past the end becomes the
// last line, a column past the end of its line becomes the column just after
// its last byte. Positions from other files are returned unchanged.
func (d *Document) Clamp(p Pos) Pos {
	if p.File != d.Path || p.Line <= 0 || len(d.lineLens) == 0 {
		return p
	}
	if p.Line > len(d.lineLens) {
		p.Line = len(d.lineLens)
	}
	if p.Col > d.lineLens[p.Line-1]+1 {
		p.Col = d.lineLens[p.Line-1] + 1
	}
	if p.Col < 1 {
		p.Col = 1
	}
	return p
}

// The document model is package internal/specdoc's, shared with the block
// parsers of package internal/blocks, which return it directly.
type (
	// Table is one description of a table, as written.
	Table = specdoc.Table
	// Column is one column of a Table, as written.
	Column = specdoc.Column
	// Phrase is a piece of constraint text and where it starts.
	Phrase = specdoc.Phrase
	// ForeignKey is a foreign key as written.
	ForeignKey = specdoc.ForeignKey
	// Index is an index as written.
	Index = specdoc.Index
	// Enum is a named enumeration type.
	Enum = specdoc.Enum
	// Option is one key=value pair of a `crudgen:` options line.
	Option = specdoc.Option
	// Link is a diagram's relationship line.
	Link = specdoc.Link
	// Section is what a heading shared by several tables says.
	Section = specdoc.Section
)

// Sources of a Table.
const (
	SourceTable    = specdoc.SourceTable
	SourceBullets  = specdoc.SourceBullets
	SourceSQL      = specdoc.SourceSQL
	SourceSQLModel = specdoc.SourceSQLModel
	SourceMermaid  = specdoc.SourceMermaid
	SourcePrisma   = specdoc.SourcePrisma
)
