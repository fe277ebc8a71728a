// Package openapi is the emitter of the generated backend's API document,
// openapi.json (OpenAPI 3.1). It is one of the artifact emitters package emit
// runs; it reads the resolved schema (package ir) and the logical-type table
// (ir.Type.Info), and writes JSON with its own compact, ordered writer.
package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file renders openapi.json, an OpenAPI 3.1 description of the generated
// API. The document is built from ordered objects (object) rather than Go
// maps, so that it reads in a natural order (info, paths, components; within
// a schema: type, properties, required) and is byte-for-byte deterministic.
//
// It describes what the generated code does, not more:
//
//   - every /api operation needs a bearer JWT (the global security
//     requirement); /healthz overrides it with no requirement;
//   - per CRUD entity Task at /api/tasks: createTask, listTasks, getTask,
//     replaceTask (PUT), updateTask (PATCH) and deleteTask;
//   - schemas Task (every column, server-set ones readOnly), TaskCreate and
//     TaskUpdate (the writable fields, with Required ones required),
//     TaskPatch (every writable field optional) and TaskList (the page
//     envelope); nullable fields use type arrays such as ["string", "null"];
//   - list parameters limit, offset, sort, q and, per filterable field,
//     name, name[ne] and, for ordered kinds, name[gt], [gte], [lt], [lte];
//   - errors share one Error schema and the responses of components.responses.

// Info is what the document says about the API beyond the schema.
type Info struct {
	// Version is info.version, the version of the API (crudgen.json's
	// api.version); default 1.0.0.
	Version string
	// License is info.license (crudgen.json's api.license): an SPDX
	// identifier such as MIT, or a name with spaces; none when empty.
	License string
}

// Document renders openapi.json for the CRUD entities of s.
func Document(s *ir.Schema, info Info) ([]byte, error) {
	if s == nil {
		return nil, fmt.Errorf("openapi: nil schema")
	}
	var entities []*ir.Entity
	for _, e := range s.Entities {
		if e.CRUD && !e.Managed {
			entities = append(entities, e)
		}
	}
	if err := checkNames(entities); err != nil {
		return nil, err
	}

	paths := obj()
	schemas := obj()
	var tags []any
	for _, e := range entities {
		tag := obj("name", e.Plural, "description", "Create, list, read, change and delete "+e.PluralNoun()+".")
		if d := strings.TrimSpace(e.Description); d != "" {
			tag.set("description", d)
		}
		tags = append(tags, tag)

		base := "/api/" + e.Route
		paths.set(base, obj(
			"get", listOperation(s, e),
			"post", createOperation(s, e),
		))
		paths.set(base+"/{id}", obj(
			"parameters", []any{iDParameter(e)},
			"get", getOperation(s, e),
			"put", replaceOperation(s, e),
			"patch", patchOperation(s, e),
			"delete", deleteOperation(s, e),
		))
		applyPolicy(e, paths)
		relationPaths(s, e, paths)

		schemas.set(e.Name, entitySchema(e))
		schemas.set(e.Name+"Create", bodySchema(e, "create"))
		schemas.set(e.Name+"Patch", bodySchema(e, "patch"))
		schemas.set(e.Name+"List", listSchema(e))
	}
	filterSchemas(entities, schemas)
	schemas.set("Error", errorSchema(s, entities))
	schemas.set("FieldError", obj(
		"type", "object",
		"description", "One invalid field of a request body.",
		"properties", obj(
			"field", obj("type", "string", "description", "The JSON name of the field."),
			"message", obj("type", "string", "description", "What is wrong with it."),
		),
		"required", []any{"field", "message"},
	))

	infoObj := infoObject(s, info)
	doc := obj(
		"openapi", "3.1.0",
		// The marker lets crudgen recognise the file as its own on the next
		// run (JSON has no comments to carry it); an x- member is shown by
		// no reader of the document.
		"x-generated", header.Marker+" Regenerate it from the schema spec.",
		"info", infoObj,
		"servers", []any{obj(
			"url", "http://localhost:8080",
			"description", "The server on its default address (the ADDR environment variable changes it).",
		)},
		"security", []any{obj("bearerAuth", []any{})},
	)
	if len(tags) > 0 {
		doc.set("tags", tags)
	}
	doc.set("paths", paths)
	if hooks := eventWebhooks(entities, schemas); hooks != nil {
		doc.set("webhooks", hooks)
	}
	doc.set("components", obj(
		"securitySchemes", obj("bearerAuth", obj(
			"type", "http",
			"scheme", "bearer",
			"bearerFormat", "JWT",
			"description", "A JWT signed with the shared secret (HS256) or a key of the JWKS URL; sub is the user id.",
		)),
		"parameters", obj(
			"limit", obj(
				"name", "limit",
				"in", "query",
				"description", "How many items to return.",
				"schema", obj("type", "integer", "minimum", 1, "maximum", 100, "default", 20),
			),
			"offset", obj(
				"name", "offset",
				"in", "query",
				"description", "How many items to skip, at most 10000; read deeper pages with after.",
				"schema", obj("type", "integer", "minimum", 0, "maximum", 10000, "default", 0),
			),
			"after", obj(
				"name", "after",
				"in", "query",
				"description", "Start the page after the row this cursor names: the next of the previous page, passed unchanged with the same sort and filters (keyset pagination; not with offset).",
				"schema", obj("type", "string"),
			),
			"count", obj(
				"name", "count",
				"in", "query",
				"description", "exact counts the matching rows into total; none skips the count and answers total -1.",
				"schema", obj("type", "string", "enum", []any{"exact", "none"}, "default", "exact"),
			),
		),
		"headers", obj("X-Request-ID", obj(
			"description", "The request's id: the client's own X-Request-ID when it sent a valid one, else a new "+
				"one. The server log and the request_id of an error body quote it.",
			"schema", obj("type", "string", "examples", []any{requestID}),
		)),
		"responses", errorResponses(s, entities),
		"schemas", schemas,
	))

	var buf bytes.Buffer
	if err := write(&buf, doc, ""); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// infoObject is the document's info: the app's name from the spec's title,
// its overview and what every operation shares, the version and licence.
func infoObject(s *ir.Schema, info Info) *object {
	title := "REST API"
	if s.Title != "" {
		title = s.Title
		if !strings.HasSuffix(strings.ToUpper(title), "API") {
			title += " API"
		}
	}
	version := info.Version
	if version == "" {
		version = "1.0.0"
	}
	description := "Every `/api` operation needs an `Authorization: Bearer <JWT>` header; the token's `sub` " +
		"claim is the owner of the rows the request reads and writes, and another owner's rows answer 404. " +
		"Errors are JSON objects of the `Error` schema, and every response carries an `X-Request-ID` header " +
		"that the server log quotes. `GET /healthz` (no token) answers 200 while the server and its database " +
		"answer, 503 otherwise."
	if d := strings.TrimSpace(s.Description); d != "" {
		description = d + "\n\n" + description
	}
	o := obj("title", title, "version", version, "description", description)
	if info.License != "" {
		license := obj("name", info.License)
		if !strings.ContainsAny(info.License, " \t") {
			license.set("identifier", info.License) // an SPDX identifier, such as MIT
		}
		o.set("license", license)
	}
	return o
}

// checkNames rejects entities whose schema names or paths would collide,
// such as an entity TaskList next to Task. Resolve reports these with their
// position (ir.CheckDeclaredNames); here they guard hand-built schemas.
func checkNames(entities []*ir.Entity) error {
	routes := map[string]string{}
	for _, e := range entities {
		if e.PK() == nil {
			return fmt.Errorf("openapi: entity %s (line %d): CRUD needs a single-column primary key", e.Name, e.Line)
		}
		if e.Route == "" {
			return fmt.Errorf("openapi: entity %s (line %d): no route", e.Name, e.Line)
		}
		if other, ok := routes[e.Route]; ok {
			return fmt.Errorf("openapi: entities %s and %s are both served at /api/%s", other, e.Name, e.Route)
		}
		routes[e.Route] = e.Name
	}
	if err := ir.CheckDeclaredNames(entities); err != nil {
		return fmt.Errorf("openapi: %w", err)
	}
	return nil
}

// ref is a JSON reference to a component.
func ref(kind, name string) *object {
	return obj("$ref", "#/components/"+kind+"/"+name)
}

// jSONContent is a content map with one application/json media type.
func jSONContent(schema any) *object {
	return obj("application/json", obj("schema", schema))
}

// requestID is the example request id.
const requestID = "5f1c1e4a9b7d3c20"

// requestIDHeader is the X-Request-ID member of a response's headers.
func requestIDHeader() *object { return ref("headers", "X-Request-ID") }

// responses builds a responses object: the success response first, with
// the X-Request-ID header, then a reference per error case of op, by status.
func responses(s *ir.Schema, e *ir.Entity, op ir.Op, status string, success *object) *object {
	headers, _ := success.get("headers").(*object)
	if headers == nil {
		headers = obj()
	}
	headers.set("X-Request-ID", requestIDHeader())
	content := success.get("content")
	success.del("content")
	success.set("headers", headers)
	if content != nil {
		success.set("content", content)
	}
	r := obj(status, success)
	for _, c := range s.Errors(e, op) {
		r.set(strconv.Itoa(c.Status), ref("responses", c.Name))
	}
	return r
}

// errorResponses are components.responses: one per error case of the
// operations of entities, by status, each an Error body whose code is one
// of the case's codes.
func errorResponses(s *ir.Schema, entities []*ir.Entity) *object {
	var cases []ir.ErrorCase // in the order of entities and operations
	for _, e := range entities {
		for _, op := range ir.Ops {
			cases = append(cases, s.Errors(e, op)...)
		}
	}
	out := obj()
	for _, status := range []int{400, 401, 403, 404, 409, 413, 415, 422, 500} {
		for _, c := range cases {
			if c.Status == status && out.get(c.Name) == nil {
				out.set(c.Name, errorResponse(c))
			}
		}
	}
	return out
}

// errorResponse is the response of one error case.
func errorResponse(c ir.ErrorCase) *object {
	example := obj("detail", c.Detail, "code", c.Codes[0], "request_id", requestID)
	if c.Status == 422 {
		example.set("errors", []any{obj("field", "title", "message", "must not be blank")})
	}
	headers := obj("X-Request-ID", requestIDHeader())
	if c.Status == 401 {
		headers.set("WWW-Authenticate", obj(
			"description", "Bearer, with the reason when a token was sent.",
			"schema", obj("type", "string"),
		))
	}
	schema := obj("allOf", []any{
		ref("schemas", "Error"),
		obj("type", "object", "properties", obj("code", obj("enum", anys(c.Codes)))),
	})
	return obj(
		"description", c.Meaning,
		"headers", headers,
		"content", obj("application/json", obj("schema", schema, "example", example)),
	)
}

// errorSchema is the body of every error response; its code is one of the
// codes the operations of entities can answer.
func errorSchema(s *ir.Schema, entities []*ir.Entity) *object {
	var codes []string
	for _, c := range s.ErrorCodes(entities) {
		codes = append(codes, c.Code)
	}
	sort.Strings(codes)
	return obj(
		"type", "object",
		"description", "The body of every error response.",
		"properties", obj(
			"detail", obj("type", "string", "description", "A human-readable explanation."),
			"code", obj("type", "string", "description", "A stable, machine-readable code; each response lists the codes it can carry.",
				"enum", anys(codes)),
			"request_id", obj("type", "string", "description", "The request's id (the `X-Request-ID` response header), also found in the server log."),
			"errors", obj(
				"type", "array",
				"description", "On 422, one entry per invalid field.",
				"items", ref("schemas", "FieldError"),
			),
		),
		"required", []any{"detail", "code", "request_id"},
	)
}

// iDParameter is the {id} path parameter.
func iDParameter(e *ir.Entity) *object {
	return obj(
		"name", "id",
		"in", "path",
		"required", true,
		"description", fmt.Sprintf("The %s's %s. A malformed id answers 404, like an unknown one.", e.Noun(), e.PK().JSON),
		"schema", valueSchema(e.PK()),
	)
}

// body is a required application/json request body of the given schema.
func body(schema string) *object {
	return obj("required", true, "content", jSONContent(ref("schemas", schema)))
}

// entityResponse is a success response whose body is one e.
func entityResponse(e *ir.Entity, description string) *object {
	return obj("description", description, "content", jSONContent(ref("schemas", e.Name)))
}

// operation starts an operation object.
func operation(e *ir.Entity, id, summary string) *object {
	return obj("operationId", id, "summary", summary, "tags", []any{e.Plural})
}

// createOperation is POST /api/<route>: createTask.
func createOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "create"+e.Name, "Create a "+e.Noun())
	if e.OwnerField != "" {
		op.set("description", "The owner is the token's subject; server-set fields may not be sent.")
	}
	op.set("requestBody", body(e.Name+"Create"))
	op.set("responses", responses(s, e, ir.OpCreate, "201", obj(
		"description", "The created "+e.Noun()+".",
		"headers", obj("Location", obj(
			"description", "The URL of the new "+e.Noun()+".",
			"schema", obj("type", "string"),
		)),
		"content", jSONContent(ref("schemas", e.Name)),
	)))
	return op
}

// listOperation is GET /api/<route>: listTasks.
func listOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "list"+e.Plural, "List "+e.PluralNoun())
	op.set("description", "A page of the "+e.PluralNoun()+" the caller owns, filtered, searched and sorted. "+
		"A filter `field=value` keeps the rows whose field equals the value; `field[ne]` excludes a value, and on "+
		"ordered fields `field[gt]`, `[gte]`, `[lt]` and `[lte]` compare with one. Each filter takes one value: an unknown "+
		"parameter, a repeated one (other than `sort`) or a value with a NUL character is a 400 `INVALID_QUERY`.")
	op.set("parameters", listParameters(e))
	op.set("responses", responses(s, e, ir.OpList, "200", obj(
		"description", "One page of "+e.PluralNoun()+" and the total count.",
		"content", jSONContent(ref("schemas", e.Name+"List")),
	)))
	return op
}

// getOperation is GET /api/<route>/{id}: getTask.
func getOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "get"+e.Name, "Get a "+e.Noun())
	op.set("responses", responses(s, e, ir.OpGet, "200", entityResponse(e, "The "+e.Noun()+".")))
	return op
}

// replaceOperation is PUT /api/<route>/{id}: replaceTask.
func replaceOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "replace"+e.Name, "Replace the writable fields of a "+e.Noun())
	op.set("description", "A field left out is reset to its default, or to null when it is nullable.")
	op.set("requestBody", body(e.Name+"Create")) // the same fields and rules as create
	op.set("responses", responses(s, e, ir.OpReplace, "200", entityResponse(e, "The updated "+e.Noun()+".")))
	return op
}

// patchOperation is PATCH /api/<route>/{id}: updateTask.
func patchOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "update"+e.Name, "Change some fields of a "+e.Noun())
	op.set("description", "Only the fields sent change; null clears a nullable field.")
	op.set("requestBody", body(e.Name+"Patch"))
	op.set("responses", responses(s, e, ir.OpPatch, "200", entityResponse(e, "The updated "+e.Noun()+".")))
	return op
}

// deleteOperation is DELETE /api/<route>/{id}: deleteTask. It lists 409
// when another table references e without a cascading action.
func deleteOperation(s *ir.Schema, e *ir.Entity) *object {
	summary := "Delete a " + e.Noun()
	if e.SoftDelete {
		summary += " (it is hidden, not erased)"
	}
	op := operation(e, "delete"+e.Name, summary)
	op.set("responses", responses(s, e, ir.OpDelete, "204", obj("description", "The "+e.Noun()+" is deleted.")))
	return op
}

// listParameters are the query parameters of the list operation.
func listParameters(e *ir.Entity) []any {
	params := []any{ref("parameters", "limit"), ref("parameters", "offset"), ref("parameters", "after"), ref("parameters", "count")}

	var sortable, searchable []string
	for _, f := range e.Fields {
		if f.Type.Info().ListKind == "" {
			continue
		}
		if f.Sortable {
			sortable = append(sortable, sortTerms(f)...)
		}
		if f.Searchable {
			searchable = append(searchable, f.JSON)
		}
	}
	if len(sortable) > 0 {
		params = append(params, obj(
			"name", "sort",
			"in", "query",
			"description", fmt.Sprintf("Fields to sort by, separated by commas (or in repeated sort parameters); "+
				"a leading - sorts descending. Text sorts ignoring case and an enum in the order of its values. "+
				"Rows without a value come last in ascending and first in descending order; a suffix "+
				".nullsfirst or .nullslast places them. Default: %s. The %s breaks ties.", e.DefaultSort(), e.PK().JSON),
			"style", "form",
			"explode", false,
			"schema", obj("type", "array", "items", obj("type", "string", "enum", anys(sortable))),
		))
	}
	if len(searchable) > 0 {
		params = append(params, obj(
			"name", "q",
			"in", "query",
			"description", "Case-insensitive text search in "+strings.Join(searchable, ", ")+
				" (for every letter, not only ASCII): the rows where one of them contains this text.",
			"schema", obj("type", "string", "maxLength", 200),
		))
	}
	for _, f := range e.Fields {
		if !f.Filterable || f.Type.Info().ListKind == "" {
			continue
		}
		value := filterSchema(f)
		params = append(params, obj(
			"name", f.JSON,
			"in", "query",
			"description", fmt.Sprintf("Only %s whose %s equals this value.", e.PluralNoun(), f.JSON),
			"schema", value,
		))
		// The operators are described once, in the operation's description.
		ops := []string{"ne"}
		if f.Type.Info().Ordered {
			ops = append(ops, "gt", "gte", "lt", "lte")
		}
		for _, op := range ops {
			params = append(params, obj("name", f.JSON+"["+op+"]", "in", "query", "schema", value))
		}
	}
	return params
}

// sortTerms are the values of sort= that sort by f: "title" and "-title",
// and, when f may be null, the same with .nullsfirst and .nullslast.
func sortTerms(f *ir.Field) []string {
	terms := []string{f.JSON, "-" + f.JSON}
	if f.Nullable {
		for _, suffix := range []string{".nullsfirst", ".nullslast"} {
			terms = append(terms, f.JSON+suffix, "-"+f.JSON+suffix)
		}
	}
	return terms
}

// filterSchema is the schema of a filter value of f, as the list parser
// reads it.
func filterSchema(f *ir.Field) *object {
	if description, ok := f.Type.Info().FilterString(); ok {
		if description == "" {
			return obj("type", "string")
		}
		return ref("schemas", filterSchemaName(f.Type))
	}
	v := valueSchema(f)
	v.del("maxLength")
	v.del("minLength")
	v.del("pattern")
	v.del("minimum")
	v.del("maximum")
	v.del("description")
	return v
}

// filterSchemaName is the name of the component schema of a filter value of
// type t that the list parser reads as a string with a form of its own (see
// ir.TypeInfo.FilterString): "TimestampFilter". Every filter parameter of
// such a field, with each of its operators, refers to it.
func filterSchemaName(t ir.Type) string { return naming.Pascal(string(t)) + "Filter" }

// filterSchemas sets on schemas the component schemas filterSchema refers
// to, for the filterable fields of entities.
func filterSchemas(entities []*ir.Entity, schemas *object) {
	for _, e := range entities {
		for _, f := range e.Fields {
			if !f.Filterable || f.Type.Info().ListKind == "" {
				continue
			}
			if description, ok := f.Type.Info().FilterString(); ok && description != "" && schemas.get(filterSchemaName(f.Type)) == nil {
				schemas.set(filterSchemaName(f.Type), obj("type", "string", "description", description))
			}
		}
	}
}

// entitySchema is the schema of the entity as the API returns it: every
// column, always present, the server-set ones read-only.
func entitySchema(e *ir.Entity) *object {
	props := obj()
	var required []string
	for _, f := range e.Fields {
		p := fieldSchema(f, f.Nullable)
		if f.ReadOnly || f.Role != ir.RoleNone {
			p.set("readOnly", true)
		}
		props.set(f.JSON, p)
		required = append(required, f.JSON)
	}
	o := obj("type", "object")
	if d := strings.TrimSpace(e.Description); d != "" {
		o.set("description", d)
	}
	o.set("properties", props)
	o.set("required", anys(required))
	o.set("examples", []any{entityExample(e)})
	return o
}

// entityExample is an example of e as the API returns it: every field with
// its example value, the soft-delete marker null.
func entityExample(e *ir.Entity) *object {
	ex := obj()
	for _, f := range e.Fields {
		if f.Role == ir.RoleDeletedAt {
			ex.set(f.JSON, nil)
			continue
		}
		ex.set(f.JSON, f.Example())
	}
	return ex
}

// bodyExample is an example request body of e: for create and replace
// (patch false) every writable field, for patch the field
// ir.Entity.PatchExample picks.
func bodyExample(e *ir.Entity, patch bool) *object {
	ex := obj()
	if patch {
		if f, v := e.PatchExample(); f != nil {
			ex.set(f.JSON, v)
		}
		return ex
	}
	for _, f := range e.Writable() {
		ex.set(f.JSON, f.Example())
	}
	return ex
}

// bodySchema is the schema of a request body: kind is "create" (POST and
// PUT, which take the same fields) or "patch". Only writable fields appear and unknown fields are
// rejected.
func bodySchema(e *ir.Entity, kind string) *object {
	props := obj()
	var required []string
	for _, f := range e.Writable() {
		p := fieldSchema(f, f.Nullable)
		if kind != "patch" {
			if d, ok := f.DefaultJSON(); ok {
				p.set("default", d)
			}
			if f.Required {
				required = append(required, f.JSON)
			}
		}
		props.set(f.JSON, p)
	}
	var desc string
	switch kind {
	case "create":
		desc = fmt.Sprintf("The body of create%s and replace%s: the fields a client writes. "+
			"A field left out gets its default, or null; on replace too.", e.Name, e.Name)
	default:
		desc = fmt.Sprintf("The body of update%s: only the fields sent change; null clears a nullable field.", e.Name)
	}
	o := obj("type", "object", "description", desc, "properties", props)
	if len(required) > 0 {
		o.set("required", anys(required))
	}
	o.set("additionalProperties", false)
	o.set("examples", []any{bodyExample(e, kind == "patch")})
	return o
}

// listSchema is the envelope of a list response.
func listSchema(e *ir.Entity) *object {
	return obj(
		"type", "object",
		"description", fmt.Sprintf("A page of %s.", e.PluralNoun()),
		"properties", obj(
			"items", obj("type", "array", "items", ref("schemas", e.Name)),
			"total", obj("type", "integer", "minimum", -1, "description", "How many items match the filters, over all pages; -1 with count=none."),
			"limit", obj("type", "integer", "description", "The page size used."),
			"offset", obj("type", "integer", "description", "The offset used."),
			"next", obj("type", "string", "description", "The after value of the next page; absent on the last page."),
		),
		"required", []any{"items", "total", "limit", "offset"},
		"examples", []any{obj("items", []any{entityExample(e)}, "total", 1, "limit", 20, "offset", 0)},
	)
}

// fieldSchema is the schema of a field's value, with null allowed when
// nullable is set (as a type array, and in enum when there is one).
func fieldSchema(f *ir.Field, nullable bool) *object {
	v := valueSchema(f)
	if !nullable {
		return v
	}
	if t, ok := v.get("type").(string); ok {
		v.set("type", []any{t, "null"})
	}
	if enum, ok := v.get("enum").([]any); ok {
		v.set("enum", append(enum, nil))
	}
	return v
}

// valueSchema is the schema of a non-null value of f: its JSON type and
// format as the generated Go types marshal it, and the rules Validate checks.
func valueSchema(f *ir.Field) *object {
	o := obj()
	info := f.Type.Info()
	if info.OpenAPIType != "" {
		o.set("type", info.OpenAPIType)
	}
	format := info.OpenAPIFormat
	if info.Text {
		format = map[string]string{"email": "email", "url": "uri", "uuid": "uuid"}[f.Format]
	}
	if format != "" {
		o.set("format", format)
	}
	if info.OpenAPIEncoding != "" {
		o.set("contentEncoding", info.OpenAPIEncoding)
	}
	if info.OpenAPIExample != "" {
		o.set("examples", []any{info.OpenAPIExample})
	}
	if f.Type == ir.Enum {
		o.set("enum", anys(f.Enum))
	}
	if info.Text {
		minLength := f.MinLength
		if f.NotBlank && minLength == 0 {
			minLength = 1
		}
		if minLength > 0 {
			o.set("minLength", minLength)
		}
		if f.MaxLength > 0 {
			o.set("maxLength", f.MaxLength)
		}
		if f.NotBlank {
			o.set("pattern", notBlankPattern)
		}
	}
	if info.Number {
		if f.Min != nil {
			o.set("minimum", number(f, *f.Min))
		}
		if f.Max != nil {
			o.set("maximum", number(f, *f.Max))
		}
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		o.set("description", d)
	}
	return o
}

// number is a bound of f as JSON: an integer for integer fields (as
// Validate compares it), a number otherwise.
func number(f *ir.Field, x float64) any {
	if f.Type.Info().Integer {
		return int(x)
	}
	return x
}

// anys converts a string slice to the []any the writer expects.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// object is a JSON object that keeps its members in insertion order.
type object struct {
	members []member
	// index finds a member by key once there are many (paths, schemas);
	// small objects, nearly all of them, are searched in order.
	index map[string]int
}

// member is one key and value of an object.
type member struct {
	key string
	val any
}

// indexAbove is the number of members from which an object keeps an index.
const indexAbove = 16

// obj builds an object from key, value pairs.
func obj(kv ...any) *object {
	o := &object{members: make([]member, 0, len(kv)/2)}
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

// find returns the position of key's member, or -1.
func (o *object) find(key string) int {
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i, m := range o.members {
		if m.key == key {
			return i
		}
	}
	return -1
}

// set adds or replaces a member; a new member goes last.
func (o *object) set(key string, v any) *object {
	if i := o.find(key); i >= 0 {
		o.members[i].val = v
		return o
	}
	o.members = append(o.members, member{key, v})
	switch {
	case o.index != nil:
		o.index[key] = len(o.members) - 1
	case len(o.members) > indexAbove:
		o.reindex()
	}
	return o
}

// reindex builds the index of o's members.
func (o *object) reindex() {
	o.index = make(map[string]int, len(o.members))
	for i, m := range o.members {
		o.index[m.key] = i
	}
}

// get returns a member, or nil.
func (o *object) get(key string) any {
	if i := o.find(key); i >= 0 {
		return o.members[i].val
	}
	return nil
}

// del removes a member if present.
func (o *object) del(key string) {
	i := o.find(key)
	if i < 0 {
		return
	}
	o.members = append(o.members[:i], o.members[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// width is the line length up to which a JSON object or array is written
// on one line, as a person formats a document for reading: a $ref, a short
// enum or a small schema stays on its line, a long one is broken up.
const width = 100

// write writes v as JSON indented by two spaces per level, starting at
// indent, keeping an object or array that fits in width on one line. It
// knows *object, []any, string, bool, int, float64, json.RawMessage and nil.
func write(b *bytes.Buffer, v any, indent string) error {
	var flat bytes.Buffer
	return writeAt(b, &flat, v, indent, len(indent))
}

// writeAt is write with the value starting in column col. flat is where it
// tries the value on one line; it is free again once writeAt has decided.
func writeAt(b, flat *bytes.Buffer, v any, indent string, col int) error {
	flat.Reset()
	if err := writeFlat(flat, v, width-col); err != nil {
		return err
	}
	if flat.Len() <= width-col-1 { // room for a trailing comma
		b.Write(flat.Bytes())
		return nil
	}
	inner := indent + "  "
	switch v := v.(type) {
	case *object:
		b.WriteString("{\n")
		for i, m := range v.members {
			b.WriteString(inner)
			start := b.Len()
			writeString(b, m.key)
			b.WriteString(": ")
			if err := writeAt(b, flat, m.val, inner, len(inner)+b.Len()-start); err != nil {
				return err
			}
			if i < len(v.members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if scalars(v) {
			return fillArray(b, v, indent)
		}
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(inner)
			if err := writeAt(b, flat, x, inner, len(inner)); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		b.Write(flat.Bytes()) // a scalar longer than the line
	}
	return nil
}

// scalars reports whether every element of v is a string, number, bool or null.
func scalars(v []any) bool {
	for _, x := range v {
		switch x.(type) {
		case *object, []any, json.RawMessage:
			return false
		}
	}
	return true
}

// fillArray writes an array of scalars too long for one line the way a
// person wraps a list of words: as many elements on each line as fit.
func fillArray(b *bytes.Buffer, v []any, indent string) error {
	inner := indent + "  "
	b.WriteString("[\n" + inner)
	col := len(inner)
	for i, x := range v {
		var item bytes.Buffer
		if err := writeFlat(&item, x, width); err != nil {
			return err
		}
		if i > 0 {
			if col+2+item.Len()+1 > width {
				b.WriteString(",\n" + inner)
				col = len(inner)
			} else {
				b.WriteString(", ")
				col += 2
			}
		}
		b.Write(item.Bytes())
		col += item.Len()
	}
	b.WriteString("\n" + indent + "]")
	return nil
}

// writeFlat writes v on one line; it stops early, leaving a partial value,
// once the line is longer than limit, since the caller then breaks it up.
func writeFlat(b *bytes.Buffer, v any, limit int) error {
	start := b.Len()
	switch v := v.(type) {
	case *object:
		b.WriteByte('{')
		for i, m := range v.members {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, m.key)
			b.WriteString(": ")
			if err := writeFlat(b, m.val, limit-(b.Len()-start)); err != nil {
				return err
			}
			if b.Len()-start > limit {
				return nil
			}
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeFlat(b, x, limit-(b.Len()-start)); err != nil {
				return err
			}
			if b.Len()-start > limit {
				return nil
			}
		}
		b.WriteByte(']')
	case string:
		writeString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case float64:
		out, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(out)
	case json.RawMessage:
		var c bytes.Buffer
		if err := json.Compact(&c, v); err != nil {
			return err
		}
		b.Write(c.Bytes())
	case nil:
		b.WriteString("null")
	default:
		return fmt.Errorf("cannot write %T", v)
	}
	return nil
}

// plain reports whether s is printable ASCII without a quote or a
// backslash: JSON text as it is, which is what nearly every string of the
// document is, so that writeString need not encode it.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// writeString writes s as a JSON string without HTML escaping, so that
// "<JWT>" stays readable, and with invisible characters (those of
// notBlankPattern) as \u escapes, so that they can be read.
func writeString(b *bytes.Buffer, s string) {
	if plain(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	writeEncoded(b, s)
}

// writeEncoded is writeString for any s, through encoding/json.
func writeEncoded(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	for _, r := range string(bytes.TrimSuffix(tmp.Bytes(), []byte("\n"))) {
		switch {
		case invisible(r) && r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, hi, lo)
			continue
		case invisible(r):
			fmt.Fprintf(b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
}
