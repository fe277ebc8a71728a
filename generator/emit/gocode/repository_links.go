package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// This file emits the store methods of related rows: the lists of children
// under a parent and of rows linked through a junction table, and the link
// and unlink of a junction row.

// linkTexts returns the names and SQL of the link statements of the refs
// struct: other<J> selects the row on the other side (other<J>Owned also
// requires the caller to own it), link<J> inserts the junction row unless it
// exists, unlink<J> deletes it.
func (s *store) linkTexts() [][2]string {
	var qs [][2]string
	for _, l := range s.links {
		j := l.Junction.Name
		to := l.There.To
		where := sqlddl.Ident(l.There.TargetField.Column) + " = ?"
		if del := to.RoleField(ir.RoleDeletedAt); to.SoftDelete && del != nil {
			where += " AND " + sqlddl.Ident(del.Column) + " IS NULL"
		}
		q := fmt.Sprintf("SELECT 1 FROM %s WHERE %s", sqlddl.Ident(to.Table), where)
		qs = append(qs, [2]string{"other" + j, q})
		if o := to.Owner(); o != nil {
			qs = append(qs, [2]string{"other" + j + "Owned", q + " AND " + sqlddl.Ident(o.Column) + " = ?"})
		}
		cols := []string{sqlddl.Ident(l.Here.Field.Column), sqlddl.Ident(l.There.Field.Column)}
		for _, f := range l.Stamps {
			cols = append(cols, sqlddl.Ident(f.Column))
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
		table := sqlddl.Ident(l.Junction.Table)
		qs = append(qs,
			[2]string{"link" + j, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT DO NOTHING", table, strings.Join(cols, ", "), marks)},
			[2]string{"unlink" + j, fmt.Sprintf("DELETE FROM %s WHERE %s = ? AND %s = ?", table, cols[0], cols[1])},
		)
	}
	return qs
}

// listWhereMethods emits the ListBy methods of the nested and linked lists
// of the store's rows, which call the table's listWhere.
func (g *Gen) listWhereMethods(f *jen.File, s *store) {
	for _, r := range s.nested {
		param := r.Field.Param()
		cond := sqlddl.Ident(r.Field.Column) + " = ?"
		g.listByMethod(f, s, "ListBy"+r.Field.Name, param, g.goType(s.e, r.Field), cond,
			fmt.Sprintf("ListBy%s returns one page of the %s whose %s is %s, as List does.", r.Field.Name, s.plural, r.Field.Column, param))
	}
	for _, l := range s.linked {
		param := l.Here.Field.Param()
		cond := fmt.Sprintf("%s IN (SELECT %s FROM %s WHERE %s = ?)", sqlddl.Ident(s.pk.Column),
			sqlddl.Ident(l.There.Field.Column), sqlddl.Ident(l.Junction.Table), sqlddl.Ident(l.Here.Field.Column))
		g.listByMethod(f, s, "ListBy"+l.Junction.Name, param, g.goType(l.Junction, l.Here.Field), cond,
			fmt.Sprintf("ListBy%s returns one page of the %s linked in %s to the %s with key %s,\nas List does.",
				l.Junction.Name, s.plural, l.Junction.Table, l.Here.To.Noun(), param))
	}
}

// listByMethod emits one ListBy method that calls listWhere with cond.
func (g *Gen) listByMethod(f *jen.File, s *store, name, param string, typ jen.Code, cond, doc string) {
	items := jen.Index().Qual(g.models, s.e.Name)
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id(name).ParamsFunc(func(ps *jen.Group) {
		g.ctxParams(ps)
		ps.Id(param).Add(typ)
		ps.Id("p").Qual(g.platform, "ListParams")
	}).Params(items, jen.Int(), jen.Error()).Block(
		jen.Return(jen.Id("s").Dot("listWhere").Call(jen.Id("ctx"), jen.Id("who"), jen.Id("p"), jen.Lit(cond), jen.Id(param))),
	)
}

// linkMethods emits Add<Junction> and Remove<Junction> for each link of the
// store's routes.
func (g *Gen) linkMethods(f *jen.File, s *store) {
	for _, l := range s.links {
		j := l.Junction.Name
		other := l.There.Field.Param()
		otherNoun := l.There.To.Noun()
		otherType := g.goType(l.Junction, l.There.Field)
		guard := func(t *jen.Group) {
			owned := "other" + j
			if l.There.To.Owner() != nil {
				owned += "Owned"
			}
			t.If(jen.Err().Op(":=").Id("s").Dot("linkable").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("who"), jen.Id("id"), jen.Id(l.There.To.Name+"Policy").Dot("Read"),
				jen.Lit(l.There.Field.JSON), jen.Lit(otherNoun), jen.Id("s").Dot("refs").Dot("other"+j), jen.Id("s").Dot("refs").Dot(owned), jen.Id(other)),
				jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
		}
		params := func(ps *jen.Group) {
			g.ctxParams(ps)
			ps.Id("id").Add(g.goType(s.e, s.pk))
			ps.Id(other).Add(otherType)
		}
		f.Add(docComment(fmt.Sprintf("Add%s links the %s with the given id to the %s with key %s (a row of\n"+
			"%s); linking twice changes nothing. The %s must be one who may write, the\n"+
			"%s one who may read: else platform.ErrNotFound, or the 422 of %s.",
			j, s.noun, otherNoun, other, l.Junction.Table, s.noun, otherNoun, l.There.Field.JSON)))
		f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id("Add" + j).ParamsFunc(params).Error().BlockFunc(func(b *jen.Group) {
			args := []jen.Code{jen.Id("ctx"), jen.Id("s").Dot("refs").Dot("link" + j), jen.Id("id"), jen.Id(other)}
			if len(l.Stamps) > 0 {
				b.Id("now").Op(":=").Qual(g.platform, "Now").Call()
				for range l.Stamps {
					args = append(args, jen.Id("now"))
				}
			}
			b.Add(g.inTx(func(t *jen.Group) {
				guard(t)
				t.List(jen.Id("_"), jen.Err()).Op(":=").Id("tx").Dot("ExecContext").Call(args...)
				t.Return(jen.Err())
			}))
			b.Add(failErr("link "+s.noun+" %v to "+otherNoun+" %v", jen.Id("id"), jen.Id(other)))
		})
		code := l.Junction.NotFoundCode()
		f.Add(docComment(fmt.Sprintf("Remove%s unlinks the %s with the given id from the %s with key %s, with\n"+
			"the checks of Add%s; it returns the 404 %s when they were not linked.", j, s.noun, otherNoun, other, j, code)))
		f.Func().Params(jen.Id("s").Op("*").Id(s.name)).Id("Remove" + j).ParamsFunc(params).Error().BlockFunc(func(b *jen.Group) {
			b.Add(g.inTx(func(t *jen.Group) {
				guard(t)
				t.Return(jen.Id("unlink").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("s").Dot("refs").Dot("unlink"+j), jen.Lit(code),
					jen.Qual("fmt", "Sprintf").Call(jen.Lit("The "+otherNoun+" %v is not linked to the "+s.noun+" %v."), jen.Id(other), jen.Id("id")),
					jen.Id("id"), jen.Id(other)))
			}))
			b.Add(failErr("unlink "+s.noun+" %v from "+otherNoun+" %v", jen.Id("id"), jen.Id(other)))
		})
	}
}
