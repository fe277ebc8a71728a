// Package emittest holds what the emitter packages' tests share: loading a
// spec the way the generator does, the paths of the todo spec and of the
// committed example, and the schemas the tests build by hand. It is
// imported by tests only.
package emittest

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/diag"
)

// TodoAPIVersion and TodoAPILicense are the api.version and api.license of
// the repository's crudgen.json, which the committed example's openapi.json
// states.
const (
	TodoAPIVersion = "1.0.0"
	TodoAPILicense = "MIT"
)

// TodoModule is the import path of the committed example.
const TodoModule = "github.com/crudgen/crudgen/examples/todo"

// Root is the repository root, found from this file's location so that
// tests in any package under generator/emit agree on it.
var Root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..")
}()

// Path returns the slash-separated path p, relative to the repository root,
// as a local path.
func Path(p string) string { return filepath.Join(Root, filepath.FromSlash(p)) }

// TodoSpec is the todo app's spec, whose backend is the committed example.
var TodoSpec = Path("specs/database/schema.md")

// TodoExample is the committed backend generated from TodoSpec.
var TodoExample = Path("examples/todo")

// KitchenSpec is a spec with every type, default, key, owner and reference
// shape the emitters handle.
var KitchenSpec = Path("generator/emit/testdata/specs/kitchen.md")

// LoadTodo parses and resolves the todo spec.
func LoadTodo(t testing.TB) *ir.Schema { return LoadSpec(t, TodoSpec) }

// LoadKitchen parses and resolves the kitchen-sink spec.
func LoadKitchen(t testing.TB) *ir.Schema { return LoadSpec(t, KitchenSpec) }

// LoadSpec parses and resolves the spec at path the way the generator does
// and fails the test on any error.
func LoadSpec(t testing.TB, path string) *ir.Schema {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ParseSpec(t, string(src))
}

// ParseSpec parses and resolves src as schema.md and fails the test on any
// error.
func ParseSpec(t testing.TB, src string) *ir.Schema {
	t.Helper()
	doc, ds := spec.Parse("schema.md", []byte(src))
	s, rs := ir.Resolve(doc)
	for _, d := range append(ds, rs...) {
		if d.Severity == diag.Error {
			t.Fatalf("spec: %s", d)
		}
	}
	return s
}

// EdgeSchema is a small schema with what the todo spec lacks: a reference
// cycle, camelCase and reserved-word columns, a composite key, a unique column
// on a soft-delete entity, no owner index, the less common types, and string
// literals with quotes, semicolons and a line break (which needs goose's
// StatementBegin and StatementEnd).
func EdgeSchema() *ir.Schema {
	zero, hundred := 0.0, 100.0
	users := &ir.Entity{
		Name: "User", Plural: "Users", Table: "users", Route: "users", Managed: true, ManagedBy: "Better Auth",
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Text, PrimaryKey: true, Role: ir.RoleID, ReadOnly: true},
		},
		PrimaryKey: []string{"id"},
	}
	projects := &ir.Entity{
		Name: "Project", Plural: "Projects", Table: "projects", Route: "projects", CRUD: true,
		OwnerField: "userId", SoftDelete: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.BigInt, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "UserID", Column: "userId", JSON: "userId", Type: ir.Text, Role: ir.RoleOwner, ReadOnly: true,
				References: &ir.Reference{Table: "users", Column: "id", OnDelete: "cascade"}},
			{Name: "Name", Column: "name", JSON: "name", Type: ir.String, MaxLength: 80, MinLength: 2, Unique: true, Required: true},
			{Name: "Order", Column: "order", JSON: "order", Type: ir.Int, Min: &zero, Max: &hundred, Default: Lit("0")},
			{Name: "LeadTaskID", Column: "lead_task_id", JSON: "lead_task_id", Type: ir.Int, Nullable: true,
				References: &ir.Reference{Table: "tasks", Column: "id", OnDelete: "SET NULL"}},
			{Name: "Budget", Column: "budget", JSON: "budget", Type: ir.Decimal, Default: Lit("1.50")},
			{Name: "Ratio", Column: "ratio", JSON: "ratio", Type: ir.Float, Nullable: true},
			{Name: "Settings", Column: "settings", JSON: "settings", Type: ir.JSON, Nullable: true},
			{Name: "Logo", Column: "logo", JSON: "logo", Type: ir.Bytes, Nullable: true},
			{Name: "StartsAt", Column: "starts_at", JSON: "starts_at", Type: ir.Time, Nullable: true},
			{Name: "Archived", Column: "archived", JSON: "archived", Type: ir.Bool, Default: Lit("true")},
			{Name: "Ref", Column: "ref", JSON: "ref", Type: ir.UUID, Nullable: true},
			{Name: "Note", Column: "note", JSON: "note", Type: ir.Text, Default: Lit("it's;\ndone")},
			{Name: "DeletedAt", Column: "deleted_at", JSON: "deleted_at", Type: ir.Timestamp, Nullable: true, Role: ir.RoleDeletedAt, ReadOnly: true},
			{Name: "Stage", Column: "Stage", JSON: "stage", Type: ir.Enum, Enum: []string{"new", "it's", "done;"}, Default: Lit("done;")},
		},
		PrimaryKey: []string{"id"},
	}
	tasks := &ir.Entity{
		Name: "Task", Plural: "Tasks", Table: "tasks", Route: "tasks", CRUD: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Int, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "CASCADE"}},
			{Name: "Title", Column: "title", JSON: "title", Type: ir.String},
		},
		PrimaryKey: []string{"id"},
		Indexes:    []*ir.Index{{Columns: []string{"project_id", "title"}, Unique: true}},
	}
	members := &ir.Entity{
		Name: "Member", Plural: "Members", Table: "members", Route: "members", Junction: true,
		Fields: []*ir.Field{
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt, PrimaryKey: true,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "CASCADE"}},
			{Name: "User", Column: "user", JSON: "user", Type: ir.Text, PrimaryKey: true,
				References: &ir.Reference{Table: "users", Column: "id"}},
		},
		PrimaryKey: []string{"project_id", "user"},
	}
	// notes comes before the cycle in spec order but is not on it: only
	// projects.lead_task_id may be deferred.
	notes := &ir.Entity{
		Name: "Note", Plural: "Notes", Table: "notes", Route: "notes", CRUD: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Int, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt, Nullable: true,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "SET NULL"}},
			// Written as text, but labels.id is a uuid: PostgreSQL needs the same type.
			{Name: "LabelID", Column: "label_id", JSON: "label_id", Type: ir.Text, Nullable: true,
				References: &ir.Reference{Table: "labels", Column: "id", OnDelete: "RESTRICT"}},
			{Name: "LabelSlug", Column: "label_slug", JSON: "label_slug", Type: ir.String, Nullable: true,
				References: &ir.Reference{Table: "Labels", Column: "slug"}},
			// tasks.title is not unique: documented, not a foreign key.
			{Name: "TaskTitle", Column: "task_title", JSON: "task_title", Type: ir.String, Nullable: true,
				References: &ir.Reference{Table: "tasks", Column: "title", OnDelete: "CASCADE"}},
			{Name: "Token", Column: "token", JSON: "token", Type: ir.Text, Default: &ir.Default{Kind: ir.DefaultUUID}},
			{Name: "ExternalID", Column: "external_id", JSON: "external_id", Type: ir.UUID, Default: &ir.Default{Kind: ir.DefaultUUID}},
			{Name: "Stamp", Column: "stamp", JSON: "stamp", Type: ir.Text, Default: &ir.Default{Kind: ir.DefaultNow}},
			{Name: "Day", Column: "day", JSON: "day", Type: ir.Date, Default: &ir.Default{Kind: ir.DefaultNow}},
			{Name: "At", Column: "at", JSON: "at", Type: ir.Time, Default: &ir.Default{Kind: ir.DefaultNow}},
		},
		PrimaryKey: []string{"id"},
	}
	labels := &ir.Entity{
		Name: "Label", Plural: "Labels", Table: "labels", Route: "labels", CRUD: true, SoftDelete: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.UUID, PrimaryKey: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "Slug", Column: "slug", JSON: "slug", Type: ir.String, MaxLength: 40, Unique: true},
			{Name: "Name", Column: "name", JSON: "name", Type: ir.String, Unique: true},
			{Name: "DeletedAt", Column: "deleted_at", JSON: "deleted_at", Type: ir.Timestamp, Nullable: true, Role: ir.RoleDeletedAt, ReadOnly: true},
		},
		PrimaryKey: []string{"id"},
	}
	return &ir.Schema{Entities: []*ir.Entity{users, notes, projects, tasks, members, labels}}
}

// Lit is a literal default.
func Lit(v string) *ir.Default { return &ir.Default{Kind: ir.DefaultLiteral, Value: v} }

// TodoHistory returns the committed migration folder of the example (the
// snapshot and every SQL file), by path relative to the example, as
// sqlddl.History.Files takes it.
func TodoHistory(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	dir := filepath.Join(TodoExample, "migrations")
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		rel, err := filepath.Rel(TodoExample, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
