package sqlddl

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/diag"
)

// This file computes a migration: the statements that take a database from
// one State to another, in one dialect. The same function, run from the new
// state to the old one, writes the Down section.
//
// PostgreSQL changes tables in place with ALTER TABLE. SQLite can add, rename
// and (since 3.35) drop columns, but cannot change one, so any other change
// rebuilds the table the way SQLite's documentation prescribes: create the
// new table under a temporary name, copy the rows, drop the old table, rename
// the new one and recreate its indexes, with foreign keys off and inside one
// transaction (the migration is then marked NO TRANSACTION, since
// PRAGMA foreign_keys cannot change inside the transaction goose would open).

// renames maps new names to old ones: tables[new] = old, columns[new table][new] = old.
type renames struct {
	tables  map[string]string
	columns map[string]map[string]string
}

// reverse returns the renames of the opposite migration.
func (r renames) reverse() renames {
	out := renames{tables: map[string]string{}, columns: map[string]map[string]string{}}
	for n, o := range r.tables {
		out.tables[o] = n
	}
	for t, cols := range r.columns {
		ot := t
		if o, ok := r.tables[t]; ok {
			ot = o
		}
		out.columns[ot] = map[string]string{}
		for n, o := range cols {
			out.columns[ot][o] = n
		}
	}
	return out
}

// step is one statement of a migration, with what it does in words for the
// file's name and comments.
type step struct {
	sql  string
	what string // "add_tasks_excerpt"; "" for steps that only follow another
}

// migration is the outcome of diffing two states in one dialect.
type migration struct {
	steps   []step
	rebuild bool // a SQLite table rebuild: the file manages its own transaction
}

func (m *migration) add(what, sql string) { m.steps = append(m.steps, step{sql: sql, what: what}) }

// differ diffs two states in one dialect.
type differ struct {
	from, to *State
	d        Dialect
	rn       renames
	m        migration
}

// diffStates returns the migration from from to to in dialect d.
func diffStates(from, to *State, d Dialect, rn renames) migration {
	df := &differ{from: from, to: to, d: d, rn: rn}
	df.run()
	return df.m
}

func (df *differ) run() {
	from := df.applyRenames()
	to := df.to
	kept := map[string]bool{}
	for _, t := range to.Tables {
		if from.table(t.Name) != nil {
			kept[t.Name] = true
		}
	}
	rebuilt := map[string]bool{}
	for _, t := range to.Tables {
		if src := from.table(t.Name); src != nil && !t.Managed && df.d == SQLite && needsRebuild(src, t) {
			rebuilt[t.Name] = true
		}
	}
	// Indexes that go or change are dropped first, so that a column they
	// cover can be dropped and a new index can take their name.
	for _, src := range from.Tables {
		t := to.table(src.Name)
		if t == nil || rebuilt[src.Name] || t.Managed {
			continue
		}
		for _, ix := range src.Indexes {
			if !slices.ContainsFunc(t.Indexes, func(n *NamedSQL) bool { return *n == *ix }) {
				df.m.add("drop_"+ix.Name, "DROP INDEX IF EXISTS "+Ident(ix.Name)+";")
			}
		}
	}
	if df.d == Postgres {
		for _, src := range from.Tables {
			if t := to.table(src.Name); t != nil {
				for _, fk := range src.ForeignKeys {
					if !slices.ContainsFunc(t.ForeignKeys, func(n *NamedSQL) bool { return *n == *fk }) {
						df.m.add("drop_"+fk.Name, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", Ident(t.Name), Ident(fk.Name)))
					}
				}
			}
		}
	}
	for _, t := range to.Tables {
		if !kept[t.Name] {
			df.m.add("add_"+t.Name, t.commentedCreate(df.d))
		}
	}
	for _, t := range to.Tables {
		src := from.table(t.Name)
		switch {
		case src == nil:
		case t.Managed:
			// The provider changes its own tables.
		case rebuilt[t.Name]:
			df.rebuildTable(src, t)
		default:
			df.alterTable(src, t)
		}
	}
	for i := len(from.Tables) - 1; i >= 0; i-- {
		src := from.Tables[i]
		if to.table(src.Name) == nil && !src.Managed {
			df.m.add("drop_"+src.Name, comment("Destroys table "+src.Name+" and every row in it.")+"\n"+
				"DROP TABLE IF EXISTS "+Ident(src.Name)+";")
		}
	}
	for _, t := range to.Tables {
		src := from.table(t.Name)
		if t.Managed && src != nil {
			continue
		}
		for _, ix := range t.Indexes {
			if src == nil || rebuilt[t.Name] || !slices.ContainsFunc(src.Indexes, func(n *NamedSQL) bool { return *n == *ix }) {
				what := "index_" + ix.Name
				if src == nil || rebuilt[t.Name] {
					what = ""
				}
				df.m.add(what, ix.SQL)
			}
		}
	}
	if df.d == Postgres {
		for _, t := range to.Tables {
			src := from.table(t.Name)
			for _, fk := range t.ForeignKeys {
				if src == nil || !slices.ContainsFunc(src.ForeignKeys, func(n *NamedSQL) bool { return *n == *fk }) {
					df.m.add("", fmt.Sprintf("ALTER TABLE %s ADD %s;", Ident(t.Name), fk.SQL))
				}
			}
		}
	}
}

// applyRenames writes the renames and returns the old state as it is after
// them, with the new names in every definition that mentions them.
func (df *differ) applyRenames() *State {
	out := &State{}
	tableNew := map[string]string{} // old → new
	for n, o := range df.rn.tables {
		if df.from.table(o) != nil && df.from.table(n) == nil && df.to.table(n) != nil {
			tableNew[o] = n
			df.m.add("rename_"+o+"_to_"+n, fmt.Sprintf("ALTER TABLE %s RENAME TO %s;", Ident(o), Ident(n)))
		}
	}
	for _, src := range df.from.Tables {
		t := *src
		if n, ok := tableNew[src.Name]; ok {
			t.Name = n
		}
		to := df.to.table(t.Name)
		colNew := map[string]string{}
		if to != nil {
			for n, o := range df.rn.columns[t.Name] {
				if src.column(o) != nil && src.column(n) == nil && to.column(n) != nil {
					colNew[o] = n
					df.m.add("rename_"+t.Name+"_"+o+"_to_"+n, fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s;", Ident(t.Name), Ident(o), Ident(n)))
				}
			}
		}
		t.Columns = nil
		for _, c := range src.Columns {
			c2 := *c
			if n, ok := colNew[c.Name]; ok {
				c2.Name = n
				c2.Postgres.Checks = renameIn(c.Postgres.Checks, c.Name, n)
				c2.SQLite.Checks = renameIn(c.SQLite.Checks, c.Name, n)
			}
			c2.Postgres.References = renameTableRef(c2.Postgres.References, tableNew)
			c2.SQLite.References = renameTableRef(c2.SQLite.References, tableNew)
			t.Columns = append(t.Columns, &c2)
		}
		t.PrimaryKey = slices.Clone(src.PrimaryKey)
		for i, c := range t.PrimaryKey {
			if n, ok := colNew[c]; ok {
				t.PrimaryKey[i] = n
			}
		}
		out.Tables = append(out.Tables, &t)
	}
	return out
}

// renameIn replaces the identifier old with new in SQL expressions.
func renameIn(exprs []string, old, new string) []string {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_"])` + regexp.QuoteMeta(Ident(old)) + `($|[^A-Za-z0-9_"])`)
	out := make([]string, len(exprs))
	for i, x := range exprs {
		out[i] = re.ReplaceAllString(x, "${1}"+strings.ReplaceAll(Ident(new), "$", "$$")+"${2}")
	}
	return out
}

// renameTableRef rewrites "REFERENCES old (" after a table rename: both
// dialects follow a renamed table in the foreign keys that point at it.
func renameTableRef(ref string, tableNew map[string]string) string {
	for o, n := range tableNew {
		if p := "REFERENCES " + Ident(o) + " ("; strings.HasPrefix(ref, p) {
			return "REFERENCES " + Ident(n) + " (" + strings.TrimPrefix(ref, p)
		}
	}
	return ref
}

// columnChanges splits the columns of a kept table into added, dropped and
// changed ones (in dialect d), in column order.
func columnChanges(src, t *TableState, d Dialect) (added, dropped, changed []*ColumnState) {
	for _, c := range t.Columns {
		switch old := src.column(c.Name); {
		case old == nil:
			added = append(added, c)
		case !old.ddl(d).equal(c.ddl(d)):
			changed = append(changed, c)
		}
	}
	for _, c := range src.Columns {
		if t.column(c.Name) == nil {
			dropped = append(dropped, c)
		}
	}
	return added, dropped, changed
}

// needsRebuild reports whether SQLite must rebuild src to make it t: anything
// but adding columns ALTER TABLE ADD COLUMN accepts.
func needsRebuild(src, t *TableState) bool {
	added, dropped, changed := columnChanges(src, t, SQLite)
	if len(changed) > 0 || !slices.Equal(src.PrimaryKey, t.PrimaryKey) {
		return true
	}
	for _, c := range dropped {
		if !sqliteDroppable(src, c) {
			return true
		}
	}
	for _, c := range added {
		if !sqliteAddable(c.SQLite) {
			return true
		}
	}
	return false
}

// sqliteAddable reports whether SQLite's ADD COLUMN takes the column: no key
// or UNIQUE, a constant default, a default when NOT NULL, and a NULL default
// when it references another table.
func sqliteAddable(c ColumnDDL) bool {
	switch {
	case c.Key != "" || c.Unique:
		return false
	case strings.Contains(c.Default, "(") || strings.HasPrefix(c.Default, "CURRENT_"):
		return false
	case c.NotNull && c.Default == "":
		return false
	case c.References != "" && c.Default != "":
		return false
	}
	return true
}

// sqliteDroppable reports whether SQLite's DROP COLUMN takes c: not a key,
// unique or a reference, in no index and in no other column's CHECK.
func sqliteDroppable(t *TableState, c *ColumnState) bool {
	d := c.SQLite
	if d.Key != "" || d.Unique || d.References != "" || slices.Contains(t.PrimaryKey, c.Name) {
		return false
	}
	uses := regexp.MustCompile(`(^|[^A-Za-z0-9_"])` + regexp.QuoteMeta(Ident(c.Name)) + `($|[^A-Za-z0-9_"])`)
	for _, ix := range t.Indexes {
		if _, cols, ok := strings.Cut(ix.SQL, " ON "); ok && uses.MatchString(cols) {
			return false
		}
	}
	for _, o := range t.Columns {
		if o.Name == c.Name {
			continue
		}
		for _, ck := range o.SQLite.Checks {
			if uses.MatchString(ck) {
				return false
			}
		}
	}
	return true
}

// rebuildTable rebuilds a SQLite table src into t, keeping the rows.
func (df *differ) rebuildTable(src, t *TableState) {
	df.m.rebuild = true
	tmp := t.Name + "__new"
	nt := *t
	nt.Name = tmp
	var cols, vals []string
	for _, c := range t.Columns {
		old := src.column(c.Name)
		if old == nil {
			continue
		}
		cols = append(cols, Ident(c.Name))
		v := Ident(c.Name)
		if c.SQLite.notNull() && !old.SQLite.notNull() && c.SQLite.Default != "" {
			v = fmt.Sprintf("COALESCE(%s, %s)", v, c.SQLite.Default)
		}
		vals = append(vals, v)
	}
	added, dropped, changed := columnChanges(src, t, SQLite)
	note := "Rebuild " + t.Name + ": SQLite cannot alter a column in place."
	for _, c := range dropped {
		note += fmt.Sprintf(" Destroys column %s.%s and the data in it.", t.Name, c.Name)
	}
	df.m.add("", comment(note)+"\n"+nt.createSQL(SQLite))
	df.m.add("", fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s FROM %s;", Ident(tmp), strings.Join(cols, ", "), strings.Join(vals, ", "), Ident(t.Name)))
	df.m.add("", "DROP TABLE "+Ident(t.Name)+";")
	df.m.add("", fmt.Sprintf("ALTER TABLE %s RENAME TO %s;", Ident(tmp), Ident(t.Name)))
	df.describe(t, added, dropped, changed)
}

// describe records the column changes of a rebuilt table for the file name.
func (df *differ) describe(t *TableState, added, dropped, changed []*ColumnState) {
	for _, c := range added {
		df.m.steps = append(df.m.steps, step{what: "add_" + t.Name + "_" + c.Name})
	}
	for _, c := range dropped {
		df.m.steps = append(df.m.steps, step{what: "drop_" + t.Name + "_" + c.Name})
	}
	for _, c := range changed {
		df.m.steps = append(df.m.steps, step{what: "alter_" + t.Name + "_" + c.Name})
	}
}

// alterTable changes src into t with ALTER TABLE: on PostgreSQL every kind
// of change, on SQLite only added columns (see needsRebuild).
func (df *differ) alterTable(src, t *TableState) {
	table := Ident(t.Name)
	added, dropped, changed := columnChanges(src, t, df.d)
	for _, c := range dropped {
		df.m.add("drop_"+t.Name+"_"+c.Name, comment(fmt.Sprintf("Destroys column %s.%s and the data in it.", t.Name, c.Name))+"\n"+
			fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s;", table, Ident(c.Name)))
	}
	for _, c := range added {
		df.m.add("add_"+t.Name+"_"+c.Name, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s;", table, c.ddl(df.d).def(c.Name)))
	}
	for _, c := range changed {
		df.alterColumn(t, src.column(c.Name).Postgres, c.Postgres, c.Name)
	}
	if !slices.Equal(src.PrimaryKey, t.PrimaryKey) && df.d == Postgres {
		df.m.add("alter_"+t.Name+"_pkey", fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", table, Ident(t.Name+"_pkey")))
		if len(t.PrimaryKey) > 0 {
			df.m.add("", fmt.Sprintf("ALTER TABLE %s ADD PRIMARY KEY (%s);", table, identList(t.PrimaryKey)))
		}
	}
}

// alterColumn changes one PostgreSQL column from old to new. A key clause
// that changes is refused by the planner before it gets here.
func (df *differ) alterColumn(t *TableState, old, new ColumnDDL, name string) {
	table, col := Ident(t.Name), Ident(name)
	alter := func(format string, args ...any) {
		df.m.add("", fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s ", table, col)+fmt.Sprintf(format, args...)+";")
	}
	df.m.steps = append(df.m.steps, step{what: "alter_" + t.Name + "_" + name})
	if old.Unique && !new.Unique {
		df.m.add("", dropConstraints(t.Name, name, 'u'))
	}
	if old.References != "" && old.References != new.References {
		df.m.add("", dropConstraints(t.Name, name, 'f'))
	}
	if !slices.Equal(old.Checks, new.Checks) && len(old.Checks) > 0 {
		df.m.add("", dropConstraints(t.Name, name, 'c'))
	}
	if old.Default != new.Default && old.Default != "" {
		alter("DROP DEFAULT")
	}
	if old.Type != new.Type {
		alter("TYPE %s USING %s::%s", new.Type, col, new.Type)
	}
	if old.Default != new.Default && new.Default != "" {
		alter("SET DEFAULT %s", new.Default)
	}
	switch {
	case new.NotNull && !old.NotNull:
		if new.Default != "" {
			df.m.add("", fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s IS NULL;", table, col, new.Default, col))
		}
		alter("SET NOT NULL")
	case old.NotNull && !new.NotNull:
		alter("DROP NOT NULL")
	}
	if new.Unique && !old.Unique {
		df.m.add("", fmt.Sprintf("ALTER TABLE %s ADD UNIQUE (%s);", table, col))
	}
	if new.References != "" && old.References != new.References {
		df.m.add("", fmt.Sprintf("ALTER TABLE %s ADD FOREIGN KEY (%s) %s;", table, col, new.References))
	}
	if !slices.Equal(old.Checks, new.Checks) {
		for _, ck := range new.Checks {
			df.m.add("", fmt.Sprintf("ALTER TABLE %s ADD CHECK (%s);", table, ck))
		}
	}
}

// dropConstraints drops the PostgreSQL constraints of one kind ('c' check,
// 'u' unique, 'f' foreign key) on exactly one column. Their names were chosen
// by PostgreSQL when the column was created, and a rename keeps the old
// ones, so they are looked up in the catalog.
func dropConstraints(table, column string, kind byte) string {
	rel := Literal(Ident(table))
	return fmt.Sprintf(`DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.conname FROM pg_constraint c
        WHERE c.conrelid = %[1]s::regclass AND c.contype = '%[4]c'
          AND c.conkey = ARRAY[(SELECT a.attnum FROM pg_attribute a
                                WHERE a.attrelid = %[1]s::regclass AND a.attname = %[3]s)]
    LOOP
        EXECUTE format('ALTER TABLE %%I DROP CONSTRAINT %%I', %[2]s, r.conname);
    END LOOP;
END $$;`, rel, Literal(table), Literal(column), kind)
}

// checkChange reports what the change from from to to would destroy or cannot
// do, as diagnostics on the spec; destructive ones are errors unless allowed.
func checkChange(from, to *State, rn renames, s *ir.Schema, specPath string, allow bool) diag.List {
	var ds diag.List
	entity := func(table string) *ir.Entity {
		for _, e := range s.Entities {
			if e.Table == table {
				return e
			}
		}
		return nil
	}
	destructive := func(pos diag.Pos, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if allow {
			ds = append(ds, diag.Warnf(pos, "%s (confirmed with --allow-destructive)", msg))
			return
		}
		ds = append(ds, diag.Errorf(pos, "%s; run crudgen with --allow-destructive to confirm", msg))
	}
	df := &differ{from: from, to: to, rn: rn}
	old := df.applyRenames()
	var dropped, added []*TableState
	for _, t := range old.Tables {
		if to.table(t.Name) == nil && !t.Managed {
			dropped = append(dropped, t)
		}
	}
	for _, t := range to.Tables {
		if old.table(t.Name) == nil {
			added = append(added, t)
		}
	}
	for _, t := range dropped {
		hint := ""
		if len(added) > 0 {
			e := entity(added[0].Name)
			hint = fmt.Sprintf(" (if %s is %s renamed, write `crudgen: renamed_from=%s` under its heading at %s)", added[0].Name, t.Name, t.Name, e.Pos)
		}
		destructive(diag.Pos{File: specPath, Line: 1, Col: 1},
			"table %s is no longer in the spec: the migration would drop it and its %d columns with all their rows%s", t.Name, len(t.Columns), hint)
	}
	for _, t := range to.Tables {
		src := old.table(t.Name)
		e := entity(t.Name)
		if src == nil || t.Managed || e == nil {
			continue
		}
		addedCols, droppedCols, changed := columnChanges(src, t, Postgres)
		for _, c := range droppedCols {
			hint := ""
			for _, a := range addedCols {
				if a.Type == c.Type {
					f := e.Field(a.Name)
					hint = fmt.Sprintf(" (if %s is %s renamed, write `renamed from %s` in its constraints at %s)", a.Name, c.Name, c.Name, f.Pos)
					break
				}
			}
			destructive(e.Pos, "column %s.%s is no longer in the spec: the migration would drop it with its data%s", t.Name, c.Name, hint)
		}
		for _, c := range addedCols {
			if c.Postgres.NotNull && c.Postgres.Default == "" {
				ds = append(ds, diag.Errorf(e.Field(c.Name).Pos, "new column %s.%s is NOT NULL without a default, which rows already in %s cannot have; "+
					"give it a DEFAULT, or add it nullable, fill it, and make it NOT NULL in a later change", t.Name, c.Name, t.Name))
			}
		}
		for _, c := range changed {
			was := src.column(c.Name)
			f := e.Field(c.Name)
			switch {
			case was.Postgres.Key != c.Postgres.Key:
				ds = append(ds, diag.Errorf(f.Pos, "column %s.%s changes its primary key (%q to %q), which generated migrations do not do; "+
					"write that migration by hand, or keep the key as it was", t.Name, c.Name, was.Postgres.Key, c.Postgres.Key))
			case narrows(was, c):
				destructive(f.Pos, "column %s.%s narrows from %s to %s: values that do not fit would make the migration fail or be cut",
					t.Name, c.Name, describeType(was), describeType(c))
			}
			if gone := removed(was.Enum, c.Enum); len(gone) > 0 {
				destructive(f.Pos, "column %s.%s no longer allows %s: rows holding them would make the migration fail",
					t.Name, c.Name, strings.Join(gone, ", "))
			}
			if c.Postgres.NotNull && !was.Postgres.NotNull {
				fill := "rows where it is NULL would make the migration fail"
				if c.Postgres.Default != "" {
					fill = "rows where it is NULL are set to its default " + c.Postgres.Default
				}
				destructive(f.Pos, "column %s.%s becomes NOT NULL: %s", t.Name, c.Name, fill)
			}
		}
		if !slices.Equal(src.PrimaryKey, t.PrimaryKey) {
			ds = append(ds, diag.Errorf(e.Pos, "table %s changes its primary key, which generated migrations do not do; write that migration by hand", t.Name))
		}
	}
	return ds
}

// narrows reports whether a column's type change can lose values.
func narrows(was, now *ColumnState) bool {
	if was.Type == now.Type {
		return now.MaxLength > 0 && (was.MaxLength == 0 || now.MaxLength < was.MaxLength)
	}
	wider := map[ir.Type][]ir.Type{
		ir.Int:    {ir.BigInt, ir.Decimal},
		ir.BigInt: {ir.Decimal},
		ir.String: {ir.Text},
		ir.Enum:   {ir.String, ir.Text},
		ir.UUID:   {ir.Text},
	}
	return !slices.Contains(wider[was.Type], now.Type) || (now.MaxLength > 0 && now.MaxLength < was.MaxLength)
}

// describeType names a column's type in a diagnostic: "string(200)".
func describeType(c *ColumnState) string {
	if c.MaxLength > 0 {
		return fmt.Sprintf("%s(%d)", c.Type, c.MaxLength)
	}
	return string(c.Type)
}

// removed returns the values of was that now lacks, when both are enums.
func removed(was, now []string) []string {
	if len(was) == 0 || len(now) == 0 {
		return nil
	}
	var gone []string
	for _, v := range was {
		if !slices.Contains(now, v) {
			gone = append(gone, v)
		}
	}
	return gone
}
