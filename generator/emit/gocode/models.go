package gocode

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// modelsPackageDoc is the package comment of the generated package models.
const modelsPackageDoc = `Package models holds the resources of the API as Go types: per entity the stored
row, the bodies of create (POST), update (PUT) and patch (PATCH) requests, and
their validation against the rules of the schema spec.`

// ModelsShared is internal/models/models.go: the package comment and the
// format checks the entities' Validate methods use (only those some field needs).
func (g *Gen) ModelsShared() *jen.File {
	f := g.packageFile(g.models, "models", modelsPackageDoc)
	hasFormat := func(format string) bool {
		return g.anyField(func(_ *ir.Entity, f *ir.Field) bool {
			return !f.ReadOnly && f.Role == ir.RoleNone && checkFormat(f) == format
		})
	}
	if hasFormat("time") {
		// func isTimeOfDay(s string) bool
		f.Add(docComment("isTimeOfDay reports whether s is a time of day, HH:MM or HH:MM:SS with optional\nfractional seconds."))
		f.Func().Id("isTimeOfDay").Params(jen.Id("s").String()).Bool().Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("layout")).Op(":=").Range().Index().String().Values(jen.Lit("15:04"), jen.Lit("15:04:05"), jen.Lit("15:04:05.999999"))).Block(
				jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual("time", "Parse").Call(jen.Id("layout"), jen.Id("s")), jen.Err().Op("==").Nil()).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
	}
	if hasFormat("decimal") {
		f.Add(docComment("isDecimal reports whether s is a plain decimal number: an optional sign, digits\nand an optional fraction (\"-12.50\"), with no exponent."))
		f.Func().Id("isDecimal").Params(jen.Id("s").String()).Bool().Block(
			jen.Id("s").Op("=").Qual("strings", "TrimPrefix").Call(jen.Qual("strings", "TrimPrefix").Call(jen.Id("s"), jen.Lit("-")), jen.Lit("+")),
			jen.List(jen.Id("whole"), jen.Id("frac"), jen.Id("_")).Op(":=").Qual("strings", "Cut").Call(jen.Id("s"), jen.Lit(".")),
			jen.Id("digits").Op(":=").Func().Params(jen.Id("d").String()).Bool().Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("d")).Block(
					jen.If(jen.Id("c").Op("<").LitRune('0').Op("||").Id("c").Op(">").LitRune('9')).Block(jen.Return(jen.False())),
				),
				jen.Return(jen.True()),
			),
			jen.Return(jen.Id("whole").Op("!=").Lit("").Op("&&").Id("digits").Call(jen.Id("whole")).Op("&&").Id("digits").Call(jen.Id("frac"))),
		)
	}
	if hasFormat("email") {
		// func isEmail(s string) bool { a, err := mail.ParseAddress(s); return err == nil && a.Address == s }
		f.Add(docComment("isEmail reports whether s is a bare email address such as \"ada@example.com\"."))
		f.Func().Id("isEmail").Params(jen.Id("s").String()).Bool().Block(
			jen.List(jen.Id("a"), jen.Err()).Op(":=").Qual("net/mail", "ParseAddress").Call(jen.Id("s")),
			jen.Return(jen.Err().Op("==").Nil().Op("&&").Id("a").Dot("Address").Op("==").Id("s")),
		)
	}
	if hasFormat("url") {
		f.Add(docComment("isURL reports whether s is an absolute http or https URL with a host."))
		f.Func().Id("isURL").Params(jen.Id("s").String()).Bool().Block(
			jen.List(jen.Id("u"), jen.Err()).Op(":=").Qual("net/url", "ParseRequestURI").Call(jen.Id("s")),
			jen.Return(jen.Err().Op("==").Nil().Op("&&").Parens(
				jen.Id("u").Dot("Scheme").Op("==").Lit("http").Op("||").Id("u").Dot("Scheme").Op("==").Lit("https"),
			).Op("&&").Id("u").Dot("Host").Op("!=").Lit("")),
		)
	}
	g.validateHelpers(f)
	return f
}

// validateHelpers emits the steps the Validate methods share, those the
// schema needs: a missing required field, a null in a non-nullable one, and a
// field's checks applied to a value that is present.
func (g *Gen) validateHelpers(f *jen.File) {
	errsT := jen.Index().Qual(g.platform, "FieldError")
	rules := func(e *ir.Entity, fl *ir.Field) bool { return len(g.fieldRules(e, fl, nil)) > 0 }
	want := func(pred func(e *ir.Entity, fl *ir.Field) bool) bool {
		return g.anyField(func(e *ir.Entity, fl *ir.Field) bool { return !fl.ReadOnly && fl.Role == ir.RoleNone && pred(e, fl) })
	}
	if !want(func(*ir.Entity, *ir.Field) bool { return true }) {
		return
	}
	check := jen.Id("check").Id("fieldCheck").Types(jen.Id("T"))
	tAny := jen.Id("T").Any()
	errsParam := jen.Id("errs").Add(errsT.Clone())
	apply := func(v jen.Code) jen.Code {
		return jen.Id("errs").Op("=").Id("check").Call(jen.Id("errs"), v)
	}
	fieldErr := func(msg string) jen.Code {
		return jen.Return(jen.Append(jen.Id("errs"), jen.Qual(g.platform, "FieldError").Values(jen.Id("Field").Op(":").Id("field"), jen.Id("Message").Op(":").Lit(msg))))
	}
	f.Add(docComment("fieldCheck appends to errs what is wrong with a value of one field."))
	f.Type().Id("fieldCheck").Types(tAny.Clone()).Func().Params(errsParam.Clone(), jen.Id("v").Id("T")).Add(errsT.Clone())
	if want(func(_ *ir.Entity, fl *ir.Field) bool { return fl.Required }) {
		f.Add(docComment("checkRequired reports a required field that is missing (v is nil), and applies\ncheck, when not nil, to a present value."))
		f.Func().Id("checkRequired").Types(tAny.Clone()).Params(errsParam.Clone(), jen.Id("field").String(), jen.Id("v").Op("*").Id("T"), check.Clone()).Add(errsT.Clone()).Block(
			jen.If(jen.Id("v").Op("==").Nil()).Block(fieldErr("is required")),
			jen.If(jen.Id("check").Op("!=").Nil()).Block(apply(jen.Op("*").Id("v"))),
			jen.Return(jen.Id("errs")),
		)
	}
	if want(func(e *ir.Entity, fl *ir.Field) bool { return !fl.Required && rules(e, fl) }) {
		f.Add(docComment("checkPresent applies check to an optional field's value when it is present."))
		f.Func().Id("checkPresent").Types(tAny.Clone()).Params(errsParam.Clone(), jen.Id("v").Op("*").Id("T"), check.Clone()).Add(errsT.Clone()).Block(
			jen.If(jen.Id("v").Op("!=").Nil()).Block(apply(jen.Op("*").Id("v"))),
			jen.Return(jen.Id("errs")),
		)
	}
	if want(func(_ *ir.Entity, fl *ir.Field) bool { return !fl.Nullable }) {
		f.Add(docComment("checkNotNull reports a patch that sets a non-nullable field to null, and\napplies check, when not nil, to a value it sets."))
		f.Func().Id("checkNotNull").Types(tAny.Clone()).Params(errsParam.Clone(), jen.Id("field").String(), jen.Id("o").Qual(g.platform, "Optional").Types(jen.Id("T")), check.Clone()).Add(errsT.Clone()).Block(
			jen.If(jen.Id("o").Dot("Set").Op("&&").Id("o").Dot("Null")).Block(fieldErr("must not be null")),
			jen.If(jen.Id("o").Dot("Set").Op("&&").Id("check").Op("!=").Nil()).Block(apply(jen.Id("o").Dot("Value"))),
			jen.Return(jen.Id("errs")),
		)
	}
	if want(func(e *ir.Entity, fl *ir.Field) bool { return fl.Nullable && rules(e, fl) }) {
		f.Add(docComment("checkSet applies check to the value a patch sets a nullable field to, unless\nit is null."))
		f.Func().Id("checkSet").Types(tAny.Clone()).Params(errsParam.Clone(), jen.Id("o").Qual(g.platform, "Optional").Types(jen.Id("T")), check.Clone()).Add(errsT.Clone()).Block(
			jen.If(jen.Id("o").Dot("Set").Op("&&").Op("!").Id("o").Dot("Null")).Block(apply(jen.Id("o").Dot("Value"))),
			jen.Return(jen.Id("errs")),
		)
	}
}

// Models is internal/models/<entity>.go.
func (g *Gen) Models(e *ir.Entity) *jen.File {
	f := g.newFile(g.models, "models")
	name := e.Name
	noun := e.Noun()

	// Enum types first: they are used by the structs below.
	for _, fl := range e.Fields {
		if fl.Type == ir.Enum {
			g.enumDecl(f, e, fl)
		}
	}

	// The entity.
	doc := fmt.Sprintf("%s is a row of the %s table, as the API returns it.", name, e.Table)
	if d := sentence(e.Description); d != "" {
		doc += "\n\n" + wrap(d)
	}
	f.Add(docComment(doc))
	f.Type().Id(name).StructFunc(func(s *jen.Group) {
		for _, fl := range e.Fields {
			if fl.WriteOnly {
				s.Add(rowFieldDoc(fl)).Id(fl.Name).Add(g.fieldType(e, fl)).Tag(map[string]string{"json": "-"})
				continue
			}
			s.Add(fieldDoc(fl)).Id(fl.Name).Add(g.fieldType(e, fl)).Tag(map[string]string{"json": fl.JSON})
		}
	})

	// Create and Update bodies.
	bodyFields := func(s *jen.Group) {
		for _, fl := range e.Writable() {
			s.Add(fieldDoc(fl)).Id(fl.Name).Op("*").Add(g.goType(e, fl)).Tag(map[string]string{"json": fl.JSON})
		}
	}
	f.Add(docComment(fmt.Sprintf("%sCreate is the body of POST /api/%s: the fields a client writes. A nil\n"+
		"field was absent (or null, which only a nullable field may be): Validate reports\n"+
		"a missing required field, and the store gives an optional one its default, or\n"+
		"NULL when the column is nullable.", name, e.Route)))
	f.Type().Id(name + "Create").StructFunc(bodyFields)

	f.Add(docComment(fmt.Sprintf("%sUpdate is the body of PUT /api/%s/{id}: a full replacement of the fields a\n"+
		"client writes, with the same rules as %sCreate (an absent optional field is\n"+
		"reset to its default, or NULL).", name, e.Route, name)))
	f.Type().Id(name + "Update").Id(name + "Create")

	f.Add(docComment(fmt.Sprintf("%sPatch is the body of PATCH /api/%s/{id}: only the fields that are Set\n"+
		"change; Null clears a nullable field.", name, e.Route)))
	f.Type().Id(name + "Patch").StructFunc(func(s *jen.Group) {
		for _, fl := range e.Writable() {
			s.Add(fieldDoc(fl)).Id(fl.Name).Qual(g.platform, "Optional").Types(g.goType(e, fl)).Tag(map[string]string{"json": fl.JSON})
		}
	})

	// Per-field check functions, shared by the three Validate methods.
	for _, fl := range e.Writable() {
		rules := g.fieldRules(e, fl, jen.Id("v"))
		if len(rules) == 0 {
			continue
		}
		f.Add(docComment(fmt.Sprintf("%s appends to errs what is wrong with a %s value: %s.",
			checkFunc(e, fl), fl.JSON, strings.Join(ruleNames(fl), ", "))))
		f.Func().Id(checkFunc(e, fl)).Params(
			jen.Id("errs").Index().Qual(g.platform, "FieldError"), jen.Id("v").Add(g.goType(e, fl)),
		).Index().Qual(g.platform, "FieldError").Block(append(rules, jen.Return(jen.Id("errs")))...)
	}

	// func (in *TaskCreate) Validate() []platform.FieldError
	g.validateMethod(f, e, name+"Create", fmt.Sprintf("Validate checks a create request for a %s against the schema's rules and\n"+
		"returns one error per broken rule, or nil when the request is valid.", noun),
		func(fl *ir.Field) bool { return fl.Required }, "checkRequired", "checkPresent")

	f.Add(docComment(fmt.Sprintf("Validate checks an update request for a %s: the rules are those of %sCreate.", noun, name)))
	f.Add(g.validateSignature(name + "Update")).Block(
		jen.Return(jen.Parens(jen.Op("*").Id(name + "Create")).Call(jen.Id("in")).Dot("Validate").Call()),
	)

	g.validateMethod(f, e, name+"Patch", fmt.Sprintf("Validate checks the fields a patch request for a %s sets, and that it does not\n"+
		"set a non-nullable field to null.", noun),
		func(fl *ir.Field) bool { return !fl.Nullable }, "checkNotNull", "checkSet")
	g.notNullMethods(f, e)
	return f
}

// validateSignature is the signature of the Validate method of body type typ:
//
//	func (in *TaskCreate) Validate() []platform.FieldError
func (g *Gen) validateSignature(typ string) *jen.Statement {
	return jen.Func().Params(jen.Id("in").Op("*").Id(typ)).Id("Validate").Params().Index().Qual(g.platform, "FieldError")
}

// validateMethod emits the Validate method of body type typ, which checks
// each writable field of e: with strict(errs, "json", in.Field, check) when
// isStrict holds for it (a required field, a field that may not be null),
// else with lenient(errs, in.Field, check) when the field has rules.
//
//	func (in *TaskCreate) Validate() []platform.FieldError {
//		var errs []platform.FieldError
//		errs = checkRequired(errs, "title", in.Title, checkTaskTitle)
//		errs = checkPresent(errs, in.Description, checkTaskDescription)
//		return errs
//	}
func (g *Gen) validateMethod(f *jen.File, e *ir.Entity, typ, doc string, isStrict func(*ir.Field) bool, strict, lenient string) {
	f.Add(docComment(doc))
	f.Add(g.validateSignature(typ)).BlockFunc(func(b *jen.Group) {
		b.Var().Id("errs").Index().Qual(g.platform, "FieldError")
		for _, fl := range e.Writable() {
			v := jen.Id("in").Dot(fl.Name)
			check, hasRules := g.checkFuncRef(e, fl)
			switch {
			case isStrict(fl):
				b.Id("errs").Op("=").Id(strict).Call(jen.Id("errs"), jen.Lit(fl.JSON), v, check)
			case hasRules:
				b.Id("errs").Op("=").Id(lenient).Call(jen.Id("errs"), v, check)
			}
		}
		b.Return(jen.Id("errs"))
	})
}

// notNullMethods emits, when some writable field is not nullable, the
// platform.NotNullable methods of the create and update bodies:
//
//	var taskNotNull = []string{"title", "completed", "priority"}
//
//	func (*TaskCreate) NotNull() []string { return taskNotNull }
//	func (*TaskUpdate) NotNull() []string { return taskNotNull }
//
// (A patch checks null in Validate, where it also knows which fields are set.)
func (g *Gen) notNullMethods(f *jen.File, e *ir.Entity) {
	var names []string
	for _, fl := range e.Writable() {
		if !fl.Nullable {
			names = append(names, fl.JSON)
		}
	}
	if len(names) == 0 {
		return
	}
	v := e.VarStem() + "NotNull"
	f.Add(docComment(fmt.Sprintf("%s are the fields of a %s body that JSON null may not set.", v, e.Noun())))
	f.Var().Id(v).Op("=").Add(stringsLit(names))
	for _, typ := range []string{"Create", "Update"} {
		f.Add(docComment(fmt.Sprintf("NotNull returns the fields that may not be null: platform.DecodeJSON refuses\n"+
			"{\"%s\": null} with a 422, as a patch does.", names[0])))
		f.Func().Params(jen.Op("*").Id(e.Name + typ)).Id("NotNull").Params().Index().String().Block(jen.Return(jen.Id(v)))
	}
}

// checkFuncRef is the check function of f for the shared Validate steps, and
// whether f has one; nil stands for none.
func (g *Gen) checkFuncRef(e *ir.Entity, f *ir.Field) (jen.Code, bool) {
	if len(g.fieldRules(e, f, nil)) == 0 {
		return jen.Nil(), false
	}
	return jen.Id(checkFunc(e, f)), true
}

// enumDecl emits the named type of an enum field, its constants and Valid.
func (g *Gen) enumDecl(f *jen.File, e *ir.Entity, fl *ir.Field) {
	typ := e.EnumType(fl)
	desc := fmt.Sprintf("%s is the %s of a %s: one of %s.", typ, strings.ReplaceAll(fl.Column, "_", " "), e.Noun(), strings.Join(fl.Enum, ", "))
	f.Add(docComment(desc))
	f.Type().Id(typ).String()
	f.Add(docComment(fmt.Sprintf("The values of %s.", typ)))
	f.Const().DefsFunc(func(d *jen.Group) {
		for _, v := range fl.Enum {
			d.Id(e.EnumConst(fl, v)).Id(typ).Op("=").Lit(v)
		}
	})
	f.Add(docComment(fmt.Sprintf("Valid reports whether v is one of the values of %s.", typ)))
	f.Func().Params(jen.Id("v").Id(typ)).Id("Valid").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.CaseFunc(func(c *jen.Group) {
				for _, v := range fl.Enum {
					c.Id(e.EnumConst(fl, v))
				}
			}).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
}

// checkFunc names the function that checks the value of one field: "checkTaskTitle".
func checkFunc(e *ir.Entity, f *ir.Field) string { return "check" + e.Name + f.Name }

// fieldError emits errs = append(errs, platform.FieldError{Field: "title", Message: msg}).
func fieldError(g *Gen, f *ir.Field, msg string) jen.Code {
	return jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Qual(g.platform, "FieldError").Values(
		jen.Id("Field").Op(":").Lit(f.JSON), jen.Id("Message").Op(":").Lit(msg)))
}

// fieldRules returns one if-statement per validation rule of f, testing the
// value v (v may be nil when only the number of rules matters).
func (g *Gen) fieldRules(e *ir.Entity, f *ir.Field, v *jen.Statement) []jen.Code {
	if v == nil {
		v = jen.Id("v")
	}
	var rules []jen.Code
	rule := func(cond jen.Code, msg string) {
		rules = append(rules, jen.If(cond).Block(fieldError(g, f, msg)))
	}
	if f.Type.Info().GoString && f.Type != ir.Enum {
		if f.NotBlank {
			rule(jen.Qual(g.platform, "IsBlank").Call(v.Clone()), "must not be blank")
		}
		if f.MinLength > 0 {
			rule(jen.Qual("unicode/utf8", "RuneCountInString").Call(v.Clone()).Op("<").Lit(f.MinLength),
				fmt.Sprintf("must be at least %d characters", f.MinLength))
		}
		if f.MaxLength > 0 {
			rule(jen.Qual("unicode/utf8", "RuneCountInString").Call(v.Clone()).Op(">").Lit(f.MaxLength),
				fmt.Sprintf("must be at most %d characters", f.MaxLength))
		}
		switch checkFormat(f) {
		case "email":
			rule(jen.Op("!").Id("isEmail").Call(v.Clone()), "must be a valid email address")
		case "url":
			rule(jen.Op("!").Id("isURL").Call(v.Clone()), "must be a valid http or https URL")
		case "uuid":
			rule(jen.Op("!").Qual(g.platform, "IsUUID").Call(v.Clone()), "must be a valid UUID")
		case "time":
			rule(jen.Op("!").Id("isTimeOfDay").Call(v.Clone()), "must be a time of day such as 09:30 or 09:30:00")
		case "decimal":
			rule(jen.Op("!").Id("isDecimal").Call(v.Clone()), "must be a decimal number such as 12.50")
		}
	}
	if f.Type == ir.Enum {
		rule(jen.Op("!").Add(v.Clone()).Dot("Valid").Call(), "must be one of: "+strings.Join(f.Enum, ", "))
	}
	if f.Type.Info().Number {
		num := func(x float64) jen.Code {
			if f.Type.Info().Integer {
				return jen.Lit(int(x))
			}
			return jen.Lit(x)
		}
		if f.Min != nil {
			rule(v.Clone().Op("<").Add(num(*f.Min)), "must be at least "+fmtNum(*f.Min))
		}
		if f.Max != nil {
			rule(v.Clone().Op(">").Add(num(*f.Max)), "must be at most "+fmtNum(*f.Max))
		}
	}
	return rules
}

// ruleNames describes f's rules in a doc comment.
func ruleNames(f *ir.Field) []string {
	var rs []string
	if f.Type.Info().GoString && f.Type != ir.Enum {
		if f.NotBlank {
			rs = append(rs, "not blank")
		}
		if f.MinLength > 0 {
			rs = append(rs, fmt.Sprintf("at least %d characters", f.MinLength))
		}
		if f.MaxLength > 0 {
			rs = append(rs, fmt.Sprintf("at most %d characters", f.MaxLength))
		}
		if c := checkFormat(f); c != "" {
			rs = append(rs, "a valid "+c)
		}
	}
	if f.Type == ir.Enum {
		rs = append(rs, "one of "+strings.Join(f.Enum, ", "))
	}
	if f.Type.Info().Number {
		if f.Min != nil {
			rs = append(rs, "at least "+fmtNum(*f.Min))
		}
		if f.Max != nil {
			rs = append(rs, "at most "+fmtNum(*f.Max))
		}
	}
	return rs
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// fieldDoc is the comment above a struct field: the spec's description.
func fieldDoc(f *ir.Field) *jen.Statement {
	d := sentence(f.Description)
	if d == "" {
		return jen.Null()
	}
	return jen.Comment(d).Line()
}

// rowFieldDoc is the comment of a write-only field of the row type: its
// description, then why no response carries it.
func rowFieldDoc(f *ir.Field) *jen.Statement {
	d := sentence(f.Description)
	if d != "" {
		d += " "
	}
	return docComment(wrap(d + "Write-only: request bodies set " + f.JSON + ", but no response or event carries it.")).Line()
}

// wrap breaks text into lines of at most about 80 characters for a comment.
func wrap(text string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > 80 {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// checkFormat is the format a string value of f is checked against: the
// spec's format, or the one its type implies (uuid, time of day, decimal),
// so that a malformed value is a 422 rather than a database error.
func checkFormat(f *ir.Field) string {
	if f.Format != "" {
		return f.Format
	}
	return f.Type.Info().CheckFormat
}
