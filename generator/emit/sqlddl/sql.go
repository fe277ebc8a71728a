// Package sqlddl is the emitter of the generated backend's SQL: the goose
// migrations per dialect, and the SQL spelling (identifier quoting, string
// literals, bind placeholders) that the repository code of package gocode
// must share with them. It is one of the artifact emitters package emit runs;
// it reads the resolved schema (package ir) and the logical-type table
// (ir.Type.Info), and writes plain text.
package sqlddl

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
)

// File is one generated SQL file; Path is slash-separated and relative to
// the output folder.
type File struct {
	Path    string
	Content []byte
}

// This file renders the SQL migrations: one goose migration per dialect,
// migrations/sqlite/00001_init.sql and migrations/postgres/00001_init.sql.
//
// Decisions, in short:
//
//   - Tables are created so that referenced tables come first (a stable
//     topological sort in spec order). A reference cycle is broken at the first
//     table of the cycle in spec order: on PostgreSQL its forward references are
//     added with ALTER TABLE once every table exists; SQLite does not check a
//     REFERENCES target when a table is created, so the constraint stays inline.
//   - Tables managed by an auth provider (Better Auth's users) are created with
//     CREATE TABLE IF NOT EXISTS, because the provider may have created them
//     first, and the Down migration leaves them in place: they hold the
//     provider's data, not ours. References from our tables to them (the
//     owner's user_id) are documented in a comment but not enforced with a
//     foreign key: the provider may keep its tables in another database, and
//     any authenticated subject must be able to write without a users row
//     here. References between our own tables are real foreign keys.
//   - SQLite column types are chosen for modernc.org/sqlite: it returns
//     columns declared DATE, DATETIME or TIMESTAMP as time.Time, so timestamps
//     are TIMESTAMP and dates DATE (platform.Date scans time.Time as well as
//     strings). Booleans are 0/1 integers, decimals NUMERIC (so they sort and
//     compare as numbers), and lengths, enums, booleans and JSON are enforced
//     with CHECK constraints. Tables are not STRICT, since STRICT tables reject
//     the DATE and TIMESTAMP type names.
//   - PostgreSQL gets native types (VARCHAR(n), TIMESTAMPTZ, DATE, UUID, JSONB,
//     BYTEA, NUMERIC, BOOLEAN) and identity columns for integer keys.
//   - Enums are TEXT with a CHECK (col IN (...)) on both dialects, so adding a
//     value is a plain constraint change rather than an ALTER TYPE.
//   - On soft-delete entities, unique indexes and unique columns are partial
//     (WHERE deleted_at IS NULL): a deleted row does not block a new one with
//     the same key.

// migrationHeader is the comment every generated migration starts with. It
// must not contain the word goose preceded by a plus sign: goose reads any
// comment line with that word as an annotation.
const migrationHeader = header.SQL + `
--
-- The initial schema, regenerated from the spec on every crudgen run.
-- Once a database has been migrated with it, goose has recorded version 1
-- and will not run this file again: changing the spec then changes this file
-- but not the deployed database. Put every later schema change in a new,
-- hand-written migration next to this file (for example 00002_add_notes.sql);
-- crudgen owns only the files that start with the line above and never
-- touches the others.
`

// Migrations renders the initial goose migration for SQLite and for
// PostgreSQL. Every entity gets a table, managed ones included, so that
// foreign keys to them work.
func Migrations(s *ir.Schema) ([]File, error) {
	plan, err := planTables(s)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, d := range Dialects {
		content, err := renderMigration(plan, d)
		if err != nil {
			return nil, err
		}
		files = append(files, File{
			Path:    "migrations/" + d.Dir() + "/00001_init.sql",
			Content: content,
		})
	}
	return files, nil
}

// tablePlan is the order tables are created in and the references that must
// wait until every table exists.
type tablePlan struct {
	order []*ir.Entity
	// deferred holds the fields whose foreign key closes a reference cycle.
	deferred map[*ir.Field]bool
	// targets maps each referencing field to the entity it references.
	targets map[*ir.Field]*ir.Entity
	// loose maps the references that are documented in a comment but not
	// enforced with a foreign key to the reason why. References from our
	// tables to a managed table are loose: the auth provider may keep its
	// tables in another database, and the owner of a row is whoever the token
	// names, whether or not this database holds a row for them (a token's
	// subject must be able to write at once). So are references to a column
	// that is neither a primary key nor unique, which no foreign key can
	// point at.
	loose map[*ir.Field]string
	// referenced holds the fields some foreign key points at; their
	// uniqueness stays a full constraint even on soft-delete entities, since
	// PostgreSQL cannot point a foreign key at a partial unique index.
	referenced map[*ir.Field]bool
}

// planTables checks every reference and orders the tables so that a table
// comes after the tables it references, keeping spec order where it can.
// Resolve reports unknown tables, columns and indexed columns with their
// position; the errors here guard hand-built schemas.
func planTables(s *ir.Schema) (*tablePlan, error) {
	if s == nil || len(s.Entities) == 0 {
		return nil, fmt.Errorf("migrations: the schema has no entities")
	}
	byTable := make(map[string]*ir.Entity, len(s.Entities))
	for _, e := range s.Entities {
		key := strings.ToLower(e.Table)
		if other, ok := byTable[key]; ok {
			return nil, fmt.Errorf("migrations: entities %s and %s both use table %q", other.Name, e.Name, e.Table)
		}
		byTable[key] = e
	}
	p := &tablePlan{deferred: map[*ir.Field]bool{}, targets: map[*ir.Field]*ir.Entity{},
		loose: map[*ir.Field]string{}, referenced: map[*ir.Field]bool{}}
	deps := make(map[*ir.Entity][]*ir.Entity, len(s.Entities))
	for _, e := range s.Entities {
		if len(e.Fields) == 0 {
			return nil, fmt.Errorf("migrations: entity %s has no fields", e.Name)
		}
		for _, ix := range e.Indexes {
			for _, c := range ix.Columns {
				if e.Field(c) == nil {
					return nil, fmt.Errorf("migrations: index %s of %s names unknown column %q", ix.Name, e.Table, c)
				}
			}
		}
		for _, f := range e.Fields {
			if f.References == nil {
				continue
			}
			target := byTable[strings.ToLower(f.References.Table)]
			if target == nil {
				return nil, fmt.Errorf("migrations: %s.%s references unknown table %q", e.Table, f.Column, f.References.Table)
			}
			tf := target.Field(f.References.Column)
			if tf == nil {
				return nil, fmt.Errorf("migrations: %s.%s references unknown column %s.%s", e.Table, f.Column, target.Table, f.References.Column)
			}
			if !s.Enforced(e, f) {
				p.loose[f] = looseReason(e, target, tf)
				continue
			}
			p.targets[f] = target
			p.referenced[tf] = true
			if target != e && !slices.Contains(deps[e], target) {
				deps[e] = append(deps[e], target)
			}
		}
	}
	done := make(map[*ir.Entity]bool, len(s.Entities))
	for len(p.order) < len(s.Entities) {
		var next *ir.Entity
		for _, e := range s.Entities {
			if !done[e] && allDone(deps[e], done) {
				next = e
				break
			}
		}
		if next == nil {
			// Every remaining table waits on another, so some of them form a
			// cycle. Create the first table in spec order that is on a cycle
			// now and add its references to tables not yet created later.
			for _, e := range s.Entities {
				if !done[e] && onCycle(e, deps, done) {
					next = e
					break
				}
			}
			if next == nil {
				return nil, fmt.Errorf("migrations: cannot order the tables (internal error)")
			}
			for _, f := range next.Fields {
				if t := p.targets[f]; t != nil && t != next && !done[t] {
					p.deferred[f] = true
				}
			}
		}
		done[next] = true
		p.order = append(p.order, next)
	}
	return p, nil
}

// looseReason is the comment of a reference that ir.Schema.Enforced leaves
// without a foreign key.
func looseReason(from, target *ir.Entity, tf *ir.Field) string {
	if target.Managed && !from.Managed {
		return fmt.Sprintf("%s is managed by %s, which may keep it in another database, "+
			"and a token's subject may write before (or without) having a row there.", target.Table, managedBy(target))
	}
	return fmt.Sprintf("%s.%s is neither the primary key nor unique, which a foreign key needs.", target.Table, tf.Column)
}

// onCycle reports whether start can reach itself through the references
// between tables not yet created.
func onCycle(start *ir.Entity, deps map[*ir.Entity][]*ir.Entity, done map[*ir.Entity]bool) bool {
	seen := map[*ir.Entity]bool{}
	stack := slices.Clone(deps[start])
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == start {
			return true
		}
		if done[e] || seen[e] {
			continue
		}
		seen[e] = true
		stack = append(stack, deps[e]...)
	}
	return false
}

// allDone reports whether every entity in es is marked in done.
func allDone(es []*ir.Entity, done map[*ir.Entity]bool) bool {
	for _, e := range es {
		if !done[e] {
			return false
		}
	}
	return true
}

// renderMigration writes the whole migration file for one dialect.
func renderMigration(p *tablePlan, d Dialect) ([]byte, error) {
	var b strings.Builder
	b.WriteString(migrationHeader)
	if d == SQLite {
		b.WriteString(`--
-- SQLite (modernc.org/sqlite). Timestamps are TIMESTAMP and dates DATE
-- columns, which the driver returns as time.Time; booleans are 0/1 integers;
-- lengths, enums, booleans and JSON are checked with CHECK constraints.
`)
	} else {
		b.WriteString(`--
-- PostgreSQL. Timestamps are TIMESTAMPTZ; enums are TEXT with a CHECK
-- constraint, so adding a value needs no ALTER TYPE.
`)
	}
	b.WriteString("\n-- +goose Up\n")

	// up holds blocks of statements (a table and its indexes), written with a
	// blank line between blocks; down holds single statements and comments.
	var up [][]string
	var down []string
	indexNames := map[string]bool{}
	for _, e := range p.order {
		for _, ix := range e.Indexes {
			indexNames[strings.ToLower(ix.Name)] = true
		}
	}
	for _, e := range p.order {
		stmt, err := createTable(p, e, d)
		if err != nil {
			return nil, err
		}
		up = append(up, append([]string{stmt}, createIndexes(p, e, indexNames)...))
	}
	var alters []string
	for _, e := range p.order {
		for _, f := range e.Fields {
			if !p.deferred[f] || d == SQLite {
				continue // SQLite keeps the reference inline; see createTable.
			}
			name := Ident(constraintName("fk", e.Table, f.Column))
			alters = append(alters, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) %s;",
				Ident(e.Table), name, Ident(f.Column), references(p, f)))
			down = append(down, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;", Ident(e.Table), name))
		}
	}
	if len(alters) > 0 {
		alters[0] = "-- References that close a cycle, added once every table exists.\n" + alters[0]
		up = append(up, alters)
	}
	for i := len(p.order) - 1; i >= 0; i-- {
		e := p.order[i]
		if e.Managed {
			down = append(down, comment(fmt.Sprintf("%s is managed by %s and is left in place.", e.Table, managedBy(e))))
			continue
		}
		down = append(down, fmt.Sprintf("DROP TABLE IF EXISTS %s;", Ident(e.Table)))
	}

	for i, block := range up {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, stmt := range block {
			writeStatement(&b, stmt)
		}
	}
	b.WriteString("\n-- +goose Down\n")
	for _, stmt := range down {
		writeStatement(&b, stmt)
	}
	return []byte(b.String()), nil
}

// writeStatement writes one statement and a newline. A statement that goose
// would end too early (a line inside it ends with a semicolon, for example in
// a string literal) is wrapped in StatementBegin and StatementEnd annotations.
func writeStatement(b *strings.Builder, stmt string) {
	lines := strings.Split(stmt, "\n")
	wrap := false
	for _, line := range lines[:len(lines)-1] {
		if endsStatement(line) {
			wrap = true
		}
	}
	if wrap {
		// Leading comments stay outside the annotated block.
		for len(lines) > 1 && strings.HasPrefix(lines[0], "--") {
			b.WriteString(lines[0])
			b.WriteByte('\n')
			lines = lines[1:]
		}
		stmt = strings.Join(lines, "\n")
		b.WriteString("-- +goose StatementBegin\n")
	}
	b.WriteString(stmt)
	b.WriteByte('\n')
	if wrap {
		b.WriteString("-- +goose StatementEnd\n")
	}
}

// comment renders text as SQL comment lines of at most about 80
// characters. Whitespace runs become one space, and the goose annotation
// marker is defused, so that names taken from the spec cannot end the comment
// or be read as an annotation.
func comment(text string) string {
	text = strings.ReplaceAll(text, "+goose", "goose")
	var lines []string
	line := "--"
	for _, w := range strings.Fields(text) {
		if len(line) > 2 && len(line)+1+len(w) > 80 {
			lines = append(lines, line)
			line = "--"
		}
		line += " " + w
	}
	return strings.Join(append(lines, line), "\n")
}

// endsStatement reports whether goose would end a statement at line: its
// last word before a -- comment ends with a semicolon.
func endsStatement(line string) bool {
	prev := ""
	for _, w := range strings.Fields(line) {
		if strings.HasPrefix(w, "--") {
			break
		}
		prev = w
	}
	return strings.HasSuffix(prev, ";")
}

// managedBy names the provider that manages e, for comments.
func managedBy(e *ir.Entity) string {
	if e.ManagedBy != "" {
		return e.ManagedBy
	}
	return "an external provider"
}

// createTable renders the CREATE TABLE statement of e.
func createTable(p *tablePlan, e *ir.Entity, d Dialect) (string, error) {
	var b strings.Builder
	if e.Managed {
		b.WriteString(comment(fmt.Sprintf("%s is managed by %s, which may already have created it. "+
			"It is created here only when missing, so that the schema is complete.", e.Table, managedBy(e))))
		b.WriteByte('\n')
	}
	for _, f := range e.Fields {
		if why := p.loose[f]; why != "" {
			text := fmt.Sprintf("%s.%s refers to %s.%s without a foreign key: %s", e.Table, f.Column, f.References.Table, f.References.Column, why)
			if a := ir.Action(f.References.OnDelete); a != "" {
				text += " ON DELETE " + a + " is not applied either."
			}
			b.WriteString(comment(text))
			b.WriteByte('\n')
		}
	}
	if d == SQLite {
		for _, f := range e.Fields {
			if p.deferred[f] {
				b.WriteString(comment(fmt.Sprintf("%s.%s closes a reference cycle: SQLite accepts the reference before %s exists, "+
					"but the Down migration can fail while rows of the cycle still reference each other.", e.Table, f.Column, p.targets[f].Table)))
				b.WriteByte('\n')
			}
		}
	}
	b.WriteString("CREATE TABLE ")
	if e.Managed {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(Ident(e.Table))
	b.WriteString(" (\n")
	var defs []string
	single := len(e.PrimaryKey) == 1
	for _, f := range e.Fields {
		def, err := columnDef(p, e, f, d, single && f.PrimaryKey)
		if err != nil {
			return "", err
		}
		defs = append(defs, def)
	}
	if len(e.PrimaryKey) > 1 {
		cols := make([]string, len(e.PrimaryKey))
		for i, c := range e.PrimaryKey {
			if e.Field(c) == nil {
				return "", fmt.Errorf("migrations: %s: primary key column %q is not a field", e.Table, c)
			}
			cols[i] = Ident(c)
		}
		defs = append(defs, "PRIMARY KEY ("+strings.Join(cols, ", ")+")")
	}
	for i, def := range defs {
		b.WriteString("    ")
		b.WriteString(def)
		if i < len(defs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(");")
	return b.String(), nil
}

// columnDef renders one column definition: name, type, key, nullability,
// uniqueness, default, reference and checks, in that order.
func columnDef(p *tablePlan, e *ir.Entity, f *ir.Field, d Dialect, pk bool) (string, error) {
	col := Ident(f.Column)
	parts := []string{col}
	auto := f.AutoIncrement
	if auto && (!pk || !f.Type.Info().Integer) {
		return "", fmt.Errorf("migrations: %s.%s: auto increment needs a single integer primary key", e.Table, f.Column)
	}
	typ, err := columnType(f, d)
	if err != nil {
		return "", fmt.Errorf("migrations: %s.%s: %w", e.Table, f.Column, err)
	}
	if f.References != nil && p.loose[f] == "" && d == Postgres {
		// PostgreSQL refuses a foreign key between incompatible types (text
		// and uuid, say), so a column written with a looser type than its
		// target takes the target's type; the Go side is a string either way.
		tf := p.targets[f].Field(f.References.Column)
		if typeFamily(tf.Type) != typeFamily(f.Type) {
			if typ, err = columnType(tf, d); err != nil {
				return "", fmt.Errorf("migrations: %s.%s: %w", e.Table, f.Column, err)
			}
		}
	}
	switch {
	case auto && d == SQLite:
		// Only this exact spelling makes the column the rowid alias.
		parts = append(parts, "INTEGER PRIMARY KEY AUTOINCREMENT")
	case auto:
		parts = append(parts, typ, "GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
	case pk:
		parts = append(parts, typ, "PRIMARY KEY NOT NULL")
	default:
		parts = append(parts, typ)
		if !f.Nullable || f.PrimaryKey {
			parts = append(parts, "NOT NULL")
		}
	}
	if f.Unique && !pk && !partialUnique(p, e, []string{f.Column}) {
		parts = append(parts, "UNIQUE")
	}
	if def := columnDefault(f, d); def != "" && !auto {
		parts = append(parts, "DEFAULT "+def)
	}
	if f.References != nil && p.loose[f] == "" && !(p.deferred[f] && d == Postgres) {
		parts = append(parts, references(p, f))
	}
	for _, c := range checks(f, d) {
		parts = append(parts, "CHECK ("+c+")")
	}
	return strings.Join(parts, " "), nil
}

// references renders "REFERENCES table (column) [ON DELETE action]".
func references(p *tablePlan, f *ir.Field) string {
	target := p.targets[f]
	s := fmt.Sprintf("REFERENCES %s (%s)", Ident(target.Table), Ident(target.Field(f.References.Column).Column))
	if a := ir.Action(f.References.OnDelete); a != "" {
		s += " ON DELETE " + a
	}
	return s
}

// typeFamily groups the logical types whose PostgreSQL columns can be
// joined by a foreign key.
func typeFamily(t ir.Type) string {
	if info := t.Info(); info.PostgresFamily != "" {
		return info.PostgresFamily
	}
	return t.Info().Postgres
}

// columnType maps a logical type to the dialect's column type.
func columnType(f *ir.Field, d Dialect) (string, error) {
	info := f.Type.Info()
	switch {
	case !f.Type.Known():
		return "", fmt.Errorf("unknown type %q", f.Type)
	case d == SQLite:
		return info.SQLite, nil
	case info.PostgresSized != "" && f.MaxLength > 0:
		return fmt.Sprintf(info.PostgresSized, f.MaxLength), nil
	}
	return info.Postgres, nil
}

// checks lists the CHECK expressions of a column: enum values, the
// SQLite stand-ins for native types, lengths, not-blank and numeric bounds.
// Each is implied by the generated Validate rules (not-blank here trims only
// spaces, Validate every Unicode space), so a valid request never fails one.
// A NULL passes every CHECK, so nullable columns need no special case.
func checks(f *ir.Field, d Dialect) []string {
	col := Ident(f.Column)
	var checks []string
	if len(f.Enum) > 0 {
		vals := make([]string, len(f.Enum))
		for i, v := range f.Enum {
			vals[i] = Literal(v)
		}
		checks = append(checks, col+" IN ("+strings.Join(vals, ", ")+")")
	}
	info := f.Type.Info()
	if d == SQLite && info.SQLiteCheck != "" {
		checks = append(checks, fmt.Sprintf(info.SQLiteCheck, col))
	}
	if info.Text {
		length := "length"
		if d == Postgres {
			length = "char_length"
		}
		if f.MaxLength > 0 && (d == SQLite || info.PostgresSized == "") {
			checks = append(checks, fmt.Sprintf("%s(%s) <= %d", length, col, f.MaxLength))
		}
		if f.MinLength > 0 {
			checks = append(checks, fmt.Sprintf("%s(%s) >= %d", length, col, f.MinLength))
		}
		if f.NotBlank {
			checks = append(checks, fmt.Sprintf("length(trim(%s)) > 0", col))
		}
	}
	if info.Number {
		if f.Min != nil {
			checks = append(checks, col+" >= "+bound(f, *f.Min))
		}
		if f.Max != nil {
			checks = append(checks, col+" <= "+bound(f, *f.Max))
		}
	}
	return checks
}

// bound renders a bound of f the way Validate compares it: truncated to an
// integer for integer columns.
func bound(f *ir.Field, x float64) string {
	if f.Type.Info().Integer {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// sqliteRandomUUID is a SQLite expression for a random version 4 UUID in
// its canonical lower-case text form.
const sqliteRandomUUID = "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

// columnDefault renders the IR default of f as a SQL expression; "" means no
// default. The current time is the type's SQL for now, a new UUID
// gen_random_uuid() on PostgreSQL (since version 13) and one built from
// random bytes on SQLite.
func columnDefault(f *ir.Field, d Dialect) string {
	switch {
	case f.Default.Is(ir.DefaultNow):
		return f.Type.Info().SQLNow
	case f.Default.Is(ir.DefaultUUID) && d == Postgres:
		return "gen_random_uuid()"
	case f.Default.Is(ir.DefaultUUID):
		return sqliteRandomUUID
	}
	lit, ok := f.Default.Literal()
	if !ok {
		return ""
	}
	switch v, _ := f.DefaultJSON(); v := v.(type) {
	case bool:
		if d == SQLite {
			return map[bool]string{true: "1", false: "0"}[v]
		}
		return strings.ToUpper(lit)
	case int, float64:
		return lit
	case string:
		if f.Type.Info().Numeric {
			return lit // a decimal: a number in SQL, a string in JSON
		}
	}
	return Literal(lit)
}

// createIndexes renders the indexes of e: a partial unique index per
// unique column of a soft-delete entity (see partialUnique), those of the
// IR, and an index on the owner column unless an index or the primary key
// already starts with it. taken holds the lower-cased index names in use and
// is updated.
func createIndexes(p *tablePlan, e *ir.Entity, taken map[string]bool) []string {
	var out []string
	create := func(name string, unique bool, cols []string) {
		q := make([]string, len(cols))
		for i, c := range cols {
			q[i] = Ident(c)
		}
		kind, where := "INDEX", ""
		if unique {
			kind = "UNIQUE INDEX"
			if partialUnique(p, e, cols) {
				where = " WHERE " + Ident(e.RoleField(ir.RoleDeletedAt).Column) + " IS NULL"
			}
		}
		out = append(out, fmt.Sprintf("CREATE %s IF NOT EXISTS %s ON %s (%s)%s;",
			kind, Ident(name), Ident(e.Table), strings.Join(q, ", "), where))
	}
	fresh := func(prefix string, cols ...string) string {
		base := constraintName(prefix, e.Table, strings.Join(cols, "_"))
		name := base
		for i := 2; taken[strings.ToLower(name)]; i++ {
			name = base + "_" + strconv.Itoa(i)
		}
		taken[strings.ToLower(name)] = true
		return name
	}
	single := len(e.PrimaryKey) == 1
	for _, f := range e.Fields {
		cols := []string{f.Column}
		if f.Unique && !(single && f.PrimaryKey) && partialUnique(p, e, cols) {
			create(fresh("uq", f.Column), true, cols)
		}
	}
	covered := len(e.PrimaryKey) > 0 && e.OwnerField != "" && e.PrimaryKey[0] == e.OwnerField
	for _, ix := range e.Indexes {
		if len(ix.Columns) == 0 {
			continue
		}
		name := ix.Name
		if name == "" {
			prefix := "idx"
			if ix.Unique {
				prefix = "uq"
			}
			name = fresh(prefix, ix.Columns...)
		}
		create(name, ix.Unique, ix.Columns)
		if ix.Columns[0] == e.OwnerField {
			covered = true
		}
	}
	if owner := e.Owner(); owner != nil && !covered {
		create(fresh("idx", owner.Column), false, []string{owner.Column})
	}
	return out
}

// partialUnique reports whether uniqueness of cols in e is enforced by a
// partial unique index that ignores soft-deleted rows: e soft-deletes, and no
// foreign key points at the columns (PostgreSQL cannot point one at a partial
// index).
func partialUnique(p *tablePlan, e *ir.Entity, cols []string) bool {
	if !e.SoftDelete || e.RoleField(ir.RoleDeletedAt) == nil {
		return false
	}
	if len(cols) == 1 {
		if f := e.Field(cols[0]); f != nil && p.referenced[f] {
			return false
		}
	}
	return true
}

// constraintName builds prefix_table_column, the name of a generated index
// or constraint, in lower case with every other character than a letter, a
// digit or an underscore replaced by an underscore, so that it needs no
// quotes. A name longer than PostgreSQL's 63-byte limit is shortened and made
// unique with a hash of the full name, rather than truncated by the database.
func constraintName(prefix, table, column string) string {
	full := prefix + "_" + table + "_" + column
	var b strings.Builder
	for _, r := range strings.ToLower(full) {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	name := b.String()
	if len(name) > 63 {
		sum := fnv.New32a()
		sum.Write([]byte(full))
		name = fmt.Sprintf("%s_%08x", name[:54], sum.Sum32())
	}
	return name
}

// Literal renders s as a SQL string literal, doubling single quotes.
func Literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Ident renders a table, column or index name for both SQLite and
// PostgreSQL: as written when it is a lower-case identifier that is not a
// keyword of either dialect, otherwise in double quotes (which keeps the case
// of camelCase names on PostgreSQL). Repository SQL must quote the same way.
func Ident(name string) string {
	if plainIdent(name) && !keywords[strings.ToUpper(name)] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// plainIdent reports whether name matches [a-z_][a-z0-9_]*.
func plainIdent(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || (c >= 'a' && c <= 'z'):
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// keywords holds the keywords of SQLite (https://sqlite.org/lang_keywords.html)
// and the reserved keywords of PostgreSQL (Appendix C of its manual); an
// identifier spelled like one of them is quoted.
var keywords = func() map[string]bool {
	words := `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYSE ANALYZE AND ANY ARRAY AS ASC
ASYMMETRIC ATTACH AUTHORIZATION AUTOINCREMENT BEFORE BEGIN BETWEEN BINARY BOTH BY
CASCADE CASE CAST CHECK COLLATE COLLATION COLUMN COMMIT CONCURRENTLY CONFLICT
CONSTRAINT CREATE CROSS CURRENT CURRENT_CATALOG CURRENT_DATE CURRENT_ROLE
CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DEFAULT
DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT
EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FALSE FETCH FILTER FIRST FOLLOWING FOR FOREIGN
FREEZE FROM FULL GENERATED GLOB GRANT GROUP GROUPS HAVING IF IGNORE ILIKE IMMEDIATE
IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY
LAST LATERAL LEADING LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP MATCH MATERIALIZED
NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON ONLY OR ORDER OTHERS OUTER
OVER OVERLAPS PARTITION PLACING PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE
RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT
ROLLBACK ROW ROWS SAVEPOINT SELECT SESSION_USER SET SIMILAR SOME SYMMETRIC TABLE
TABLESAMPLE TEMP TEMPORARY THEN TIES TO TRAILING TRANSACTION TRIGGER TRUE UNBOUNDED
UNION UNIQUE UPDATE USER USING VACUUM VALUES VARIADIC VERBOSE VIEW VIRTUAL WHEN
WHERE WINDOW WITH WITHOUT`
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}()
