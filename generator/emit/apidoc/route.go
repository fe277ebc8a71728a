package apidoc

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
)

// routeSection documents one route: what it does, its parameters and body,
// what it answers, its errors and a curl example.
func routeSection(b *bytes.Buffer, s *ir.Schema, e *ir.Entity, r route) {
	fmt.Fprintf(b, "### %s\n\n", r.heading())
	pk := e.PK()
	if strings.HasSuffix(r.path, "/{id}") {
		fmt.Fprintf(b, "`{id}` is the %s's `%s`, %s. A malformed id answers `404`, like an unknown one.\n\n",
			noun(e), pk.JSON, article(typeName(pk)))
	}
	switch r.op {
	case ir.OpList:
		scope := "all " + pluralNoun(e)
		if e.OwnerField != "" {
			scope = "the caller's " + pluralNoun(e)
		}
		fmt.Fprintf(b, "A page of %s, filtered, searched and sorted by these query parameters:\n\n", scope)
		queryTable(b, e)
	case ir.OpCreate:
		fmt.Fprintf(b, "The body holds the writable [fields](#%s); one left out gets its default, or `null`.\n\n",
			anchor(e.Name+" fields"))
	case ir.OpReplace:
		b.WriteString("The body holds the writable fields, as for create: one left out is reset to its default, or to `null`.\n\n")
	case ir.OpPatch:
		b.WriteString("The body holds only the fields to change; `null` clears a nullable field.\n\n")
	case ir.OpDelete:
		if e.SoftDelete {
			fmt.Fprintf(b, "Sets `%s`; the %s then answers `404` on every route.\n\n", e.RoleField(ir.RoleDeletedAt).JSON, noun(e))
		} else {
			fmt.Fprintf(b, "Removes the %s for good.\n\n", noun(e))
		}
	}
	fmt.Fprintf(b, "Answers %s.\n\n", r.success)
	b.WriteString("| Error | Code | When |\n|---|---|---|\n")
	for _, c := range s.Errors(e, r.op) {
		fmt.Fprintf(b, "| %d | %s | %s |\n", c.Status, codeList(c.Codes), cell(c.Meaning))
	}
	b.WriteString("\n")
	example(b, e, r)
}

// article puts "a" or "an" before a type name.
func article(t string) string {
	if strings.IndexAny(t[:1], "aeiou") == 0 {
		return "an " + t
	}
	return "a " + t
}

// queryTable is the table of the list route's query parameters.
func queryTable(b *bytes.Buffer, e *ir.Entity) {
	b.WriteString("| Parameter | Takes | Does |\n|---|---|---|\n")
	b.WriteString("| `limit` | an integer, 1–100 | page size; default 20 |\n")
	b.WriteString("| `offset` | an integer, 0 or more | how many items to skip; default 0 |\n")
	var sortable, searchable []string
	for _, f := range e.Fields {
		if f.Type.Info().ListKind == "" {
			continue
		}
		if f.Sortable {
			sortable = append(sortable, f.JSON)
		}
		if f.Searchable {
			searchable = append(searchable, f.JSON)
		}
	}
	if len(sortable) > 0 {
		fmt.Fprintf(b, "| `sort` | %s, each with `-` for descending (and `.nullsfirst` or `.nullslast` on a nullable one), comma-separated or repeated | order; default `%s`, ties broken by `%s` |\n",
			codeList(sortable), e.DefaultSort(), e.PK().JSON)
	}
	if len(searchable) > 0 {
		fmt.Fprintf(b, "| `q` | text, at most 200 characters | case-insensitive search in %s |\n", codeList(searchable))
	}
	for _, f := range e.Fields {
		if !f.ListFilter() {
			continue
		}
		does := fmt.Sprintf("only items whose `%s` equals the value (one value); `%s[ne]` excludes the value", f.JSON, f.JSON)
		if f.Type.Info().Ordered {
			does += fmt.Sprintf("; `%s[gt]`, `[gte]`, `[lt]` and `[lte]` compare with it", f.JSON)
		}
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", f.JSON, strings.TrimSuffix(typeName(f), " or null"), does)
	}
	b.WriteString("\n")
}

// example is the route's curl command and, when there is one, the JSON it
// answers.
func example(b *bytes.Buffer, e *ir.Entity, r route) {
	path := r.path
	if strings.HasSuffix(path, "/{id}") {
		path = strings.TrimSuffix(path, "{id}") + url.PathEscape(fmt.Sprint(e.PK().Example()))
	}
	var body string
	var patched *ir.Field
	var patchValue any
	switch r.op {
	case ir.OpList:
		q := url.Values{}
		q.Set("limit", "20")
		if sort := e.DefaultSort(); sort != "" {
			q.Set("sort", sort)
		}
		for _, f := range e.Fields {
			if f.ListFilter() && (f.Type == ir.Bool || f.Type == ir.Enum) {
				q.Set(f.JSON, fmt.Sprint(f.Example()))
				break
			}
		}
		path += "?" + q.Encode()
	case ir.OpCreate, ir.OpReplace:
		var keys []string
		var vals []any
		for _, f := range e.Writable() {
			keys, vals = append(keys, f.JSON), append(vals, f.Example())
		}
		body = flatObject(keys, vals)
	case ir.OpPatch:
		if patched, patchValue = e.PatchExample(); patched != nil {
			body = flatObject([]string{patched.JSON}, []any{patchValue})
		}
	}
	b.WriteString("```sh\n")
	method := ""
	if r.method != "GET" {
		method = " -X " + r.method
	}
	fmt.Fprintf(b, "curl -s%s '%s%s' \\\n  -H \"Authorization: Bearer $TOKEN\"", method, baseURL, path)
	if body != "" {
		fmt.Fprintf(b, " \\\n  -H 'Content-Type: application/json' \\\n  -d '%s'", strings.ReplaceAll(body, "'", `'\''`))
	}
	b.WriteString("\n```\n\n")
	switch r.op {
	case ir.OpList:
		fmt.Fprintf(b, "```json\n{\n  \"items\": [\n    %s\n  ],\n  \"total\": 1,\n  \"limit\": 20,\n  \"offset\": 0\n}\n```\n\n",
			entityJSON(e, "    ", nil, nil))
	case ir.OpCreate, ir.OpGet, ir.OpReplace, ir.OpPatch:
		b.WriteString("```json\n" + entityJSON(e, "", patched, patchValue) + "\n```\n\n")
	}
}

// entityJSON is an example of e as the API answers it, with field set to
// value when field is not nil.
func entityJSON(e *ir.Entity, indent string, field *ir.Field, value any) string {
	var keys []string
	var vals []any
	for _, f := range e.Returned() {
		keys = append(keys, f.JSON)
		switch {
		case f == field:
			vals = append(vals, value)
		case f.Role == ir.RoleDeletedAt:
			vals = append(vals, nil)
		default:
			vals = append(vals, f.Example())
		}
	}
	return jsonObject(keys, vals, indent)
}

// flatObject renders fields and values as a JSON object on one line.
func flatObject(keys []string, vals []any) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strconv.Quote(k) + ": " + jsonValue(vals[i])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
