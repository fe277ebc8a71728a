package ir

import (
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
)

// dropContextTables reads past the Markdown tables and bullet lists that
// repeat columns of tables described elsewhere instead of defining a table
// of their own: a "References" or "Clarifications" section listing columns
// of several tables. Such a description is context when
//
//   - it names one column twice and most of its columns are columns of
//     other tables, or
//   - it has no primary key and no `id` column, and every one of its
//     columns is a column of another table.
//
// Each is reported with a warning that says what to write to make it a
// table. The repeated columns of a description that stays are reported
// here too: a repeat of the same type is dropped with a warning; a repeat
// with another type is a contradiction, an error.
func (r *resolver) dropContextTables() {
	owners := map[string]map[string]bool{} // column key -> table keys that have it
	for _, rt := range r.tables {
		for _, dc := range rt.cols {
			k := colKey(dc.name)
			if owners[k] == nil {
				owners[k] = map[string]bool{}
			}
			owners[k][rt.key] = true
		}
	}
	kept := r.tables[:0]
	for _, rt := range r.tables {
		if why := r.contextReason(rt, owners); why != "" {
			r.warnf(rt.t.Pos, "`%s` is read as context, not as a table: %s; write the table's own columns with its primary key (or `crudgen:` options) to define it", rt.t.Name, why)
			continue
		}
		for _, d := range rt.dups {
			first, again := d[0], d[1]
			if again.typSet && first.typSet && !compatible(first.typ, again.typ) {
				r.errorf(again.pos, "column `%s` of `%s` is defined twice with different types (%s here, %s at %s); keep one of the rows", again.name, rt.t.Name, again.typ, first.typ, posString(first.pos))
				continue
			}
			r.warnf(again.pos, "column `%s` of `%s` is listed again (first at %s); crudgen keeps the first (remove this row)", again.name, rt.t.Name, posString(first.pos))
		}
		kept = append(kept, rt)
	}
	r.tables = kept
}

// contextReason says why rt repeats other tables rather than defining
// one, or returns "".
func (r *resolver) contextReason(rt *readTable, owners map[string]map[string]bool) string {
	if rt.t.Alter || (rt.t.Source != spec.SourceTable && rt.t.Source != spec.SourceBullets) || len(rt.cols) == 0 {
		return ""
	}
	var shared []string
	hasKey := len(rt.t.PrimaryKey) > 0
	for _, dc := range rt.cols {
		hasKey = hasKey || dc.f.pk || colKey(dc.name) == "id"
		for other := range owners[colKey(dc.name)] {
			if other != rt.key {
				shared = append(shared, dc.name)
				break
			}
		}
	}
	list := strings.Join(shared, ", ")
	switch {
	case len(rt.dups) > 0 && len(shared)*2 >= len(rt.cols):
		return fmt.Sprintf("it lists `%s` twice, and %s belong to other tables", rt.dups[0][1].name, list)
	case !hasKey && len(shared) == len(rt.cols):
		return fmt.Sprintf("it has no primary key, and its columns (%s) belong to other tables", list)
	}
	return ""
}

// applySections gives what a heading shared by several tables from fenced
// blocks says (its options line, "managed by" note and description) to the
// table the heading names; the options of a heading that names none of its
// tables are ignored with a warning.
func (r *resolver) applySections() {
	matched := map[*spec.Section]bool{}
	var order []*spec.Section
	for _, t := range r.doc.Tables {
		u := t.Under
		if u == nil {
			continue
		}
		if _, seen := matched[u]; !seen {
			matched[u] = false
			order = append(order, u)
		}
		if key := tableKey(u.Name); key == "" || tableKey(t.Name) != key {
			continue
		}
		matched[u] = true
		if u.Managed != "" && t.Managed == "" {
			t.Managed, t.ManagedPos = u.Managed, u.ManagedPos
		}
		t.Options = append(t.Options, u.Options...)
		if t.Description == "" {
			t.Description = u.Description
		}
	}
	for _, u := range order {
		if !matched[u] && len(u.Options) > 0 {
			r.warnf(u.OptionsPos, "crudgen options line is not under a table's heading; ignored")
		}
	}
}
