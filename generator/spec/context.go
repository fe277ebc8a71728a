package spec

import (
	"regexp"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
)

// Markdown tables that are not column definitions: constraint tables and
// foreign-key tables under an entity heading add to that entity; summary
// tables (one row per table or per column of several tables) are context
// and are read past with a warning that says why.

var (
	// reConstraintKind is the type cell of a constraint table's row.
	reConstraintKind = regexp.MustCompile(`(?i)^\s*(primary(\s+key)?|pk|foreign(\s+key)?|fk|unique(\s+(key|constraint|index))?|uk|uq|check|index|idx|b-?tree|hash|gin|gist|brin|composite(\s+index)?)\s*$`)
	// reCellIdents splits a cell listing columns: "user_id", "(a, b)".
	reCellIdents = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	// reCellRef reads a reference target: "users(id)", "users.id", "users".
	reCellRef = regexp.MustCompile(`(?i)^\s*(?:references\s+|→\s*|->\s*)?["'` + "`" + `]?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)["'` + "`" + `]?\s*(?:\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))?`)
)

// numberingHeaders may precede the name column of a real column table.
var numberingHeaders = map[string]bool{"": true, "#": true, "no": true, "no.": true, "nr": true, "n": true, "order": true, "pos": true, "pk": true, "key": true}

// contextReason returns why a table whose name column is at index name is
// not a list of one table's columns, or "".
func contextReason(header []string, name int) string {
	for i := 0; i < name && i < len(header); i++ {
		h := strings.Trim(header[i], " :")
		if !numberingHeaders[h] {
			return "its first column is `" + h + "`, not the column names"
		}
	}
	for i, h := range header {
		h = strings.Trim(h, " :")
		if i != name && slices.Contains(tableHeaders, h) {
			return "it has a `" + h + "` column: its rows belong to several tables"
		}
	}
	return ""
}

// headerIndex returns the index of the first cell of header that is one of
// words, spaces and colons around it left out, or -1.
func headerIndex(header []string, words ...string) int {
	for i, h := range header {
		if slices.Contains(words, strings.Trim(h, " :")) {
			return i
		}
	}
	return -1
}

// constraintColumns finds the columns of a constraint table (`| Constraint |
// Type | Columns | References |`): the type column, the column list and
// the reference or definition column; ok is false when t is not one.
func constraintColumns(header []string, rows [][]cell) (typ, cols, ref int, ok bool) {
	if tableColumn(header) == 0 && len(header) > 1 {
		header = append([]string{""}, header[1:]...)
	}
	typ = headerIndex(header, "type", "constraint type", "kind", "key type")
	cols = headerIndex(header, "column", "columns", "column(s)", "field", "fields", "field(s)", "on", "applies to")
	ref = headerIndex(header, "references", "reference", "referenced", "target", "definition", "details", "expression", "condition", "rule", "check", "description", "notes")
	if typ < 0 || cols < 0 {
		return typ, cols, ref, false
	}
	n := 0
	for _, r := range rows {
		if typ < len(r) && reConstraintKind.MatchString(r[typ].text) {
			n++
		}
	}
	return typ, cols, ref, n > 0 && n*2 >= len(rows)
}

// constraintTable adds the rows of a constraint table to the table of
// section s: primary keys, unique keys, foreign keys, checks and indexes.
func (p *parser) constraintTable(s *section, header []string, rows [][]cell, typ, cols, ref int) {
	targets := p.constraintTargets(s, header)
	at := func(r []cell, i int) (string, int) {
		if i < 0 || i >= len(r) || r[i].off < 0 {
			return "", -1
		}
		return strings.TrimSpace(r[i].text), r[i].off + len(r[i].text) - len(strings.TrimLeft(r[i].text, " "))
	}
	for _, r := range rows {
		tb := targets(r)
		if tb == nil {
			continue
		}
		kind, koff := at(r, typ)
		colText, coff := at(r, cols)
		refText, roff := at(r, ref)
		names := cellColumns(colText)
		k := strings.ToLower(strings.Fields(kind + " x")[0])
		if kind == "" || !reConstraintKind.MatchString(kind) || (len(names) == 0 && k != "check") {
			if strings.TrimSpace(kind+colText+refText) != "" && koff >= 0 {
				p.diags = append(p.diags, diag.Warnf(p.pos(koff), "constraint row of `%s` is not a primary key, unique, foreign key, check or index on named columns; skipped (write the kind in the type cell and the columns in the column cell)", tb.Name))
			}
			continue
		}
		pos := p.pos(koff)
		switch k {
		case "primary", "pk":
			if tb.PrimaryKey == nil {
				tb.PrimaryKey, tb.PKPos = names, pos
			}
		case "unique", "uk", "uq":
			tb.Uniques = append(tb.Uniques, names)
		case "index", "idx", "btree", "b-tree", "hash", "gin", "gist", "brin", "composite":
			p.doc.Indexes = append(p.doc.Indexes, &Index{Table: tb.Name, Columns: names, Pos: pos})
		case "check":
			expr := refText
			if expr == "" {
				expr = colText
			}
			if !strings.HasPrefix(strings.ToLower(expr), "check") {
				expr = "CHECK (" + expr + ")"
			}
			tb.Checks = append(tb.Checks, Phrase{Text: expr, Pos: p.pos(max(roff, coff, koff))})
		default: // foreign key
			m := reCellRef.FindStringSubmatch(refText)
			if m == nil || roff < 0 {
				p.diags = append(p.diags, diag.Warnf(pos, "foreign key row of `%s` names no referenced table; skipped (write `users(id)` in its references cell)", tb.Name))
				continue
			}
			fk := &ForeignKey{Columns: names, Pos: p.pos(roff)}
			fk.RefTable, fk.RefColumns = refTarget(m)
			fk.OnDelete = onDeleteOf(r)
			tb.ForeignKeys = append(tb.ForeignKeys, fk)
		}
	}
}

// tableColumn returns the index of a header cell that names a table
// ("Table", "Entity"), or -1.
func tableColumn(header []string) int { return headerIndex(header, tableHeaders...) }

// tableHeaders are the header cells that name a table.
var tableHeaders = []string{"table", "table name", "entity", "model"}

// constraintTargets returns the function that gives the table a row of a
// constraint or foreign-key table adds to: the table its `Table` cell names
// (a partial table that merges into the entity described elsewhere), else
// the column table of the nearest section above that has one, else a
// partial table named by the section's heading. It returns nil for a row
// that names no table when none of those exists.
func (p *parser) constraintTargets(s *section, header []string) func([]cell) *Table {
	byName := map[string]*Table{}
	partial := func(name string, pos Pos) *Table {
		if t := byName[name]; t != nil {
			return t
		}
		t := &Table{Name: name, Pos: pos, Heading: s.heading, Source: SourceTable, Alter: true}
		p.doc.Tables = append(p.doc.Tables, t)
		byName[name] = t
		return t
	}
	if tc := tableColumn(header); tc >= 0 {
		return func(r []cell) *Table {
			if tc >= len(r) || r[tc].off < 0 {
				return nil
			}
			m := reColName.FindStringSubmatchIndex(r[tc].text)
			if m == nil {
				return nil
			}
			return partial(r[tc].text[m[2]:m[3]], p.pos(r[tc].off+m[2]))
		}
	}
	var tb *Table
	for t := p.cur; t != nil && tb == nil; t = t.parent {
		switch {
		case t.table != nil:
			tb = t.table
		case len(t.blockTables) > 0:
			tb = t.blockTables[len(t.blockTables)-1]
		case t.kind == kindOther && t.name != "":
			tb = partial(t.name, t.pos)
		}
	}
	return func([]cell) *Table { return tb }
}

// onDeleteOf returns the ON DELETE action a row states in any cell
// ("ON DELETE CASCADE", or "cascade" alone), or "".
func onDeleteOf(r []cell) string {
	for _, c := range r {
		od := reOnDelete.FindStringSubmatch(c.text)
		if od == nil {
			od = reOnDeleteCell.FindStringSubmatch(c.text)
		}
		if od != nil {
			return strings.ToUpper(strings.Join(strings.Fields(od[1]), " "))
		}
	}
	return ""
}

// foreignKeyTable adds the rows of a `| Column | References |` table as
// foreign keys of the tables constraintTargets gives.
func (p *parser) foreignKeyTable(s *section, header []string, rows [][]cell, name, ref int) {
	targets := p.constraintTargets(s, header)
	for _, r := range rows {
		tb := targets(r)
		if tb == nil || name >= len(r) || ref >= len(r) || r[ref].off < 0 || r[name].off < 0 {
			continue
		}
		col := reColName.FindStringSubmatch(r[name].text)
		m := reCellRef.FindStringSubmatch(r[ref].text)
		if col == nil || m == nil {
			if strings.TrimSpace(r[name].text+r[ref].text) != "" {
				p.diags = append(p.diags, diag.Warnf(p.pos(r[name].off), "foreign key row of `%s` does not read as `column | table(column)`; skipped", tb.Name))
			}
			continue
		}
		fk := &ForeignKey{Columns: []string{col[1]}, Pos: p.pos(r[ref].off + len(r[ref].text) - len(strings.TrimLeft(r[ref].text, " ")))}
		fk.RefTable, fk.RefColumns = refTarget(m)
		fk.OnDelete = onDeleteOf(r)
		tb.ForeignKeys = append(tb.ForeignKeys, fk)
	}
}

var reOnDeleteCell = regexp.MustCompile(`(?i)^\s*(cascade|set\s+null|set\s+default|restrict|no\s+action)\s*$`)

// refTarget returns the table and column of a reCellRef match: "users(id)",
// "users.id", "auth.users(id)" (the schema dropped), "users".
func refTarget(m []string) (string, []string) {
	t, c, dotted := strings.Cut(m[1], ".")
	switch {
	case m[2] != "" && dotted:
		return c, []string{m[2]}
	case m[2] != "":
		return m[1], []string{m[2]}
	case dotted:
		return t, []string{c}
	}
	return m[1], nil
}

// indexColumns finds the name and column-list columns of an index table
// (`| Index | Columns | Unique |`, or any table with a column list under an
// "Indexes" heading); ok is false when header is not one.
func indexColumns(header []string, underIndexes bool) (name, cols int, ok bool) {
	name = headerIndex(header, "index", "index name", "indexes", "name")
	cols = headerIndex(header, "columns", "column", "column(s)", "fields", "field", "field(s)", "on", "indexed columns")
	if underIndexes {
		return name, cols, cols >= 0
	}
	return name, cols, name == 0 && cols > 0 && strings.HasPrefix(strings.Trim(header[0], " :"), "index")
}

// indexTable adds the rows of an index table as indexes of the tables
// constraintTargets gives; a row is unique when a cell says so.
func (p *parser) indexTable(s *section, header []string, rows [][]cell, name, cols int) {
	targets := p.constraintTargets(s, header)
	for _, r := range rows {
		tb := targets(r)
		if tb == nil || cols >= len(r) || r[cols].off < 0 {
			continue
		}
		names := cellColumns(r[cols].text)
		if len(names) == 0 {
			if strings.TrimSpace(r[cols].text) != "" {
				p.diags = append(p.diags, diag.Warnf(p.pos(r[cols].off), "index row of `%s` names no column; skipped (write the indexed columns in its %q cell)", tb.Name, header[cols]))
			}
			continue
		}
		ix := &Index{Table: tb.Name, Columns: names, Pos: p.pos(r[cols].off)}
		if name >= 0 && name < len(r) {
			if m := reCellIdents.FindString(r[name].text); m != "" {
				ix.Name = m
			}
		}
		for i, c := range r {
			l := strings.ToLower(c.text)
			if i != cols && (strings.Contains(l, "unique") || i < len(header) && strings.Contains(header[i], "unique") && reYes.MatchString(c.text)) {
				ix.Unique = true
			}
		}
		p.doc.Indexes = append(p.doc.Indexes, ix)
	}
}

// reSortWord is a sort direction after an indexed column.
var reSortWord = regexp.MustCompile(`(?i)\s+(asc|desc)\b`)

// cellColumns returns the column names a cell lists: "user_id",
// "(a, b DESC)".
func cellColumns(s string) []string {
	return reCellIdents.FindAllString(reSortWord.ReplaceAllString(s, ""), -1)
}
