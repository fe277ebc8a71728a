// Package apidoc is the emitter of the API's documents for people:
// rest-endpoints.md, every route of every entity with its parameters,
// fields, rules, errors and a curl example, and er.md, a Mermaid erDiagram
// of the schema. They are Markdown written for GitHub's renderer, next to
// the spec rather than in the backend: they are what a frontend developer
// reads before calling the API. It is one of the artifact emitters package
// emit runs; it reads only the resolved schema (package ir).
package apidoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
)

// The documents' paths, relative to the folder above the spec's: the spec
// is database/schema.md there.
const (
	EndpointsPath = "api/rest-endpoints.md"
	ERPath        = "database/er.md"
)

// baseURL is the server's default address, as the curl examples use it.
const baseURL = "http://localhost:8080"

// headerLines starts every document: the marker in an HTML comment, which
// GitHub does not show, and where the document comes from (spec, relative
// to the document).
func headerLines(b *bytes.Buffer, spec string) {
	fmt.Fprintf(b, "<!-- %s -->\n", header.Marker)
	fmt.Fprintf(b, "<!-- crudgen writes this file from %s; edit the spec and run crudgen again. -->\n\n", spec)
}

// crudEntities are the entities with routes, in spec order.
func crudEntities(s *ir.Schema) []*ir.Entity {
	var out []*ir.Entity
	for _, e := range s.Entities {
		if e.CRUD && !e.Managed && e.PK() != nil {
			out = append(out, e)
		}
	}
	return out
}

// title is the application's name for headings.
func title(s *ir.Schema) string {
	if s.Title != "" {
		return s.Title
	}
	return "The API"
}

// Endpoints renders rest-endpoints.md for s; specName is the spec's file
// name, in the database folder beside the document's.
func Endpoints(s *ir.Schema, specName string) []byte {
	var b bytes.Buffer
	headerLines(&b, "../database/"+specName)
	entities := crudEntities(s)
	fmt.Fprintf(&b, "# %s — REST endpoints\n\n", title(s))
	b.WriteString("Every route of the API, generated from the data model in " +
		"[" + specName + "](../database/" + specName + ") (its entity-relationship diagram is " +
		"[er.md](../database/er.md)). The same API as an OpenAPI 3.1 document is `openapi.json`, served by the " +
		"backend at `GET /openapi.json` and rendered at `GET /docs`.\n\n")
	for _, e := range entities {
		fmt.Fprintf(&b, "- [%s](#%s) — `/api/%s`\n", e.Plural, anchor(e.Plural), e.Route)
	}
	b.WriteString("- [Conventions](#conventions): authentication, errors, lists\n")
	b.WriteString("- [Error codes](#error-codes)\n\n")
	conventions(&b)
	for _, e := range entities {
		entitySection(&b, s, e)
	}
	errorCodes(&b, s, entities)
	return finish(&b)
}

// finish returns the document with exactly one newline at its end.
func finish(b *bytes.Buffer) []byte {
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

// anchor is GitHub's anchor of a heading: lower case, spaces to dashes,
// punctuation dropped.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// conventions is the section on what every route shares.
func conventions(b *bytes.Buffer) {
	b.WriteString("## Conventions\n\n")
	b.WriteString("- **Base URL**: `" + baseURL + "` by default (the server's `ADDR` changes it). " +
		"Request and response bodies are JSON (`Content-Type: application/json`), at most 1 MiB.\n")
	b.WriteString("- **Authentication**: every `/api` route needs `Authorization: Bearer <JWT>`. The token's subject " +
		"(`sub`) is the signed-in user; on an entity with an owner, every route reads and writes only that user's " +
		"rows, and another user's row answers `404` as if it did not exist. A missing or invalid token answers " +
		"`401` with `WWW-Authenticate: Bearer`.\n")
	b.WriteString("- **Errors** are JSON: `{\"detail\": \"…\", \"code\": \"TASK_NOT_FOUND\", \"request_id\": \"…\"}`; " +
		"a `422` adds `\"errors\": [{\"field\": \"title\", \"message\": \"…\"}]`. Branch on `code`, show `detail`. " +
		"See [Error codes](#error-codes).\n")
	b.WriteString("- **`X-Request-ID`**: every response carries one (yours, when you send a valid one); the server " +
		"log and `request_id` quote it.\n")
	b.WriteString("- **Lists** answer `{\"items\": […], \"total\": N, \"limit\": L, \"offset\": O}`: `limit` (1–100, " +
		"default 20) and `offset` page, `sort` takes comma-separated (or repeated) fields with `-` for " +
		"descending and `.nullsfirst`/`.nullslast` to place empty values (text sorts ignoring case, an enum in " +
		"declared order), a field filters by equality with one value, `field[ne]` excludes a value, " +
		"`field[gt]`, `[gte]`, `[lt]`, `[lte]` compare on ordered fields, and `q` searches the text fields " +
		"ignoring case. An unknown or repeated parameter (other than `sort`) or a NUL character is a `400`.\n")
	b.WriteString("- **Without a token**: `GET /healthz` (`200 {\"status\": \"ok\"}`, or `503` when the database " +
		"does not answer), `GET /openapi.json` and `GET /docs`.\n\n")
	b.WriteString("The curl examples expect the token in `$TOKEN` (`go run . -dev` prints one).\n\n")
}

// errorCodes is the closing table of every error code.
func errorCodes(b *bytes.Buffer, s *ir.Schema, entities []*ir.Entity) {
	b.WriteString("## Error codes\n\n")
	b.WriteString("| Status | Code | Meaning |\n|---|---|---|\n")
	for _, c := range s.ErrorCodes(entities) {
		fmt.Fprintf(b, "| %d | `%s` | %s |\n", c.Status, c.Code, cell(c.Meaning))
	}
	b.WriteString("\n")
}

// cell makes text safe in a table cell: no line breaks, pipes escaped.
func cell(text string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(text), " "), "|", `\|`)
}

// noun is the entity's name in prose: "task", "task tag".
func noun(e *ir.Entity) string { return strings.ToLower(e.Noun()) }

// pluralNoun is the entity's plural in prose.
func pluralNoun(e *ir.Entity) string {
	return strings.ToLower(e.PluralNoun())
}

// jsonValue renders an example value as JSON.
func jsonValue(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // example values always encode
	return strings.TrimSpace(buf.String())
}

// jsonObject renders fields and values as an indented JSON object in the
// order given.
func jsonObject(keys []string, vals []any, indent string) string {
	if len(keys) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{\n")
	for i, k := range keys {
		fmt.Fprintf(&b, "%s  %s: %s", indent, strconv.Quote(k), jsonValue(vals[i]))
		if i < len(keys)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
	return b.String()
}
