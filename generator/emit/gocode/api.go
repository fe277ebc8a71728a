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

// APIShared is internal/api/api.go: the package comment, Routes, which
// main.go hands to platform.Main, and the parsers of the {id} of a path, one
// per type of key. The handlers the entities share are templates/api's.
func (g *Gen) APIShared() *jen.File {
	f := g.packageFile(g.api, "api", apiPackageDoc)
	f.Add(docComment("Routes registers the routes of every resource on mux. It is the App.Routes of main.go."))
	f.Func().Id("Routes").Params(jen.Id("mux").Op("*").Qual("net/http", "ServeMux"), jen.Id("db").Op("*").Qual(g.platform, "DB")).BlockFunc(func(b *jen.Group) {
		for _, e := range g.entities {
			b.Id("Register"+e.Name+"Routes").Call(jen.Id("mux"), jen.Id("db"))
		}
	})
	g.keyParsers(f)
	return f
}

// keyParsers emits the parsers of path keys the routes use, each once, in a
// fixed order: parseInt16/32/64, parseUUID and parseText for the {id} of a
// row, parseLinkedUUID and parseLinkedText for the other key of a link route.
func (g *Gen) keyParsers(f *jen.File) {
	used := map[string]bool{}
	for _, e := range g.entities {
		used[keyParser(e.PK(), false)] = true
		for _, l := range g.schema.Links(e) {
			used[keyParser(l.There.Field, true)] = true
		}
	}
	for _, bits := range []int{16, 32, 64} {
		name := fmt.Sprintf("parseInt%d", bits)
		if !used[name] {
			continue
		}
		typ := fmt.Sprintf("int%d", bits)
		n := jen.Id(typ).Call(jen.Id("n"))
		if bits == 64 {
			n = jen.Id("n") // strconv.ParseInt's own type
		}
		f.Add(docComment(fmt.Sprintf("%s reads s as a key of type %s; ok is false when it cannot be one.", name, typ)))
		f.Func().Id(name).Params(jen.Id("s").String()).Params(jen.Id("id").Id(typ), jen.Id("ok").Bool()).Block(
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(jen.Id("s"), jen.Lit(10), jen.Lit(bits)),
			jen.Return(n, jen.Err().Op("==").Nil()),
		)
	}
	if used["parseUUID"] {
		f.Add(docComment("parseUUID reads s as a UUID key; ok is false when it is not a UUID. The key is\n" +
			"returned in lower case, the form the server stores, so that an upper-case UUID\n" +
			"names the same row on every database."))
		f.Func().Id("parseUUID").Params(jen.Id("s").String()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Return(jen.Qual("strings", "ToLower").Call(jen.Id("s")), jen.Qual(g.platform, "IsUUID").Call(jen.Id("s"))),
		)
	}
	if used["parseText"] {
		f.Add(docComment("parseText reads s as a text key; ok is false when s holds a NUL character,\nwhich no stored key can."))
		f.Func().Id("parseText").Params(jen.Id("s").String()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Return(jen.Id("s"), jen.Qual("strings", "IndexByte").Call(jen.Id("s"), jen.LitByte(0)).Op("<").Lit(0)),
		)
	}
	if used["parseLinkedUUID"] {
		f.Add(docComment("parseLinkedUUID reads s as the UUID key of a linked row, as sent; ok is false\nwhen it is not a UUID."))
		f.Func().Id("parseLinkedUUID").Params(jen.Id("s").String()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Return(jen.Id("s"), jen.Qual(g.platform, "IsUUID").Call(jen.Id("s"))),
		)
	}
	if used["parseLinkedText"] {
		f.Add(docComment("parseLinkedText reads s as the text key of a linked row, as sent: the store\nreports a key that names no row."))
		f.Func().Id("parseLinkedText").Params(jen.Id("s").String()).Params(jen.Id("id").String(), jen.Id("ok").Bool()).Block(
			jen.Return(jen.Id("s"), jen.True()),
		)
	}
}

// keyParser is the name of the function of the api package that reads a path
// value as a key of field k; linked is true for the other key of a link route.
func keyParser(k *ir.Field, linked bool) string {
	switch {
	case k.Type.Info().Integer:
		return fmt.Sprintf("parseInt%d", k.Type.Info().GoBits)
	case k.Type == ir.UUID && linked:
		return "parseLinkedUUID"
	case k.Type == ir.UUID:
		return "parseUUID"
	case linked:
		return "parseLinkedText"
	default:
		return "parseText"
	}
}

// handler gathers the names of one entity's routes.
type handler struct {
	e                     *ir.Entity
	coll, store, location string // "taskCollection", "taskStore", "taskLocation"
	base                  string // "/api/tasks"
	noun, plural          string // "task", "tasks": the entity in doc comments
	pk                    *ir.Field
}

func newHandler(e *ir.Entity) *handler {
	lc := e.VarStem()
	return &handler{
		e: e, coll: lc + "Collection", store: lc + "Store", location: lc + "Location",
		base: "/api/" + e.Route, pk: e.PK(),
		noun: e.Noun(), plural: e.PluralNoun(),
	}
}

// API is internal/api/<entity>.go: the entity's routes, registered with the
// handlers of templates/api/handlers.go, and what they need of the entity.
func (g *Gen) API(e *ir.Entity) *jen.File {
	f := g.newFile(g.api, "api")
	h := newHandler(e)
	g.registerFunc(f, h)
	g.collectionVar(f, h)
	g.locationFunc(f, h)
	g.keyFuncs(f, h)
	return f
}

// registerFunc emits RegisterTaskRoutes:
//
//	func RegisterTaskRoutes(mux *http.ServeMux, db *platform.DB) {
//		taskStore := repository.NewTaskStore(db)
//		mux.HandleFunc("POST /api/tasks", handleCreate(taskCollection, taskStore.Create, taskLocation))
//		...
//	}
func (g *Gen) registerFunc(f *jen.File, h *handler) {
	e := h.e
	f.Add(docComment(fmt.Sprintf("Register%sRoutes registers the routes of %s on mux:\n\n", e.Name, h.plural) +
		fmt.Sprintf("\tPOST   %s        create a %s (201, Location)\n", h.base, h.noun) +
		fmt.Sprintf("\tGET    %s        list %s (filters, sort, q, limit, offset)\n", h.base, h.plural) +
		fmt.Sprintf("\tGET    %s/{id}   get one\n", h.base) +
		fmt.Sprintf("\tPUT    %s/{id}   replace the writable fields\n", h.base) +
		fmt.Sprintf("\tPATCH  %s/{id}   change some fields; null clears a nullable one\n", h.base) +
		fmt.Sprintf("\tDELETE %s/{id}   delete (204)", h.base)))
	coll, store := jen.Id(h.coll), jen.Id(h.store)
	method := func(name string) jen.Code { return store.Clone().Dot(name) }
	keyOf := func(kind string) jen.Code {
		if clientKey(h.pk) {
			return jen.Id(h.e.VarStem() + kind + "Key")
		}
		return jen.Nil()
	}
	f.Func().Id("Register"+e.Name+"Routes").Params(jen.Id("mux").Op("*").Qual("net/http", "ServeMux"), jen.Id("db").Op("*").Qual(g.platform, "DB")).Block(append([]jen.Code{
		store.Clone().Op(":=").Qual(g.repository, "New"+e.Name+"Store").Call(jen.Id("db")),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("POST "+h.base), jen.Id("handleCreate").Call(coll, method("Create"), jen.Id(h.location))),
		g.handle("GET "+h.base, h.e.Read, jen.Id("handleList").Call(coll, method("List"))),
		g.handle("GET "+h.base+"/{id}", h.e.Read, jen.Id("handleGet").Call(coll, method("Get"))),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PUT "+h.base+"/{id}"), jen.Id("handleUpdate").Call(coll, method("Update"), keyOf("Update"))),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("PATCH "+h.base+"/{id}"), jen.Id("handleUpdate").Call(coll, method("Patch"), keyOf("Patch"))),
		jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("DELETE "+h.base+"/{id}"), jen.Id("handleDelete").Call(coll, method("Delete"))),
	}, g.registerRelations(h)...)...)
}

// clientKey reports whether the client chooses the key k: a body may then
// name it, and on PUT and PATCH it must name the row of the path.
func clientKey(k *ir.Field) bool { return !k.ReadOnly && k.Role == ir.RoleNone }

// collectionVar emits var taskCollection, what the handlers of tasks share:
// the policy, the JSON names a body may not carry, what list queries may
// sort, filter and search on, the parser of the {id} and the 404.
func (g *Gen) collectionVar(f *jen.File, h *handler) {
	e := h.e
	f.Add(docComment(fmt.Sprintf("%s is what the routes of %s share (see collection).", h.coll, h.plural)))
	var names []string
	for _, fl := range e.ServerOwned() {
		names = append(names, fl.JSON)
	}
	var specFields []jen.Code
	for _, fl := range e.Fields {
		kind := fl.Type.Info().ListKind
		if kind == "" || !(fl.Sortable || fl.Filterable || fl.Searchable) {
			continue
		}
		specFields = append(specFields, g.fieldSpec(fl, kind))
	}
	f.Var().Id(h.coll).Op("=").Op("&").Id("collection").Types(g.goType(e, h.pk)).Custom(multiLine,
		jen.Id("policy").Op(":").Op("&").Qual(g.repository, e.Name+"Policy"),
		jen.Id("readOnly").Op(":").Add(stringsLit(names)),
		jen.Id("spec").Op(":").Op("&").Qual(g.platform, "ListSpec").Custom(multiLine,
			jen.Id("Fields").Op(":").Index().Qual(g.platform, "FieldSpec").Custom(multiLine, specFields...),
			jen.Id("PrimaryKey").Op(":").Lit(sqlddl.Ident(h.pk.Column)),
			jen.Id("DefaultSort").Op(":").Lit(e.DefaultSort()),
		),
		jen.Id("parseID").Op(":").Id(keyParser(h.pk, false)),
		jen.Id("key").Op(":").Lit(h.pk.JSON),
		jen.Id("code").Op(":").Lit(e.NotFoundCode()),
		jen.Id("noun").Op(":").Lit(h.noun),
		ownerForm(g, e),
	)
}

// ownerForm emits the owner item of e's collection, the ids its owner
// column can hold (see ownerIDs); nothing when it holds any id.
func ownerForm(g *Gen, e *ir.Entity) jen.Code {
	form, maxLen := ownerIDs(e.Owner())
	switch {
	case form != "":
		return jen.Id("owner").Op(":").Qual(g.platform, "OwnerIDs").Values(jen.Id("Form").Op(":").Qual(g.platform, form))
	case maxLen > 0:
		return jen.Id("owner").Op(":").Qual(g.platform, "OwnerIDs").Values(jen.Id("MaxLen").Op(":").Lit(maxLen))
	}
	return jen.Null()
}

// ownerIDs says which ids the owner column o (nil: none) can hold: the
// platform.IDForm constant of its type (ir.TypeInfo.IDForm), or the maximum
// length of a text column, 0 when that is beyond any user id (the tests send
// one character more as a token's subject); both empty when any id fits.
func ownerIDs(o *ir.Field) (form string, maxLen int) {
	switch {
	case o == nil:
	case o.Type.Info().IDForm != "":
		form = o.Type.Info().IDForm
	case o.Type.Info().Text && o.MaxLength <= 1000:
		maxLen = o.MaxLength
	}
	return form, maxLen
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

// handle emits mux.HandleFunc(pattern, fn), or mux.Handle(pattern,
// platform.Public(fn)) for a route that read=public opens to anonymous callers.
func (g *Gen) handle(pattern string, read ir.Access, fn jen.Code) jen.Code {
	if read.Rule == ir.RulePublic {
		return jen.Id("mux").Dot("Handle").Call(jen.Lit(pattern), jen.Qual(g.platform, "Public").Call(fn))
	}
	return jen.Id("mux").Dot("HandleFunc").Call(jen.Lit(pattern), fn)
}

// locationFunc emits taskLocation, the Location of a created task:
//
//	func taskLocation(row models.Task) string { return "/api/tasks/" + strconv.FormatInt(int64(row.ID), 10) }
func (g *Gen) locationFunc(f *jen.File, h *handler) {
	f.Add(docComment(fmt.Sprintf("%s returns the path of a created %s, its Location.", h.location, h.noun)))
	f.Func().Id(h.location).Params(jen.Id("row").Qual(g.models, h.e.Name)).String().Block(
		jen.Return(jen.Lit(h.base + "/").Op("+").Add(h.locationKey())),
	)
}

// locationKey emits the path segment of a created row's key in its Location.
func (h *handler) locationKey() jen.Code {
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

// keyFuncs emits, for a key the client chooses, taskUpdateKey and
// taskPatchKey, which return the key a PUT or PATCH body names, if it names
// one: handleUpdate checks that it is the key of the path.
func (g *Gen) keyFuncs(f *jen.File, h *handler) {
	if !clientKey(h.pk) {
		return
	}
	stem, pk := h.e.VarStem(), h.pk.Name
	typ := g.goType(h.e, h.pk)
	f.Add(docComment(fmt.Sprintf("%sUpdateKey returns the key a PUT body names, if it names one.", stem)))
	f.Func().Id(stem+"UpdateKey").Params(jen.Id("in").Qual(g.models, h.e.Name+"Update")).Params(jen.Id("key").Add(typ.Clone()), jen.Id("ok").Bool()).Block(
		jen.If(jen.Id("in").Dot(pk).Op("!=").Nil()).Block(
			jen.List(jen.Id("key"), jen.Id("ok")).Op("=").List(jen.Op("*").Id("in").Dot(pk), jen.True()),
		),
		jen.Return(jen.Id("key"), jen.Id("ok")),
	)
	f.Add(docComment(fmt.Sprintf("%sPatchKey returns the key a PATCH body names, if it names one.", stem)))
	f.Func().Id(stem+"PatchKey").Params(jen.Id("in").Qual(g.models, h.e.Name+"Patch")).Params(jen.Id("key").Add(typ.Clone()), jen.Id("ok").Bool()).Block(
		jen.Return(jen.Id("in").Dot(pk).Dot("Value"), jen.Id("in").Dot(pk).Dot("Set")),
	)
}
