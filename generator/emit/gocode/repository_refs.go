package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// This file emits what keeps references honest: the check that a reference
// field of a write names a row the caller may read (run in the write's
// transaction, so a concurrent delete cannot slip between check and write),
// and the check that a row other rows restrict is not deleted.

// hasRefs reports whether the store has statements of references.
func (s *store) hasRefs() bool {
	return len(s.checked) > 0 || len(s.restricting) > 0 || len(s.links) > 0
}

// refName is the field of the refs struct that selects the row reference i
// names; with owned, the variant that also requires the caller's ownership.
func (s *store) refName(i int, owned bool) string {
	n := "to" + s.checked[i].Field.Name
	if owned {
		n += "Owned"
	}
	return n
}

// restrictName is the field of the refs struct that finds a row of
// restricting reference i referring to a row of the store.
func (s *store) restrictName(i int) string {
	r := s.restricting[i]
	return "from" + r.From.Name + r.Field.Name
}

// refParam is the parameter of checkRefs for checked reference i: "postID".
func (s *store) refParam(i int) string {
	return s.checked[i].Field.Param()
}

// refTexts returns the names and SQL of the refs struct.
func (s *store) refTexts() [][2]string {
	var qs [][2]string
	for i, r := range s.checked {
		where := sqlddl.Ident(r.TargetField.Column) + " = ?"
		if r.To.SoftDelete {
			if del := r.To.RoleField(ir.RoleDeletedAt); del != nil {
				where += " AND " + sqlddl.Ident(del.Column) + " IS NULL"
			}
		}
		q := fmt.Sprintf("SELECT 1 FROM %s WHERE %s", sqlddl.Ident(r.To.Table), where)
		qs = append(qs, [2]string{s.refName(i, false), q})
		if o := r.To.Owner(); o != nil {
			qs = append(qs, [2]string{s.refName(i, true), q + " AND " + sqlddl.Ident(o.Column) + " = ?"})
		}
	}
	for i, r := range s.restricting {
		where := sqlddl.Ident(r.Field.Column) + " = ?"
		if s.deleted != nil && r.From.SoftDelete {
			// A soft delete leaves the row in place: only rows still
			// visible hold it. A hard delete is refused by the database
			// for any referring row, deleted or not.
			if del := r.From.RoleField(ir.RoleDeletedAt); del != nil {
				where += " AND " + sqlddl.Ident(del.Column) + " IS NULL"
			}
		}
		qs = append(qs, [2]string{s.restrictName(i), fmt.Sprintf("SELECT 1 FROM %s WHERE %s LIMIT 1", sqlddl.Ident(r.From.Table), where)})
	}
	return append(qs, s.linkTexts()...)
}

// refQueries emits type taskRefs and taskRefsFor:
//
//	func commentRefsFor(d platform.Dialect) commentRefs {
//		lock := forShare(d)
//		return commentRefs{toPostID: d.Rebind("SELECT 1 FROM posts WHERE id = ?" + lock), ...}
//	}
func (g *Gen) refQueries(f *jen.File, s *store) {
	if !s.hasRefs() {
		return
	}
	f.Add(docComment(fmt.Sprintf("%s holds the SQL that checks the references of %s in one dialect:\n"+
		"to... selects the row a reference field names (to...Owned also requires the\n"+
		"caller to own it); from... finds a row that still refers to a %s.", s.refs, s.plural, s.noun)))
	var names []jen.Code
	for _, q := range s.refTexts() {
		names = append(names, jen.Id(q[0]))
	}
	f.Type().Id(s.refs).Struct(jen.List(names...).String())
	f.Add(docComment(fmt.Sprintf("%sFor returns the reference queries of %s in dialect d.", s.refs, s.name)))
	f.Func().Id(s.refs + "For").Params(jen.Id("d").Qual(g.platform, "Dialect")).Id(s.refs).BlockFunc(func(b *jen.Group) {
		if len(s.checked) > 0 || len(s.links) > 0 {
			b.Id("lock").Op(":=").Id("forShare").Call(jen.Id("d"))
		}
		b.Return(jen.Id(s.refs).CustomFunc(multiLine, func(c *jen.Group) {
			for _, q := range s.refTexts() {
				text := jen.Lit(q[1])
				if strings.HasPrefix(q[0], "to") || strings.HasPrefix(q[0], "other") {
					text = text.Op("+").Id("lock")
				}
				c.Id(q[0]).Op(":").Id("d").Dot("Rebind").Call(text)
			}
		}))
	})
}

// checkRefsMethod emits (s *CommentStore) checkRefs, which checks every
// reference field a write sets.
func (g *Gen) checkRefsMethod(f *jen.File, s *store) {
	if len(s.checked) == 0 {
		return
	}
	f.Add(docComment(fmt.Sprintf("checkRefs returns the 422 of the first reference that names no row who may\n" +
		"read, run in the transaction tx of the write. A nil reference is not checked: it\n" +
		"is left out, or null.")))
	f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id("checkRefs").ParamsFunc(func(ps *jen.Group) {
		ps.Id("ctx").Qual("context", "Context")
		ps.Id("tx").Op("*").Qual(g.platform, "Tx")
		ps.Id("who").Qual(g.platform, "Principal")
		for i, r := range s.checked {
			ps.Id(s.refParam(i)).Op("*").Add(g.goType(s.e, r.Field))
		}
	}).Error().BlockFunc(func(b *jen.Group) {
		for i, r := range s.checked {
			owned := s.refName(i, false)
			if r.To.Owner() != nil {
				owned = s.refName(i, true)
			}
			read := g.accessLit(r.To.Read)
			if r.To.CRUD && !r.To.Managed {
				read = jen.Id(r.To.Name + "Policy").Dot("Read")
			}
			p := s.refParam(i)
			b.If(jen.Id(p).Op("!=").Nil()).Block(
				jen.If(jen.Err().Op(":=").Id("checkRef").Call(
					jen.Id("ctx"), jen.Id("tx"), read, jen.Id("who"), jen.Lit(r.Field.JSON), jen.Lit(r.To.Noun()),
					jen.Id("s").Dot("refs").Dot(s.refName(i, false)), jen.Id("s").Dot("refs").Dot(owned), jen.Op("*").Id(p),
				), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			)
		}
		b.Return(jen.Nil())
	})
}

// refArgs returns the arguments of checkRefs after ctx, tx and who for a
// write of fields: in.PostID (patchedRef(in.PostID) for a patch) for a
// reference among fields, nil for one that is not; nil when no checked
// reference is among fields.
func (s *store) refArgs(fields []*ir.Field, patch bool) []jen.Code {
	var args []jen.Code
	any := false
	for _, r := range s.checked {
		if !slicesContains(fields, r.Field) {
			args = append(args, jen.Nil())
			continue
		}
		any = true
		v := jen.Id("in").Dot(r.Field.Name)
		if patch {
			v = jen.Id("patchedRef").Call(v)
		}
		args = append(args, v)
	}
	if !any {
		return nil
	}
	return args
}

// refHelpers emits the helpers of repository.go that transactions and
// reference checks share, each only when some store uses it.
func (g *Gen) refHelpers(f *jen.File) {
	checked, restricted, patched := false, false, false
	for _, e := range g.entities {
		s := g.newStore(e)
		checked = checked || len(s.checked) > 0 || len(s.links) > 0
		restricted = restricted || len(s.restricting) > 0
		patched = patched || s.refArgs(s.updateFields, true) != nil
	}
	if !checked && !restricted {
		return
	}
	ctx := jen.Id("ctx").Qual("context", "Context")
	tx := jen.Id("tx").Op("*").Qual(g.platform, "Tx")
	if checked {
		f.Add(docComment("forShare is the end of a SELECT of a referenced row in dialect d that keeps\n" +
			"the row until the write that checked it commits: FOR SHARE on PostgreSQL, and\n" +
			"nothing on SQLite, which runs one write transaction at a time."))
		f.Func().Id("forShare").Params(jen.Id("d").Qual(g.platform, "Dialect")).String().Block(
			jen.If(jen.Id("d").Op("==").Qual(g.platform, "Postgres")).Block(jen.Return(jen.Lit(" FOR SHARE"))),
			jen.Return(jen.Lit("")),
		)
	}
	f.Add(docComment("exists reports whether query selects a row, read to its end."))
	f.Func().Id("exists").Params(ctx.Clone(), tx.Clone(), jen.Id("query").String(), jen.Id("args").Op("...").Any()).Params(jen.Bool(), jen.Error()).Block(
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("tx").Dot("QueryContext").Call(jen.Id("ctx"), jen.Id("query"), jen.Id("args").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.False(), jen.Err())),
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.Id("found").Op(":=").Id("rows").Dot("Next").Call(),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.False(), jen.Err())),
		jen.Return(jen.Id("found"), jen.Id("rows").Dot("Close").Call()),
	)
	f.Add(docComment("orNotFound returns platform.ErrNotFound when query, a SELECT of the row a\n" +
		"write changes, finds none, and err otherwise: a write to a row the caller may\n" +
		"not change is a 404 before its body is judged."))
	f.Func().Id("orNotFound").Params(ctx.Clone(), tx.Clone(), jen.Err().Error(), jen.Id("query").String(), jen.Id("args").Op("...").Any()).Error().Block(
		jen.List(jen.Id("found"), jen.Id("ferr")).Op(":=").Id("exists").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("query"), jen.Id("args").Op("...")),
		jen.Switch().Block(
			jen.Case(jen.Id("ferr").Op("!=").Nil()).Block(jen.Return(jen.Id("ferr"))),
			jen.Case(jen.Op("!").Id("found")).Block(jen.Return(jen.Qual(g.platform, "ErrNotFound"))),
		),
		jen.Return(jen.Err()),
	)
	if checked {
		f.Add(docComment("checkRef returns the 422 of field when no row with key id is one who may read\n" +
			"under read: query selects the row by key, owned the same row only when the\n" +
			"owner (its last argument) is the caller. A row that does not exist and one the\n" +
			"caller may not see get the same answer, so ids cannot be probed."))
		f.Func().Id("checkRef").Params(ctx.Clone(), tx.Clone(),
			jen.Id("read").Qual(g.platform, "Access"), jen.Id("who").Qual(g.platform, "Principal"),
			jen.List(jen.Id("field"), jen.Id("noun"), jen.Id("query"), jen.Id("owned")).String(), jen.Id("id").Any(),
		).Error().Block(
			jen.If(jen.Op("!").Id("read").Dot("Visible").Call(jen.Id("who"))).Block(jen.Return(jen.Qual(g.platform, "InvalidReference").Call(jen.Id("field"), jen.Id("noun")))),
			jen.Id("args").Op(":=").Index().Any().Values(jen.Id("id")),
			jen.If(jen.List(jen.Id("owner"), jen.Id("ok")).Op(":=").Id("read").Dot("Owner").Call(jen.Id("who")), jen.Id("ok")).Block(
				jen.List(jen.Id("query"), jen.Id("args")).Op("=").List(jen.Id("owned"), jen.Append(jen.Id("args"), jen.Id("owner"))),
			),
			jen.List(jen.Id("found"), jen.Err()).Op(":=").Id("exists").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("query"), jen.Id("args").Op("...")),
			jen.Switch().Block(
				jen.Case(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Case(jen.Op("!").Id("found")).Block(jen.Return(jen.Qual(g.platform, "InvalidReference").Call(jen.Id("field"), jen.Id("noun")))),
			),
			jen.Return(jen.Nil()),
		)
	}
	if patched {
		f.Add(docComment("patchedRef returns the value a patch sets o to, or nil when it leaves the\nfield as it is or sets it to null."))
		f.Func().Id("patchedRef").Types(jen.Id("T").Any()).Params(jen.Id("o").Qual(g.platform, "Optional").Types(jen.Id("T"))).Op("*").Id("T").Block(
			jen.If(jen.Id("o").Dot("Set").Op("&&").Op("!").Id("o").Dot("Null")).Block(jen.Return(jen.Op("&").Id("o").Dot("Value"))),
			jen.Return(jen.Nil()),
		)
	}
	if restricted {
		f.Add(docComment("unreferenced returns the 409 <prefix>_STILL_REFERENCED when query finds a row\n" +
			"of table that still refers to the row with key id, which is not deleted then."))
		f.Func().Id("unreferenced").Params(ctx.Clone(), tx.Clone(), jen.Id("query").String(), jen.Id("id").Any(),
			jen.List(jen.Id("prefix"), jen.Id("noun"), jen.Id("table")).String()).Error().Block(
			jen.List(jen.Id("found"), jen.Err()).Op(":=").Id("exists").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("query"), jen.Id("id")),
			jen.Switch().Block(
				jen.Case(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Case(jen.Id("found")).Block(jen.Return(jen.Qual(g.platform, "StillReferenced").Call(jen.Id("prefix"), jen.Id("noun"), jen.Id("table")))),
			),
			jen.Return(jen.Nil()),
		)
	}
}
