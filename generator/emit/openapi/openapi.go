// Package openapi is the emitter of the generated backend's API document,
// openapi.json (OpenAPI 3.1). It is one of the artifact emitters package emit
// runs; it reads the resolved schema (package ir) and the logical-type table
// (ir.Type.Info), and writes JSON with its own compact, ordered writer.
package openapi

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/jsonlayout"
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
			tag.Set("description", d)
		}
		tags = append(tags, tag)

		base := "/api/" + e.Route
		paths.Set(base, obj(
			"get", listOperation(s, e),
			"post", createOperation(s, e),
		))
		paths.Set(base+"/{id}", obj(
			"parameters", []any{iDParameter(e)},
			"get", getOperation(s, e),
			"put", replaceOperation(s, e),
			"patch", patchOperation(s, e),
			"delete", deleteOperation(s, e),
		))
		applyPolicy(e, paths)
		relationPaths(s, e, paths)

		schemas.Set(e.Name, entitySchema(e))
		schemas.Set(e.Name+"Create", bodySchema(e, "create"))
		schemas.Set(e.Name+"Patch", bodySchema(e, "patch"))
		schemas.Set(e.Name+"List", listSchema(e))
	}
	filterSchemas(entities, schemas)
	schemas.Set("Error", errorSchema(s, entities))
	schemas.Set("FieldError", obj(
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
		doc.Set("tags", tags)
	}
	doc.Set("paths", paths)
	if hooks := eventWebhooks(entities, schemas); hooks != nil {
		doc.Set("webhooks", hooks)
	}
	doc.Set("components", obj(
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
	if err := jsonlayout.Write(&buf, doc); err != nil {
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
			license.Set("identifier", info.License) // an SPDX identifier, such as MIT
		}
		o.Set("license", license)
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
	headers, _ := success.Get("headers").(*object)
	if headers == nil {
		headers = obj()
	}
	headers.Set("X-Request-ID", requestIDHeader())
	content := success.Get("content")
	success.Del("content")
	success.Set("headers", headers)
	if content != nil {
		success.Set("content", content)
	}
	r := obj(status, success)
	for _, c := range s.Errors(e, op) {
		r.Set(strconv.Itoa(c.Status), ref("responses", c.Name))
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
			if c.Status == status && out.Get(c.Name) == nil {
				out.Set(c.Name, errorResponse(c))
			}
		}
	}
	return out
}

// errorResponse is the response of one error case.
func errorResponse(c ir.ErrorCase) *object {
	example := obj("detail", c.Detail, "code", c.Codes[0], "request_id", requestID)
	if c.Status == 422 {
		example.Set("errors", []any{obj("field", "title", "message", "must not be blank")})
	}
	headers := obj("X-Request-ID", requestIDHeader())
	if c.Status == 401 {
		headers.Set("WWW-Authenticate", obj(
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
		op.Set("description", "The owner is the token's subject; server-set fields may not be sent.")
	}
	op.Set("requestBody", body(e.Name+"Create"))
	op.Set("responses", responses(s, e, ir.OpCreate, "201", obj(
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
	op.Set("description", "A page of the "+e.PluralNoun()+" the caller owns, filtered, searched and sorted. "+
		"A filter `field=value` keeps the rows whose field equals the value; `field[ne]` excludes a value, and on "+
		"ordered fields `field[gt]`, `[gte]`, `[lt]` and `[lte]` compare with one. Each filter takes one value: an unknown "+
		"parameter, a repeated one (other than `sort`) or a value with a NUL character is a 400 `INVALID_QUERY`.")
	op.Set("parameters", listParameters(e))
	op.Set("responses", responses(s, e, ir.OpList, "200", obj(
		"description", "One page of "+e.PluralNoun()+" and the total count.",
		"content", jSONContent(ref("schemas", e.Name+"List")),
	)))
	return op
}

// getOperation is GET /api/<route>/{id}: getTask.
func getOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "get"+e.Name, "Get a "+e.Noun())
	op.Set("responses", responses(s, e, ir.OpGet, "200", entityResponse(e, "The "+e.Noun()+".")))
	return op
}

// replaceOperation is PUT /api/<route>/{id}: replaceTask.
func replaceOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "replace"+e.Name, "Replace the writable fields of a "+e.Noun())
	op.Set("description", "A field left out is reset to its default, or to null when it is nullable.")
	op.Set("requestBody", body(e.Name+"Create")) // the same fields and rules as create
	op.Set("responses", responses(s, e, ir.OpReplace, "200", entityResponse(e, "The updated "+e.Noun()+".")))
	return op
}

// patchOperation is PATCH /api/<route>/{id}: updateTask.
func patchOperation(s *ir.Schema, e *ir.Entity) *object {
	op := operation(e, "update"+e.Name, "Change some fields of a "+e.Noun())
	op.Set("description", "Only the fields sent change; null clears a nullable field.")
	op.Set("requestBody", body(e.Name+"Patch"))
	op.Set("responses", responses(s, e, ir.OpPatch, "200", entityResponse(e, "The updated "+e.Noun()+".")))
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
	op.Set("responses", responses(s, e, ir.OpDelete, "204", obj("description", "The "+e.Noun()+" is deleted.")))
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
		if !f.ListFilter() {
			continue
		}
		// The filter and its operators are described once, in the
		// operation's description.
		value := filterSchema(f)
		params = append(params, obj("name", f.JSON, "in", "query", "schema", value))
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
		return ref("schemas", f.Type.FilterSchemaName())
	}
	v := valueSchema(f)
	v.Del("maxLength")
	v.Del("minLength")
	v.Del("pattern")
	v.Del("minimum")
	v.Del("maximum")
	v.Del("description")
	return v
}

// filterSchemas sets on schemas the component schemas filterSchema refers
// to, for the filterable fields of entities.
func filterSchemas(entities []*ir.Entity, schemas *object) {
	for _, e := range entities {
		for _, f := range e.Fields {
			if !f.ListFilter() {
				continue
			}
			if description, ok := f.Type.Info().FilterString(); ok && description != "" && schemas.Get(f.Type.FilterSchemaName()) == nil {
				schemas.Set(f.Type.FilterSchemaName(), obj("type", "string", "description", description))
			}
		}
	}
}

// entitySchema is the schema of the entity as the API returns it: every
// column but the write-only ones, always present, the server-set ones
// read-only.
func entitySchema(e *ir.Entity) *object {
	props := obj()
	var required []string
	for _, f := range e.Returned() {
		p := fieldSchema(f, f.Nullable)
		if f.ReadOnly || f.Role != ir.RoleNone {
			p.Set("readOnly", true)
		}
		props.Set(f.JSON, p)
		required = append(required, f.JSON)
	}
	o := obj("type", "object")
	if d := strings.TrimSpace(e.Description); d != "" {
		o.Set("description", d)
	}
	o.Set("properties", props)
	o.Set("required", anys(required))
	o.Set("examples", []any{entityExample(e)})
	return o
}

// entityExample is an example of e as the API returns it: every returned
// field with its example value, the soft-delete marker null.
func entityExample(e *ir.Entity) *object {
	ex := obj()
	for _, f := range e.Returned() {
		if f.Role == ir.RoleDeletedAt {
			ex.Set(f.JSON, nil)
			continue
		}
		ex.Set(f.JSON, f.Example())
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
			ex.Set(f.JSON, v)
		}
		return ex
	}
	for _, f := range e.Writable() {
		ex.Set(f.JSON, f.Example())
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
		if f.WriteOnly {
			p.Set("writeOnly", true)
		}
		if kind != "patch" {
			if d, ok := f.DefaultJSON(); ok {
				p.Set("default", d)
			}
			if f.Required {
				required = append(required, f.JSON)
			}
		}
		props.Set(f.JSON, p)
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
		o.Set("required", anys(required))
	}
	o.Set("additionalProperties", false)
	o.Set("examples", []any{bodyExample(e, kind == "patch")})
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
	if t, ok := v.Get("type").(string); ok {
		v.Set("type", []any{t, "null"})
	}
	if enum, ok := v.Get("enum").([]any); ok {
		v.Set("enum", append(enum, nil))
	}
	return v
}

// valueSchema is the schema of a non-null value of f: its JSON type and
// format as the generated Go types marshal it, and the rules Validate checks.
func valueSchema(f *ir.Field) *object {
	o := obj()
	info := f.Type.Info()
	if info.OpenAPIType != "" {
		o.Set("type", info.OpenAPIType)
	}
	format := info.OpenAPIFormat
	if info.Text {
		format = map[string]string{"email": "email", "url": "uri", "uuid": "uuid"}[f.Format]
	}
	if format != "" {
		o.Set("format", format)
	}
	if info.OpenAPIEncoding != "" {
		o.Set("contentEncoding", info.OpenAPIEncoding)
	}
	if info.OpenAPIExample != "" {
		o.Set("examples", []any{info.OpenAPIExample})
	}
	if f.Type == ir.Enum {
		o.Set("enum", anys(f.Enum))
	}
	if info.Text {
		minLength := f.MinLength
		if f.NotBlank && minLength == 0 {
			minLength = 1
		}
		if minLength > 0 {
			o.Set("minLength", minLength)
		}
		if f.MaxLength > 0 {
			o.Set("maxLength", f.MaxLength)
		}
		if f.NotBlank {
			o.Set("pattern", notBlankPattern)
		}
	}
	if info.Number {
		if f.Min != nil {
			o.Set("minimum", number(f, *f.Min))
		}
		if f.Max != nil {
			o.Set("maximum", number(f, *f.Max))
		}
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		o.Set("description", d)
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

// object is a JSON object of the document, which keeps its members in
// insertion order.
type object = jsonlayout.Object

// obj builds an object from key, value pairs.
func obj(kv ...any) *object { return jsonlayout.New(kv...) }
