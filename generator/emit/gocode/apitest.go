package gocode

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// apiTest gathers the names used by one entity's generated tests.
type apiTest struct {
	g          *Gen
	e          *ir.Entity
	body, code string // "taskBody", "TASK_NOT_FOUND"
	base       string // "/api/tasks"
	resource   string // "taskRoutes", its resource for routes_test.go
	pk         *ir.Field
	fields     []*ir.Field // writable fields the tests send
	// refs are the required references to other CRUD entities: the tests
	// create one parent row per server and send its key.
	refs map[*ir.Field]*ir.Entity
}

func (g *Gen) newAPITest(e *ir.Entity) *apiTest {
	lc := e.VarStem()
	a := &apiTest{
		g: g, e: e, refs: map[*ir.Field]*ir.Entity{}, body: lc + "Body", code: e.NotFoundCode(), resource: resourceVar(e),
		base: "/api/" + e.Route, pk: e.PK(),
	}
	for _, f := range e.Writable() {
		// A reference to another table needs a parent row the generic tests do
		// not create; a nullable one is simply left out.
		if f.References != nil && f.Nullable {
			continue
		}
		if f.References != nil {
			if p := g.parent(e, f); p != nil {
				a.refs[f] = p
			}
		}
		a.fields = append(a.fields, f)
	}
	return a
}

// resourceVar is the name of e's resource in the generated tests: "taskRoutes".
func resourceVar(e *ir.Entity) string {
	return e.VarStem() + "Routes"
}

// parent returns the CRUD entity a required reference field f of e points to,
// when the tests can create its rows: not e itself, not through a cycle.
func (g *Gen) parent(e *ir.Entity, f *ir.Field) *ir.Entity {
	if f.References == nil || f.Nullable || f.Role != ir.RoleNone {
		return nil
	}
	p := g.schema.Entity(f.References.Table)
	if p == nil || !p.CRUD || p.Managed || p.PK() == nil || p.PK().Column != f.References.Column {
		return nil
	}
	seen := map[*ir.Entity]bool{e: true}
	done := map[*ir.Entity]bool{} // acyclic already, whatever the path
	var acyclic func(x *ir.Entity) bool
	acyclic = func(x *ir.Entity) bool {
		if done[x] {
			return true
		}
		if seen[x] {
			return false
		}
		seen[x] = true
		defer delete(seen, x)
		for _, xf := range x.Fields {
			if xf.References == nil || xf.Nullable || xf.Role != ir.RoleNone {
				continue
			}
			if xp := g.schema.Entity(xf.References.Table); xp != nil && !acyclic(xp) {
				return false
			}
		}
		done[x] = true
		return true
	}
	if !acyclic(p) {
		return nil
	}
	return p
}

// needsOwners reports whether the tests of e create rows of an owned entity:
// e's own or its parents'.
func (g *Gen) needsOwners(e *ir.Entity) bool {
	if e.Owner() != nil {
		return true
	}
	a := g.newAPITest(e)
	for _, f := range a.fields {
		if p := a.refs[f]; p != nil && g.needsOwners(p) {
			return true
		}
	}
	return false
}

// bodyCall emits the call that builds test body i: taskBody(i), or
// s.noteBody(i) for an entity whose bodies refer to parent rows.
func (a *apiTest) bodyCall(i jen.Code) *jen.Statement {
	return jen.Id("s").Dot(a.body).Call(i)
}

// bodyAs emits s.bodyAs(subject, (*server).taskBody, i): body i whose owned
// parents are subject's.
func (a *apiTest) bodyAs(subject string, i int) *jen.Statement {
	return jen.Id("s").Dot("bodyAs").Call(jen.Id(subject), jen.Parens(jen.Op("*").Id("server")).Dot(a.body), jen.Lit(i))
}

// method returns http.MethodX.
func method(m string) jen.Code {
	return jen.Qual("net/http", "Method"+strings.ToUpper(m[:1])+strings.ToLower(m[1:]))
}

// status returns http.StatusX.
func status(name string) jen.Code { return jen.Qual("net/http", "Status"+name) }

// send emits s.send(method, path, subject, body).
func send(m string, path, subject, body jen.Code) *jen.Statement {
	return jen.Id("s").Dot("send").Call(method(m), path, subject, body)
}

// sampleValue returns the Go expression of a valid JSON value of f for the test
// body number i (an int expression from 0 to 99): distinct for distinct i, growing
// with i where the type is ordered, within every rule of f.
func sampleValue(e *ir.Entity, f *ir.Field, i jen.Code) jen.Code {
	sample := f.Type.Info().Sample
	sprintf := func(format string) jen.Code { return jen.Qual("fmt", "Sprintf").Call(jen.Lit(format), i) }
	switch sample.Form {
	case ir.SampleInt:
		start := 1
		if f.Min != nil {
			start = int(*f.Min)
		}
		switch span := f.SampleSpan(); {
		case span == 1:
			return jen.Lit(start) // i%1 would be a constant that staticcheck reports
		case span > 0:
			return jen.Lit(start).Op("+").Add(i).Op("%").Lit(span)
		}
		return jen.Lit(start).Op("+").Add(i)
	case ir.SampleFloat:
		start := 0.5
		if f.Min != nil {
			start = *f.Min
		}
		if f.Max != nil {
			// min + (max-min)*i/100 stays within [min, max] for i < 100.
			return jen.Lit(start).Op("+").Lit(*f.Max - start).Op("*").Float64().Call(i).Op("/").Lit(100.0)
		}
		return jen.Lit(start).Op("+").Float64().Call(i)
	case ir.SampleBool:
		return jen.Add(i).Op("%").Lit(2).Op("==").Lit(0)
	case ir.SampleEnum:
		if len(f.Enum) == 1 {
			return jen.Lit(f.Enum[0])
		}
		return jen.Add(stringsLit(f.Enum)).Index(jen.Add(i).Op("%").Lit(len(f.Enum)))
	case ir.SampleFormat:
		if sample.Div == 0 {
			return sprintf(sample.Format)
		}
		part := func(op string) jen.Code {
			c := jen.Add(i).Op(op).Lit(sample.Div)
			if sample.Base != 0 {
				c = c.Op("+").Lit(sample.Base)
			}
			return c
		}
		return jen.Qual("fmt", "Sprintf").Call(jen.Lit(sample.Format), part("/"), part("%"))
	case ir.SampleJSONDoc:
		return jen.Map(jen.String()).Any().Values(jen.Dict{jen.Lit("n"): i})
	case ir.SampleBytes:
		return jen.Index().Byte().Call(sprintf(sample.Format))
	}
	switch f.Format {
	case "email":
		return sprintf("user%02d@example.com")
	case "url":
		return sprintf("https://example.com/%02d")
	case "uuid":
		return sprintf("00000000-0000-4000-8000-%012d")
	}
	base := strings.ReplaceAll(f.Column, "%", "")
	if f.MaxLength > 0 && len(base)+3 > f.MaxLength {
		if f.MaxLength <= 3 {
			return jen.Qual("strconv", "Itoa").Call(jen.Add(i).Op("%").Lit(int(math.Pow10(f.MaxLength))))
		}
		base = base[:f.MaxLength-3]
	}
	for len(base)+3 < f.MinLength {
		base += "x"
	}
	return sprintf(base + "-%02d")
}

// monotonic reports whether the value of f grows with i in the rows a test
// creates (sampleValue sent in the body, or set by the server in order), so that
// sorting by f orders the rows by i.
func (a *apiTest) monotonic(f *ir.Field) bool {
	if f.Role == ir.RoleCreatedAt || f.Role == ir.RoleUpdatedAt || f.PrimaryKey && f.AutoIncrement {
		return true
	}
	if !slicesContains(a.fields, f) || a.refs[f] != nil {
		return false
	}
	info := f.Type.Info()
	switch {
	case !info.Monotonic:
		return false
	case info.Text:
		return f.MaxLength == 0 || f.MaxLength > 3 || f.Format != ""
	case info.Integer:
		return f.SampleSpan() == 0
	}
	return true
}

// literalValue is a constant JSON value of f's type, for bodies that must be
// rejected before f's value matters (read-only fields).
func literalValue(f *ir.Field) jen.Code {
	if lit := f.Type.Info().Literal; lit != "" {
		return jsonLiteral(lit)
	}
	return jen.Lit(f.Enum[0])
}

// wrongType is a JSON value of the wrong type for f, or nil when every JSON
// value is acceptable.
func wrongType(f *ir.Field) jen.Code {
	if lit := f.Type.Info().WrongType; lit != "" {
		return jsonLiteral(lit)
	}
	return nil
}

// jsonLiteral is the Go value of a JSON text from the type table in a test
// body: a string, number or bool literal, or an empty object.
func jsonLiteral(text string) jen.Code {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		panic("emit: type table literal " + text + ": " + err.Error())
	}
	switch v := v.(type) {
	case float64:
		return jen.Lit(int(v))
	case map[string]any:
		return jen.Map(jen.String()).Any().Values()
	}
	return jen.Lit(v)
}

// defaultJSON is the JSON value the API returns for f when a create request
// leaves it out, or nil when the test cannot know it (a value the server
// draws per row is checked by shape; see drawnDefault).
func defaultJSON(f *ir.Field) (jen.Code, bool) {
	if f.Nullable {
		return jen.Nil(), true
	}
	v, ok := f.DefaultJSON()
	if !ok {
		return nil, false
	}
	switch v := v.(type) {
	case bool:
		return jen.Lit(v), true
	case int:
		lit, _ := f.Default.Literal()
		return jen.Qual("encoding/json", "Number").Call(jen.Lit(lit)), true
	case string:
		if f.Type == ir.Enum || f.Type.Info().Text {
			return jen.Lit(v), true
		}
	}
	return nil, false
}

// validationCase is one row of the generated validation table.
type validationCase struct {
	name, field string
	value       jen.Code // nil: leave the field out
}

// validationCases lists a failing value for every rule of every field.
func (a *apiTest) validationCases() []validationCase {
	var cs []validationCase
	for _, f := range a.fields {
		add := func(what string, v jen.Code) {
			cs = append(cs, validationCase{name: f.JSON + " " + what, field: f.JSON, value: v})
		}
		if f.Required {
			cs = append(cs, validationCase{name: f.JSON + " missing", field: f.JSON})
		}
		if f.Type.Info().GoString && f.Type != ir.Enum {
			if f.NotBlank {
				add("blank", jen.Lit("   "))
			}
			if f.MinLength > 1 {
				add("too short", jen.Qual("strings", "Repeat").Call(jen.Lit("x"), jen.Lit(f.MinLength-1)))
			}
			if f.MaxLength > 0 {
				add("too long", jen.Qual("strings", "Repeat").Call(jen.Lit("x"), jen.Lit(f.MaxLength+1)))
			}
			switch checkFormat(f) {
			case "email":
				add("not an email", jen.Lit("not-an-email"))
			case "url":
				add("not a URL", jen.Lit("not a url"))
			case "uuid":
				add("not a UUID", jen.Lit("not-a-uuid"))
			case "time":
				add("not a time", jen.Lit("25:99"))
			case "decimal":
				add("not a decimal", jen.Lit("1e3"))
			}
		}
		if f.Type == ir.Enum {
			add("not allowed", jen.Lit("not-a-"+f.JSON))
		}
		if f.Type.Info().Integer || f.Type == ir.Float {
			if f.Min != nil {
				add("below minimum", jen.Lit(*f.Min-1))
			}
			if f.Max != nil {
				add("above maximum", jen.Lit(*f.Max+1))
			}
		}
	}
	return cs
}

// APITest is internal/api/<entity>_test.go: HTTP tests of every route of
// the entity against a real database.
func (g *Gen) APITest(e *ir.Entity) *jen.File {
	f := g.newFile(g.api, "api")
	a := g.newAPITest(e)
	a.bodyFunc(f)
	// Create, get and list run in routes_test.go, from the resource below.
	a.defaultsTest(f)
	a.uniqueTest(f)
	a.resourceDecl(f)
	return f
}

// bodyFunc emits (s *server) taskBody(i int) map[string]any, a valid request
// body for body number i.
func (a *apiTest) bodyFunc(f *jen.File) {
	f.Add(docComment(fmt.Sprintf("%s returns a valid request body for a %s. Its values depend on i (0 to\n"+
		"99): bodies for different i share no value, and ordered values grow with i.", a.body, a.e.Noun())))
	f.Add(jen.Func().Params(jen.Id("s").Op("*").Id("server")).Id(a.body).Params(jen.Id("i").Int()).Map(jen.String()).Any().Block(
		jen.Return(jen.Map(jen.String()).Any().Values(jen.DictFunc(func(d jen.Dict) {
			for _, fl := range a.fields {
				if p := a.refs[fl]; p != nil {
					// One parent per body number, so that a unique reference stays unique:
					// s.parent(fmt.Sprintf("notes/%d", i), func(n int) map[string]any { return createNote(s.t, s, alice, n) })["id"]
					// A parent only its owner may read is the body's actor's (see bodyAs).
					owned := p.Read.Rule == ir.RuleOwner
					key, who := jen.Qual("fmt", "Sprintf").Call(jen.Lit(p.Table+"/%d"), jen.Id("i")), jen.Id("alice")
					if owned {
						key, who = jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s/"+p.Table+"/%d"), jen.Id("s").Dot("actor"), jen.Id("i")), jen.Id("s").Dot("actor")
					}
					create := jen.Func().Params(jen.Id("n").Int()).Map(jen.String()).Any().Block(jen.Return(jen.Id(resourceVar(p)).Dot("create").Call(jen.Id("s").Dot("t"), jen.Id("s"), who, jen.Id("n"))))
					if slots := parentSlots(p, a.g.limits[p]); slots > 0 {
						// A table that holds only a few rows: bodies share its rows.
						// s.limitedParent("flags", false, 2, i, func(n int) map[string]any { ... })["id"]
						d[jen.Lit(fl.JSON)] = jen.Id("s").Dot("limitedParent").Call(jen.Lit(p.Table), jen.Lit(owned), jen.Lit(slots), jen.Id("i"), create).Index(jen.Lit(p.PK().JSON))
						continue
					}
					d[jen.Lit(fl.JSON)] = jen.Id("s").Dot("parent").Call(key, create).Index(jen.Lit(p.PK().JSON))
					continue
				}
				d[jen.Lit(fl.JSON)] = sampleValue(a.e, fl, jen.Id("i"))
			}
		}))),
	))
}

// test emits func TestTask<name>(t *testing.T) with the given doc comment,
// starting with the server s, and then body.
func (a *apiTest) test(f *jen.File, name, doc string, body func(b *jen.Group)) {
	f.Add(docComment(doc))
	f.Func().Id("Test" + a.e.Name + name).Params(tT()).BlockFunc(func(b *jen.Group) {
		if len(a.g.ownerTables()) > 0 {
			b.Id("s").Op(":=").Id("newServer").Call(jen.Id("t"), jen.Lit(a.g.needsOwners(a.e)))
		} else {
			b.Id("s").Op(":=").Id("newServer").Call(jen.Id("t"))
		}
		body(b)
	})
}

// defaultsTest emits TestTaskDefaults, which creates a row from a body with
// only the required fields, when some field has a default to check.
func (a *apiTest) defaultsTest(f *jen.File) {
	minimal := jen.Dict{}
	defaults := jen.Dict{}
	var drawn []*ir.Field // defaults the server draws per row: a UUID, the time
	for _, fl := range a.fields {
		if fl.Required {
			minimal[jen.Lit(fl.JSON)] = a.bodyCall(jen.Lit(2)).Index(jen.Lit(fl.JSON))
		} else if fl.WriteOnly {
			continue // no response shows its default
		} else if v, ok := defaultJSON(fl); ok {
			defaults[jen.Lit(fl.JSON)] = v
		} else if !fl.Nullable && drawnDefault(fl) {
			drawn = append(drawn, fl)
		}
	}
	if len(defaults) == 0 && len(drawn) == 0 {
		return
	}
	a.test(f, "Defaults", fmt.Sprintf("Test%sDefaults creates a %s from a body with only the required fields:\nthe others get their defaults.", a.e.Name, a.e.Noun()), func(b *jen.Group) {
		b.Id("r").Op(":=").Add(send("POST", jen.Lit(a.base), jen.Id("alice"), jen.Map(jen.String()).Any().Values(minimal)))
		b.Id("expectStatus").Call(jen.Id("t"), jen.Id("r"), status("Created"))
		if len(drawn) == 0 {
			b.Id("expectFields").Call(jen.Id("t"), jen.Id("r").Dot("object").Call(jen.Id("t")), jen.Map(jen.String()).Any().Values(defaults))
			return
		}
		b.Id("minimal").Op(":=").Id("r").Dot("object").Call(jen.Id("t"))
		if len(defaults) > 0 {
			b.Id("expectFields").Call(jen.Id("t"), jen.Id("minimal"), jen.Map(jen.String()).Any().Values(defaults))
		}
		for _, fl := range drawn {
			drawnDefaultCheck(b, fl)
		}
	})
}

// drawnDefaultCheck emits the check of TestTaskDefaults that the row "minimal"
// got a default of fl the server draws per row: a UUID, or the time.
func drawnDefaultCheck(b *jen.Group, fl *ir.Field) {
	v := jen.List(jen.Id("v"), jen.Id("_")).Op(":=").Id("minimal").Index(jen.Lit(fl.JSON)).Assert(jen.String())
	if fl.Default.Is(ir.DefaultUUID) {
		b.Comment(fl.JSON + " defaults to a UUID the server draws for each row.")
		b.If(v, jen.Len(jen.Id("v")).Op("!=").Lit(36).Op("||").Qual("strings", "Count").Call(jen.Id("v"), jen.Lit("-")).Op("!=").Lit(4)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit(fl.JSON+" = %q, want a generated UUID"), jen.Id("v")))
		return
	}
	b.Comment(fl.JSON + " defaults to the time of the request.")
	b.Block(
		v,
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual("time", "Parse").Call(jen.Qual("time", "RFC3339Nano"), jen.Id("v")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit(fl.JSON+" = %q, want the time of the request: %v"), jen.Id("v"), jen.Err())),
	)
}

// expectErrorCall emits expectError(t, r, http.Status<st>, code, field), with
// field "" when nil.
func expectErrorCall(r jen.Code, st, code string, field jen.Code) jen.Code {
	if field == nil {
		field = jen.Lit("")
	}
	return jen.Id("expectError").Call(jen.Id("t"), r, status(st), jen.Lit(code), field)
}

// uniqueTest emits TestTaskUnique, which creates and replaces rows whose
// unique values are taken, when the entity has unique sets.
func (a *apiTest) uniqueTest(f *jen.File) {
	e, owner, noun := a.e, a.e.Owner(), a.e.Noun()
	sets := a.uniqueSets()
	if len(sets) == 0 {
		return
	}
	perOwner := owner != nil
	for _, set := range sets {
		if owner == nil || !slices.Contains(set, owner.Column) {
			perOwner = false
		}
	}
	id := jen.Id(a.resource).Dot("path")
	base := jen.Lit(a.base)
	a.test(f, "Unique", fmt.Sprintf("Test%sUnique creates a %s whose unique values are taken: 409 ALREADY_EXISTS.", e.Name, noun), func(b *jen.Group) {
		if e.SoftDelete {
			b.Id("row").Op(":=").Id(a.resource).Dot("create").Call(jen.Id("t"), jen.Id("s"), jen.Id("alice"), jen.Lit(1))
		} else {
			b.Id(a.resource).Dot("create").Call(jen.Id("t"), jen.Id("s"), jen.Id("alice"), jen.Lit(1))
		}
		b.Add(expectErrorCall(send("POST", base.Clone(), jen.Id("alice"), a.bodyCall(jen.Lit(1))), "Conflict", "ALREADY_EXISTS", nil))
		switch {
		case a.g.limits[e] == 1:
			b.Comment("The table holds one " + noun + " at most: there is no other row to replace.")
		case !a.onePerOwner():
			b.Id("other").Op(":=").Id(a.resource).Dot("create").Call(jen.Id("t"), jen.Id("s"), jen.Id("alice"), jen.Lit(2))
			b.Add(expectErrorCall(send("PUT", id.Clone().Call(jen.Id("other")), jen.Id("alice"), a.bodyCall(jen.Lit(1))), "Conflict", "ALREADY_EXISTS", nil))
		case !perOwner:
			b.Comment("An owner holds at most one " + noun + ": the other row is bob's, and its values")
			b.Comment("unique across owners cannot take alice's.")
			b.Id("other").Op(":=").Id(a.resource).Dot("create").Call(jen.Id("t"), jen.Id("s"), jen.Id("bob"), jen.Lit(2))
			b.Add(expectErrorCall(send("PUT", id.Clone().Call(jen.Id("other")), jen.Id("bob"), a.bodyAs("bob", 1)), "Conflict", "ALREADY_EXISTS", nil))
		default:
			b.Comment("Every unique set holds the owner, which a PUT cannot change: no PUT conflicts.")
		}
		if perOwner {
			b.Comment("Values are unique per owner: bob may use alice's.")
			b.Id("expectStatus").Call(jen.Id("t"), send("POST", base.Clone(), jen.Id("bob"), a.bodyAs("bob", 1)), status("Created"))
		}
		if e.SoftDelete {
			b.Comment("A deleted row no longer holds its values.")
			b.Id("expectStatus").Call(jen.Id("t"), send("DELETE", id.Clone().Call(jen.Id("row")), jen.Id("alice"), jen.Nil()), status("NoContent"))
			b.Id("expectStatus").Call(jen.Id("t"), send("POST", base.Clone(), jen.Id("alice"), a.bodyCall(jen.Lit(1))), status("Created"))
		}
	})
}

// keyed emits the keyed element "name: v" of a composite literal.
func keyed(name string, v jen.Code) jen.Code { return jen.Id(name).Op(":").Add(v) }

// resourceDecl emits var taskRoutes = resource{...}, which describes the
// entity's routes to the route tests every entity shares (routes_test.go), and
// TestTaskRoutes, which runs them.
func (a *apiTest) resourceDecl(f *jen.File) {
	e, noun := a.e, a.e.Noun()
	f.Add(docComment(fmt.Sprintf("%s describes the %s routes to the route tests every entity shares\n(routes_test.go).", a.resource, noun)))
	var items []jen.Code
	items = append(items, a.routeFields()...)
	// Validation and request bodies run in routes_test.go, from the resource.
	items = append(items, a.validationFields()...)
	items = append(items, a.listFields()...)
	items = append(items, a.hostileFields()...)
	f.Var().Id(a.resource).Op("=").Id("resource").Custom(multiLine, items...)
	f.Add(docComment(fmt.Sprintf("Test%sRoutes runs the shared route tests on the %s routes: create, get,\nlist, replace, patch, validation, refused bodies, authentication, ownership,\ndelete, unknown ids and refused list queries.", e.Name, noun)))
	f.Func().Id("Test" + e.Name + "Routes").Params(tT()).Block(jen.Id("testRoutes").Call(jen.Id("t"), jen.Id(a.resource)))
}

// routeFields are the fields of the resource that describe the entity's
// rows and how update and patch change them: base to clientKey.
func (a *apiTest) routeFields() []jen.Code {
	e := a.e
	items := []jen.Code{
		keyed("base", jen.Lit(a.base)),
		keyed("notFound", jen.Lit(a.code)),
		keyed("key", jen.Lit(a.pk.JSON)),
	}
	if len(a.g.ownerTables()) > 0 {
		items = append(items, keyed("newServer", jen.Func().Params(tT()).Op("*").Id("server").Block(jen.Return(jen.Id("newServer").Call(jen.Id("t"), jen.Lit(a.g.needsOwners(e)))))))
	} else {
		items = append(items, keyed("newServer", jen.Id("newServer")))
	}
	items = append(items, keyed("body", jen.Parens(jen.Op("*").Id("server")).Dot(a.body)))
	if len(e.Events) > 0 {
		items = append(items, keyed("eventEntity", jen.Lit(e.EventName())))
		kinds := make([]jen.Code, len(e.Events))
		for i, k := range e.Events {
			kinds[i] = jen.Lit(string(k))
		}
		items = append(items, keyed("events", jen.Index().String().Values(kinds...)))
	}
	// Update and patch run in routes_test.go, from the resource.
	first := a.patchField()
	if first != nil {
		items = append(items, keyed("patchField", jen.Lit(first.JSON)))
	}
	if upd := e.RoleField(ir.RoleUpdatedAt); upd != nil && first != nil { // with nothing to change, nothing moves
		items = append(items, keyed("updatedAt", jen.Lit(upd.JSON)))
	}
	for _, fl := range a.fields {
		if fl.Nullable && !fl.WriteOnly {
			items = append(items, keyed("clearable", jen.Lit(fl.JSON)))
			break
		}
	}
	var required, writeOnly []string
	for _, fl := range a.fields {
		if fl.Required {
			required = append(required, fl.JSON)
		}
		if fl.WriteOnly {
			writeOnly = append(writeOnly, fl.JSON)
		}
	}
	if len(required) > 0 {
		items = append(items, keyed("required", stringsLit(required)))
	}
	kept := []string{a.pk.JSON}
	if c := e.RoleField(ir.RoleCreatedAt); c != nil {
		kept = append(kept, c.JSON)
	}
	items = append(items, keyed("kept", stringsLit(kept)))
	if len(writeOnly) > 0 {
		items = append(items, keyed("writeOnly", stringsLit(writeOnly)))
	}
	if slicesContains(a.fields, a.pk) {
		items = append(items, keyed("clientKey", jen.True()))
	}
	return items
}

// patchField is the field patch tests change and read back, nil when there
// is none.
func (a *apiTest) patchField() *ir.Field {
	for _, fl := range a.fields {
		if fl != a.pk && !fl.WriteOnly { // a key the client chose never changes
			return fl
		}
	}
	return nil
}

// validationFields are the fields of the resource that describe refused
// values and bodies: invalid, nonNull, longest and badFields.
func (a *apiTest) validationFields() []jen.Code {
	var items []jen.Code
	if cases := a.validationCases(); len(cases) > 0 {
		items = append(items, keyed("invalid", jen.Index().Id("invalidValue").CustomFunc(multiLine, func(v *jen.Group) {
			for _, c := range cases {
				val := c.value
				if val == nil {
					val = jen.Nil()
				}
				v.Values(jen.Lit(c.name), jen.Lit(c.field), val)
			}
		})))
	}
	var nonNull []string
	for _, fl := range a.fields {
		if !fl.Nullable {
			nonNull = append(nonNull, fl.JSON)
		}
	}
	if len(nonNull) > 0 {
		items = append(items, keyed("nonNull", stringsLit(nonNull)))
	}
	var atMax []*ir.Field
	for _, fl := range a.fields {
		// Not a key: a client-chosen key cannot change through PATCH.
		if fl.Type.Info().GoString && fl.Type != ir.Enum && fl.MaxLength > 0 && checkFormat(fl) == "" && fl.MinLength <= fl.MaxLength && !fl.PrimaryKey && !fl.WriteOnly {
			atMax = append(atMax, fl)
		}
	}
	if len(atMax) > 0 {
		items = append(items, keyed("longest", jen.Map(jen.String()).Any().Values(jen.DictFunc(func(d jen.Dict) {
			for _, fl := range atMax {
				d[jen.Lit(fl.JSON)] = jen.Qual("strings", "Repeat").Call(jen.Lit("é"), jen.Lit(fl.MaxLength))
			}
		}))))
	}
	return append(items, keyed("badFields", jen.Index().Id("badField").Custom(multiLine, a.badFields()...)))
}

// badFields are the fields a body may not carry, each {json, code, value}: an
// unknown one, every read-only one and the first of a wrong type.
func (a *apiTest) badFields() []jen.Code {
	bad := []jen.Code{jen.Values(jen.Lit("unknown_field"), jen.Lit("UNKNOWN_FIELD"), jen.Lit(1))}
	for _, fl := range a.e.ServerOwned() {
		bad = append(bad, jen.Values(jen.Lit(fl.JSON), jen.Lit("READ_ONLY_FIELD"), literalValue(fl)))
	}
	for _, fl := range a.fields {
		if w := wrongType(fl); w != nil {
			bad = append(bad, jen.Values(jen.Lit(fl.JSON), jen.Lit("INVALID_TYPE"), w))
			break
		}
	}
	return bad
}

// listFields are the fields of the resource that describe ownership, lists
// and unknown ids: owner to badQueries.
func (a *apiTest) listFields() []jen.Code {
	e, owner := a.e, a.e.Owner()
	var items []jen.Code
	if owner != nil {
		items = append(items, keyed("owner", jen.Lit(owner.JSON)))
	}
	// The sort keys and filters routes_test.go tries on three rows.
	var sorts []string
	for _, fl := range e.Fields {
		if fl.Sortable && fl.Type.Info().ListKind != "" && a.monotonic(fl) {
			sorts = append(sorts, fl.JSON)
		}
	}
	if len(sorts) > 0 {
		items = append(items, keyed("sorts", stringsLit(sorts)))
	}
	if filters := a.listFilters(); len(filters) > 0 {
		items = append(items, keyed("sortKey", jen.Lit(a.sortKey())))
		items = append(items, keyed("filters", jen.Index().Id("listFilter").CustomFunc(multiLine, func(v *jen.Group) {
			for _, fl := range filters {
				v.Values(jen.Lit(fl.param), jen.Lit(fl.field), jen.Lit(fl.from), jen.Lit(fl.to))
			}
		})))
	}
	if owner != nil && a.e.Read.Rule == ir.RuleOwner {
		items = append(items, keyed("owned", jen.True()))
	}
	switch form, maxLen := ownerIDs(owner); {
	case form != "":
		items = append(items, keyed("stranger", jen.Lit("not-an-id")))
	case maxLen > 0:
		items = append(items, keyed("stranger", jen.Qual("strings", "Repeat").Call(jen.Lit("x"), jen.Lit(maxLen+1))))
	}
	if a.e.Read.Rule == ir.RulePublic {
		items = append(items, keyed("public", jen.True()))
	}
	items = append(items, keyed("readRule", jen.Lit(string(a.e.Read.Rule))), keyed("writeRule", jen.Lit(string(a.e.Write.Rule))))
	if a.onePerOwner() {
		items = append(items, keyed("onePerOwner", jen.True()))
	}
	if n := a.g.limits[e]; n > 0 {
		items = append(items, keyed("maxRows", jen.Lit(n)))
	}
	ids := []string{"does-not-exist"}
	switch {
	case a.pk.Type.Info().Integer:
		ids = []string{"999999", "abc", "1.5", "99999999999999999999"}
	case a.pk.Type == ir.UUID:
		ids = []string{"00000000-0000-4000-8000-000000000000", "not-a-uuid"}
	}
	items = append(items, keyed("missingIDs", stringsLit(ids)))
	if bad := a.badQueries(); len(bad) > 0 {
		items = append(items, keyed("badQueries", stringsLit(bad)))
	}
	return items
}

// listFilter is one filter the shared list test tries: param set to the value
// field has in the middle of three rows selects rows[from:to].
type listFilter struct {
	param, field string
	from, to     int
}

// listFilters are the filters the list test tries: equality on every
// filterable field whose values the test controls, ranges on ordered ones,
// and a text search.
func (a *apiTest) listFilters() []listFilter {
	var filters []listFilter
	for _, fl := range a.e.Fields {
		if !fl.ListFilter() || fl.Role == ir.RoleOwner || fl.Role == ir.RoleDeletedAt {
			continue
		}
		if fl.ReadOnly && !a.monotonic(fl) && !fl.PrimaryKey {
			continue
		}
		if !fl.ReadOnly && (!slicesContains(a.fields, fl) || a.refs[fl] != nil) {
			continue
		}
		filters = append(filters, listFilter{fl.JSON, fl.JSON, 1, 2})
		if fl.Type.Info().Ordered && a.monotonic(fl) {
			// Two rows come back in the order of the sort key: only when
			// that order is known.
			if a.monotonic(a.e.Field(a.sortKeyColumn())) {
				filters = append(filters, listFilter{fl.JSON + "[gte]", fl.JSON, 1, 3})
			}
			filters = append(filters, listFilter{fl.JSON + "[lt]", fl.JSON, 0, 1})
		}
	}
	for _, fl := range a.fields {
		if fl.Searchable && fl.Type.Info().GoString && fl.Type != ir.Enum && fl.Type != ir.UUID {
			filters = append(filters, listFilter{"q", fl.JSON, 1, 2})
			break
		}
	}
	return filters
}

// badQueries are list queries only this entity's API refuses: a malformed
// value for each kind of filter it has, a range filter on an unordered field.
func (a *apiTest) badQueries() []string {
	var out []string
	seen := map[string]bool{}
	for _, fl := range a.e.Fields {
		k := fl.Type.Info().ListKind
		if !fl.Filterable || k == "" || k == "KindString" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, fl.JSON+"=not-a-valid-value")
	}
	for _, fl := range a.e.Fields {
		if fl.ListFilter() && !fl.Type.Info().Ordered {
			out = append(out, fl.JSON+"[gt]=1")
			break
		}
	}
	return out
}

// sortKey is the JSON name of the field list queries in tests sort by.
func (a *apiTest) sortKey() string { return a.e.Field(a.sortKeyColumn()).JSON }

// sortKeyColumn is the column of sortKey: a sortable field whose order is the
// order the rows were created in when there is one, else the primary key.
func (a *apiTest) sortKeyColumn() string {
	for _, f := range a.e.Fields {
		if f.Sortable && a.monotonic(f) && f.ReadOnly {
			return f.Column
		}
	}
	for _, f := range a.e.Fields {
		if f.Sortable && a.monotonic(f) {
			return f.Column
		}
	}
	return a.pk.Column
}

// onePerOwner reports whether the owner column is unique by itself: an owner
// holds at most one row, so the tests never give alice two.
func (a *apiTest) onePerOwner() bool {
	o := a.e.Owner()
	if o == nil {
		return false
	}
	if o.Unique {
		return true
	}
	for _, ix := range a.e.Indexes {
		if ix.Unique && len(ix.Columns) == 1 && ix.Columns[0] == o.Column {
			return true
		}
	}
	return false
}

// uniqueSets returns the column sets of the entity that must be unique, beyond
// the primary key, whose columns the tests send (or the owner): the sets a
// duplicate body violates.
func (a *apiTest) uniqueSets() [][]string {
	var sets [][]string
	ok := func(cols []string) bool {
		for _, c := range cols {
			f := a.e.Field(c)
			if f == nil || (!slicesContains(a.fields, f) || a.refs[f] != nil) && f.Role != ir.RoleOwner {
				return false
			}
		}
		return true
	}
	for _, f := range a.e.Fields {
		if f.Unique && !f.PrimaryKey && ok([]string{f.Column}) {
			sets = append(sets, []string{f.Column})
		}
	}
	for _, ix := range a.e.Indexes {
		if ix.Unique && ok(ix.Columns) {
			sets = append(sets, ix.Columns)
		}
	}
	return sets
}

func slicesContains(fs []*ir.Field, f *ir.Field) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}
