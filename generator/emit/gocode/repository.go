package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// repositoryPackageDoc is the package comment of the generated package repository.
const repositoryPackageDoc = `Package repository stores the resources of the API in SQLite or PostgreSQL.

There is one store per entity. Its SQL is written once, with "?" placeholders,
and rebound to the database's dialect when the store is built; only the
WHERE and ORDER BY of list queries are assembled at run time, from the
allow-listed columns of platform.ListParams, and every value is a bound
argument. Stores scope every statement to the owner of the rows when the
entity has one, so another owner's row is simply not found. Writes go to
DB.Write, reads to DB.Read.`

// RepositoryShared is internal/repository/repository.go: the package comment
// and the helpers every store uses.
func (g *Gen) RepositoryShared() *jen.File {
	f := g.packageFile(g.repository, "repository", repositoryPackageDoc)
	querierType(f)
	g.queryOneFunc(f)
	g.execOneFunc(f)
	if g.schema.HasEvents() {
		g.withEventFunc(f)
	}
	g.listPageFunc(f)
	resultFuncs(f)
	related, links := g.HasRelationRoutes()
	g.tableType(f, related, links)
	g.assignmentsType(f)
	g.patchHelpers(f)
	g.refHelpers(f)
	if g.anyField(func(e *ir.Entity, f *ir.Field) bool {
		return f.PrimaryKey && serverUUID(f) || !f.PrimaryKey && !f.Nullable && !f.ReadOnly && f.Role == ir.RoleNone && f.Default.Is(ir.DefaultUUID)
	}) {
		newUUIDFunc(f)
	}
	return f
}

// scanType is the type of the functions that read a selected row as a T, the
// scan parameter of queryOne, listPage and withEvent and the scan field of table:
//
//	func(*sql.Rows) (T, error)
func scanType() *jen.Statement {
	return jen.Func().Params(jen.Op("*").Qual("database/sql", "Rows")).Params(jen.Id("T"), jen.Error())
}

// queryOneFunc emits func queryOne[T any](ctx, db, scan, query, args...) (T, error).
func (g *Gen) queryOneFunc(f *jen.File) {
	f.Add(docComment("queryOne runs a statement that yields at most one row — a SELECT by key or an\n" +
		"INSERT or UPDATE ... RETURNING — scans that row with scan and steps the result to\n" +
		"its end before returning, so the statement is finished: a RETURNING result left\n" +
		"unread keeps SQLite's write open and stops WAL checkpoints (which is why writes\n" +
		"never use QueryRow). No row is platform.ErrNotFound."))
	f.Func().Id("queryOne").Types(jen.Id("T").Any()).Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("db").Id("querier"),
		jen.Id("scan").Add(scanType()),
		jen.Id("query").String(),
		jen.Id("args").Op("...").Any(),
	).Params(jen.Id("T"), jen.Error()).Block(
		jen.Var().Id("zero").Id("T"),
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Qual(g.platform, "Query").Call(jen.Id("ctx"), jen.Id("db"), jen.Id("query"), jen.Id("args").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.If(jen.Op("!").Id("rows").Dot("Next").Call()).Block(
			jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
			jen.Return(jen.Id("zero"), jen.Qual(g.platform, "ErrNotFound")),
		),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("scan").Call(jen.Id("rows")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
		jen.If(jen.Id("rows").Dot("Next").Call()).Block(
			jen.Return(jen.Id("zero"), jen.Qual("errors", "New").Call(jen.Lit("query returned more than one row"))),
		),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
		jen.Return(jen.Id("v"), jen.Id("rows").Dot("Close").Call()),
	)
}

// execOneFunc emits func execOne(ctx context.Context, db *sql.DB, query string, args ...any) error.
func (g *Gen) execOneFunc(f *jen.File) {
	f.Add(docComment("execOne runs a statement that changes at most one row — an UPDATE or DELETE\n" +
		"by key — and returns platform.ErrNotFound when it changed none."))
	f.Func().Id("execOne").Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("db").Id("querier"),
		jen.Id("query").String(),
		jen.Id("args").Op("...").Any(),
	).Error().Block(
		jen.List(jen.Id("res"), jen.Err()).Op(":=").Qual(g.platform, "Exec").Call(jen.Id("ctx"), jen.Id("db"), jen.Id("query"), jen.Id("args").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("res").Dot("RowsAffected").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Id("n").Op("==").Lit(0)).Block(jen.Return(jen.Qual(g.platform, "ErrNotFound"))),
		jen.Return(jen.Nil()),
	)
}

// listPageFunc emits func listPage[T any](ctx, db, scan, count, list, p, scope...) ([]T, int, error).
func (g *Gen) listPageFunc(f *jen.File) {
	page := jen.Index().Id("T")
	fail3 := func(err jen.Code) jen.Code {
		return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(0), err))
	}
	f.Add(docComment("listPage returns one page of a list and the number of rows on all pages.\n" +
		"count and list are the store's queries, whose WHERE has the placeholders of\n" +
		"scope; listPage completes both with the filters of p, and list with the\n" +
		"keyset condition of after=, ORDER BY, LIMIT and OFFSET, and reads the page\n" +
		"from db.Read with scan. The rows are counted only when the page does not\n" +
		"tell the total (see platform.ListParams.Total)."))
	f.Func().Id("listPage").Types(jen.Id("T").Any()).Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("db").Op("*").Qual(g.platform, "DB"),
		jen.Id("scan").Add(scanType()),
		jen.List(jen.Id("count"), jen.Id("list")).String(),
		jen.Id("p").Qual(g.platform, "ListParams"),
		jen.Id("scope").Op("...").Any(),
	).Params(page.Clone(), jen.Int(), jen.Error()).Block(
		jen.Id("where").Op(":=").Id("p").Dot("SQL").Call(jen.Id("db").Dot("Dialect"), jen.Len(jen.Id("scope")).Op("+").Lit(1)),
		jen.Id("args").Op(":=").Qual("slices", "Concat").Call(jen.Id("scope"), jen.Id("where").Dot("Args")),
		jen.Id("listArgs").Op(":=").Qual("slices", "Concat").Call(jen.Id("args"), jen.Id("where").Dot("AfterArgs")),
		jen.Id("query").Op(":=").Id("list").Op("+").Id("where").Dot("Where").Op("+").Id("where").Dot("After").Op("+").Lit(" ORDER BY ").Op("+").Id("where").Dot("OrderBy").Op("+").Line().
			Lit(" LIMIT ").Op("+").Id("db").Dot("Dialect").Dot("Placeholder").Call(jen.Len(jen.Id("listArgs")).Op("+").Lit(1)).Op("+").
			Lit(" OFFSET ").Op("+").Id("db").Dot("Dialect").Dot("Placeholder").Call(jen.Len(jen.Id("listArgs")).Op("+").Lit(2)),
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Qual(g.platform, "Query").Call(
			jen.Id("ctx"), jen.Id("db").Dot("Read"), jen.Id("query"), jen.Append(jen.Id("listArgs"), jen.Id("p").Dot("Limit"), jen.Id("p").Dot("Offset")).Op("...")),
		fail3(jen.Err()),
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.Id("items").Op(":=").Add(page.Clone()).Values().Comment("never nil: an empty page is [] in JSON"),
		jen.For(jen.Id("rows").Dot("Next").Call()).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("scan").Call(jen.Id("rows")),
			fail3(jen.Err()),
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("v")),
		),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(0), jen.Err())),
		jen.List(jen.Id("total"), jen.Id("known")).Op(":=").Id("p").Dot("Total").Call(jen.Len(jen.Id("items"))),
		jen.If(jen.Op("!").Id("known")).Block(
			jen.If(
				jen.List(jen.Id("total"), jen.Err()).Op("=").Id("db").Dot("Count").Call(jen.Id("ctx"), jen.Id("count").Op("+").Id("where").Dot("Where"), jen.Id("args").Op("...")),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Nil(), jen.Lit(0), jen.Qual("fmt", "Errorf").Call(jen.Lit("count: %w"), jen.Err()))),
		),
		jen.Return(jen.Id("items"), jen.Id("total"), jen.Nil()),
	)
}

// assignmentsType emits type assignments and its methods set, bind and String.
func (g *Gen) assignmentsType(f *jen.File) {
	f.Add(docComment("assignments collects the SET list of a PATCH statement. Column names come\n" +
		"from the generated code; values are bound arguments."))
	f.Type().Id("assignments").Struct(
		jen.Id("dialect").Qual(g.platform, "Dialect"),
		jen.Id("list").Index().String(),
		jen.Id("args").Index().Any(),
	)
	f.Add(docComment("set adds \"column = <placeholder>\" with value bound to the placeholder."))
	f.Func().Params(jen.Id("a").Op("*").Id("assignments")).Id("set").Params(jen.Id("column").String(), jen.Id("value").Any()).Block(
		jen.Id("a").Dot("list").Op("=").Append(jen.Id("a").Dot("list"), jen.Id("column").Op("+").Lit(" = ").Op("+").Id("a").Dot("bind").Call(jen.Id("value"))),
	)
	f.Add(docComment("bind adds value to the arguments and returns its placeholder."))
	f.Func().Params(jen.Id("a").Op("*").Id("assignments")).Id("bind").Params(jen.Id("value").Any()).String().Block(
		jen.Id("a").Dot("args").Op("=").Append(jen.Id("a").Dot("args"), jen.Id("value")),
		jen.Return(jen.Id("a").Dot("dialect").Dot("Placeholder").Call(jen.Len(jen.Id("a").Dot("args")))),
	)
	f.Add(docComment("String returns the SET list: \"title = $1, updated_at = $2\"."))
	f.Func().Params(jen.Id("a").Op("*").Id("assignments")).Id("String").Params().String().Block(
		jen.Return(jen.Qual("strings", "Join").Call(jen.Id("a").Dot("list"), jen.Lit(", "))),
	)
}

// patchHelpers emits valueOr, setField and setNullable, each only when a field
// of some entity needs it.
func (g *Gen) patchHelpers(f *jen.File) {
	if g.anyField(func(_ *ir.Entity, f *ir.Field) bool { return !f.ReadOnly && f.Role == ir.RoleNone && !f.Nullable }) {
		f.Add(docComment("valueOr returns *p, or def when p is nil (an optional field left out of a request)."))
		f.Func().Id("valueOr").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Id("T"), jen.Id("def").Id("T")).Id("T").Block(
			jen.If(jen.Id("p").Op("!=").Nil()).Block(jen.Return(jen.Op("*").Id("p"))),
			jen.Return(jen.Id("def")),
		)
	}
	// patched reports whether f is a field a PATCH body may set.
	patched := func(f *ir.Field) bool { return !f.PrimaryKey && !f.ReadOnly && f.Role == ir.RoleNone }
	optional := jen.Id("o").Qual(g.platform, "Optional").Types(jen.Id("T"))
	assignTo := jen.Id("a").Op("*").Id("assignments")
	if g.anyField(func(_ *ir.Entity, f *ir.Field) bool { return patched(f) && !f.Nullable }) {
		f.Add(docComment("setField adds \"column = o.Value\" to a when the patch sets o, a field whose\n" +
			"column is NOT NULL (a valid patch never sets it to null)."))
		f.Func().Id("setField").Types(jen.Id("T").Any()).Params(assignTo.Clone(), jen.Id("column").String(), optional.Clone()).Block(
			jen.If(jen.Id("o").Dot("Set")).Block(jen.Id("a").Dot("set").Call(jen.Id("column"), jen.Id("o").Dot("Value"))),
		)
	}
	if g.anyField(func(_ *ir.Entity, f *ir.Field) bool { return patched(f) && f.Nullable }) {
		f.Add(docComment("setNullable adds \"column = o.Value\" to a when the patch sets o, or\n" +
			"\"column = NULL\" when it sets o to null."))
		f.Func().Id("setNullable").Types(jen.Id("T").Any()).Params(assignTo.Clone(), jen.Id("column").String(), optional.Clone()).Block(
			jen.Switch().Block(
				jen.Case(jen.Id("o").Dot("Set").Op("&&").Id("o").Dot("Null")).Block(jen.Id("a").Dot("set").Call(jen.Id("column"), jen.Nil())),
				jen.Case(jen.Id("o").Dot("Set")).Block(jen.Id("a").Dot("set").Call(jen.Id("column"), jen.Id("o").Dot("Value"))),
			),
		)
	}
}

// newUUIDFunc emits func newUUID() string.
func newUUIDFunc(f *jen.File) {
	f.Add(docComment("newUUID returns a random (version 4) UUID in canonical form."))
	f.Func().Id("newUUID").Params().String().Block(
		jen.Var().Id("b").Index(jen.Lit(16)).Byte(),
		jen.Qual("crypto/rand", "Read").Call(jen.Id("b").Index(jen.Empty(), jen.Empty())).Comment("never fails; it panics if the system's generator does"),
		jen.Id("b").Index(jen.Lit(6)).Op("=").Id("b").Index(jen.Lit(6)).Op("&").Lit(0x0f).Op("|").Lit(0x40),
		jen.Id("b").Index(jen.Lit(8)).Op("=").Id("b").Index(jen.Lit(8)).Op("&").Lit(0x3f).Op("|").Lit(0x80),
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit("%x-%x-%x-%x-%x"),
			jen.Id("b").Index(jen.Lit(0), jen.Lit(4)), jen.Id("b").Index(jen.Lit(4), jen.Lit(6)),
			jen.Id("b").Index(jen.Lit(6), jen.Lit(8)), jen.Id("b").Index(jen.Lit(8), jen.Lit(10)),
			jen.Id("b").Index(jen.Lit(10), jen.Empty()))),
	)
}

// serverUUID reports whether the server generates a primary key's value in Go
// (a string key the server assigns, not the database nor the client).
func serverUUID(f *ir.Field) bool { return serverKey(f) && !f.AutoIncrement && !f.Type.Info().Integer }

// serverKey reports whether f is a primary key the server side assigns (in Go
// or in the database), rather than a natural or referencing key the client
// chooses and sends.
func serverKey(f *ir.Field) bool { return f.PrimaryKey && f.Role == ir.RoleID }

// store gathers the names and SQL pieces of one entity's store.
type store struct {
	e                          *ir.Entity
	name, typ, queries, scan   string // "TaskStore", "models.Task" name, "queries", "scanTask"
	noun, plural               string // "task", "tasks": the entity in doc comments
	columns                    string // "taskColumns"
	pk, owner, deleted, upd    *ir.Field
	table                      string
	insertFields, updateFields []*ir.Field

	policy, refs string    // "TaskPolicy", "taskRefs"
	checked      []ir.Ref  // the references a write checks
	restricting  []ir.Ref  // the references that forbid a delete
	nested       []ir.Ref  // references of this entity listed under their parent
	links        []ir.Link // many-to-many links from this entity's routes
	linked       []ir.Link // links whose rows of this entity are listed under the other side
}

func newStore(e *ir.Entity) *store {
	lc := e.VarStem()
	s := &store{
		e: e, name: e.Name + "Store", typ: e.Name,
		queries: "queries", scan: "scan" + e.Name, columns: lc + "Columns",
		pk: e.PK(), owner: e.Owner(), upd: e.RoleField(ir.RoleUpdatedAt), table: sqlddl.Ident(e.Table),
		noun: e.Noun(), plural: e.PluralNoun(),
	}
	if e.SoftDelete {
		s.deleted = e.RoleField(ir.RoleDeletedAt)
	}
	for _, f := range e.Fields {
		switch {
		case serverKey(f) && !serverUUID(f): // the database assigns it
		case f.Role == ir.RoleDeletedAt:
		case f.Role == ir.RoleNone && f.ReadOnly:
		default:
			s.insertFields = append(s.insertFields, f)
		}
	}
	for _, f := range e.Writable() {
		if f.PrimaryKey {
			continue // a key the client chose at create time never changes
		}
		s.updateFields = append(s.updateFields, f)
	}
	return s
}

func (s *store) columnList() string {
	var cs []string
	for _, f := range s.e.Fields {
		cs = append(cs, sqlddl.Ident(f.Column))
	}
	return strings.Join(cs, ", ")
}

// scope returns the WHERE conditions that select a visible row by key:
// "id = ? AND user_id = ? AND deleted_at IS NULL", without the owner when
// not scoped.
func (s *store) scope(scoped bool) string {
	conds := []string{sqlddl.Ident(s.pk.Column) + " = ?"}
	if s.owner != nil && scoped {
		conds = append(conds, sqlddl.Ident(s.owner.Column)+" = ?")
	}
	if s.deleted != nil {
		conds = append(conds, sqlddl.Ident(s.deleted.Column)+" IS NULL")
	}
	return strings.Join(conds, " AND ")
}

// getParts splits the condition of a read by key for
// platform.Dialect.SelectByKey: the key condition and the rest; ok is false
// when the key is all of it (no owner, no soft delete), and the read is then
// the plain query.
func (s *store) getParts(scoped bool) (key, rest string, ok bool) {
	key = sqlddl.Ident(s.pk.Column) + " = ?"
	rest, ok = strings.CutPrefix(s.scope(scoped), key+" AND ")
	return key, rest, ok
}

// listScope is the WHERE of list and count queries: the owner (when scoped)
// and visibility.
func (s *store) listScope(scoped bool) string {
	var conds []string
	if s.owner != nil && scoped {
		conds = append(conds, sqlddl.Ident(s.owner.Column)+" = ?")
	}
	if s.deleted != nil {
		conds = append(conds, sqlddl.Ident(s.deleted.Column)+" IS NULL")
	}
	if len(conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(conds, " AND ")
}

// queryTexts returns the SQL of every statement of the store, with "?"
// placeholders (platform.Dialect.Rebind numbers them for PostgreSQL) and cols
// wherever the statement names every column in order. scoped statements
// end their WHERE with the owner condition, whose argument comes last.
func (s *store) queryTexts(cols string, scoped bool) [][2]string {
	var ins, vals []string
	for _, f := range s.insertFields {
		ins = append(ins, sqlddl.Ident(f.Column))
		vals = append(vals, "?")
	}
	insCols := strings.Join(ins, ", ")
	if insCols == s.columnList() {
		insCols = cols
	}
	insert := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) RETURNING %s", s.table, insCols, strings.Join(vals, ", "), cols)
	get := fmt.Sprintf("SELECT %s FROM %s WHERE %s", cols, s.table, s.scope(scoped))

	var sets []string
	for _, f := range s.updateFields {
		sets = append(sets, sqlddl.Ident(f.Column)+" = ?")
	}
	if s.upd != nil {
		sets = append(sets, sqlddl.Ident(s.upd.Column)+" = ?")
	}
	if len(sets) == 0 {
		// Nothing a client writes and no updated_at: PUT only checks that the row exists.
		sets = append(sets, sqlddl.Ident(s.pk.Column)+" = "+sqlddl.Ident(s.pk.Column))
	}
	update := fmt.Sprintf("UPDATE %s SET %s WHERE %s RETURNING %s", s.table, strings.Join(sets, ", "), s.scope(scoped), cols)

	var del string
	if s.deleted != nil {
		sets := []string{sqlddl.Ident(s.deleted.Column) + " = ?"}
		if s.upd != nil {
			sets = append(sets, sqlddl.Ident(s.upd.Column)+" = ?")
		}
		del = fmt.Sprintf("UPDATE %s SET %s WHERE %s", s.table, strings.Join(sets, ", "), s.scope(scoped))
	} else {
		del = fmt.Sprintf("DELETE FROM %s WHERE %s", s.table, s.scope(scoped))
	}
	if s.e.Publishes(ir.EventDeleted) {
		del += " RETURNING " + cols // the deleted row is the event's data
	}
	count := fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE %s", s.table, s.listScope(scoped))
	list := fmt.Sprintf("SELECT %s FROM %s WHERE %s", cols, s.table, s.listScope(scoped))
	return [][2]string{{"insert", insert}, {"get", get}, {"update", update}, {"delete", del}, {"count", count}, {"list", list}}
}

// columnsMark stands for the column-list constant in the text of a query
// while it is built; no SQL the generator writes contains a NUL byte.
const columnsMark = "\x00"

// concatSQL returns the Go expression of query, a text from queryTexts in
// which columnsMark stands for the constant named columns:
//
//	"SELECT " + tagColumns + " FROM tags WHERE id = ?"
func concatSQL(query, columns string) *jen.Statement {
	var expr *jen.Statement
	add := func(c jen.Code) {
		if expr == nil {
			expr = jen.Add(c)
		} else {
			expr.Op("+").Add(c)
		}
	}
	for i, text := range strings.Split(query, columnsMark) {
		if i > 0 {
			add(jen.Id(columns))
		}
		if text != "" {
			add(jen.Lit(text))
		}
	}
	return expr
}

// scanFunc emits scanTask, which reads a row and puts its timestamps in UTC.
func (g *Gen) scanFunc(f *jen.File, s *store) {
	model := jen.Qual(g.models, s.e.Name)
	f.Add(docComment(fmt.Sprintf("%s reads the current row of rows, selected as %s.", s.scan, s.columns)))
	f.Func().Id(s.scan).Params(jen.Id("rows").Op("*").Qual("database/sql", "Rows")).Params(model.Clone(), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Var().Id("row").Add(model.Clone())
		b.If(jen.Err().Op(":=").Id("rows").Dot("Scan").CallFunc(func(c *jen.Group) {
			for _, fl := range s.e.Fields {
				c.Op("&").Id("row").Dot(fl.Name)
			}
		}), jen.Err().Op("!=").Nil()).Block(jen.Return(model.Clone().Values(), jen.Err()))
		for _, fl := range s.e.Fields {
			if fl.Type != ir.Timestamp {
				continue
			}
			if fl.Nullable {
				b.If(jen.Id("row").Dot(fl.Name).Op("!=").Nil()).Block(
					jen.Op("*").Id("row").Dot(fl.Name).Op("=").Id("row").Dot(fl.Name).Dot("UTC").Call(),
				)
			} else {
				b.Id("row").Dot(fl.Name).Op("=").Id("row").Dot(fl.Name).Dot("UTC").Call()
			}
		}
		b.Return(jen.Id("row"), jen.Nil())
	})
}

// needsNow reports whether writing fs takes the time of the request: a
// created_at or updated_at field, or a NOT NULL field defaulting to now. A nil
// field is skipped.
func needsNow(fs []*ir.Field) bool {
	for _, f := range fs {
		if f == nil {
			continue
		}
		if f.Role == ir.RoleCreatedAt || f.Role == ir.RoleUpdatedAt {
			return true
		}
		if !f.Nullable && f.Default.Is(ir.DefaultNow) {
			return true
		}
	}
	return false
}

// bodyValue emits the SQL argument of a writable field of a create or update
// body: in.Title, or valueOr(in.Done, false) for a field that may be left out.
func (g *Gen) bodyValue(e *ir.Entity, fl *ir.Field) jen.Code {
	v := jen.Id("in").Dot(fl.Name)
	if fl.Nullable {
		return v
	}
	def := g.defaultValue(e, fl)
	if def == nil {
		def = g.zeroValue(e, fl)
	}
	return jen.Id("valueOr").Call(v, def)
}

// failRow emits the end of a store method that returns row:
//
//	return result(row, err, "update task %v", id)
func (g *Gen) failRow(s *store, format string, withID bool) jen.Code {
	args := []jen.Code{jen.Id("row"), jen.Err(), jen.Lit(format)}
	if withID {
		args = append(args, jen.Id("id"))
	}
	return jen.Return(jen.Id("result").Call(args...))
}

// failErr emits the end of a store method that returns only err:
//
//	return wrap(err, "delete task %v", id)
func failErr(format string, args ...jen.Code) jen.Code {
	return jen.Return(jen.Id("wrap").Call(append([]jen.Code{jen.Err(), jen.Lit(format)}, args...)...))
}

// resultFuncs emits wrap and result, which end the store methods.
func resultFuncs(f *jen.File) {
	f.Add(docComment("wrap returns nil when err is nil, else err wrapped with what failed: the\n" +
		"message format makes of args, then \": \" and err."))
	f.Func().Id("wrap").Params(jen.Err().Error(), jen.Id("format").String(), jen.Id("args").Op("...").Any()).Error().Block(
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Id("format").Op("+").Lit(": %w"), jen.Append(jen.Id("args"), jen.Err()).Op("..."))),
	)
	f.Add(docComment("result returns row when err is nil, else the zero T and err wrapped as wrap\ndoes."))
	f.Func().Id("result").Types(jen.Id("T").Any()).Params(jen.Id("row").Id("T"), jen.Err().Error(), jen.Id("format").String(), jen.Id("args").Op("...").Any()).Params(jen.Id("T"), jen.Error()).Block(
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Var().Id("zero").Id("T"),
			jen.Return(jen.Id("zero"), jen.Id("wrap").Call(jen.Err(), jen.Id("format"), jen.Id("args").Op("..."))),
		),
		jen.Return(jen.Id("row"), jen.Nil()),
	)
}
