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
// and the helpers only some backends use, each emitted only when a store
// calls it. What every store uses is templates/repository (queries.go, and
// events.go, links.go and nested.go where the backend has events, link
// routes and nested lists).
func (g *Gen) RepositoryShared() *jen.File {
	f := g.packageFile(g.repository, "repository", repositoryPackageDoc)
	g.patchHelpers(f)
	g.refHelpers(f)
	if g.anyField(func(e *ir.Entity, f *ir.Field) bool {
		return f.PrimaryKey && serverUUID(f) || !f.PrimaryKey && !f.Nullable && !f.ReadOnly && f.Role == ir.RoleNone && f.Default.Is(ir.DefaultUUID)
	}) {
		newUUIDFunc(f)
	}
	return f
}

// HasEvents reports whether some entity publishes its changes, which is when
// the backend has templates/repository/events.go and package events.
func (g *Gen) HasEvents() bool { return g.schema.HasEvents() }

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
