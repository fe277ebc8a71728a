package blocks

import (
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
)

// goLit renders a Result as a Go literal using at(line, col), for writing
// the expected values of new test cases (review them before pasting).
func goLit(r Result, d diag.List) string {
	var b strings.Builder
	at := func(p diag.Pos) string { return fmt.Sprintf("at(%d, %d)", p.Line-10, p.Col) }
	phr := func(ps []Phrase) string {
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprintf("{%q, %s}", p.Text, at(p.Pos)))
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
	col := func(c Column) string {
		s := fmt.Sprintf("{Name: %q, Pos: %s", c.Name, at(c.Pos))
		if c.Type != "" {
			s += fmt.Sprintf(", Type: %q, TypePos: %s", c.Type, at(c.TypePos))
		}
		if len(c.Constraints) > 0 {
			s += ", Constraints: " + phr(c.Constraints)
		}
		if c.Comment != "" {
			s += fmt.Sprintf(", Comment: %q", c.Comment)
		}
		return s + "}"
	}
	fk := func(f ForeignKey) string {
		s := fmt.Sprintf("ForeignKey{Columns: %s, RefTable: %q", strs(f.Columns), f.RefTable)
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
		b.WriteString("Tables: []Table{\n")
		for _, t := range r.Tables {
			fmt.Fprintf(&b, "{Name: %q, Pos: %s, Source: %q,", t.Name, at(t.Pos), t.Source)
			if t.Comment != "" {
				fmt.Fprintf(&b, " Comment: %q,", t.Comment)
			}
			b.WriteString("\nColumns: []Column{\n")
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
			if len(t.ForeignKeys) > 0 {
				b.WriteString("ForeignKeys: []ForeignKey{\n")
				for _, f := range t.ForeignKeys {
					b.WriteString(strings.TrimPrefix(fk(f), "ForeignKey") + ",\n")
				}
				b.WriteString("},\n")
			}
			if len(t.Checks) > 0 {
				b.WriteString("Checks: " + phr(t.Checks) + ",\n")
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n")
	}
	if len(r.Indexes) > 0 {
		b.WriteString("Indexes: []Index{\n")
		for _, x := range r.Indexes {
			fmt.Fprintf(&b, "{Name: %q, Table: %q, Columns: %s, Unique: %v, Where: %q, Pos: %s},\n", x.Name, x.Table, strs(x.Columns), x.Unique, x.Where, at(x.Pos))
		}
		b.WriteString("},\n")
	}
	if len(r.ForeignKeys) > 0 {
		b.WriteString("ForeignKeys: []TableForeignKey{\n")
		for _, x := range r.ForeignKeys {
			fmt.Fprintf(&b, "{Table: %q, ForeignKey: %s},\n", x.Table, fk(x.ForeignKey))
		}
		b.WriteString("},\n")
	}
	if len(r.Checks) > 0 {
		b.WriteString("Checks: []TableCheck{\n")
		for _, x := range r.Checks {
			fmt.Fprintf(&b, "{Table: %q, Phrase: Phrase{%q, %s}},\n", x.Table, x.Text, at(x.Pos))
		}
		b.WriteString("},\n")
	}
	if len(r.Columns) > 0 {
		b.WriteString("Columns: []TableColumn{\n")
		for _, x := range r.Columns {
			fmt.Fprintf(&b, "{Table: %q, Column: Column%s},\n", x.Table, col(x.Column))
		}
		b.WriteString("},\n")
	}
	if len(r.Keys) > 0 {
		b.WriteString("Keys: []TableKey{\n")
		for _, x := range r.Keys {
			fmt.Fprintf(&b, "{Table: %q, Columns: %s, Primary: %v, Pos: %s},\n", x.Table, strs(x.Columns), x.Primary, at(x.Pos))
		}
		b.WriteString("},\n")
	}
	if len(r.Enums) > 0 {
		b.WriteString("Enums: []Enum{\n")
		for _, x := range r.Enums {
			fmt.Fprintf(&b, "{Name: %q, Values: %s, Pos: %s},\n", x.Name, strs(x.Values), at(x.Pos))
		}
		b.WriteString("},\n")
	}
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
