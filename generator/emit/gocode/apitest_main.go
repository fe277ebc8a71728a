package gocode

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/naming"
)

// Short names for the jennifer statements the test builders repeat.
var (
	tT   = func() *jen.Statement { return jen.Id("t").Op("*").Qual("testing", "T") }
	tHlp = func() *jen.Statement { return jen.Id("t").Dot("Helper").Call() }
)

// ownerTables returns the tables the owner fields of CRUD entities reference
// (each once, in spec order), with the field a user's id goes into.
func (g *Gen) ownerTables() []*ir.Entity {
	var out []*ir.Entity
	seen := map[string]bool{}
	for _, e := range g.entities {
		o := e.Owner()
		if o == nil || o.References == nil || seen[o.References.Table] {
			continue
		}
		if t := g.schema.Entity(o.References.Table); t != nil && t.PK() != nil {
			seen[o.References.Table] = true
			out = append(out, t)
		}
	}
	return out
}

// APIMainTest is internal/api/main_test.go: the test server and the helpers
// the per-entity tests share.
func (g *Gen) APIMainTest() *jen.File {
	if len(g.entities) == 0 {
		return nil
	}
	f := g.newFile(g.api, "api")
	plain, limited := false, false // parents with and without a row limit
	for _, e := range g.entities {
		for _, p := range g.newAPITest(e).refs {
			limited = limited || g.limits[p] > 0
			plain = plain || g.limits[p] == 0
		}
	}
	hasRefs := plain || limited
	g.subjectsConst(f)
	g.serverType(f, hasRefs, plain)
	if plain {
		parentMethod(f)
	}
	if limited {
		limitedParentMethod(f)
	}
	bodyAsMethod(f, hasRefs)
	for _, u := range g.ownerTables() {
		g.insertUserFunc(f, u)
	}
	g.requestMethod(f)
	g.sendMethod(f)
	g.tokenOfFunc(f)
	g.relationsTest(f)
	responseDecoders(f)
	g.expectFuncs(f)
	return f
}

// subjectsConst emits const (alice = ...; bob = ...), the subjects tests act as.
func (g *Gen) subjectsConst(f *jen.File) {
	alice, bob, subjects := g.subjects()
	f.Add(docComment(wrap(subjects + " Tests act as alice; bob owns nothing of hers and must never see or change it.")))
	f.Const().Defs(
		jen.Id("alice").Op("=").Lit(alice),
		jen.Id("bob").Op("=").Lit(bob),
	)
	if roles := g.policyRoles(); len(roles) > 0 {
		f.Add(docComment("aliceRoles are the roles alice's tokens grant: every role a policy names, so\n" +
			"that the route tests every entity shares reach every route. bob holds none."))
		f.Var().Id("aliceRoles").Op("=").Add(stringsLit(roles))
		f.Add(docComment("rolesOf returns the roles of subject's tokens."))
		f.Func().Id("rolesOf").Params(jen.Id("subject").String()).Index().String().Block(
			jen.If(jen.Id("subject").Op("==").Id("alice")).Block(jen.Return(jen.Id("aliceRoles"))),
			jen.Return(jen.Nil()),
		)
	}
}

// policyRoles returns the roles the entities' policies name, sorted.
func (g *Gen) policyRoles() []string {
	seen := map[string]bool{}
	var roles []string
	for _, e := range g.entities {
		for _, a := range []ir.Access{e.Read, e.Write} {
			if a.Rule == ir.RuleRole && !seen[a.Role] {
				seen[a.Role] = true
				roles = append(roles, a.Role)
			}
		}
	}
	sort.Strings(roles)
	return roles
}

// serverType emits type server and newServer; with hasRefs, the server keeps
// the parent rows test rows refer to and, with counted, how many of them
// parent created (it numbers their bodies by it).
func (g *Gen) serverType(f *jen.File, hasRefs, counted bool) {
	users := g.ownerTables()
	f.Add(docComment("server is the app's full HTTP stack (authentication, middleware, routes) on a\n" +
		"fresh database: SQLite in a temporary file, or a new PostgreSQL schema when\nTEST_DATABASE_URL is set."))
	f.Type().Id("server").StructFunc(func(st *jen.Group) {
		st.Id("t").Op("*").Qual("testing", "T")
		st.Id("handler").Qual("net/http", "Handler")
		st.Id("db").Op("*").Qual(g.platform, "DB").Comment("for the tests that look past the API, at the event outbox")
		if hasRefs {
			st.Id("parents").Map(jen.String()).Map(jen.String()).Any().Comment("parent rows by key, see parent")
			if counted {
				st.Id("made").Int().Comment("parent rows created so far")
			}
			st.Id("actor").String().Comment("whose owned parent rows bodies refer to, see bodyAs")
		}
	})

	params := []jen.Code{tT()}
	if len(users) > 0 {
		var tables []string
		for _, u := range users {
			tables = append(tables, u.Table)
		}
		f.Add(docComment(wrap(fmt.Sprintf("newServer returns a server on a freshly migrated database. With owners, alice and bob "+
			"have their rows in %s, which the rows of owned entities refer to.", strings.Join(tables, ", ")))))
		params = append(params, jen.Id("owners").Bool())
	} else {
		f.Add(docComment("newServer returns a server on a freshly migrated database."))
	}
	f.Func().Id("newServer").Params(params...).Op("*").Id("server").BlockFunc(func(b *jen.Group) {
		b.Add(tHlp())
		b.Id("db").Op(":=").Qual(g.platformtest, "DB").Call(jen.Id("t"), jen.Qual(g.migrations, "FS"))
		if len(users) > 0 {
			b.If(jen.Id("owners")).Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("subject")).Op(":=").Range().Index().String().Values(jen.Id("alice"), jen.Id("bob"))).BlockFunc(func(l *jen.Group) {
					for _, u := range users {
						l.Id("insert"+u.Name).Call(jen.Id("t"), jen.Id("db"), jen.Id("subject"))
					}
				}),
			)
		}
		b.Return(jen.Op("&").Id("server").CustomFunc(multiLine, func(v *jen.Group) {
			v.Id("t").Op(":").Id("t")
			v.Id("handler").Op(":").Qual(g.platformtest, "Handler").Call(jen.Id("t"), jen.Id("db"), jen.Id("Routes"))
			v.Id("db").Op(":").Id("db")
			if hasRefs {
				v.Id("parents").Op(":").Map(jen.String()).Map(jen.String()).Any().Values()
				v.Id("actor").Op(":").Id("alice")
			}
		}))
	})
}

// bodyAsMethod emits (s *server) bodyAs, body i of an entity as subject
// sends it: with hasRefs, the parent rows only their owner may read are
// subject's.
func bodyAsMethod(f *jen.File, hasRefs bool) {
	f.Add(docComment("bodyAs returns body(s, i) as subject sends it: the parents it refers to that\n" +
		"only their owner may read are subject's, as a reference to another's is refused."))
	body := jen.Id("body").Func().Params(jen.Op("*").Id("server"), jen.Int()).Map(jen.String()).Any()
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("bodyAs").Params(jen.Id("subject").String(), body, jen.Id("i").Int()).Map(jen.String()).Any().BlockFunc(func(b *jen.Group) {
		if !hasRefs {
			b.Return(jen.Id("body").Call(jen.Id("s"), jen.Id("i")))
			return
		}
		b.List(jen.Id("prev")).Op(":=").Id("s").Dot("actor")
		b.Id("s").Dot("actor").Op("=").Id("subject")
		b.Defer().Func().Params().Block(jen.Id("s").Dot("actor").Op("=").Id("prev")).Call()
		b.Return(jen.Id("body").Call(jen.Id("s"), jen.Id("i")))
	})
}

// parentMethod emits (s *server) parent, which creates a parent row on first use.
func parentMethod(f *jen.File) {
	f.Add(docComment("parent returns the parent row with the given key (\"notes/3\") that test rows\nrefer to, created on first use by create with a body number (50 to 99) no\nother parent of this server has used."))
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("parent").Params(jen.Id("key").String(), jen.Id("create").Func().Params(jen.Int()).Map(jen.String()).Any()).Map(jen.String()).Any().Block(
		jen.If(jen.List(jen.Id("row"), jen.Id("ok")).Op(":=").Id("s").Dot("parents").Index(jen.Id("key")), jen.Id("ok")).Block(jen.Return(jen.Id("row"))),
		jen.Id("n").Op(":=").Lit(50).Op("+").Id("s").Dot("made").Op("%").Lit(50),
		jen.Id("s").Dot("made").Op("++").Comment("before create, which may create parents of its own"),
		jen.Id("row").Op(":=").Id("create").Call(jen.Id("n")),
		jen.Id("s").Dot("parents").Index(jen.Id("key")).Op("=").Id("row"),
		jen.Return(jen.Id("row")),
	)
}

// requestMethod emits type response and (s *server) request, which sends a raw
// request through the whole stack.
func (g *Gen) requestMethod(f *jen.File) {
	f.Add(docComment("response is a recorded HTTP response."))
	f.Type().Id("response").Struct(
		jen.Id("status").Int(),
		jen.Id("header").Qual("net/http", "Header"),
		jen.Id("body").Index().Byte(),
	)

	f.Add(docComment("request sends a request through the whole stack. authorization is the raw\nAuthorization header and contentType the Content-Type; \"\" leaves a header out."))
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("request").Params(
		jen.List(jen.Id("method"), jen.Id("path"), jen.Id("authorization"), jen.Id("contentType"), jen.Id("body")).String(),
	).Op("*").Id("response").Block(
		jen.Id("req").Op(":=").Qual("net/http/httptest", "NewRequest").Call(jen.Id("method"), jen.Id("path"), jen.Qual("strings", "NewReader").Call(jen.Id("body"))),
		jen.If(jen.Id("authorization").Op("!=").Lit("")).Block(jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Id("authorization"))),
		jen.If(jen.Id("contentType").Op("!=").Lit("")).Block(jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("contentType"))),
		jen.Id("rec").Op(":=").Qual("net/http/httptest", "NewRecorder").Call(),
		jen.Id("s").Dot("handler").Dot("ServeHTTP").Call(jen.Id("rec"), jen.Id("req")),
		jen.Return(jen.Op("&").Id("response").Values(jen.Dict{
			jen.Id("status"): jen.Id("rec").Dot("Code"),
			jen.Id("header"): jen.Id("rec").Dot("Header").Call(),
			jen.Id("body"):   jen.Id("rec").Dot("Body").Dot("Bytes").Call(),
		})),
	)
}

// sendMethod emits (s *server) send, which sends a JSON body authenticated as a subject.
func (g *Gen) sendMethod(f *jen.File) {
	f.Add(docComment("send sends body, when not nil, as JSON, authenticated as subject."))
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("send").Params(
		jen.List(jen.Id("method"), jen.Id("path"), jen.Id("subject")).String(), jen.Id("body").Any(),
	).Op("*").Id("response").Block(
		jen.Id("s").Dot("t").Dot("Helper").Call(),
		jen.Var().Defs(
			jen.Id("raw").Index().Byte(),
			jen.Id("contentType").String(),
		),
		jen.If(jen.Id("body").Op("!=").Nil()).Block(
			jen.Var().Err().Error(),
			jen.If(jen.List(jen.Id("raw"), jen.Err()).Op("=").Qual("encoding/json", "Marshal").Call(jen.Id("body")), jen.Err().Op("!=").Nil()).Block(
				jen.Id("s").Dot("t").Dot("Fatalf").Call(jen.Lit("encode the body of %s %s: %v"), jen.Id("method"), jen.Id("path"), jen.Err()),
			),
			jen.Id("contentType").Op("=").Lit("application/json"),
		),
		g.sendReturn(),
	)
}

// decodeInto emits the end of a response decoder: decode r.body into dst,
// keeping numbers exact, and return dst.
func decodeInto(dst string) []jen.Code {
	return []jen.Code{
		jen.Id("dec").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("r").Dot("body"))),
		jen.Id("dec").Dot("UseNumber").Call(),
		jen.If(jen.Err().Op(":=").Id("dec").Dot("Decode").Call(jen.Op("&").Id(dst)), jen.Err().Op("!=").Nil()).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("decode %s: %v"), jen.Id("r").Dot("body"), jen.Err()),
		),
		jen.Return(jen.Id(dst)),
	}
}

// responseDecoders emits (r *response) object, type page and (r *response) page.
func responseDecoders(f *jen.File) {
	f.Add(docComment("object decodes the body as a JSON object; numbers stay exact (json.Number)."))
	f.Func().Params(jen.Id("r").Op("*").Id("response")).Id("object").Params(tT()).Map(jen.String()).Any().Block(
		append([]jen.Code{tHlp(), jen.Var().Id("v").Map(jen.String()).Any()}, decodeInto("v")...)...,
	)

	f.Add(docComment("page is a decoded list response."))
	f.Type().Id("page").Struct(
		jen.Id("Items").Index().Map(jen.String()).Any().Tag(map[string]string{"json": "items"}),
		jen.Id("Total").Int().Tag(map[string]string{"json": "total"}),
		jen.Id("Limit").Int().Tag(map[string]string{"json": "limit"}),
		jen.Id("Offset").Int().Tag(map[string]string{"json": "offset"}),
		jen.Id("Next").String().Tag(map[string]string{"json": "next"}),
	)
	f.Add(docComment("page decodes the body as a list response."))
	f.Func().Params(jen.Id("r").Op("*").Id("response")).Id("page").Params(tT()).Id("page").Block(
		append([]jen.Code{tHlp(), jen.Var().Id("p").Id("page")}, decodeInto("p")...)...,
	)
}

// expectFuncs emits the assertions the tests share: expectStatus,
// expectError, expectFields, jsonOf and expectItems.
func (g *Gen) expectFuncs(f *jen.File) {
	expectStatusFunc(f)
	g.expectErrorFunc(f)
	expectFieldsFunc(f)
	expectItemsFunc(f)
}

// expectStatusFunc emits func expectStatus(t, r, want).
func expectStatusFunc(f *jen.File) {
	f.Add(docComment("expectStatus stops the test unless r has status want."))
	f.Func().Id("expectStatus").Params(tT(), jen.Id("r").Op("*").Id("response"), jen.Id("want").Int()).Block(
		tHlp(),
		jen.If(jen.Id("r").Dot("status").Op("!=").Id("want")).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("status %d, want %d; body: %s"), jen.Id("r").Dot("status"), jen.Id("want"), jen.Id("r").Dot("body")),
		),
	)
}

// expectErrorFunc emits func expectError(t, r, status, code, field), which
// checks an error response.
func (g *Gen) expectErrorFunc(f *jen.File) {
	f.Add(docComment("expectError checks an error response: its status, a JSON body with code, a\ndetail and a request id, and, when field is not \"\", an entry for field in errors."))
	f.Func().Id("expectError").Params(tT(), jen.Id("r").Op("*").Id("response"), jen.Id("status").Int(), jen.List(jen.Id("code"), jen.Id("field")).String()).Block(
		tHlp(),
		jen.Id("expectStatus").Call(jen.Id("t"), jen.Id("r"), jen.Id("status")),
		jen.If(jen.Id("ct").Op(":=").Id("r").Dot("header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Op("!").Qual("strings", "HasPrefix").Call(jen.Id("ct"), jen.Lit("application/json"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Content-Type %q, want application/json"), jen.Id("ct")),
		),
		jen.Var().Id("body").Struct(
			jen.Id("Detail").String().Tag(map[string]string{"json": "detail"}),
			jen.Id("Code").String().Tag(map[string]string{"json": "code"}),
			jen.Id("RequestID").String().Tag(map[string]string{"json": "request_id"}),
			jen.Id("Errors").Index().Qual(g.platform, "FieldError").Tag(map[string]string{"json": "errors"}),
		),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("r").Dot("body"), jen.Op("&").Id("body")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("decode error body %s: %v"), jen.Id("r").Dot("body"), jen.Err()),
		),
		jen.If(jen.Id("body").Dot("Code").Op("!=").Id("code")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("code %q, want %q (detail %q)"), jen.Id("body").Dot("Code"), jen.Id("code"), jen.Id("body").Dot("Detail")),
		),
		jen.If(jen.Id("body").Dot("Detail").Op("==").Lit("").Op("||").Id("body").Dot("RequestID").Op("==").Lit("")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("error body %s lacks a detail or a request_id"), jen.Id("r").Dot("body")),
		),
		jen.If(jen.Id("field").Op("!=").Lit("").Op("&&").Op("!").Qual("slices", "ContainsFunc").Call(jen.Id("body").Dot("Errors"),
			jen.Func().Params(jen.Id("e").Qual(g.platform, "FieldError")).Bool().Block(jen.Return(jen.Id("e").Dot("Field").Op("==").Id("field"))))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("errors %+v name no %q"), jen.Id("body").Dot("Errors"), jen.Id("field")),
		),
	)
}

// expectFieldsFunc emits func expectFields(t, got, want) and func jsonOf(t, v),
// which it compares with.
func expectFieldsFunc(f *jen.File) {
	f.Add(docComment("expectFields reports every key of want whose value in got differs, compared\nas JSON."))
	f.Func().Id("expectFields").Params(tT(), jen.List(jen.Id("got"), jen.Id("want")).Map(jen.String()).Any()).Block(
		tHlp(),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(jen.Id("want")))).Block(
			jen.If(jen.List(jen.Id("g"), jen.Id("w")).Op(":=").List(jen.Id("jsonOf").Call(jen.Id("t"), jen.Id("got").Index(jen.Id("k"))), jen.Id("jsonOf").Call(jen.Id("t"), jen.Id("want").Index(jen.Id("k")))), jen.Id("g").Op("!=").Id("w")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("%s = %s, want %s"), jen.Id("k"), jen.Id("g"), jen.Id("w")),
			),
		),
	)
	f.Add(docComment("jsonOf returns v encoded as JSON."))
	f.Func().Id("jsonOf").Params(tT(), jen.Id("v").Any()).String().Block(
		tHlp(),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("encode %v: %v"), jen.Id("v"), jen.Err())),
		jen.Return(jen.String().Call(jen.Id("b"))),
	)
}

// expectItemsFunc emits func expectItems(t, p, key, want...), which checks the
// rows of a page by key.
func expectItemsFunc(f *jen.File) {
	f.Add(docComment("expectItems checks that p holds exactly the rows want, in that order, by id."))
	f.Func().Id("expectItems").Params(tT(), jen.Id("p").Id("page"), jen.Id("key").String(), jen.Id("want").Op("...").Map(jen.String()).Any()).Block(
		tHlp(),
		jen.Var().List(jen.Id("got"), jen.Id("wantIDs")).Index().String(),
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("p").Dot("Items")).Block(
			jen.Id("got").Op("=").Append(jen.Id("got"), jen.Id("jsonOf").Call(jen.Id("t"), jen.Id("item").Index(jen.Id("key")))),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("want")).Block(
			jen.Id("wantIDs").Op("=").Append(jen.Id("wantIDs"), jen.Id("jsonOf").Call(jen.Id("t"), jen.Id("item").Index(jen.Id("key")))),
		),
		jen.If(jen.Op("!").Qual("slices", "Equal").Call(jen.Id("got"), jen.Id("wantIDs"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("items %v, want %v"), jen.Id("got"), jen.Id("wantIDs")),
		),
	)
}

// insertUserFunc emits insert<User>(t, db, id): the row of the owners' table that
// owned rows reference, with a value for every NOT NULL column. When that row
// itself references other tables through NOT NULL columns (users.org_id), the
// rows it references are inserted first with fixed seed keys, once.
func (g *Gen) insertUserFunc(f *jen.File, u *ir.Entity) {
	f.Add(docComment(fmt.Sprintf("insert%s adds the %s row with the given id that test rows are owned by, so\nthat a foreign key from the owner column holds.", u.Name, u.Table)))
	f.Func().Id("insert"+u.Name).Params(tT(), jen.Id("db").Op("*").Qual(g.platform, "DB"), jen.Id("id").String()).BlockFunc(func(b *jen.Group) {
		b.Add(tHlp())
		g.seedRow(b, u, jen.Id("id"), map[string]bool{u.Name: true}, true)
	})
}

// seedRow emits the insert of one row of e whose key is key, after the rows
// its NOT NULL references need. The first row is the owners' row; the others
// are parents, inserted with ON CONFLICT DO NOTHING since every owner shares
// them.
func (g *Gen) seedRow(b *jen.Group, e *ir.Entity, key jen.Code, seen map[string]bool, owner bool) {
	var cols []string
	var args []jen.Code
	for _, fl := range e.Fields {
		if fl.Nullable && !fl.PrimaryKey {
			continue
		}
		cols = append(cols, sqlddl.Ident(fl.Column))
		text := jen.Lit("seed@example.com")
		if owner {
			text = jen.Id("id").Op("+").Lit("@example.com")
		}
		v := g.seedValue(fl, key, text)
		if ref := fl.References; ref != nil && !fl.PrimaryKey {
			if p := g.entityNamed(ref.Entity); p != nil && !seen[p.Name] {
				seen[p.Name] = true
				v = seedKey(fl)
				g.seedRow(b, p, v, seen, false)
			} else if ref.Entity == e.Name {
				v = key // a row may reference itself
			}
		}
		args = append(args, v)
	}
	suffix, what := "", jen.Lit("insert "+e.Table+" row %s: %v")
	fatalArgs := []jen.Code{key, jen.Err()}
	if !owner {
		suffix, what = " ON CONFLICT DO NOTHING", jen.Lit("insert "+e.Table+" row: %v")
		fatalArgs = []jen.Code{jen.Err()}
	}
	query := func(ph func(int) string) string {
		var ps []string
		for i := range cols {
			ps = append(ps, ph(i+1))
		}
		return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)%s", sqlddl.Ident(e.Table), strings.Join(cols, ", "), strings.Join(ps, ", "), suffix)
	}
	name := "query"
	if !owner {
		name = naming.Camel(e.Name) + "Query"
		b.Comment(fmt.Sprintf("The %s row the owners' rows reference.", e.Table))
	}
	b.Id(name).Op(":=").Lit(query(sqlddl.SQLite.Placeholder))
	b.If(jen.Id("db").Dot("Dialect").Op("==").Qual(g.platform, sqlddl.Postgres.PlatformConst())).Block(
		jen.Id(name).Op("=").Lit(query(sqlddl.Postgres.Placeholder)),
	)
	b.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("db").Dot("Write").Dot("ExecContext").Call(
		append([]jen.Code{jen.Id("t").Dot("Context").Call(), jen.Id(name)}, args...)...), jen.Err().Op("!=").Nil()).Block(
		jen.Id("t").Dot("Fatalf").Call(append([]jen.Code{what}, fatalArgs...)...),
	)
}

// seedValue is the value a seeded row gets in the NOT NULL column fl; key is
// the row's key and text the value of its text columns.
func (g *Gen) seedValue(fl *ir.Field, key, text jen.Code) jen.Code {
	switch {
	case fl.PrimaryKey:
		return key
	case fl.Type == ir.Bool:
		return jen.False()
	case fl.Type.Info().Integer || fl.Type == ir.Float:
		return jen.Lit(0)
	case fl.Type == ir.Timestamp:
		return jen.Qual(g.platform, "Now").Call()
	case fl.Type == ir.Date:
		return jen.Lit("2030-01-01")
	case fl.Type == ir.Enum:
		return jen.Lit(fl.Enum[0])
	case fl.Type == ir.UUID:
		return jen.Lit("00000000-0000-4000-8000-000000000000")
	case fl.Type == ir.JSON:
		return jen.Lit("{}")
	case fl.Type == ir.Bytes:
		return jen.Index().Byte().Values()
	}
	return text
}

// seedKey is the key of a seeded parent row, of the type of the referencing
// column fl; integer keys are far above what the tests' own inserts reach.
func seedKey(fl *ir.Field) jen.Code {
	switch {
	case fl.Type.Info().Integer:
		return jen.Lit(900001)
	case fl.Type == ir.UUID:
		return jen.Lit("00000000-0000-4000-8000-0000000000f1")
	}
	return jen.Lit("seed")
}

// entityNamed returns the entity called name, or nil.
func (g *Gen) entityNamed(name string) *ir.Entity {
	for _, e := range g.entities {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// subjects returns the JWT subjects of the two test users and a comment on
// them. Owner ids are strings in the token; they must also be valid values of
// the owner columns: UUIDs or integers when an owner column (or the key of the
// owners' table) has that type.
func (g *Gen) subjects() (alice, bob, doc string) {
	for _, e := range g.entities {
		o := e.Owner()
		if o == nil {
			continue
		}
		types := []ir.Type{o.Type}
		if o.References != nil {
			if t := g.schema.Entity(o.References.Table); t != nil && t.PK() != nil {
				types = append(types, t.PK().Type)
			}
		}
		for _, t := range types {
			if t == ir.UUID {
				return "a11ce000-0000-4000-8000-000000000001", "b0b00000-0000-4000-8000-000000000002",
					"The subjects of the two test users (UUIDs, like the owner column)."
			}
			if t.Info().Integer {
				return "1", "2", "The subjects of the two test users (integers, like the owner column)."
			}
		}
	}
	return "alice", "bob", "The subjects of the two test users."
}

// sendReturn emits the end of send: the request with the subject's token.
func (g *Gen) sendReturn() jen.Code {
	return jen.Return(jen.Id("s").Dot("request").Call(jen.Id("method"), jen.Id("path"),
		jen.Lit("Bearer ").Op("+").Id("tokenOf").Call(jen.Id("s").Dot("t"), jen.Id("subject")),
		jen.Id("contentType"), jen.String().Call(jen.Id("raw"))))
}

// tokenOfFunc emits func tokenOf(t, subject), the bearer token of a test
// subject, which grants alice aliceRoles when policies name roles.
func (g *Gen) tokenOfFunc(f *jen.File) {
	var args []jen.Code
	doc := "tokenOf returns a bearer token for subject."
	if len(g.policyRoles()) > 0 {
		args = append(args, jen.Id("rolesOf").Call(jen.Id("subject")).Op("..."))
		doc = "tokenOf returns a bearer token for subject, granting the roles of rolesOf."
	}
	f.Add(docComment(doc))
	f.Func().Id("tokenOf").Params(jen.Id("t").Qual("testing", "TB"), jen.Id("subject").String()).String().Block(
		jen.Return(jen.Qual(g.platformtest, "Token").Call(append([]jen.Code{jen.Id("t"), jen.Id("subject")}, args...)...)),
	)
}
