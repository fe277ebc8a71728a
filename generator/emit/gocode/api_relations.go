package gocode

import (
	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// This file emits the routes under a row that reach related rows: the
// children that refer to it (GET /api/posts/{id}/comments) and the rows
// linked to it through a junction table (GET /api/posts/{id}/tags,
// PUT|DELETE /api/posts/{id}/tags/{tag_id}).

// relationsOf returns the nested lists and the links under e's routes.
func (g *Gen) relationsOf(e *ir.Entity) ([]ir.Ref, []ir.Link) {
	return g.schema.Children(e), g.schema.Links(e)
}

// HasRelationRoutes reports whether some entity has routes under its rows
// that reach related rows (related), and whether some of them link rows
// through a junction table (links).
func (g *Gen) HasRelationRoutes() (related, links bool) {
	for _, e := range g.entities {
		children, l := g.relationsOf(e)
		related = related || len(children) > 0 || len(l) > 0
		links = links || len(l) > 0
	}
	return related, links
}

// registerRelations emits, at the end of RegisterPostRoutes, the relation
// routes of posts:
//
//	commentStore := repository.NewCommentStore(db)
//	mux.HandleFunc("GET /api/posts/{id}/comments", handleRelated(postCollection, postStore.Get, commentCollection, commentStore.ListByPostID))
func (g *Gen) registerRelations(h *handler) []jen.Code {
	children, links := g.relationsOf(h.e)
	var code []jen.Code
	seen := map[string]bool{h.e.Name: true}
	store := func(e *ir.Entity) *jen.Statement {
		other := newHandler(e)
		if !seen[e.Name] {
			seen[e.Name] = true
			code = append(code, jen.Id(other.store).Op(":=").Qual(g.repository, "New"+e.Name+"Store").Call(jen.Id("db")))
		}
		return jen.Id(other.store)
	}
	related := func(to *ir.Entity, route, method string) jen.Code {
		s := store(to)
		return g.handle("GET "+h.base+"/{id}/"+route, both(h.e.Read, to.Read),
			jen.Id("handleRelated").Call(jen.Id(h.coll), jen.Id(h.store).Dot("Get"), jen.Id(newHandler(to).coll), s.Dot(method)))
	}
	var routes []jen.Code
	for _, r := range children {
		routes = append(routes, related(r.From, r.From.Route, "ListBy"+r.Field.Name))
	}
	for _, l := range links {
		to := l.There.To
		routes = append(routes, related(to, to.Route, "ListBy"+l.Junction.Name))
		key := l.There.Field.JSON
		sub := h.base + "/{id}/" + to.Route + "/{" + key + "}"
		link := func(method string) jen.Code {
			return jen.Id("handleLink").Call(jen.Id(h.coll), jen.Id(newHandler(to).coll), jen.Lit(key), jen.Id(keyParser(l.There.Field, true)), jen.Id(h.store).Dot(method))
		}
		routes = append(routes,
			jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PUT "+sub), link("Add"+l.Junction.Name)),
			jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("DELETE "+sub), link("Remove"+l.Junction.Name)),
		)
	}
	return append(code, routes...)
}

// both is public when a and b are, else a non-public access: a route
// reading two entities is open without a token only when both are.
func both(a, b ir.Access) ir.Access {
	if a.Rule == ir.RulePublic && b.Rule == ir.RulePublic {
		return a
	}
	return ir.Access{Rule: ir.RuleAuthenticated}
}
