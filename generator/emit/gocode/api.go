package gocode

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// apiPackageDoc is the package comment of the generated package api.
const apiPackageDoc = `Package api serves the REST resources of the app over net/http.

Each entity gets six routes under /api/<resource> (create, list, get, update,
patch, delete). Handlers decode and validate the request, call the entity's
store with the owner taken from the authenticated subject, and answer in JSON;
every error goes through platform.WriteError. An id that cannot be an id of the
resource ("abc" for an integer key) is reported like a missing row: 404.`

// APIShared is internal/api/api.go: the package comment and Routes, which
// main.go hands to platform.Main.
func (g *Gen) APIShared() *jen.File {
	f := g.packageFile(g.api, "api", apiPackageDoc)
	f.Add(docComment("Routes registers the routes of every resource on mux. It is the App.Routes of main.go."))
	f.Func().Id("Routes").Params(jen.Id("mux").Op("*").Qual("net/http", "ServeMux"), jen.Id("db").Op("*").Qual(g.platform, "DB")).BlockFunc(func(b *jen.Group) {
		for _, e := range g.entities {
			b.Id("Register"+e.Name+"Routes").Call(jen.Id("mux"), jen.Id("db"))
		}
	})
	if g.anyField(func(_ *ir.Entity, f *ir.Field) bool { return f.PrimaryKey && f.Type == ir.UUID }) {
		f.Add(uuidCheckFunc())
	}
	return f
}

// handler gathers the names of one entity's handler.
type handler struct {
	e                                  *ir.Entity
	typ, spec, readOnly, parseID, fail string
	base                               string // "/api/tasks"
	noun, plural                       string // "task", "tasks": the entity in doc comments
	owned                              bool   // the store methods take the owner
	pk                                 *ir.Field
}

func newHandler(e *ir.Entity) *handler {
	lc := e.VarStem()
	return &handler{
		e: e, typ: lc + "Handler", spec: lc + "ListSpec", readOnly: lc + "ReadOnly",
		parseID: "parse" + e.Name + "ID", fail: "write" + e.Name + "Error",
		base: "/api/" + e.Route, pk: e.PK(),
		noun: e.Noun(), plural: e.PluralNoun(), owned: e.Owner() != nil,
	}
}

// API is internal/api/<entity>.go.
func (g *Gen) API(e *ir.Entity) *jen.File {
	f := g.newFile(g.api, "api")
	h := newHandler(e)
	g.handlerType(f, h)
	g.listSpecVars(f, h)
	g.parseIDFunc(f, h)
	g.errorFunc(f, h)
	g.createHandler(f, h)
	g.listHandler(f, h)
	g.getHandler(f, h)
	g.updateHandler(f, h)
	g.patchHandler(f, h)
	g.deleteHandler(f, h)
	g.relations(f, h)
	return f
}

// wParam is the parameter "w http.ResponseWriter" of a handler.
func wParam() *jen.Statement { return jen.Id("w").Qual("net/http", "ResponseWriter") }

// rParam is the parameter "r *http.Request" of a handler.
func rParam() *jen.Statement { return jen.Id("r").Op("*").Qual("net/http", "Request") }

// writeErr emits platform.WriteError(w, r, err).
func (g *Gen) writeErr(err jen.Code) jen.Code {
	return jen.Qual(g.platform, "WriteError").Call(jen.Id("w"), jen.Id("r"), err)
}

// storeCall emits h.store.<method>(r.Context(), who, args...).
func (g *Gen) storeCall(h *handler, method string, args ...jen.Code) *jen.Statement {
	return jen.Id("h").Dot("store").Dot(method).CallFunc(func(c *jen.Group) {
		c.Id("r").Dot("Context").Call()
		c.Id("who")
		for _, a := range args {
			c.Add(a)
		}
	})
}

// handlerType emits type taskHandler and RegisterTaskRoutes.
func (g *Gen) handlerType(f *jen.File, h *handler) {
	e := h.e
	f.Add(docComment(fmt.Sprintf("%s serves the %s routes.", h.typ, h.base)))
	f.Type().Id(h.typ).Struct(jen.Id("store").Op("*").Qual(g.repository, e.Name+"Store"))

	f.Add(docComment(fmt.Sprintf("Register%sRoutes registers the routes of %s on mux:\n\n", e.Name, h.plural) +
		fmt.Sprintf("\tPOST   %s        create a %s (201, Location)\n", h.base, h.noun) +
		fmt.Sprintf("\tGET    %s        list %s (filters, sort, q, limit, offset)\n", h.base, h.plural) +
		fmt.Sprintf("\tGET    %s/{id}   get one\n", h.base) +
		fmt.Sprintf("\tPUT    %s/{id}   replace the writable fields\n", h.base) +
		fmt.Sprintf("\tPATCH  %s/{id}   change some fields; null clears a nullable one\n", h.base) +
		fmt.Sprintf("\tDELETE %s/{id}   delete (204)", h.base)))
	f.Func().Id("Register"+e.Name+"Routes").Params(jen.Id("mux").Op("*").Qual("net/http", "ServeMux"), jen.Id("db").Op("*").Qual(g.platform, "DB")).Block(append([]jen.Code{
		jen.Id("h").Op(":=").Op("&").Id(h.typ).Values(jen.Dict{jen.Id("store"): jen.Qual(g.repository, "New"+e.Name+"Store").Call(jen.Id("db"))}),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("POST "+h.base), jen.Id("h").Dot("create")),
		g.handle("GET "+h.base, h.e.Read, jen.Id("h").Dot("list")),
		g.handle("GET "+h.base+"/{id}", h.e.Read, jen.Id("h").Dot("get")),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PUT "+h.base+"/{id}"), jen.Id("h").Dot("update")),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PATCH "+h.base+"/{id}"), jen.Id("h").Dot("patch")),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("DELETE "+h.base+"/{id}"), jen.Id("h").Dot("delete")),
	}, g.registerRelations(h)...)...)
}

// listSpecVars emits var taskReadOnly, the JSON names a body may not carry, and
// var taskListSpec, what list queries may sort, filter and search on.
func (g *Gen) listSpecVars(f *jen.File, h *handler) {
	e := h.e
	f.Add(docComment(fmt.Sprintf("%s are the JSON names a request body may not carry: the server sets them.", h.readOnly)))
	var names []string
	for _, fl := range e.ServerOwned() {
		names = append(names, fl.JSON)
	}
	f.Var().Id(h.readOnly).Op("=").Add(stringsLit(names))

	f.Add(docComment(fmt.Sprintf("%s is what list queries of %s may sort, filter and search on.", h.spec, h.plural)))
	var specFields []jen.Code
	for _, fl := range e.Fields {
		kind := fl.Type.Info().ListKind
		if kind == "" || !(fl.Sortable || fl.Filterable || fl.Searchable) {
			continue
		}
		specFields = append(specFields, g.fieldSpec(fl, kind))
	}
	f.Var().Id(h.spec).Op("=").Op("&").Qual(g.platform, "ListSpec").Custom(multiLine,
		jen.Id("Fields").Op(":").Index().Qual(g.platform, "FieldSpec").Custom(multiLine, specFields...),
		jen.Id("PrimaryKey").Op(":").Lit(sqlddl.Ident(h.pk.Column)),
		jen.Id("DefaultSort").Op(":").Lit(e.DefaultSort()),
	)
}

// fieldSpec emits the platform.FieldSpec of fl, whose list kind is kind:
//
//	{Name: "title", Column: "title", Kind: platform.KindString, Sortable: true, ...}
func (g *Gen) fieldSpec(fl *ir.Field, kind string) jen.Code {
	kv := []jen.Code{
		jen.Id("Name").Op(":").Lit(fl.JSON),
		jen.Id("Column").Op(":").Lit(sqlddl.Ident(fl.Column)),
		jen.Id("Kind").Op(":").Qual(g.platform, kind),
	}
	if fl.Type == ir.Enum {
		kv = append(kv, jen.Id("Enum").Op(":").Add(stringsLit(fl.Enum)))
	}
	if fl.Sortable {
		kv = append(kv, jen.Id("Sortable").Op(":").True())
	}
	if fl.Filterable {
		kv = append(kv, jen.Id("Filterable").Op(":").True())
	}
	if fl.Searchable {
		kv = append(kv, jen.Id("Searchable").Op(":").True())
	}
	if fl.Nullable && fl.Sortable {
		kv = append(kv, jen.Id("Nullable").Op(":").True())
	}
	return jen.Values(kv...)
}

// parseIDFunc emits parseTaskID, by the type of the key:
//
//	func parseTaskID(w http.ResponseWriter, r *http.Request) (id int32, ok bool) {
//		n, err := strconv.ParseInt(r.PathValue("id"), 10, 32)
//		if err != nil {
//			writeTaskError(w, r, platform.ErrNotFound)
//			return 0, false
//		}
//		return int32(n), true
//	}
func (g *Gen) parseIDFunc(f *jen.File, h *handler) {
	pkType := g.goType(h.e, h.pk)
	notFound := func(zero jen.Code) jen.Code {
		return jen.Block(jen.Id(h.fail).Call(jen.Id("w"), jen.Id("r"), jen.Qual(g.platform, "ErrNotFound")), jen.Return(zero, jen.False()))
	}
	parseDoc := "%s returns the {id} of the request as a %s id. When the {id} %s, it " +
		"writes the 404 of a missing %s and returns ok false."
	switch {
	case h.pk.Type.Info().Integer:
		bits := h.pk.Type.Info().GoBits
		f.Add(docComment(fmt.Sprintf(parseDoc, h.parseID, h.noun, "cannot be one", h.noun)))
		f.Func().Id(h.parseID).Params(wParam(), rParam()).Params(jen.Id("id").Add(pkType.Clone()), jen.Id("ok").Bool()).Block(
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(jen.Id("r").Dot("PathValue").Call(jen.Lit("id")), jen.Lit(10), jen.Lit(bits)),
			jen.If(jen.Err().Op("!=").Nil()).Add(notFound(jen.Lit(0))),
			jen.Return(pkType.Clone().Call(jen.Id("n")), jen.True()),
		)
	case h.pk.Type == ir.UUID:
		f.Add(docComment(fmt.Sprintf(parseDoc, h.parseID, h.noun, "is not a UUID", h.noun) +
			" The id is returned in lower case, the form the server stores, so that an upper-case " +
			"UUID names the same row on every database."))
		f.Func().Id(h.parseID).Params(wParam(), rParam()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Id("id").Op("=").Id("r").Dot("PathValue").Call(jen.Lit("id")),
			jen.If(jen.Op("!").Id("isUUID").Call(jen.Id("id"))).Add(notFound(jen.Lit(""))),
			jen.Return(jen.Qual("strings", "ToLower").Call(jen.Id("id")), jen.True()),
		)
	default:
		f.Add(docComment(fmt.Sprintf(parseDoc, h.parseID, h.noun, "holds a NUL character, which no stored id can", h.noun)))
		f.Func().Id(h.parseID).Params(wParam(), rParam()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Id("id").Op("=").Id("r").Dot("PathValue").Call(jen.Lit("id")),
			jen.If(jen.Qual("strings", "IndexByte").Call(jen.Id("id"), jen.LitByte(0)).Op(">=").Lit(0)).Add(notFound(jen.Lit(""))),
			jen.Return(jen.Id("id"), jen.True()),
		)
	}
}

// errorFunc emits writeTaskError, which reports a missing row as a 404. The
// detail does not repeat the path: a client's bytes are never echoed back.
func (g *Gen) errorFunc(f *jen.File, h *handler) {
	code := h.e.NotFoundCode()
	f.Add(docComment(fmt.Sprintf("%s writes err, reporting a missing %s as 404 %s.", h.fail, h.noun, code)))
	f.Func().Id(h.fail).Params(wParam(), rParam(), jen.Err().Error()).Block(
		jen.If(jen.Qual("errors", "Is").Call(jen.Err(), jen.Qual(g.platform, "ErrNotFound"))).Block(
			jen.Err().Op("=").Qual(g.platform, "NewError").Call(
				jen.Qual("net/http", "StatusNotFound"), jen.Lit(code),
				jen.Lit("No "+h.noun+" has this id.")),
		),
		g.writeErr(jen.Err()),
	)
}

// handle emits mux.HandleFunc(pattern, fn), or mux.Handle(pattern,
// platform.Public(fn)) for a route that read=public opens to anonymous callers.
func (g *Gen) handle(pattern string, read ir.Access, fn jen.Code) jen.Code {
	if read.Rule == ir.RulePublic {
		return jen.Id("mux").Dot("Handle").Call(jen.Lit(pattern), jen.Qual(g.platform, "Public").Call(fn))
	}
	return jen.Id("mux").Dot("HandleFunc").Call(jen.Lit(pattern), fn)
}

// handlerMethod emits (h *taskHandler) name(w, r) with the given doc comment
// and body, which starts by checking the caller against the entity's policy
// for use ("Read" or "Write"):
//
//	who, ok := platform.Authorize(w, r, repository.TaskPolicy.Read)
//	if !ok {
//		return
//	}
func (g *Gen) handlerMethod(f *jen.File, h *handler, name, use, doc string, body func(b *jen.Group)) {
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("h").Op("*").Id(h.typ)).Id(name).Params(wParam(), rParam()).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id("who"), jen.Id("ok")).Op(":=").Qual(g.platform, "Authorize").Call(jen.Id("w"), jen.Id("r"), jen.Qual(g.repository, h.e.Name+"Policy").Dot(use))
		b.If(jen.Op("!").Id("ok")).Block(jen.Return())
		body(b)
	})
}

// decodeBody emits:
//
//	var in models.TaskCreate
//	if err := platform.DecodeValid(w, r, &in, taskReadOnly...); err != nil {
//		platform.WriteError(w, r, err)
//		return
//	}
func (g *Gen) decodeBody(b *jen.Group, h *handler, typ string) {
	b.Var().Id("in").Qual(g.models, typ)
	b.If(jen.Err().Op(":=").Qual(g.platform, "DecodeValid").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id("in"), jen.Id(h.readOnly).Op("...")), jen.Err().Op("!=").Nil()).Block(
		g.writeErr(jen.Err()), jen.Return(),
	)
}

// parsePathID emits "id, ok := parseTaskID(w, r); if !ok { return }".
func parsePathID(b *jen.Group, h *handler) {
	b.List(jen.Id("id"), jen.Id("ok")).Op(":=").Id(h.parseID).Call(jen.Id("w"), jen.Id("r"))
	b.If(jen.Op("!").Id("ok")).Block(jen.Return())
}

// respondRow emits the end of a handler that answers with row: the error
// through writeTaskError, else row as JSON with the given status.
func (g *Gen) respondRow(b *jen.Group, h *handler, status string) {
	b.If(jen.Err().Op("!=").Nil()).Block(jen.Id(h.fail).Call(jen.Id("w"), jen.Id("r"), jen.Err()), jen.Return())
	b.Qual(g.platform, "WriteJSON").Call(jen.Id("w"), jen.Qual("net/http", status), jen.Id("row"))
}

// sameKey emits, for a primary key the client chooses, the check that a
// body naming the key names the row of the path: a key never changes.
func (g *Gen) sameKey(b *jen.Group, h *handler, differs jen.Code) {
	if h.pk.ReadOnly || h.pk.Role != ir.RoleNone {
		return
	}
	b.If(differs).Block(
		g.writeErr(jen.Qual(g.platform, "ValidationError").Call(jen.Index().Qual(g.platform, "FieldError").Values(jen.Values(
			jen.Id("Field").Op(":").Lit(h.pk.JSON),
			jen.Id("Message").Op(":").Lit("must equal the id in the path: a key cannot change"),
		)))),
		jen.Return(),
	)
}

// location emits the path segment of a created row's key in its Location.
func (h *handler) location() jen.Code {
	id := jen.Id("row").Dot(h.pk.Name)
	switch {
	case h.pk.Type.Info().Integer:
		if h.pk.Type.Info().GoBits < 64 {
			id = jen.Int64().Call(id)
		}
		return jen.Qual("strconv", "FormatInt").Call(id, jen.Lit(10))
	case h.pk.Type == ir.UUID:
		return id
	default:
		return jen.Qual("net/url", "PathEscape").Call(id)
	}
}

// createHandler emits (h *taskHandler) create, which answers 201 with a Location.
func (g *Gen) createHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "create", "Write", fmt.Sprintf("create handles POST %s.", h.base), func(b *jen.Group) {
		g.decodeBody(b, h, h.e.Name+"Create")
		b.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.storeCall(h, "Create", jen.Id("in")))
		b.If(jen.Err().Op("!=").Nil()).Block(g.writeErr(jen.Err()), jen.Return())
		b.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Location"), jen.Lit(h.base+"/").Op("+").Add(h.location()))
		b.Qual(g.platform, "WriteJSON").Call(jen.Id("w"), jen.Qual("net/http", "StatusCreated"), jen.Id("row"))
	})
}

// listHandler emits (h *taskHandler) list, which answers a platform.Page.
func (g *Gen) listHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "list", "Read", fmt.Sprintf("list handles GET %s.", h.base), func(b *jen.Group) {
		b.List(jen.Id("p"), jen.Err()).Op(":=").Qual(g.platform, "ParseList").Call(jen.Id("r"), jen.Id(h.spec))
		b.If(jen.Err().Op("!=").Nil()).Block(g.writeErr(jen.Err()), jen.Return())
		b.List(jen.Id("items"), jen.Id("total"), jen.Err()).Op(":=").Add(g.storeCall(h, "List", jen.Id("p")))
		b.If(jen.Err().Op("!=").Nil()).Block(g.writeErr(jen.Err()), jen.Return())
		b.Qual(g.platform, "WriteJSON").Call(jen.Id("w"), jen.Qual("net/http", "StatusOK"),
			jen.Qual(g.platform, "NewPage").Call(jen.Id("p"), jen.Id("items"), jen.Id("total")))
	})
}

// getHandler emits (h *taskHandler) get.
func (g *Gen) getHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "get", "Read", fmt.Sprintf("get handles GET %s/{id}.", h.base), func(b *jen.Group) {
		parsePathID(b, h)
		b.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.storeCall(h, "Get", jen.Id("id")))
		g.respondRow(b, h, "StatusOK")
	})
}

// updateHandler emits (h *taskHandler) update, for PUT.
func (g *Gen) updateHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "update", "Write", fmt.Sprintf("update handles PUT %s/{id}.", h.base), func(b *jen.Group) {
		parsePathID(b, h)
		g.decodeBody(b, h, h.e.Name+"Update")
		g.sameKey(b, h, jen.Id("in").Dot(h.pk.Name).Op("!=").Nil().Op("&&").Op("*").Id("in").Dot(h.pk.Name).Op("!=").Id("id"))
		b.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.storeCall(h, "Update", jen.Id("id"), jen.Id("in")))
		g.respondRow(b, h, "StatusOK")
	})
}

// patchHandler emits (h *taskHandler) patch.
func (g *Gen) patchHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "patch", "Write", fmt.Sprintf("patch handles PATCH %s/{id}.", h.base), func(b *jen.Group) {
		parsePathID(b, h)
		g.decodeBody(b, h, h.e.Name+"Patch")
		g.sameKey(b, h, jen.Id("in").Dot(h.pk.Name).Dot("Set").Op("&&").Id("in").Dot(h.pk.Name).Dot("Value").Op("!=").Id("id"))
		b.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.storeCall(h, "Patch", jen.Id("id"), jen.Id("in")))
		g.respondRow(b, h, "StatusOK")
	})
}

// deleteHandler emits (h *taskHandler) delete, which answers 204.
func (g *Gen) deleteHandler(f *jen.File, h *handler) {
	g.handlerMethod(f, h, "delete", "Write", fmt.Sprintf("delete handles DELETE %s/{id}.", h.base), func(b *jen.Group) {
		parsePathID(b, h)
		b.If(jen.Err().Op(":=").Add(g.storeCall(h, "Delete", jen.Id("id"))), jen.Err().Op("!=").Nil()).Block(
			jen.Id(h.fail).Call(jen.Id("w"), jen.Id("r"), jen.Err()), jen.Return())
		b.Id("w").Dot("WriteHeader").Call(jen.Qual("net/http", "StatusNoContent"))
	})
}
