// Package specdoc is the raw document model of a schema spec: the tables,
// columns, constraint phrases, foreign keys, indexes, enumerations and
// options exactly as written, each with its file position.
//
// Both readers of a spec produce these types: package generator/spec, which
// reads the Markdown (headings, tables, bullet lists), and package
// internal/blocks, which reads the fenced SQL, SQLModel, Mermaid and Prisma
// blocks. Nothing here is resolved: names keep the case and number they were
// written with, types are text, and constraints are phrases for generator/ir
// to interpret. The package imports only internal/diag.
package specdoc

import "github.com/crudgen/crudgen/internal/diag"

// Pos is a position in the spec file.
type Pos = diag.Pos

// Sources of a Table.
const (
	SourceTable    = "table"    // heading + Markdown table
	SourceBullets  = "bullets"  // heading + bullet list
	SourceSQL      = "sql"      // CREATE TABLE in a fenced block
	SourceSQLModel = "sqlmodel" // SQLModel class in a fenced python block
	SourceMermaid  = "mermaid"  // erDiagram entity
	SourcePrisma   = "prisma"   // Prisma model
)

// Table is one description of a table, as written: a Markdown table or
// bullet list under a heading, a CREATE TABLE, a SQLModel class, a Mermaid
// entity or a Prisma model.
type Table struct {
	// Name is the table or entity name as written, cleaned of Markdown and of
	// words around it ("### 2. Tasks Table (owned by users)" gives "Tasks").
	// For a block it is unquoted and without schema: the SQL name,
	// __tablename__ or the lower-cased SQLModel class name, the Mermaid
	// entity name, or the Prisma @@map name or model name.
	Name string `json:"name"`
	Pos  Pos    `json:"pos"`
	// Explicit is true when Name is a SQL table name as written: a CREATE
	// TABLE name, a `Table Name: tasks` line, a lower-case or backquoted heading.
	Explicit bool `json:"explicit,omitempty"`
	// Heading is the raw text of the heading the table was found under.
	Heading string `json:"heading,omitempty"`
	// Source is one of the Source constants.
	Source string `json:"source"`
	// Alter is true for a table that only adds to a table described
	// elsewhere (ALTER TABLE ... ADD in a SQL block).
	Alter bool `json:"alter,omitempty"`

	Columns []*Column `json:"columns"`
	// PrimaryKey, Uniques, ForeignKeys and Checks are table-level
	// constraints (PRIMARY KEY (a, b), @@id, @@unique, "CHECK (...)").
	PrimaryKey  []string      `json:"primary_key,omitempty"`
	PKPos       Pos           `json:"pk_pos,omitzero"`
	Uniques     [][]string    `json:"uniques,omitempty"`
	ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
	Checks      []Phrase      `json:"checks,omitempty"`

	// Description is the first paragraph of prose under the heading.
	Description string `json:"description,omitempty"`
	// Comment is the comment a code block gives the table: a MySQL table
	// COMMENT, a COMMENT ON TABLE, a SQLModel class docstring or a Prisma ///
	// comment above the model. It is read for Managed and Explicit and is
	// not part of the JSON form.
	Comment string `json:"-"`
	// Managed names the provider the section says manages the table
	// ("Better Auth"), and ManagedPos where it says so.
	Managed    string `json:"managed,omitempty"`
	ManagedPos Pos    `json:"managed_pos,omitzero"`
	// Options are the key=value pairs of the section's `crudgen:` line.
	Options []Option `json:"options,omitempty"`
	// Under is what the heading says when it holds several tables from
	// fenced blocks and no table of its own ("## tasks" above a SQL block
	// with tasks and task_tags): it applies to the table the heading names,
	// which package ir decides; nil otherwise.
	Under *Section `json:"under,omitempty"`
}

// Section is what a heading shared by several tables says: its name, its
// `crudgen:` options line, its "managed by" note and its first paragraph.
type Section struct {
	Name        string   `json:"name"`
	Options     []Option `json:"options,omitempty"`
	OptionsPos  Pos      `json:"options_pos,omitzero"`
	Managed     string   `json:"managed,omitempty"`
	ManagedPos  Pos      `json:"managed_pos,omitzero"`
	Description string   `json:"description,omitempty"`
}

// Column is one column of a Table, as written: a table row, a bullet, a SQL
// column, a SQLModel or Prisma field or a Mermaid attribute.
type Column struct {
	// Name is the column name as written, unquoted; for a Prisma field with
	// @map it is the mapped (database) name.
	Name string `json:"name"`
	Pos  Pos    `json:"pos"`
	// SourceName is the field's own name when the source renames it (a
	// Prisma field with @map); empty otherwise.
	SourceName string `json:"source_name,omitempty"`
	// Type is the type as written ("VARCHAR(255)", "UUID (PK)"), with
	// whitespace normalised and, for SQLModel, Optional[...] and "| None"
	// removed (they become a "NULL" phrase). It is empty when the shape does
	// not set the type apart (bullets, in which case it is among
	// Constraints) or the source gives none (SQLite allows that); TypePos is
	// then the zero Pos.
	Type    string `json:"type,omitempty"`
	TypePos Pos    `json:"type_pos,omitzero"`
	// Constraints are the constraint phrases as written, each with its
	// position ("PK, NOT NULL", "FK → users.id", "DEFAULT now()").
	Constraints []Phrase `json:"constraints,omitempty"`
	// Description is the column's prose ("One of: low, medium, high"): a
	// description cell, or in a block a trailing comment, a MySQL COMMENT
	// 'x' or COMMENT ON COLUMN, a Mermaid comment string, a SQLModel
	// description= or a Prisma /// comment.
	Description string `json:"description,omitempty"`
	DescPos     Pos    `json:"desc_pos,omitzero"`
}

// Phrase is a piece of constraint text and where it starts.
type Phrase struct {
	Text string `json:"text"`
	Pos  Pos    `json:"pos"`
}

// ForeignKey is a foreign key written apart from its column: a relationship
// bullet, a SQL table constraint or ALTER TABLE, or a Prisma @relation. A
// foreign key written on the column itself is a "REFERENCES t(c)" phrase of
// that column instead.
type ForeignKey struct {
	// Table is the referencing table of a foreign key declared outside its
	// table (Document.Relations); empty inside Table.ForeignKeys.
	Table      string   `json:"table,omitempty"`
	Columns    []string `json:"columns"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns,omitempty"` // empty when the source names only the table
	OnDelete   string   `json:"on_delete,omitempty"`   // "" when not given, else CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION
	Pos        Pos      `json:"pos"`
}

// Index is an index as written: an index bullet, a CREATE INDEX statement, a
// MySQL inline INDEX/KEY, an index line of pseudo-SQL (`ix_name ON table
// (cols)`) or a Prisma @@index. A SQLModel index=True is an "index" phrase of
// its column instead.
type Index struct {
	Name string `json:"name,omitempty"` // "" when the source gives none
	// Table is the indexed table's name, unquoted and without schema; it may
	// be empty when only the section named it.
	Table string `json:"table"`
	// Columns are the indexed columns in order, without ASC/DESC, operator
	// classes or prefix lengths; an expression element is kept as its text,
	// for example "lower(email)".
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
	// Where is the predicate of a partial index, without WHERE, or "".
	Where string `json:"where,omitempty"`
	Pos   Pos    `json:"pos"`
}

// Enum is a named enumeration: an "Enums" bullet list, CREATE TYPE x AS
// ENUM, a Python Enum class or a Prisma enum.
type Enum struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Pos    Pos      `json:"pos"`
}

// Link is a relationship line of a diagram (`USER ||--o{ TASK : owns`)
// between two tables named as written. Package ir points a diagram's FK
// attributes (user_id FK) at the linked table they name.
type Link struct {
	A   string `json:"a"`
	B   string `json:"b"`
	Pos Pos    `json:"pos"`
}

// Option is one key=value pair of a `crudgen:` options line.
type Option struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Pos      Pos    `json:"pos"`
	ValuePos Pos    `json:"value_pos"`
}
