package emit

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator/ir"
)

func TestOpenAPIGolden(t *testing.T) {
	f, err := emitOpenAPI(loadSQLOpenAPITodo(t))
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != "openapi.json" || f.Entity != "" || f.Once {
		t.Errorf("file = %q (entity %q, once %v), want openapi.json, shared, always written", f.Path, f.Entity, f.Once)
	}
	checkTextGolden(t, filepath.Join("testdata", "golden", "openapi", "openapi.json"), f.Content)

	again, err := emitOpenAPI(loadSQLOpenAPITodo(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Content, again.Content) {
		t.Error("two runs gave different bytes")
	}
}

// TestOpenAPIDocument checks the document as a client would read it: valid
// JSON, OpenAPI 3.1, the expected paths and operation ids, every reference
// resolving, and the schema rules the todo spec asks for.
func TestOpenAPIDocument(t *testing.T) {
	f, err := emitOpenAPI(loadSQLOpenAPITodo(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(f.Content, []byte("}\n")) || !bytes.HasPrefix(f.Content, []byte("{\n  \"openapi\": \"3.1.0\",\n")) {
		t.Errorf("document does not start with the version and end with a newline:\n%.80s", f.Content)
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(f.Content))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	var compact bytes.Buffer
	if err := json.Indent(&compact, f.Content, "", "  "); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(compact.Bytes()), bytes.TrimSpace(f.Content)) {
		t.Error("openapi.json is not indented by two spaces the way encoding/json indents")
	}

	paths := doc["paths"].(map[string]any)
	var gotPaths []string
	for p := range paths {
		gotPaths = append(gotPaths, p)
	}
	sort.Strings(gotPaths)
	wantPaths := []string{"/api/tags", "/api/tags/{id}", "/api/tasks", "/api/tasks/{id}", "/healthz"}
	if diff := cmp.Diff(wantPaths, gotPaths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}

	ops := map[string]string{}
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			if method == "parameters" {
				continue
			}
			o := op.(map[string]any)
			ops[strings.ToUpper(method)+" "+p] = o["operationId"].(string)
			responses := o["responses"].(map[string]any)
			if strings.HasPrefix(p, "/api/") {
				for _, status := range []string{"401", "500"} {
					if responses[status] == nil {
						t.Errorf("%s %s has no %s response", method, p, status)
					}
				}
			}
		}
	}
	wantOps := map[string]string{
		"GET /healthz":           "getHealth",
		"POST /api/tasks":        "createTask",
		"GET /api/tasks":         "listTasks",
		"GET /api/tasks/{id}":    "getTask",
		"PUT /api/tasks/{id}":    "replaceTask",
		"PATCH /api/tasks/{id}":  "updateTask",
		"DELETE /api/tasks/{id}": "deleteTask",
		"POST /api/tags":         "createTag",
		"GET /api/tags":          "listTags",
		"GET /api/tags/{id}":     "getTag",
		"PUT /api/tags/{id}":     "replaceTag",
		"PATCH /api/tags/{id}":   "updateTag",
		"DELETE /api/tags/{id}":  "deleteTag",
	}
	if diff := cmp.Diff(wantOps, ops); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}

	// Every $ref points at something that exists.
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if resolveRef(doc, ref) == nil {
					t.Errorf("unresolved $ref %s", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)

	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"Task", "TaskCreate", "TaskUpdate", "TaskPatch", "TaskList", "Tag", "TagCreate", "TagUpdate", "TagPatch", "TagList", "Error", "FieldError"} {
		if schemas[name] == nil {
			t.Errorf("schema %s is missing", name)
		}
	}
	prop := func(schema, field string) map[string]any {
		t.Helper()
		p, _ := schemas[schema].(map[string]any)["properties"].(map[string]any)[field].(map[string]any)
		return p
	}
	if p := prop("TaskCreate", "title"); p["maxLength"] != json.Number("200") || p["minLength"] != json.Number("1") || p["type"] != "string" {
		t.Errorf("TaskCreate.title = %v, want a string of 1 to 200 characters", p)
	}
	if p := prop("TaskCreate", "description"); !slices.Equal(p["type"].([]any), []any{"string", "null"}) || p["maxLength"] != json.Number("1000") {
		t.Errorf("TaskCreate.description = %v, want a nullable string of at most 1000 characters", p)
	}
	if p := prop("TaskCreate", "priority"); !slices.Equal(p["enum"].([]any), []any{"low", "medium", "high"}) || p["default"] != "medium" {
		t.Errorf("TaskCreate.priority = %v, want enum low, medium, high with default medium", p)
	}
	if p := prop("TaskCreate", "due_date"); p["format"] != "date" {
		t.Errorf("TaskCreate.due_date = %v, want format date", p)
	}
	if p := prop("Task", "created_at"); p["format"] != "date-time" || p["readOnly"] != true {
		t.Errorf("Task.created_at = %v, want a read-only date-time", p)
	}
	if p := prop("Tag", "id"); p["format"] != "uuid" || p["readOnly"] != true {
		t.Errorf("Tag.id = %v, want a read-only uuid", p)
	}
	for _, body := range []string{"TaskCreate", "TaskUpdate", "TaskPatch"} {
		for _, field := range []string{"id", "user_id", "created_at", "updated_at", "deleted_at"} {
			if prop(body, field) != nil {
				t.Errorf("%s has read-only field %s", body, field)
			}
		}
		if schemas[body].(map[string]any)["additionalProperties"] != false {
			t.Errorf("%s accepts unknown fields", body)
		}
	}
	if req := schemas["TaskCreate"].(map[string]any)["required"]; !slices.Equal(req.([]any), []any{"title"}) {
		t.Errorf("TaskCreate.required = %v, want [title]", req)
	}
	if schemas["TaskPatch"].(map[string]any)["required"] != nil {
		t.Error("TaskPatch has required fields")
	}

	var names []string
	for _, p := range paths["/api/tasks"].(map[string]any)["get"].(map[string]any)["parameters"].([]any) {
		if n, ok := p.(map[string]any)["name"].(string); ok {
			names = append(names, n)
		}
	}
	for _, want := range []string{"sort", "q", "completed", "priority", "due_date", "due_date[gte]", "due_date[lte]", "due_date[gt]", "due_date[lt]", "created_at[gte]", "title", "title[ne]"} {
		if !slices.Contains(names, want) {
			t.Errorf("listTasks has no %s parameter; it has %v", want, names)
		}
	}
	for _, unwanted := range []string{"title[gte]", "completed[lt]", "user_id", "deleted_at", "description"} {
		if slices.Contains(names, unwanted) {
			t.Errorf("listTasks has parameter %s", unwanted)
		}
	}

	errProps := schemas["Error"].(map[string]any)["properties"].(map[string]any)
	for _, k := range []string{"detail", "code", "request_id", "errors"} {
		if errProps[k] == nil {
			t.Errorf("Error has no %s", k)
		}
	}
	bearer := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)["bearerAuth"].(map[string]any)
	if bearer["type"] != "http" || bearer["scheme"] != "bearer" || bearer["bearerFormat"] != "JWT" {
		t.Errorf("bearerAuth = %v", bearer)
	}
}

// resolveRef follows a local JSON pointer such as #/components/schemas/Task.
func resolveRef(doc map[string]any, ref string) any {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")]
	}
	return cur
}

func TestOpenAPIRejectsCollidingNames(t *testing.T) {
	s := loadSQLOpenAPITodo(t)
	clash := *s.Entity("Tag")
	clash.Name, clash.Plural, clash.Table, clash.Route = "TaskList", "TaskLists", "task_lists", "task-lists"
	s.Entities = append(s.Entities, &clash)
	if _, err := emitOpenAPI(s); err == nil || !strings.Contains(err.Error(), "TaskList") {
		t.Errorf("err = %v, want a collision on TaskList", err)
	}
}

func TestOpenAPINullableEnumAndFormats(t *testing.T) {
	min, max := 1.0, 5.0
	f := &ir.Field{JSON: "level", Type: ir.Enum, Enum: []string{"a", "b"}}
	got := oaFieldSchema(f, true)
	var buf bytes.Buffer
	if err := oaWrite(&buf, got, ""); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"type\": [\n    \"string\",\n    \"null\"\n  ],\n  \"enum\": [\n    \"a\",\n    \"b\",\n    null\n  ]\n}"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("nullable enum (-want +got):\n%s", diff)
	}
	rating := oaValueSchema(&ir.Field{Type: ir.Int, Min: &min, Max: &max})
	if rating.get("minimum") != 1 || rating.get("maximum") != 5 || rating.get("format") != "int32" {
		t.Errorf("int with bounds = %v", rating.vals)
	}
	email := oaValueSchema(&ir.Field{Type: ir.String, Format: "email", Description: "Where to write <to>"})
	buf.Reset()
	if err := oaWrite(&buf, email, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"format": "email"`) || !strings.Contains(buf.String(), "<to>") {
		t.Errorf("email schema = %s", buf.String())
	}
	if js := oaFieldSchema(&ir.Field{Type: ir.JSON}, true); len(js.keys) != 0 {
		t.Errorf("a nullable JSON field should accept anything, got %v", js.vals)
	}
}
