package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file renders openapi.json, an OpenAPI 3.1 description of the generated
// API. The document is built from ordered objects (oaObject) rather than Go
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

// emitOpenAPI renders openapi.json for the CRUD entities of s.
func emitOpenAPI(s *ir.Schema) (File, error) {
	if s == nil {
		return File{}, fmt.Errorf("openapi: nil schema")
	}
	var entities []*ir.Entity
	for _, e := range s.Entities {
		if e.CRUD && !e.Managed {
			entities = append(entities, e)
		}
	}
	if err := oaCheckNames(entities); err != nil {
		return File{}, err
	}

	paths := oaObj()
	paths.set("/healthz", oaHealthPath())
	schemas := oaObj()
	var tags []any
	for _, e := range entities {
		tag := oaObj("name", e.Plural)
		if d := strings.TrimSpace(e.Description); d != "" {
			tag.set("description", d)
		}
		tags = append(tags, tag)

		base := "/api/" + e.Route
		paths.set(base, oaObj(
			"get", oaListOperation(e),
			"post", oaCreateOperation(e),
		))
		paths.set(base+"/{id}", oaObj(
			"parameters", []any{oaIDParameter(e)},
			"get", oaGetOperation(e),
			"put", oaReplaceOperation(e),
			"patch", oaPatchOperation(e),
			"delete", oaDeleteOperation(s, e),
		))

		schemas.set(e.Name, oaEntitySchema(e))
		schemas.set(e.Name+"Create", oaBodySchema(e, "create"))
		schemas.set(e.Name+"Patch", oaBodySchema(e, "patch"))
		schemas.set(e.Name+"List", oaListSchema(e))
	}
	schemas.set("Error", oaErrorSchema())
	schemas.set("FieldError", oaObj(
		"type", "object",
		"description", "One invalid field of a request body.",
		"properties", oaObj(
			"field", oaObj("type", "string", "description", "The JSON name of the field."),
			"message", oaObj("type", "string", "description", "What is wrong with it."),
		),
		"required", []any{"field", "message"},
	))

	doc := oaObj(
		"openapi", "3.1.0",
		"info", oaObj(
			"title", "REST API",
			"version", "1.0.0",
			// The marker lets crudgen recognise the file as its own on the
			// next run; JSON has no comments to carry it.
			"description", header.Marker+" Regenerate it from the schema spec. Every /api operation needs "+
				"an Authorization: Bearer <JWT> header; the token's sub claim is the owner of the rows "+
				"the request reads and writes, and another owner's rows answer 404. Errors are JSON "+
				"objects of the Error schema.",
		),
		"servers", []any{oaObj(
			"url", "http://localhost:8080",
			"description", "The server on its default address (the ADDR environment variable changes it).",
		)},
		"security", []any{oaObj("bearerAuth", []any{})},
	)
	if len(tags) > 0 {
		doc.set("tags", tags)
	}
	doc.set("paths", paths)
	doc.set("components", oaObj(
		"securitySchemes", oaObj("bearerAuth", oaObj(
			"type", "http",
			"scheme", "bearer",
			"bearerFormat", "JWT",
			"description", "A JWT signed with the shared secret (HS256) or a key of the JWKS URL; sub is the user id.",
		)),
		"parameters", oaObj(
			"limit", oaObj(
				"name", "limit",
				"in", "query",
				"description", "How many items to return.",
				"schema", oaObj("type", "integer", "minimum", 1, "maximum", 100, "default", 20),
			),
			"offset", oaObj(
				"name", "offset",
				"in", "query",
				"description", "How many items to skip.",
				"schema", oaObj("type", "integer", "minimum", 0, "maximum", 2147483647, "default", 0),
			),
		),
		"responses", oaErrorResponses(),
		"schemas", schemas,
	))

	var buf bytes.Buffer
	if err := oaWrite(&buf, doc, ""); err != nil {
		return File{}, fmt.Errorf("openapi: %w", err)
	}
	buf.WriteByte('\n')
	return File{Path: "openapi.json", Content: buf.Bytes()}, nil
}

// oaCheckNames rejects entities whose schema names or paths would collide,
// such as an entity TaskList next to Task. Resolve reports these with their
// position (checkDeclaredNames); here they guard hand-built schemas.
func oaCheckNames(entities []*ir.Entity) error {
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
	return declaredNameClash(entities)
}

// oaRef is a JSON reference to a component.
func oaRef(kind, name string) *oaObject {
	return oaObj("$ref", "#/components/"+kind+"/"+name)
}

// oaJSONContent is a content map with one application/json media type.
func oaJSONContent(schema any) *oaObject {
	return oaObj("application/json", oaObj("schema", schema))
}

// oaResponses builds a responses object: the success response first, then a
// reference per error status, in ascending order.
func oaResponses(status string, success *oaObject, errors ...int) *oaObject {
	r := oaObj(status, success)
	for _, code := range errors {
		r.set(strconv.Itoa(code), oaRef("responses", oaErrorResponseNames[code]))
	}
	return r
}

// oaErrorResponseNames names the shared error responses by status.
var oaErrorResponseNames = map[int]string{
	400: "BadRequest",
	401: "Unauthorized",
	404: "NotFound",
	409: "Conflict",
	413: "PayloadTooLarge",
	415: "UnsupportedMediaType",
	422: "ValidationFailed",
	500: "InternalError",
}

// oaErrorResponses are components.responses: one per error status, each an
// Error body.
func oaErrorResponses() *oaObject {
	type resp struct {
		status            int
		description, code string
	}
	list := []resp{
		{400, "The request body is not valid JSON (MALFORMED_JSON) or a query parameter is invalid (INVALID_QUERY).", "MALFORMED_JSON"},
		{401, "The bearer token is missing, malformed, expired or not signed by a trusted key.", "UNAUTHORIZED"},
		{404, "No such item for this user: it does not exist, was deleted, or belongs to someone else (code <ENTITY>_NOT_FOUND, e.g. TASK_NOT_FOUND).", "TASK_NOT_FOUND"},
		{409, "The change conflicts with existing data: a unique value is taken (ALREADY_EXISTS) or a referenced item does not exist or is still referenced (REFERENCE_NOT_FOUND).", "ALREADY_EXISTS"},
		{413, "The request body is larger than 1 MiB.", "BODY_TOO_LARGE"},
		{415, "The request body is not sent as Content-Type: application/json.", "UNSUPPORTED_MEDIA_TYPE"},
		{422, "The body is well-formed JSON but breaks the schema: errors lists each field (VALIDATION_FAILED, READ_ONLY_FIELD, UNKNOWN_FIELD, INVALID_TYPE).", "VALIDATION_FAILED"},
		{500, "An unexpected error; the details are only in the server log, under the request_id.", "INTERNAL"},
	}
	out := oaObj()
	for _, r := range list {
		example := oaObj("detail", r.description, "code", r.code, "request_id", "5f1c1e4a9b7d3c20")
		if r.status == 422 {
			example = oaObj(
				"detail", "The request is invalid.",
				"code", r.code,
				"request_id", "5f1c1e4a9b7d3c20",
				"errors", []any{oaObj("field", "title", "message", "must not be blank")},
			)
		}
		resp := oaObj("description", r.description)
		if r.status == 401 {
			resp.set("headers", oaObj("WWW-Authenticate", oaObj(
				"description", "Bearer, with the reason when a token was sent.",
				"schema", oaObj("type", "string"),
			)))
		}
		resp.set("content", oaObj("application/json", oaObj(
			"schema", oaRef("schemas", "Error"),
			"example", example,
		)))
		out.set(oaErrorResponseNames[r.status], resp)
	}
	return out
}

// oaErrorSchema is the body of every error response.
func oaErrorSchema() *oaObject {
	return oaObj(
		"type", "object",
		"description", "The body of every error response.",
		"properties", oaObj(
			"detail", oaObj("type", "string", "description", "A human-readable explanation."),
			"code", oaObj("type", "string", "description", "A stable, machine-readable code such as TASK_NOT_FOUND or VALIDATION_FAILED."),
			"request_id", oaObj("type", "string", "description", "The request's id (the X-Request-ID response header), also found in the server log."),
			"errors", oaObj(
				"type", "array",
				"description", "On 422, one entry per invalid field.",
				"items", oaRef("schemas", "FieldError"),
			),
		),
		"required", []any{"detail", "code", "request_id"},
	)
}

// oaHealthPath is the path item of GET /healthz.
func oaHealthPath() *oaObject {
	return oaObj("get", oaObj(
		"operationId", "getHealth",
		"summary", "Report whether the server and its database answer",
		"description", "Needs no token.",
		"security", []any{},
		"responses", oaObj(
			"200", oaObj(
				"description", "The server and its database answer.",
				"content", oaJSONContent(oaObj(
					"type", "object",
					"properties", oaObj("status", oaObj("type", "string", "const", "ok")),
					"required", []any{"status"},
				)),
			),
			"503", oaObj(
				"description", "The database does not answer (code UNAVAILABLE).",
				"content", oaJSONContent(oaRef("schemas", "Error")),
			),
		),
	))
}

// oaNoun is the entity's name in prose: "task", "task tag".
func oaNoun(e *ir.Entity) string { return strings.Join(naming.Words(e.Name), " ") }

// oaPluralNoun is the entity's plural in prose: "tasks", "task tags".
func oaPluralNoun(e *ir.Entity) string { return strings.Join(naming.Words(e.Plural), " ") }

// oaIDParameter is the {id} path parameter.
func oaIDParameter(e *ir.Entity) *oaObject {
	return oaObj(
		"name", "id",
		"in", "path",
		"required", true,
		"description", fmt.Sprintf("The %s's %s. A malformed id answers 404, like an unknown one.", oaNoun(e), e.PK().JSON),
		"schema", oaValueSchema(e.PK()),
	)
}

// oaBody is a required application/json request body of the given schema.
func oaBody(schema string) *oaObject {
	return oaObj("required", true, "content", oaJSONContent(oaRef("schemas", schema)))
}

// oaOperation starts an operation object.
func oaOperation(e *ir.Entity, id, summary string) *oaObject {
	return oaObj("operationId", id, "summary", summary, "tags", []any{e.Plural})
}

// oaCreateOperation is POST /api/<route>: createTask.
func oaCreateOperation(e *ir.Entity) *oaObject {
	op := oaOperation(e, "create"+e.Name, "Create a "+oaNoun(e))
	if e.OwnerField != "" {
		op.set("description", "The owner is the token's subject; server-set fields may not be sent.")
	}
	op.set("requestBody", oaBody(e.Name+"Create"))
	op.set("responses", oaResponses("201", oaObj(
		"description", "The created "+oaNoun(e)+".",
		"headers", oaObj("Location", oaObj(
			"description", "The URL of the new "+oaNoun(e)+".",
			"schema", oaObj("type", "string"),
		)),
		"content", oaJSONContent(oaRef("schemas", e.Name)),
	), 400, 401, 409, 413, 415, 422, 500))
	return op
}

// oaListOperation is GET /api/<route>: listTasks.
func oaListOperation(e *ir.Entity) *oaObject {
	op := oaOperation(e, "list"+e.Plural, "List "+oaPluralNoun(e))
	op.set("description", "A page of the "+oaPluralNoun(e)+" the caller owns, filtered, searched and sorted. "+
		"Repeating a filter matches any of its values; field[ne] excludes a value, and on ordered fields "+
		"field[gt], [gte], [lt] and [lte] compare with one. An unknown parameter is a 400 INVALID_QUERY.")
	op.set("parameters", oaListParameters(e))
	op.set("responses", oaResponses("200", oaObj(
		"description", "One page of "+oaPluralNoun(e)+" and the total count.",
		"content", oaJSONContent(oaRef("schemas", e.Name+"List")),
	), 400, 401, 500))
	return op
}

// oaGetOperation is GET /api/<route>/{id}: getTask.
func oaGetOperation(e *ir.Entity) *oaObject {
	op := oaOperation(e, "get"+e.Name, "Get a "+oaNoun(e))
	op.set("responses", oaResponses("200", oaObj(
		"description", "The "+oaNoun(e)+".",
		"content", oaJSONContent(oaRef("schemas", e.Name)),
	), 401, 404, 500))
	return op
}

// oaReplaceOperation is PUT /api/<route>/{id}: replaceTask.
func oaReplaceOperation(e *ir.Entity) *oaObject {
	op := oaOperation(e, "replace"+e.Name, "Replace the writable fields of a "+oaNoun(e))
	op.set("description", "A field left out is reset to its default, or to null when it is nullable.")
	op.set("requestBody", oaBody(e.Name+"Create")) // the same fields and rules as create
	op.set("responses", oaResponses("200", oaObj(
		"description", "The updated "+oaNoun(e)+".",
		"content", oaJSONContent(oaRef("schemas", e.Name)),
	), 400, 401, 404, 409, 413, 415, 422, 500))
	return op
}

// oaPatchOperation is PATCH /api/<route>/{id}: updateTask.
func oaPatchOperation(e *ir.Entity) *oaObject {
	op := oaOperation(e, "update"+e.Name, "Change some fields of a "+oaNoun(e))
	op.set("description", "Only the fields sent change; null clears a nullable field.")
	op.set("requestBody", oaBody(e.Name+"Patch"))
	op.set("responses", oaResponses("200", oaObj(
		"description", "The updated "+oaNoun(e)+".",
		"content", oaJSONContent(oaRef("schemas", e.Name)),
	), 400, 401, 404, 409, 413, 415, 422, 500))
	return op
}

// oaDeleteOperation is DELETE /api/<route>/{id}: deleteTask. It lists 409
// when another table references e without a cascading action.
func oaDeleteOperation(s *ir.Schema, e *ir.Entity) *oaObject {
	summary := "Delete a " + oaNoun(e)
	if e.SoftDelete {
		summary += " (it is hidden, not erased)"
	}
	op := oaOperation(e, "delete"+e.Name, summary)
	errs := []int{401, 404, 500}
	if !e.SoftDelete && oaRestricted(s, e) {
		errs = []int{401, 404, 409, 500}
	}
	op.set("responses", oaResponses("204", oaObj("description", "The "+oaNoun(e)+" is deleted."), errs...))
	return op
}

// oaRestricted reports whether a foreign key of another table points at e
// without ON DELETE CASCADE or SET NULL, so that deleting a row of e can fail
// with 409. References the migrations leave unenforced (ir.Schema.Enforced) do not
// count.
func oaRestricted(s *ir.Schema, e *ir.Entity) bool {
	for _, other := range s.Entities {
		for _, f := range other.Fields {
			if target, _ := s.Target(f); target != e || !s.Enforced(other, f) {
				continue
			}
			switch f.References.OnDelete {
			case "CASCADE", "SET NULL", "SET DEFAULT":
			default:
				return true
			}
		}
	}
	return false
}

// oaListParameters are the query parameters of the list operation.
func oaListParameters(e *ir.Entity) []any {
	params := []any{oaRef("parameters", "limit"), oaRef("parameters", "offset")}

	var sortable, searchable []string
	for _, f := range e.Fields {
		if f.Type.Info().ListKind == "" {
			continue
		}
		if f.Sortable {
			sortable = append(sortable, f.JSON, "-"+f.JSON)
		}
		if f.Searchable {
			searchable = append(searchable, f.JSON)
		}
	}
	if len(sortable) > 0 {
		params = append(params, oaObj(
			"name", "sort",
			"in", "query",
			"description", fmt.Sprintf("Fields to sort by, separated by commas; a leading - sorts descending. "+
				"Default: %s. The %s breaks ties.", e.DefaultSort(), e.PK().JSON),
			"style", "form",
			"explode", false,
			"schema", oaObj("type", "array", "items", oaObj("type", "string", "enum", oaStrings(sortable))),
		))
	}
	if len(searchable) > 0 {
		params = append(params, oaObj(
			"name", "q",
			"in", "query",
			"description", "Case-insensitive text search in "+strings.Join(searchable, ", ")+".",
			"schema", oaObj("type", "string", "maxLength", 200),
		))
	}
	for _, f := range e.Fields {
		if !f.Filterable || f.Type.Info().ListKind == "" {
			continue
		}
		value := oaFilterSchema(f)
		params = append(params, oaObj(
			"name", f.JSON,
			"in", "query",
			"description", fmt.Sprintf("Only %s whose %s equals this value (repeat the parameter to match any of several).", oaPluralNoun(e), f.JSON),
			"style", "form",
			"explode", true,
			"schema", oaObj("type", "array", "items", value),
		))
		// The operators are described once, in the operation's description.
		ops := []string{"ne"}
		if f.Type.Info().Ordered {
			ops = append(ops, "gt", "gte", "lt", "lte")
		}
		for _, op := range ops {
			params = append(params, oaObj("name", f.JSON+"["+op+"]", "in", "query", "schema", value))
		}
	}
	return params
}

// oaFilterSchema is the schema of a filter value of f, as the list parser
// reads it.
func oaFilterSchema(f *ir.Field) *oaObject {
	switch f.Type.Info().ListKind {
	case "KindTimestamp":
		return oaObj("type", "string", "description", "An RFC 3339 timestamp (2006-01-02T15:04:05Z) or a date (2006-01-02).")
	case "KindString":
		return oaObj("type", "string")
	}
	v := oaValueSchema(f)
	v.del("maxLength")
	v.del("minLength")
	v.del("pattern")
	v.del("minimum")
	v.del("maximum")
	v.del("description")
	return v
}

// oaEntitySchema is the schema of the entity as the API returns it: every
// column, always present, the server-set ones read-only.
func oaEntitySchema(e *ir.Entity) *oaObject {
	props := oaObj()
	var required []string
	for _, f := range e.Fields {
		p := oaFieldSchema(f, f.Nullable)
		if f.ReadOnly || f.Role != ir.RoleNone {
			p.set("readOnly", true)
		}
		props.set(f.JSON, p)
		required = append(required, f.JSON)
	}
	o := oaObj("type", "object")
	if d := strings.TrimSpace(e.Description); d != "" {
		o.set("description", d)
	}
	o.set("properties", props)
	o.set("required", oaStrings(required))
	return o
}

// oaBodySchema is the schema of a request body: kind is "create" (POST and
// PUT, which take the same fields) or "patch". Only writable fields appear and unknown fields are
// rejected.
func oaBodySchema(e *ir.Entity, kind string) *oaObject {
	props := oaObj()
	var required []string
	for _, f := range e.Writable() {
		p := oaFieldSchema(f, f.Nullable)
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
	o := oaObj("type", "object", "description", desc, "properties", props)
	if len(required) > 0 {
		o.set("required", oaStrings(required))
	}
	o.set("additionalProperties", false)
	return o
}

// oaListSchema is the envelope of a list response.
func oaListSchema(e *ir.Entity) *oaObject {
	return oaObj(
		"type", "object",
		"description", fmt.Sprintf("A page of %s.", oaPluralNoun(e)),
		"properties", oaObj(
			"items", oaObj("type", "array", "items", oaRef("schemas", e.Name)),
			"total", oaObj("type", "integer", "minimum", 0, "description", "How many items match the filters, over all pages."),
			"limit", oaObj("type", "integer", "description", "The page size used."),
			"offset", oaObj("type", "integer", "description", "The offset used."),
		),
		"required", []any{"items", "total", "limit", "offset"},
	)
}

// oaFieldSchema is the schema of a field's value, with null allowed when
// nullable is set (as a type array, and in enum when there is one).
func oaFieldSchema(f *ir.Field, nullable bool) *oaObject {
	v := oaValueSchema(f)
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

// oaValueSchema is the schema of a non-null value of f: its JSON type and
// format as the generated Go types marshal it, and the rules Validate checks.
func oaValueSchema(f *ir.Field) *oaObject {
	o := oaObj()
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
		o.set("enum", oaStrings(f.Enum))
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
			o.set("pattern", `\S`)
		}
	}
	if info.Number {
		if f.Min != nil {
			o.set("minimum", oaNumber(f, *f.Min))
		}
		if f.Max != nil {
			o.set("maximum", oaNumber(f, *f.Max))
		}
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		o.set("description", d)
	}
	return o
}

// oaNumber is a bound of f as JSON: an integer for integer fields (as
// Validate compares it), a number otherwise.
func oaNumber(f *ir.Field, x float64) any {
	if f.Type.Info().Integer {
		return int(x)
	}
	return x
}

// oaStrings converts a string slice to the []any the writer expects.
func oaStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// oaObject is a JSON object that keeps its members in insertion order.
type oaObject struct {
	keys []string
	vals map[string]any
}

// oaObj builds an object from key, value pairs.
func oaObj(kv ...any) *oaObject {
	o := &oaObject{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

// set adds or replaces a member; a new member goes last.
func (o *oaObject) set(key string, v any) *oaObject {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
	return o
}

// get returns a member, or nil.
func (o *oaObject) get(key string) any { return o.vals[key] }

// del removes a member if present.
func (o *oaObject) del(key string) {
	if _, ok := o.vals[key]; !ok {
		return
	}
	delete(o.vals, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			break
		}
	}
}

// oaWidth is the line length up to which a JSON object or array is written
// on one line, as a person formats a document for reading: a $ref, a short
// enum or a small schema stays on its line, a long one is broken up.
const oaWidth = 100

// oaWrite writes v as JSON indented by two spaces per level, starting at
// indent, keeping an object or array that fits in oaWidth on one line. It
// knows *oaObject, []any, string, bool, int, float64, json.RawMessage and nil.
func oaWrite(b *bytes.Buffer, v any, indent string) error {
	return oaWriteAt(b, v, indent, len(indent))
}

// oaWriteAt is oaWrite with the value starting in column col.
func oaWriteAt(b *bytes.Buffer, v any, indent string, col int) error {
	var flat bytes.Buffer
	if err := oaWriteFlat(&flat, v, oaWidth-col); err != nil {
		return err
	}
	if flat.Len() <= oaWidth-col-1 { // room for a trailing comma
		b.Write(flat.Bytes())
		return nil
	}
	inner := indent + "  "
	switch v := v.(type) {
	case *oaObject:
		b.WriteString("{\n")
		for i, k := range v.keys {
			b.WriteString(inner)
			start := b.Len()
			oaWriteString(b, k)
			b.WriteString(": ")
			if err := oaWriteAt(b, v.vals[k], inner, len(inner)+b.Len()-start); err != nil {
				return err
			}
			if i < len(v.keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if oaScalars(v) {
			return oaFillArray(b, v, indent)
		}
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(inner)
			if err := oaWriteAt(b, x, inner, len(inner)); err != nil {
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

// oaScalars reports whether every element of v is a string, number, bool or null.
func oaScalars(v []any) bool {
	for _, x := range v {
		switch x.(type) {
		case *oaObject, []any, json.RawMessage:
			return false
		}
	}
	return true
}

// oaFillArray writes an array of scalars too long for one line the way a
// person wraps a list of words: as many elements on each line as fit.
func oaFillArray(b *bytes.Buffer, v []any, indent string) error {
	inner := indent + "  "
	b.WriteString("[\n" + inner)
	col := len(inner)
	for i, x := range v {
		var item bytes.Buffer
		if err := oaWriteFlat(&item, x, oaWidth); err != nil {
			return err
		}
		if i > 0 {
			if col+2+item.Len()+1 > oaWidth {
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

// oaWriteFlat writes v on one line; it stops early, leaving a partial value,
// once the line is longer than limit, since the caller then breaks it up.
func oaWriteFlat(b *bytes.Buffer, v any, limit int) error {
	start := b.Len()
	switch v := v.(type) {
	case *oaObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			oaWriteString(b, k)
			b.WriteString(": ")
			if err := oaWriteFlat(b, v.vals[k], limit-(b.Len()-start)); err != nil {
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
			if err := oaWriteFlat(b, x, limit-(b.Len()-start)); err != nil {
				return err
			}
			if b.Len()-start > limit {
				return nil
			}
		}
		b.WriteByte(']')
	case string:
		oaWriteString(b, v)
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

// oaWriteString writes s as a JSON string without HTML escaping, so that
// "<JWT>" stays readable.
func oaWriteString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	b.Write(bytes.TrimSuffix(tmp.Bytes(), []byte("\n")))
}
