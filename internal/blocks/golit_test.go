package blocks

import (
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// goLit renders a Result as a Go literal using at(line, col), for writing
// the expected values of new test cases (review them before pasting).
func goLit(r Result, d diag.List) string {
	var b strings.Builder
	at := func(p diag.Pos) string { return fmt.Sprintf("at(%d, %d)", p.Line-10, p.Col) }
	phr := func(ps []specdoc.Phrase) string {
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprintf("{Text: %q, Pos: %s}", p.Text, at(p.Pos)))
		}
		return "[]Phrase{" + strings.Join(s, ", ") + "}"
	}
	strs := func(ss []string) string {
		var s []string
		for _, x := range ss {
			s = append(s, fmt.Sprintf("%q", x))
		}
		return "[]string{" + strings.Join(s, ", ") + "}"
	}
	col := func(c *specdoc.Column) string {
		s := fmt.Sprintf("{Name: %q, Pos: %s", c.Name, at(c.Pos))
		if c.SourceName != "" {
			s += fmt.Sprintf(", SourceName: %q", c.SourceName)
		}
		if c.Type != "" {
			s += fmt.Sprintf(", Type: %q, TypePos: %s", c.Type, at(c.TypePos))
		}
		if len(c.Constraints) > 0 {
			s += ", Constraints: " + phr(c.Constraints)
		}
		if c.Description != "" {
			s += fmt.Sprintf(", Description: %q, DescPos: %s", c.Description, at(c.DescPos))
		}
		return s + "}"
	}
	fk := func(f specdoc.ForeignKey) string {
		s := "ForeignKey{"
		if f.Table != "" {
			s += fmt.Sprintf("Table: %q, ", f.Table)
		}
		s += fmt.Sprintf("Columns: %s, RefTable: %q", strs(f.Columns), f.RefTable)
		if len(f.RefColumns) > 0 {
			s += ", RefColumns: " + strs(f.RefColumns)
		}
		if f.OnDelete != "" {
			s += fmt.Sprintf(", OnDelete: %q", f.OnDelete)
		}
		return s + ", Pos: " + at(f.Pos) + "}"
	}
	b.WriteString("Result{\n")
	if len(r.Tables) > 0 {
		b.WriteString("Tables: []*Table{\n")
		for _, t := range r.Tables {
			fmt.Fprintf(&b, "{Name: %q, Pos: %s, Source: %q,", t.Name, at(t.Pos), t.Source)
			if t.Comment != "" {
				fmt.Fprintf(&b, " Comment: %q,", t.Comment)
			}
			b.WriteString("\nColumns: []*Column{\n")
			for _, c := range t.Columns {
				b.WriteString(col(c) + ",\n")
			}
			b.WriteString("},\n")
			if len(t.PrimaryKey) > 0 {
				b.WriteString("PrimaryKey: " + strs(t.PrimaryKey) + ",\n")
			}
			if len(t.Uniques) > 0 {
				b.WriteString("Uniques: [][]string{")
				for _, u := range t.Uniques {
					b.WriteString(strings.TrimPrefix(strs(u), "[]string") + ", ")
				}
				b.WriteString("},\n")
			}
			field(&b, "ForeignKeys: []*ForeignKey", t.ForeignKeys, func(f *specdoc.ForeignKey) string {
				return strings.TrimPrefix(fk(*f), "ForeignKey")
			})
			if len(t.Checks) > 0 {
				b.WriteString("Checks: " + phr(t.Checks) + ",\n")
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n")
	}
	field(&b, "Indexes: []Index", r.Indexes, func(x specdoc.Index) string {
		return fmt.Sprintf("{Name: %q, Table: %q, Columns: %s, Unique: %v, Where: %q, Pos: %s}", x.Name, x.Table, strs(x.Columns), x.Unique, x.Where, at(x.Pos))
	})
	field(&b, "ForeignKeys: []ForeignKey", r.ForeignKeys, func(x specdoc.ForeignKey) string {
		return strings.TrimPrefix(fk(x), "ForeignKey")
	})
	field(&b, "Checks: []TableCheck", r.Checks, func(x TableCheck) string {
		return fmt.Sprintf("{Table: %q, Phrase: Phrase{Text: %q, Pos: %s}}", x.Table, x.Text, at(x.Pos))
	})
	field(&b, "Columns: []TableColumn", r.Columns, func(x TableColumn) string {
		return fmt.Sprintf("{Table: %q, Column: Column%s}", x.Table, col(&x.Column))
	})
	field(&b, "Keys: []TableKey", r.Keys, func(x TableKey) string {
		return fmt.Sprintf("{Table: %q, Columns: %s, Primary: %v, Pos: %s}", x.Table, strs(x.Columns), x.Primary, at(x.Pos))
	})
	field(&b, "Enums: []Enum", r.Enums, func(x specdoc.Enum) string {
		return fmt.Sprintf("{Name: %q, Values: %s, Pos: %s}", x.Name, strs(x.Values), at(x.Pos))
	})
	b.WriteString("}")
	if len(d) > 0 {
		b.WriteString(",\ndiags: []string{\n")
		for _, x := range d {
			fmt.Fprintf(&b, "%q,\n", x.String())
		}
		b.WriteString("}")
	}
	return b.String()
}

// field writes `name{` and one item a line, or nothing when xs is empty.
func field[T any](b *strings.Builder, name string, xs []T, item func(T) string) {
	if len(xs) == 0 {
		return
	}
	b.WriteString(name + "{\n")
	for _, x := range xs {
		b.WriteString(item(x) + ",\n")
	}
	b.WriteString("},\n")
}
