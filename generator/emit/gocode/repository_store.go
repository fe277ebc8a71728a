package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// This file emits the store of one entity: its policy, its statements (scoped
// to an owner and, for owned entities, over every owner's rows too), the
// reference checks of its writes and its methods.

// Repository is internal/repository/<entity>.go: the parts of the store, in
// the order they appear in the file.
func (g *Gen) Repository(e *ir.Entity) *jen.File {
	f := g.newFile(g.repository, "repository")
	s := g.newStore(e)
	parts := []func(*jen.File, *store){
		g.policyVar, g.storeType, g.storeQueries, g.refQueries, g.scanFunc, g.checkRefsMethod,
		g.createMethod, g.updateMethod, g.patchMethod, g.deleteMethod, g.listWhereMethods, g.linkMethods,
	}
	if len(e.Events) > 0 {
		parts = append(parts, g.eventFunc, g.outboxVar)
	}
	for _, part := range parts {
		part(f, s)
	}
	return f
}

// newStore is newStore with what needs the schema: the references the
// writes check and the references that restrict deletes.
func (g *Gen) newStore(e *ir.Entity) *store {
	s := newStore(e)
	s.policy = e.Name + "Policy"
	s.refs = e.VarStem() + "Refs"
	for _, r := range g.schema.Checked(e) {
		if r.Field.Role != ir.RoleNone {
			continue // the owner comes from the token
		}
		s.checked = append(s.checked, r)
	}
	s.restricting = g.schema.Restricting(e)
	s.links = g.schema.Links(e)
	parents := map[*ir.Entity]bool{} // only they can list e's rows
	for _, r := range g.schema.Checked(e) {
		parents[r.To] = true
	}
	for _, p := range g.entities {
		if parents[p] {
			for _, r := range g.schema.Children(p) {
				if r.From == e {
					s.nested = append(s.nested, r)
				}
			}
		}
		for _, l := range g.schema.Links(p) {
			if l.There.To == e {
				s.linked = append(s.linked, l)
			}
		}
	}
	return s
}

// accessLit emits platform.Access{Rule: platform.RuleRole, Role: "admin"}.
func (g *Gen) accessLit(a ir.Access) jen.Code {
	rule := map[ir.Rule]string{ir.RuleOwner: "RuleOwner", ir.RuleAuthenticated: "RuleAuthenticated", ir.RulePublic: "RulePublic", ir.RuleRole: "RuleRole"}[a.Rule]
	d := jen.Dict{jen.Id("Rule"): jen.Qual(g.platform, rule)}
	if a.Rule == ir.RuleRole {
		d[jen.Id("Role")] = jen.Lit(a.Role)
	}
	return jen.Qual(g.platform, "Access").Values(d)
}

// policyVar emits var TaskPolicy = platform.Policy{...}.
func (g *Gen) policyVar(f *jen.File, s *store) {
	f.Add(docComment(fmt.Sprintf("%s is who may read and who may write %s (read=%s write=%s in the\n"+
		"spec's options line). The handlers check it before calling the store; the store\n"+
		"scopes its statements by it.", s.policy, s.plural, s.e.Read, s.e.Write)))
	f.Var().Id(s.policy).Op("=").Qual(g.platform, "Policy").Values(jen.Dict{
		jen.Id("Read"):  g.accessLit(s.e.Read),
		jen.Id("Write"): g.accessLit(s.e.Write),
	})
}

// storeType emits type TaskStore, which embeds the table of tasks, and
// NewTaskStore.
func (g *Gen) storeType(f *jen.File, s *store) {
	scope := "Each method takes the caller and touches only the rows " + s.policy + " lets the caller see: an owner's own rows, or every row for an admin"
	if s.owner == nil {
		scope = "The table has no owner: a caller that " + s.policy + " admits sees every row"
	}
	if s.deleted != nil {
		scope += "; soft-deleted rows are invisible, and Delete sets " + s.deleted.Column
	}
	f.Add(docComment(fmt.Sprintf("%s reads and writes %s in the %s table. %s.", s.name, s.plural, s.e.Table, scope)))
	table := jen.Id("table").Types(jen.Qual(g.models, s.e.Name), g.goType(s.e, s.pk))
	f.Type().Id(s.name).StructFunc(func(st *jen.Group) {
		st.Add(table.Clone()).Comment("Get and List")
		if s.hasRefs() {
			st.Id("refs").Id(s.refs)
		}
	})
	f.Add(docComment(fmt.Sprintf("New%s returns a store of %s in db, using the SQL of db's dialect.", s.name, s.plural)))
	f.Func().Id("New" + s.name).Params(jen.Id("db").Op("*").Qual(g.platform, "DB")).Op("*").Id(s.name).BlockFunc(func(b *jen.Group) {
		// The table on one line, in the order of its fields.
		t := []jen.Code{jen.Id("db").Op(":").Id("db"), jen.Id("policy").Op(":").Op("&").Id(s.policy)}
		if s.owner != nil {
			b.List(jen.Id("q"), jen.Id("all")).Op(":=").Id(s.queriesFor()).Call(jen.Id("db").Dot("Dialect"))
			t = append(t, jen.Id("q").Op(":").Id("q"), jen.Id("all").Op(":").Op("&").Id("all"))
		} else {
			t = append(t, jen.Id("q").Op(":").Id(s.queriesFor()).Call(jen.Id("db").Dot("Dialect")))
		}
		t = append(t, jen.Id("scan").Op(":").Id(s.scan), jen.Id("noun").Op(":").Lit(s.noun), jen.Id("plural").Op(":").Lit(s.plural))
		d := jen.Dict{jen.Id("table"): table.Clone().Values(t...)}
		if s.hasRefs() {
			d[jen.Id("refs")] = jen.Id(s.refs + "For").Call(jen.Id("db").Dot("Dialect"))
		}
		b.Return(jen.Op("&").Id(s.name).Values(d))
	})
}

// queriesFor is the function that returns the entity's queries in a dialect:
// "taskQueriesFor".
func (s *store) queriesFor() string { return s.e.VarStem() + "QueriesFor" }

// storeQueries emits const taskColumns and taskQueriesFor:
//
//	func tagQueriesFor(d platform.Dialect) (scoped, all queries) {
//		scoped = queries{get: d.Rebind("SELECT " + tagColumns + " FROM tags WHERE id = ? AND user_id = ?"), ...}
//		...
//	}
func (g *Gen) storeQueries(f *jen.File, s *store) {
	f.Add(docComment(fmt.Sprintf("%s lists the columns of a %s in the order %s reads them.", s.columns, s.noun, s.scan)))
	f.Const().Id(s.columns).Op("=").Lit(s.columnList())

	selectByKey := ""
	if _, _, ok := s.getParts(true); ok {
		selectByKey = " get is\nplatform.Dialect.SelectByKey, which PostgreSQL serves from the primary key even\nbefore the table has statistics."
	}
	lit := func(scoped bool) jen.Code {
		return jen.Id(s.queries).CustomFunc(multiLine, func(g *jen.Group) {
			for _, q := range s.queryTexts(columnsMark, scoped) {
				text := concatSQL(q[1], s.columns)
				if key, rest, ok := s.getParts(scoped); ok && q[0] == "get" {
					text = jen.Id("d").Dot("SelectByKey").Call(jen.Id(s.columns), jen.Lit(s.table), jen.Lit(key), jen.Lit(rest))
				}
				g.Id(q[0]).Op(":").Id("d").Dot("Rebind").Call(text)
			}
		})
	}
	if s.owner == nil {
		f.Add(docComment(fmt.Sprintf("%s returns the queries of %s in dialect d.%s", s.queriesFor(), s.name, selectByKey)))
		f.Func().Id(s.queriesFor()).Params(jen.Id("d").Qual(g.platform, "Dialect")).Id(s.queries).Block(jen.Return(lit(false)))
		return
	}
	f.Add(docComment(fmt.Sprintf("%s returns the queries of %s in dialect d: scoped ones, whose\n"+
		"WHERE ends with the owner (the last argument), and the same over all owners.%s", s.queriesFor(), s.name, selectByKey)))
	f.Func().Id(s.queriesFor()).Params(jen.Id("d").Qual(g.platform, "Dialect")).Params(jen.List(jen.Id("scoped"), jen.Id("all")).Id(s.queries)).Block(
		jen.Id("scoped").Op("=").Add(lit(true)),
		jen.Id("all").Op("=").Add(lit(false)),
		jen.Return(jen.Id("scoped"), jen.Id("all")),
	)
}

// ctxParams emits the leading parameters of every store method: "ctx
// context.Context, who platform.Principal".
func (g *Gen) ctxParams(ps *jen.Group) {
	ps.Id("ctx").Qual("context", "Context")
	ps.Id("who").Qual(g.platform, "Principal")
}

// pickQueries emits, for an owned entity, "q, scope := s.queries(TaskPolicy.<use>, who)".
func (s *store) pickQueries(b *jen.Group, use string) {
	if s.owner != nil {
		b.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("s").Dot("queries").Call(jen.Id(s.policy).Dot(use), jen.Id("who"))
	}
}

// query emits the statement name of the picked queries: q.get, or s.q.get
// for an entity without owner.
func (s *store) query(name string) *jen.Statement {
	if s.owner != nil {
		return jen.Id("q").Dot(name)
	}
	return jen.Id("s").Dot("q").Dot(name)
}

// args emits the arguments of a statement of the picked queries: args, and
// for an owned entity "append([]any{args...}, scope...)...".
func (s *store) args(args ...jen.Code) []jen.Code {
	if s.owner == nil {
		return args
	}
	return []jen.Code{jen.Append(jen.Index().Any().Values(args...), jen.Id("scope").Op("...")).Op("...")}
}

// run emits "row, err := queryOne(ctx, db, scanTask, query, args...)", with
// = instead of := when assign.
func (s *store) run(db, query jen.Code, assign bool, args []jen.Code) jen.Code {
	op := ":="
	if assign {
		op = "="
	}
	return jen.List(jen.Id("row"), jen.Err()).Op(op).Id("queryOne").Call(append([]jen.Code{jen.Id("ctx"), db, jen.Id(s.scan), query}, args...)...)
}

// inTx emits "err := s.db.InTx(ctx, func(tx *platform.Tx) error { body })".
func (g *Gen) inTx(body func(b *jen.Group)) jen.Code {
	return jen.Err().Op(":=").Id("s").Dot("db").Dot("InTx").Call(jen.Id("ctx"),
		jen.Func().Params(jen.Id("tx").Op("*").Qual(g.platform, "Tx")).Error().BlockFunc(body))
}

// codes adapts a list of arguments to writeCall.
func codes(args []jen.Code) func(*jen.Group) {
	return func(c *jen.Group) {
		for _, a := range args {
			c.Add(a)
		}
	}
}

// writeInTx emits the end of a write transaction: the statement, and the
// event of kind when the entity publishes it.
//
//	var err error
//	row, err = queryOne(ctx, tx, scanTask, query, args...)
//	if err != nil {
//		return err
//	}
//	return tx.RecordEvent(ctx, taskEvent(platform.EventCreated, row))
func (g *Gen) writeInTx(t *jen.Group, s *store, kind ir.EventKind, query jen.Code, args []jen.Code) {
	t.Var().Err().Error()
	t.Add(s.run(jen.Id("tx"), query, true, args))
	if !s.e.Publishes(kind) {
		t.Return(jen.Err())
		return
	}
	t.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	t.Return(jen.Id("tx").Dot("RecordEvent").Call(jen.Id("ctx"), jen.Id(eventFuncName(s)).Call(jen.Qual(g.platform, eventKinds[kind]), jen.Id("row"))))
}

// createMethod emits (s *TaskStore) Create; with references to check, in a
// transaction.
func (g *Gen) createMethod(f *jen.File, s *store) {
	owned := ""
	if s.owner != nil {
		owned = " owned by who"
	}
	f.Add(docComment(fmt.Sprintf("Create inserts a %s%s and returns it as stored. in must be valid\n(in.Validate() returned nil).", s.noun, owned)))
	f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id("Create").ParamsFunc(func(ps *jen.Group) {
		g.ctxParams(ps)
		ps.Id("in").Qual(g.models, s.e.Name+"Create")
	}).Params(jen.Qual(g.models, s.e.Name), jen.Error()).BlockFunc(func(b *jen.Group) {
		if needsNow(s.insertFields) {
			b.Id("now").Op(":=").Qual(g.platform, "Now").Call()
		}
		var args []jen.Code
		for _, fl := range s.insertFields {
			switch {
			case serverUUID(fl):
				args = append(args, jen.Id("newUUID").Call())
			case fl.Role == ir.RoleOwner:
				args = append(args, jen.Id("who").Dot("Subject"))
			case fl.Role == ir.RoleCreatedAt || fl.Role == ir.RoleUpdatedAt:
				args = append(args, jen.Id("now"))
			default:
				args = append(args, g.bodyValue(s.e, fl))
			}
		}
		refs := s.refArgs(s.insertFields, false)
		if refs == nil {
			b.Add(g.write(s, ir.EventCreated, jen.Id("s").Dot("q").Dot("insert"), codes(args)))
		} else {
			b.Var().Id("row").Qual(g.models, s.e.Name)
			b.Add(g.inTx(func(t *jen.Group) {
				t.If(jen.Err().Op(":=").Id("s").Dot("checkRefs").Call(append([]jen.Code{jen.Id("ctx"), jen.Id("tx"), jen.Id("who")}, refs...)...), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
				g.writeInTx(t, s, ir.EventCreated, jen.Id("s").Dot("q").Dot("insert"), args)
			}))
		}
		b.Add(g.failRow(s, "create "+s.noun, false))
	})
}

// changeMethod emits the signature of Update or Patch, which change the row
// with the given key as the body in says and return it:
//
//	func (s *TaskStore) Update(ctx context.Context, who platform.Principal, id int32, in models.TaskUpdate) (models.Task, error)
func (g *Gen) changeMethod(s *store, name string) *jen.Statement {
	return jen.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id(name).ParamsFunc(func(ps *jen.Group) {
		g.ctxParams(ps)
		ps.Id("id").Add(g.goType(s.e, s.pk))
		ps.Id("in").Qual(g.models, s.e.Name+name)
	}).Params(jen.Qual(g.models, s.e.Name), jen.Error())
}

// updateMethod emits (s *TaskStore) Update.
func (g *Gen) updateMethod(f *jen.File, s *store) {
	f.Add(docComment(fmt.Sprintf("Update replaces the writable fields of the %s with the given id and returns\nit as stored, or an error wrapping platform.ErrNotFound. in must be valid.", s.noun)))
	f.Add(g.changeMethod(s, "Update")).BlockFunc(func(b *jen.Group) {
		s.pickQueries(b, "Write")
		if needsNow(append([]*ir.Field{s.upd}, s.updateFields...)) {
			b.Id("now").Op(":=").Qual(g.platform, "Now").Call()
		}
		var args []jen.Code
		for _, fl := range s.updateFields {
			args = append(args, g.bodyValue(s.e, fl))
		}
		if s.upd != nil {
			args = append(args, jen.Id("now"))
		}
		args = append(args, jen.Id("id"))
		refs := s.refArgs(s.updateFields, false)
		if refs == nil {
			b.Add(g.write(s, ir.EventUpdated, s.query("update"), codes(s.args(args...))))
		} else {
			b.Var().Id("row").Qual(g.models, s.e.Name)
			b.Add(g.inTx(func(t *jen.Group) {
				s.checkRefsOr404(t, refs)
				g.writeInTx(t, s, ir.EventUpdated, s.query("update"), s.args(args...))
			}))
		}
		b.Add(g.failRow(s, "update "+s.noun+" %v", true))
	})
}

// checkRefsOr404 emits, in a write transaction, the reference check that
// answers 404 rather than 422 when the row itself is not the caller's to
// write:
//
//	if err := s.checkRefs(ctx, tx, who, ...); err != nil {
//		return orNotFound(ctx, tx, err, q.get, append([]any{id}, scope...)...)
//	}
func (s *store) checkRefsOr404(t *jen.Group, refs []jen.Code) {
	t.If(jen.Err().Op(":=").Id("s").Dot("checkRefs").Call(append([]jen.Code{jen.Id("ctx"), jen.Id("tx"), jen.Id("who")}, refs...)...), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Id("orNotFound").Call(append([]jen.Code{jen.Id("ctx"), jen.Id("tx"), jen.Err(), s.query("get")}, s.args(jen.Id("id"))...)...)),
	)
}

// patchMethod emits (s *TaskStore) Patch, which builds its UPDATE from the
// fields the patch sets.
func (g *Gen) patchMethod(f *jen.File, s *store) {
	f.Add(docComment(fmt.Sprintf("Patch changes the fields of the %s with the given id that in sets and returns\n"+
		"it as stored, or an error wrapping platform.ErrNotFound. in must be valid.", s.noun)))
	f.Add(g.changeMethod(s, "Patch")).BlockFunc(func(b *jen.Group) {
		if s.owner != nil {
			q := jen.Id("q") // for the reference checks' 404
			if s.refArgs(s.updateFields, true) == nil {
				q = jen.Id("_")
			}
			b.List(q, jen.Id("scope")).Op(":=").Id("s").Dot("queries").Call(jen.Id(s.policy).Dot("Write"), jen.Id("who"))
		}
		b.Id("set").Op(":=").Op("&").Id("assignments").Values(jen.Dict{jen.Id("dialect"): jen.Id("s").Dot("db").Dot("Dialect")})
		for _, fl := range s.updateFields {
			setter := "setField"
			if fl.Nullable {
				setter = "setNullable"
			}
			b.Id(setter).Call(jen.Id("set"), jen.Lit(sqlddl.Ident(fl.Column)), jen.Id("in").Dot(fl.Name))
		}
		b.If(jen.Len(jen.Id("set").Dot("args")).Op("==").Lit(0)).Block(
			jen.Return(jen.Id("s").Dot("unchanged").Call(jen.Id("ctx"), jen.Id("who"), jen.Id("id"))),
		)
		if s.upd != nil {
			b.Id("set").Dot("set").Call(jen.Lit(sqlddl.Ident(s.upd.Column)), jen.Qual(g.platform, "Now").Call())
		}
		b.Id("query").Op(":=").Add(s.patchQuery())
		if s.owner != nil {
			b.For(jen.List(jen.Id("_"), jen.Id("owner")).Op(":=").Range().Id("scope")).Block(
				jen.Id("query").Op("+=").Lit(" AND " + sqlddl.Ident(s.owner.Column) + " = ").Op("+").Id("set").Dot("bind").Call(jen.Id("owner")),
			)
		}
		tail := " RETURNING "
		if s.deleted != nil {
			tail = " AND " + sqlddl.Ident(s.deleted.Column) + " IS NULL RETURNING "
		}
		b.Id("query").Op("+=").Lit(tail).Op("+").Id(s.columns)
		refs := s.refArgs(s.updateFields, true)
		setArgs := []jen.Code{jen.Id("set").Dot("args").Op("...")}
		if refs == nil {
			b.Add(g.write(s, ir.EventUpdated, jen.Id("query"), codes(setArgs)))
		} else {
			b.Var().Id("row").Qual(g.models, s.e.Name)
			b.Add(g.inTx(func(t *jen.Group) {
				s.checkRefsOr404(t, refs)
				g.writeInTx(t, s, ir.EventUpdated, jen.Id("query"), setArgs)
			}))
		}
		b.Add(g.failRow(s, "patch "+s.noun+" %v", true))
	})
}

// patchQuery emits the start of the statement of Patch, binding the key after
// the SET list:
//
//	"UPDATE tasks SET " + set.String() + " WHERE id = " + set.bind(id)
func (s *store) patchQuery() *jen.Statement {
	return jen.Lit("UPDATE " + s.table + " SET ").Op("+").Id("set").Dot("String").Call().
		Op("+").Lit(" WHERE " + sqlddl.Ident(s.pk.Column) + " = ").Op("+").Id("set").Dot("bind").Call(jen.Id("id"))
}

// deleteMethod emits (s *TaskStore) Delete, an UPDATE of the deletion time
// when the entity is soft-deleted. When other tables restrict the delete, it
// runs in a transaction that first checks them.
func (g *Gen) deleteMethod(f *jen.File, s *store) {
	how := "removes"
	if s.deleted != nil {
		how = "soft-deletes (sets " + s.deleted.Column + " on)"
	}
	doc := fmt.Sprintf("Delete %s the %s with the given id, or returns an error wrapping platform.ErrNotFound.", how, s.noun)
	if len(s.restricting) > 0 {
		doc += fmt.Sprintf("\nWhile rows of %s refer to it, it returns the 409 %s_STILL_REFERENCED.", refTables(s.restricting), s.e.CodePrefix())
	}
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id("Delete").ParamsFunc(func(ps *jen.Group) {
		g.ctxParams(ps)
		ps.Id("id").Add(g.goType(s.e, s.pk))
	}).Error().BlockFunc(func(b *jen.Group) {
		s.pickQueries(b, "Write")
		var args []jen.Code
		if s.deleted != nil {
			b.Id("now").Op(":=").Qual(g.platform, "Now").Call()
			args = append(args, jen.Id("now"))
			if s.upd != nil {
				args = append(args, jen.Id("now"))
			}
		}
		args = append(args, jen.Id("id"))
		exec := func(db jen.Code) *jen.Statement {
			return jen.Id("execOne").Call(append([]jen.Code{jen.Id("ctx"), db, s.query("delete")}, s.args(args...)...)...)
		}
		publishes := s.e.Publishes(ir.EventDeleted)
		if len(s.restricting) == 0 && publishes {
			// The deleted row is the event's data.
			b.List(jen.Id("_"), jen.Err()).Op(":=").Add(g.writeCall(s, ir.EventDeleted, s.query("delete"), codes(s.args(args...))))
			b.Add(failErr("delete "+s.noun+" %v", jen.Id("id")))
			return
		}
		if len(s.restricting) == 0 {
			b.Err().Op(":=").Add(exec(jen.Id("s").Dot("db").Dot("Write")))
			b.Add(failErr("delete "+s.noun+" %v", jen.Id("id")))
			return
		}
		b.Add(g.inTx(func(t *jen.Group) {
			t.If(jen.Err().Op(":=").Id("orNotFound").Call(append([]jen.Code{jen.Id("ctx"), jen.Id("tx"), jen.Nil(), s.query("get")}, s.args(jen.Id("id"))...)...), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
			for i, r := range s.restricting {
				t.If(jen.Err().Op(":=").Id("unreferenced").Call(
					jen.Id("ctx"), jen.Id("tx"), jen.Id("s").Dot("refs").Dot(s.restrictName(i)), jen.Id("id"),
					jen.Lit(s.e.CodePrefix()), jen.Lit(s.noun), jen.Lit(r.From.Table),
				), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
			}
			if publishes {
				g.writeInTx(t, s, ir.EventDeleted, s.query("delete"), s.args(args...))
				return
			}
			t.Return(exec(jen.Id("tx")))
		}))
		b.Add(failErr("delete "+s.noun+" %v", jen.Id("id")))
	})
}

// refTables lists the referencing tables of refs: "comments and post_tags".
func refTables(refs []ir.Ref) string {
	var names []string
	for _, r := range refs {
		if len(names) == 0 || names[len(names)-1] != r.From.Table {
			names = append(names, r.From.Table)
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
