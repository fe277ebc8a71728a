package blocks

import (
	"strings"
	"testing"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// positions returns every position a Result holds.
func positions(r Result) []diag.Pos {
	var ps []diag.Pos
	phrases := func(list []specdoc.Phrase) {
		for _, p := range list {
			ps = append(ps, p.Pos)
		}
	}
	column := func(c *specdoc.Column) {
		ps = append(ps, c.Pos)
		if c.Type != "" {
			ps = append(ps, c.TypePos)
		}
		if c.Description != "" {
			ps = append(ps, c.DescPos)
		}
		phrases(c.Constraints)
	}
	for _, t := range r.Tables {
		ps = append(ps, t.Pos)
		for _, c := range t.Columns {
			column(c)
		}
		for _, fk := range t.ForeignKeys {
			ps = append(ps, fk.Pos)
		}
		phrases(t.Checks)
	}
	for _, x := range r.Indexes {
		ps = append(ps, x.Pos)
	}
	for _, x := range r.ForeignKeys {
		ps = append(ps, x.Pos)
	}
	for _, x := range r.Checks {
		ps = append(ps, x.Pos)
	}
	for _, x := range r.Columns {
		column(&x.Column)
	}
	for _, x := range r.Keys {
		ps = append(ps, x.Pos)
	}
	for _, x := range r.Enums {
		ps = append(ps, x.Pos)
	}
	return ps
}

// fuzzBlock checks that the parser of lang does not panic and that every
// position it returns, in the result and in diagnostics, points at a byte of
// the input. Its seeds are the parser's cases.
func fuzzBlock(f *testing.F, lang string) {
	parse := parsers[lang]
	for _, c := range cases(f, lang) {
		f.Add(c.src, 3)
	}
	f.Fuzz(func(t *testing.T, src string, col int) {
		col = 1 + (col%8+8)%8
		start := diag.Pos{File: "f.md", Line: 7, Col: col}
		res, diags := parse(src, start)
		lines := strings.Split(src, "\n")
		ps := positions(res)
		for _, d := range diags {
			ps = append(ps, d.Pos)
		}
		for _, p := range ps {
			l := p.Line - start.Line
			if p.File != "f.md" || l < 0 || l >= len(lines) || p.Col < col || p.Col-col >= len(lines[l]) {
				t.Fatalf("position %v outside the input (start %v):\n%s\n%s", p, start, src, summary(res))
			}
		}
	})
}

func FuzzSQL(f *testing.F)      { fuzzBlock(f, "sql") }
func FuzzSQLModel(f *testing.F) { fuzzBlock(f, "sqlmodel") }
func FuzzMermaid(f *testing.F)  { fuzzBlock(f, "mermaid") }
func FuzzPrisma(f *testing.F)   { fuzzBlock(f, "prisma") }
