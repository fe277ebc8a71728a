package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file emits the routes under a row that reach related rows: the
// children that refer to it (GET /api/posts/{id}/comments) and the rows
// linked to it through a junction table (GET /api/posts/{id}/tags,
// PUT|DELETE /api/posts/{id}/tags/{tag_id}).

// relationsOf returns the nested lists and the links under e's routes.
func (g *Gen) relationsOf(e *ir.Entity) ([]ir.Ref, []ir.Link) {
	return g.schema.Children(e), g.schema.Links(e)
}

// relType is the handler type of the relation routes: "postRelations".
func (h *handler) relType() string { return strings.TrimSuffix(h.typ, "Handler") + "Relations" }

// storeField is the field of the relations handler holding e's store: "comments".
func storeField(e *ir.Entity) string { return strings.TrimSuffix(naming.Camel(e.Plural), "_") }

// registerRelations emits, at the end of RegisterPostRoutes, the relation
// routes of posts:
//
//	rel := &postRelations{posts: h.store, comments: repository.NewCommentStore(db)}
//	mux.HandleFunc("GET /api/posts/{id}/comments", rel.listComments)
func (g *Gen) registerRelations(h *handler) []jen.Code {
	children, links := g.relationsOf(h.e)
	if len(children) == 0 && len(links) == 0 {
		return nil
	}
	d := jen.Dict{jen.Id(storeField(h.e)): jen.Id("h").Dot("store")}
	seen := map[string]bool{h.e.Name: true}
	store := func(e *ir.Entity) {
		if !seen[e.Name] {
			seen[e.Name] = true
			d[jen.Id(storeField(e))] = jen.Qual(g.repository, "New"+e.Name+"Store").Call(jen.Id("db"))
		}
	}
	var routes []jen.Code
	for _, r := range children {
		store(r.From)
		routes = append(routes, g.handle("GET "+h.base+"/{id}/"+r.From.Route, both(h.e.Read, r.From.Read), jen.Id("rel").Dot("list"+r.From.Plural)))
	}
	for _, l := range links {
		to := l.There.To
		store(to)
		sub := h.base + "/{id}/" + to.Route
		routes = append(routes,
			g.handle("GET "+sub, both(h.e.Read, to.Read), jen.Id("rel").Dot("list"+l.Junction.Name)),
			jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PUT "+sub+"/{"+l.There.Field.JSON+"}"), jen.Id("rel").Dot("add"+l.Junction.Name)),
			jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("DELETE "+sub+"/{"+l.There.Field.JSON+"}"), jen.Id("rel").Dot("remove"+l.Junction.Name)),
		)
	}
	return append([]jen.Code{jen.Id("rel").Op(":=").Op("&").Id(h.relType()).Values(d)}, routes...)
}

// both is public when a and b are, else a non-public access: a route
// reading two entities is open without a token only when both are.
func both(a, b ir.Access) ir.Access {
	if a.Rule == ir.RulePublic && b.Rule == ir.RulePublic {
		return a
	}
	return ir.Access{Rule: ir.RuleAuthenticated}
}

// relations emits type postRelations and its handlers.
func (g *Gen) relations(f *jen.File, h *handler) {
	children, links := g.relationsOf(h.e)
	if len(children) == 0 && len(links) == 0 {
		return
	}
	f.Add(docComment(fmt.Sprintf("%s serves the routes under %s/{id} that reach related rows.", h.relType(), h.base)))
	seen := map[string]bool{}
	f.Type().Id(h.relType()).StructFunc(func(st *jen.Group) {
		add := func(e *ir.Entity) {
			if !seen[e.Name] {
				seen[e.Name] = true
				st.Id(storeField(e)).Op("*").Qual(g.repository, e.Name+"Store")
			}
		}
		add(h.e)
		for _, r := range children {
			add(r.From)
		}
		for _, l := range links {
			add(l.There.To)
		}
	})
	for _, r := range children {
		g.nestedListHandler(f, h, r.From, "list"+r.From.Plural, "ListBy"+r.Field.Name,
			fmt.Sprintf("list%s handles GET %s/{id}/%s: the %s of a %s, 404 when the caller may not read the %s.",
				r.From.Plural, h.base, r.From.Route, r.From.PluralNoun(), h.noun, h.noun))
	}
	for _, l := range links {
		to := l.There.To
		g.nestedListHandler(f, h, to, "list"+l.Junction.Name, "ListBy"+l.Junction.Name,
			fmt.Sprintf("list%s handles GET %s/{id}/%s: the %s linked to a %s (in %s), 404 when the caller may not read the %s.",
				l.Junction.Name, h.base, to.Route, to.PluralNoun(), h.noun, l.Junction.Table, h.noun))
		g.linkHandler(f, h, l, true)
		g.linkHandler(f, h, l, false)
	}
}

// authorize emits "who, ok := platform.Authorize(w, r, repository.<E>Policy.<use>)"
// and its early return; with again, "_, ok = ...".
func (g *Gen) authorize(b *jen.Group, e *ir.Entity, use string, again bool) {
	call := jen.Qual(g.platform, "Authorize").Call(jen.Id("w"), jen.Id("r"), jen.Qual(g.repository, e.Name+"Policy").Dot(use))
	if again {
		b.List(jen.Id("_"), jen.Id("ok")).Op("=").Add(call)
	} else {
		b.List(jen.Id("who"), jen.Id("ok")).Op(":=").Add(call)
	}
	b.If(jen.Op("!").Id("ok")).Block(jen.Return())
}

// nestedListHandler emits a handler that lists rows of child under a row of
// h's entity with the child store's method.
func (g *Gen) nestedListHandler(f *jen.File, h *handler, child *ir.Entity, name, method, doc string) {
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("rel").Op("*").Id(h.relType())).Id(name).Params(wParam(), rParam()).BlockFunc(func(b *jen.Group) {
		g.authorize(b, h.e, "Read", false)
		g.authorize(b, child, "Read", true)
		b.List(jen.Id("id"), jen.Id("ok")).Op(":=").Id(h.parseID).Call(jen.Id("w"), jen.Id("r"))
		b.If(jen.Op("!").Id("ok")).Block(jen.Return())
		b.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("rel").Dot(storeField(h.e)).Dot("Get").Call(jen.Id("r").Dot("Context").Call(), jen.Id("who"), jen.Id("id")), jen.Err().Op("!=").Nil()).Block(
			jen.Id(h.fail).Call(jen.Id("w"), jen.Id("r"), jen.Err()), jen.Return())
		b.List(jen.Id("p"), jen.Err()).Op(":=").Qual(g.platform, "ParseList").Call(jen.Id("r"), jen.Id(newHandler(child).spec))
		b.If(jen.Err().Op("!=").Nil()).Block(g.writeErr(jen.Err()), jen.Return())
		b.List(jen.Id("items"), jen.Id("total"), jen.Err()).Op(":=").Id("rel").Dot(storeField(child)).Dot(method).Call(jen.Id("r").Dot("Context").Call(), jen.Id("who"), jen.Id("id"), jen.Id("p"))
		b.If(jen.Err().Op("!=").Nil()).Block(g.writeErr(jen.Err()), jen.Return())
		b.Qual(g.platform, "WriteJSON").Call(jen.Id("w"), jen.Qual("net/http", "StatusOK"),
			jen.Qual(g.platform, "Page").Types(jen.Qual(g.models, child.Name)).Values(
				jen.Id("Items").Op(":").Id("items"), jen.Id("Total").Op(":").Id("total"),
				jen.Id("Limit").Op(":").Id("p").Dot("Limit"), jen.Id("Offset").Op(":").Id("p").Dot("Offset"),
			))
	})
}

// linkHandler emits addPostTag (PUT, add) or removePostTag (DELETE), which
// answer 204.
func (g *Gen) linkHandler(f *jen.File, h *handler, l ir.Link, add bool) {
	to := l.There.To
	key := l.There.Field.JSON
	name, method, verb, what := "remove"+l.Junction.Name, "Remove"+l.Junction.Name, "DELETE", "unlinks"
	if add {
		name, method, verb, what = "add"+l.Junction.Name, "Add"+l.Junction.Name, "PUT", "links (idempotent)"
	}
	f.Add(docComment(fmt.Sprintf("%s handles %s %s/{id}/%s/{%s}: %s a %s and a %s, 204.",
		name, verb, h.base, to.Route, key, what, h.noun, to.Noun())))
	f.Func().Params(jen.Id("rel").Op("*").Id(h.relType())).Id(name).Params(wParam(), rParam()).BlockFunc(func(b *jen.Group) {
		g.authorize(b, h.e, "Write", false)
		b.List(jen.Id("id"), jen.Id("ok")).Op(":=").Id(h.parseID).Call(jen.Id("w"), jen.Id("r"))
		b.If(jen.Op("!").Id("ok")).Block(jen.Return())
		g.parseOtherKey(b, l)
		b.If(jen.Err().Op(":=").Id("rel").Dot(storeField(h.e)).Dot(method).Call(jen.Id("r").Dot("Context").Call(), jen.Id("who"), jen.Id("id"), jen.Id("other")), jen.Err().Op("!=").Nil()).Block(
			jen.Id(h.fail).Call(jen.Id("w"), jen.Id("r"), jen.Err()), jen.Return())
		b.Id("w").Dot("WriteHeader").Call(jen.Qual("net/http", "StatusNoContent"))
	})
}

// parseOtherKey emits the parse of the {<key>} of a link route into other;
// a value that cannot be a key of the other side is the 404 of its entity.
func (g *Gen) parseOtherKey(b *jen.Group, l ir.Link) {
	f := l.There.Field
	key := jen.Id("r").Dot("PathValue").Call(jen.Lit(f.JSON))
	notFound := jen.Block(
		g.writeErr(jen.Qual(g.platform, "NewError").Call(jen.Qual("net/http", "StatusNotFound"), jen.Lit(l.There.To.NotFoundCode()),
			jen.Lit(l.There.To.Noun()+" ").Op("+").Add(key.Clone()).Op("+").Lit(" not found"))),
		jen.Return(),
	)
	info := f.Type.Info()
	switch {
	case info.Integer:
		b.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(key.Clone(), jen.Lit(10), jen.Lit(info.GoBits))
		b.If(jen.Err().Op("!=").Nil()).Add(notFound)
		b.Id("other").Op(":=").Add(g.goType(l.Junction, f)).Call(jen.Id("n"))
	case f.Type == ir.UUID:
		b.Id("other").Op(":=").Add(key.Clone())
		b.If(jen.Op("!").Id("isUUID").Call(jen.Id("other"))).Add(notFound)
	default:
		b.Id("other").Op(":=").Add(key.Clone())
	}
}
