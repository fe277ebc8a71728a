package sqlddl

import (
	"slices"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/diag"
)

// IndexLint warns about each sortable field that no index of the generated
// migrations serves, so that a list sorted by it reads and sorts every row
// of the table (or of the owner) to return one page. An index serves a field
// when its first column is the field or, on an owned entity, when the owner
// comes first and the field second; the primary key, the indexes of the
// spec, the list index and the reference indexes that createIndexes adds
// count. updated_at, sortable on every entity, is left out, as are text and
// enum fields (see lintedUse), and so are
// filters: a filter narrows the rows the list index already orders, and most
// filterable columns (booleans, enums, amounts) are not worth an index each;
// a spec indexes the ones its large tables are filtered by. Each warning
// points at the field and gives the CREATE INDEX to add to the spec.
func IndexLint(s *ir.Schema) diag.List {
	var ds diag.List
	for _, e := range s.Entities {
		if !e.CRUD {
			continue
		}
		served := servedColumns(e)
		for _, f := range e.Fields {
			what := lintedUse(f)
			if f.Role == ir.RoleUpdatedAt {
				// Sortable on every entity, rarely the order of a list: an
				// index is the spec's to ask for, not the lint's.
				continue
			}
			if what == "" || served[f.Column] {
				continue
			}
			cols := []string{f.Column}
			if owner := e.Owner(); owner != nil && owner != f {
				cols = []string{owner.Column, f.Column}
			}
			name := constraintName("idx", e.Table, strings.Join(cols, "_"))
			ds = append(ds, diag.Warnf(f.Pos, "`%s` is %s but no index serves it, so such a list reads every row%s; "+
				"add `CREATE INDEX %s ON %s (%s);` to the spec's indexes (or mark the column indexed)",
				f.Column, what, ownerWord(e), name, Ident(e.Table), identList(cols)))
		}
	}
	return ds
}

// RedundantIndexLint warns about each index of the spec whose columns begin
// another index of the table (or its primary key), in the same order: the
// longer index serves every query the shorter one serves, and each write
// updates both. A unique index is never redundant (it is a constraint), nor
// does a unique index count as the longer one, as on a soft-delete table it
// holds live rows only. (Two equal indexes never get here: ir keeps the
// first and warns about the second.) The warning points at the redundant
// index.
func RedundantIndexLint(s *ir.Schema) diag.List {
	var ds diag.List
	for _, e := range s.Entities {
		type serving struct {
			label string // how the warning names it
			at    int    // its place among e.Indexes; -1 for the primary key
			cols  []string
		}
		var servers []serving
		if len(e.PrimaryKey) > 0 {
			servers = append(servers, serving{"the primary key", -1, e.PrimaryKey})
		}
		for i, ix := range e.Indexes {
			if !ix.Unique {
				servers = append(servers, serving{"`" + ix.Name + "`", i, ix.Columns})
			}
		}
		for i, ix := range e.Indexes {
			if ix.Unique || ix.Name == "" || len(ix.Columns) == 0 {
				continue
			}
			for _, sv := range servers {
				n := len(ix.Columns)
				if sv.at == i || len(sv.cols) < n || !slices.Equal(sv.cols[:n], ix.Columns) {
					continue
				}
				ds = append(ds, diag.Warnf(ix.Pos, "index `%s` (%s) repeats the first columns of %s (%s), which serves every query it serves, "+
					"and every write to %s updates both; drop `CREATE INDEX %s` from the spec's indexes",
					ix.Name, strings.Join(ix.Columns, ", "), sv.label, strings.Join(sv.cols, ", "), e.Table, ix.Name))
				break
			}
		}
	}
	return ds
}

// lintedUse says how a list uses f when IndexLint checks it ("sortable"),
// or "" when it does not. Text and enum fields are not checked: lists sort
// them by an expression (the case-folded text, the enum value's position)
// that an index of the column does not serve.
func lintedUse(f *ir.Field) string {
	if f.Sortable && !f.Type.Info().Text && f.Type != ir.Enum {
		return "sortable"
	}
	return ""
}

func ownerWord(e *ir.Entity) string {
	if e.OwnerField != "" {
		return " of the owner"
	}
	return ""
}

// servedColumns returns the columns of e that an index serves (see
// IndexLint).
func servedColumns(e *ir.Entity) map[string]bool {
	var lists [][]string
	if len(e.PrimaryKey) > 0 {
		lists = append(lists, e.PrimaryKey)
	}
	for _, ix := range e.Indexes {
		lists = append(lists, ix.Columns)
	}
	var list []string
	for _, c := range listIndex(e) {
		list = append(list, c.column)
	}
	lists = append(lists, list)
	for _, f := range e.Fields {
		if f.Unique || f.References != nil {
			lists = append(lists, []string{f.Column})
		}
	}
	served := map[string]bool{}
	for _, cols := range lists {
		if len(cols) == 0 {
			continue
		}
		served[cols[0]] = true
		if len(cols) > 1 && cols[0] == e.OwnerField {
			served[cols[1]] = true
		}
	}
	return served
}
