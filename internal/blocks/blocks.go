// Package blocks parses the fenced code blocks found in schema.md files: SQL
// (CREATE TABLE, CREATE INDEX, ALTER TABLE, CREATE TYPE ... AS ENUM), Python
// SQLModel classes, Mermaid erDiagram entities and Prisma models.
//
// It sits below generator/spec, which finds the fences in the Markdown and calls
// one parser per block with the fence body and the position of its first line.
// Each parser is tolerant: documents are rarely valid code, so a parser keeps
// whatever it can understand, recovers at the next column or statement, and
// reports a warning only when something that looked like a column definition
// had to be skipped. Nothing here resolves types, invents names or decides
// which table is an entity; that is generator/ir's job. The package imports
// only internal/diag, internal/specdoc and the standard library.
//
// The parsers return the raw document model of package internal/specdoc, the
// types generator/spec builds from the Markdown too. Every parser speaks the
// same small vocabulary of constraint phrases ([specdoc.Phrase]), so one
// interpreter in generator/ir can read all four sources:
//
//	PRIMARY KEY       NOT NULL       NULL       UNIQUE       AUTOINCREMENT
//	DEFAULT <expr>    CHECK (<expr>)            GENERATED ALWAYS AS (<expr>)
//	REFERENCES t(c) [ON DELETE <action>]        FOREIGN KEY (target unknown)
//	index             max N          min N      enum(a,b,c)
//
// DEFAULT expressions are written as in SQL with unquoted words in lower case:
// "DEFAULT false", "DEFAULT 'medium'", "DEFAULT now()", "DEFAULT 0",
// "DEFAULT 'x'::text", "DEFAULT gen_random_uuid()"; SQL's DEFAULT NULL is
// the phrase "NULL". Referential actions are upper case: CASCADE, SET NULL,
// SET DEFAULT, RESTRICT, NO ACTION. "max N" and "min N" are lengths for text
// and bounds for numbers; the interpreter decides by the type. Names of
// tables and columns are given as written, unquoted and without schema, and
// types as written with whitespace normalised; the parsers never map types,
// change case or singularise.
//
// Positions are exact file positions of the token a value came from: a
// table's or column's name, a type's first word, a phrase's first keyword
// (or, for SQLModel and Prisma, the keyword argument or attribute), a foreign
// key's FOREIGN or @relation, an index's name (or its CREATE keyword when
// unnamed).
package blocks

import (
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// TableCheck is an ALTER TABLE ... ADD CHECK for a table that is not defined
// in the same block.
type TableCheck struct {
	Table string
	specdoc.Phrase
}

// TableColumn is an ALTER TABLE ... ADD COLUMN for a table that is not defined
// in the same block.
type TableColumn struct {
	Table string
	specdoc.Column
}

// TableKey is an ALTER TABLE ... ADD PRIMARY KEY or ADD UNIQUE for a table
// that is not defined in the same block.
type TableKey struct {
	Table   string
	Columns []string
	Primary bool // PRIMARY KEY rather than UNIQUE
	Pos     diag.Pos
}

// Result is what one block defines. Slices keep source order.
type Result struct {
	Tables  []*specdoc.Table
	Indexes []specdoc.Index
	// ForeignKeys, Checks, Columns and Keys come from ALTER TABLE statements
	// about tables defined elsewhere in the document; ALTER TABLE statements
	// about a table of the same block are merged into that Table.
	ForeignKeys []specdoc.ForeignKey
	Checks      []TableCheck
	Columns     []TableColumn
	Keys        []TableKey
	Enums       []specdoc.Enum
	// Links are a diagram's relationship lines.
	Links []specdoc.Link
}

// describe sets a column's Description to a comment found for it, placed at
// the column's name; an empty comment leaves the column undescribed.
func describe(col *specdoc.Column, comment string) {
	col.Description, col.DescPos = comment, diag.Pos{}
	if comment != "" {
		col.DescPos = col.Pos
	}
}

// posMap turns byte offsets of a block body into file positions.
type posMap struct {
	file      string
	line0     int   // file line of the body's first line
	col0      int   // file column of the body's first byte on each line
	lineStart []int // byte offset of each body line
}

// newPosMap indexes the line starts of a block body that begins at start.
func newPosMap(src string, start diag.Pos) *posMap {
	p := &posMap{file: start.File, line0: start.Line, col0: start.Col, lineStart: []int{0}}
	if p.line0 < 1 {
		p.line0 = 1
	}
	if p.col0 < 1 {
		p.col0 = 1
	}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			p.lineStart = append(p.lineStart, i+1)
		}
	}
	return p
}

// line returns the 0-based body line holding offset off.
func (p *posMap) line(off int) int {
	lo, hi := 0, len(p.lineStart)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.lineStart[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// pos returns the file position of byte offset off.
func (p *posMap) pos(off int) diag.Pos {
	l := p.line(off)
	return diag.Pos{File: p.file, Line: p.line0 + l, Col: p.col0 + off - p.lineStart[l]}
}

// enumPhrase renders the phrase for an enumeration's values.
func enumPhrase(values []string) string {
	return "enum(" + strings.Join(values, ",") + ")"
}

// refPhrase renders a column-level foreign key phrase.
func refPhrase(table string, cols []string, onDelete string) string {
	s := "REFERENCES " + table
	if len(cols) > 0 {
		s += "(" + strings.Join(cols, ",") + ")"
	}
	if onDelete != "" {
		s += " ON DELETE " + onDelete
	}
	return s
}

// normAction upper-cases a referential action and maps the spellings of
// SQLModel, Prisma and SQL onto the SQL keywords.
func normAction(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
	switch s {
	case "SETNULL":
		return "SET NULL"
	case "SETDEFAULT":
		return "SET DEFAULT"
	case "NOACTION":
		return "NO ACTION"
	}
	return s
}

// lastPart returns the last dotted part of a qualified name.
func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// nesting returns how a token's text changes the depth of parentheses and
// square brackets: 1 for an opening one, -1 for a closing one, else 0.
func nesting(text string) int {
	switch text {
	case "(", "[":
		return 1
	case ")", "]":
		return -1
	}
	return 0
}
