package generator

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator/ir"

	// The expectations of this package are written inline; the import
	// makes its tests accept the -update of go test ./generator/... -update.
	_ "github.com/crudgen/crudgen/internal/golden"
)

func todoSchema() *ir.Schema {
	return &ir.Schema{Entities: []*ir.Entity{
		{Name: "User", Table: "users", Managed: true, ManagedBy: "Better Auth"},
		{Name: "Task", Table: "tasks", CRUD: true},
		{Name: "Tag", Table: "tags", CRUD: true},
		{Name: "TaskTag", Table: "task_tags", Junction: true},
	}}
}

func TestSelectEntities(t *testing.T) {
	s := todoSchema()
	for _, tc := range []struct {
		names   []string
		want    []string
		wantErr string
	}{
		{names: nil, want: nil},
		{names: []string{"Task"}, want: []string{"Task"}},
		{names: []string{"task", "TAGS"}, want: []string{"Task", "Tag"}},
		{names: []string{"tasks", "Task"}, want: []string{"Task"}},
		{names: []string{"Tsk"}, wantErr: `unknown entity "Tsk"; known entities: Tag, Task (did you mean Task?)`},
		{names: []string{"Tasks"}, want: []string{"Task"}},
		{names: []string{"Widget"}, wantErr: `unknown entity "Widget"; known entities: Tag, Task`},
		{names: []string{"users"}, wantErr: `entity "users" is managed by Better Auth: crudgen creates its table but generates no code for it; known entities: Tag, Task`},
		{names: []string{"Task", "taskz"}, wantErr: `unknown entity "taskz"; known entities: Tag, Task (did you mean Task?)`},
	} {
		t.Run(strings.Join(tc.names, ","), func(t *testing.T) {
			keep, err := selectEntities(s, tc.names)
			if tc.wantErr != "" {
				var ue *UnknownEntityError
				if !errors.As(err, &ue) {
					t.Fatalf("err = %v, want *UnknownEntityError", err)
				}
				if diff := cmp.Diff(tc.wantErr, err.Error()); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range s.Entities {
				if keep[e.Name] {
					got = append(got, e.Name)
				}
			}
			if keep == nil {
				got = nil
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestGenerateTodo runs the whole pipeline on the todo spec.
func TestGenerateTodo(t *testing.T) {
	in := todoInput(t, "specs/database/schema.md")
	all, err := Generate(in)
	if err != nil {
		t.Fatalf("Generate: %v\n%s", err, all.Diagnostics)
	}
	if !all.All {
		t.Error("Result.All is false without an entity filter")
	}
	perEntity := map[string]int{}
	for i, f := range all.Files {
		perEntity[f.Entity]++
		if i > 0 && all.Files[i-1].Path >= f.Path {
			t.Errorf("files not sorted by path: %s before %s", all.Files[i-1].Path, f.Path)
		}
	}
	if perEntity["Task"] == 0 || perEntity["Tag"] == 0 || perEntity[""] == 0 {
		t.Fatalf("files per entity = %v, want Task, Tag and shared files", perEntity)
	}

	in.Entities = []string{"task"}
	one, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	if one.All {
		t.Error("Result.All is true with an entity filter")
	}
	got := map[string]int{}
	for _, f := range one.Files {
		got[f.Entity]++
	}
	want := map[string]int{"Task": perEntity["Task"], "": perEntity[""]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files per entity with Entities=[task] (-want +got):\n%s", diff)
	}

	// Deterministic: a second run yields the same bytes.
	again, err := Generate(todoInput(t, "specs/database/schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != len(all.Files) {
		t.Fatalf("second run: %d files, first %d", len(again.Files), len(all.Files))
	}
	for i := range all.Files {
		if all.Files[i].Path != again.Files[i].Path || string(all.Files[i].Content) != string(again.Files[i].Content) {
			t.Errorf("%s differs between two runs", all.Files[i].Path)
		}
	}

	in.Entities = []string{"Tsk"}
	_, err = Generate(in)
	var ue *UnknownEntityError
	if !errors.As(err, &ue) || ue.Suggestion != "Task" {
		t.Errorf("Generate(Tsk) error = %v, want an UnknownEntityError suggesting Task", err)
	}
}

func TestGenerateErrors(t *testing.T) {
	res, err := Generate(Input{SpecPath: "empty.md", Spec: []byte("# Nothing here\n\nJust prose.\n"), ModulePath: "example.com/m"})
	if err == nil || !strings.Contains(err.Error(), "no entities found") {
		t.Errorf("empty spec: err = %v, want ErrNoEntities", err)
	}
	if res == nil || len(res.Files) != 0 {
		t.Errorf("empty spec: result %+v, want no files", res)
	}
}

// todoInput is the input of the todo spec, named specPath, for module
// example.com/todo.
func todoInput(tb testing.TB, specPath string) Input {
	tb.Helper()
	src, err := os.ReadFile("../specs/database/schema.md")
	if err != nil {
		tb.Fatal(err)
	}
	return Input{SpecPath: specPath, Spec: src, ModulePath: "example.com/todo"}
}

// TestEntityNamedLikeSharedFiles: entities whose names map onto the files
// every backend has (repository.go, main_test.go, api.go) or onto a suffix
// the go command reads as a build constraint get their own file names
// instead of failing the run.
func TestEntityNamedLikeSharedFiles(t *testing.T) {
	spec := ""
	for _, name := range []string{"repositories", "mains", "api", "platforms", "user_linux", "load_tests"} {
		spec += "## " + name + "\n\n| Column | Type |\n|---|---|\n| id | integer |\n| name | text |\n\n"
	}
	res, err := Generate(Input{SpecPath: "schema.md", Spec: []byte(spec), ModulePath: "example.com/m"})
	if err != nil {
		t.Fatalf("Generate: %v\n%v", err, res.Diagnostics)
	}
	paths := map[string]bool{}
	for _, f := range res.Files {
		paths[f.Path] = true
	}
	for _, p := range []string{
		"internal/repository/repository.go", "internal/repository/repository_entity.go",
		"internal/api/main_test.go", "internal/api/main_entity_test.go", "internal/api/api.go", "internal/api/api_entity.go",
		"internal/models/platform.go", "internal/models/user_linux_entity.go", "internal/api/load_test_entity.go",
	} {
		if !paths[p] {
			t.Errorf("no file %s in %v", p, paths)
		}
	}
}
