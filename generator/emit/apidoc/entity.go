package apidoc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
)

// route is one operation of an entity as the document shows it.
type route struct {
	op      ir.Op
	method  string
	path    string
	summary string
	success string // status and what it answers
}

// routes are the six routes of e, in document order.
func routes(e *ir.Entity) []route {
	base := "/api/" + e.Route
	item := base + "/{id}"
	n, ns := noun(e), pluralNoun(e)
	del := "Delete a " + n
	if e.SoftDelete {
		del += " (it is hidden, not erased)"
	}
	return []route{
		{ir.OpList, "GET", base, "List " + ns, "`200` a page of " + ns},
		{ir.OpCreate, "POST", base, "Create a " + n, "`201` the new " + n + ", `Location` its URL"},
		{ir.OpGet, "GET", item, "Get a " + n, "`200` the " + n},
		{ir.OpReplace, "PUT", item, "Replace the writable fields of a " + n, "`200` the updated " + n},
		{ir.OpPatch, "PATCH", item, "Change some fields of a " + n, "`200` the updated " + n},
		{ir.OpDelete, "DELETE", item, del, "`204` no body"},
	}
}

// heading is the operation's heading text.
func (r route) heading() string {
	return fmt.Sprintf("`%s %s` — %s", r.method, r.path, r.summary)
}

// entitySection documents entity e: access, its routes, its fields, then
// each route.
func entitySection(b *bytes.Buffer, s *ir.Schema, e *ir.Entity) {
	fmt.Fprintf(b, "## %s\n\n", e.Plural)
	if d := strings.TrimSpace(e.Description); d != "" {
		b.WriteString(d + "\n\n")
	}
	accessLine(b, e)
	if e.SoftDelete {
		fmt.Fprintf(b, "**Deleting** a %s hides it: it sets `%s`, and the %s is gone from every route.\n\n",
			noun(e), e.RoleField(ir.RoleDeletedAt).JSON, noun(e))
	}
	b.WriteString("| Route | Does | Answers |\n|---|---|---|\n")
	for _, r := range routes(e) {
		fmt.Fprintf(b, "| [`%s %s`](#%s) | %s | %s |\n", r.method, r.path, anchor(r.heading()), r.summary, r.success)
	}
	b.WriteString("\n")
	relatedRoutes(b, s, e)
	fieldsTable(b, s, e)
	for _, r := range routes(e) {
		routeSection(b, s, e, r)
	}
}

// fieldsTable is the table of e's fields: type, how requests treat them,
// rules and description.
func fieldsTable(b *bytes.Buffer, s *ir.Schema, e *ir.Entity) {
	fmt.Fprintf(b, "### %s fields\n\n", e.Name)
	every := "every field"
	if len(e.Returned()) < len(e.Fields) {
		every = "every field but the write-only ones"
	}
	fmt.Fprintf(b, "Every response carries %s. Create (`POST`) and replace (`PUT`) bodies carry the "+
		"writable ones; a patch (`PATCH`) body any of them, and `null` clears a nullable one. A read-only field "+
		"in a body is a `422`.\n\n", every)
	b.WriteString("| Field | Type | In create and replace | Rules | Description |\n|---|---|---|---|---|\n")
	for _, f := range e.Fields {
		fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", f.JSON, typeName(f), inRequests(f), cell(rules(s, e, f)), cell(f.Description))
	}
	b.WriteString("\n")
}

// typeName is f's JSON type in words.
func typeName(f *ir.Field) string {
	t := f.Type.Info().Words
	if f.Nullable && f.Type != ir.JSON {
		t += " or null"
	}
	return t
}

// inRequests says how create and replace bodies treat f.
func inRequests(f *ir.Field) string {
	switch f.Role {
	case ir.RoleID:
		return "read-only: the server assigns it"
	case ir.RoleOwner:
		return "read-only: the token's user"
	case ir.RoleCreatedAt, ir.RoleUpdatedAt:
		return "read-only: the server's clock"
	case ir.RoleDeletedAt:
		return "read-only: set on delete"
	}
	if f.ReadOnly {
		return "read-only"
	}
	if f.WriteOnly {
		return "write-only (never in a response), " + bodyRule(f)
	}
	return bodyRule(f)
}

// bodyRule says whether a create or replace body must carry f, a field a
// client writes, and what it is when left out.
func bodyRule(f *ir.Field) string {
	if f.Required {
		return "**required**"
	}
	switch {
	case f.Default.Is(ir.DefaultNow):
		return "optional, default now"
	case f.Default.Is(ir.DefaultUUID):
		return "optional, default a new UUID"
	}
	if v, ok := f.DefaultJSON(); ok {
		return "optional, default `" + jsonValue(v) + "`"
	}
	if f.Nullable {
		return "optional, default `null`"
	}
	return "optional"
}

// rules lists what the server checks of f's values, and what it is.
func rules(s *ir.Schema, e *ir.Entity, f *ir.Field) string {
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	minLength := f.MinLength
	if f.NotBlank && minLength == 0 {
		minLength = 1
	}
	switch {
	case minLength > 0 && f.MaxLength > 0:
		add("%d–%d characters", minLength, f.MaxLength)
	case f.MaxLength > 0:
		add("at most %d characters", f.MaxLength)
	case minLength > 0:
		add("at least %d characters", minLength)
	}
	if f.NotBlank {
		add("not blank")
	}
	if len(f.Enum) > 0 {
		add("one of %s", codeList(f.Enum))
	}
	switch {
	case f.Min != nil && f.Max != nil:
		add("from %s to %s", num(*f.Min), num(*f.Max))
	case f.Min != nil:
		add("at least %s", num(*f.Min))
	case f.Max != nil:
		add("at most %s", num(*f.Max))
	}
	if format := map[string]string{"email": "an email address", "url": "a URL", "uuid": "a UUID"}[f.Format]; format != "" {
		add("%s", format)
	}
	if shape := f.Type.Info().Shape; shape != "" && f.Role == ir.RoleNone {
		add("%s", shape)
	}
	if f.PrimaryKey {
		add("primary key")
	}
	if f.Unique {
		add("unique")
	}
	for _, ix := range e.Indexes {
		if ix.Unique && len(ix.Columns) > 1 && ix.Columns[len(ix.Columns)-1] == f.Column {
			var with []string
			for _, c := range ix.Columns[:len(ix.Columns)-1] {
				if other := e.Field(c); other != nil {
					with = append(with, "`"+other.JSON+"`")
				}
			}
			add("unique per %s", strings.Join(with, " and "))
		}
	}
	if ref := f.References; ref != nil && f.Role != ir.RoleOwner {
		target, _ := s.Target(f)
		if target != nil && target.CRUD && !target.Managed {
			add("a [%s](#%s) `%s`", noun(target), anchor(target.Plural), ref.Column)
		} else {
			add("references `%s.%s`", ref.Table, ref.Column)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "; ")
}

// codeList writes values as `a`, `b` and `c`.
func codeList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// num writes a bound without a needless fraction.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
