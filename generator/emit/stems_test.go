package emit

import (
	"path"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/naming"
)

// TestSharedFileStems checks that no entity's files can take the name of a
// file the backend shares in the folders of the per-entity files: for every
// such file of the todo, kitchen-sink and blog backends (which between them
// have every template: events, nested and linked routes), an entity named
// like it gets another file stem (ir.Entity.FileStem).
func TestSharedFileStems(t *testing.T) {
	schemas := map[string]*ir.Schema{
		"todo":    loadTodo(t),
		"kitchen": loadKitchen(t),
		"blog":    emittest.LoadSpec(t, "testdata/specs/blog.md"),
	}
	seen := map[string]bool{}
	for name, s := range schemas {
		files, err := Emit(s, Options{ModulePath: "example.com/" + name})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			dir, base := path.Split(f.Path)
			if f.Entity != "" || (dir != "internal/api/" && dir != "internal/models/" && dir != "internal/repository/") {
				continue
			}
			stem := strings.TrimSuffix(strings.TrimSuffix(base, ".go"), "_test")
			if seen[stem] {
				continue
			}
			seen[stem] = true
			e := &ir.Entity{Name: naming.Pascal(stem)}
			if got := e.FileStem(); got == stem {
				t.Errorf("%s: an entity %s would write %s%s.go: add %q to ir's sharedStems", f.Path, e.Name, dir, got, stem)
			}
		}
	}
	for _, want := range []string{"handlers", "hostile", "queries", "events", "links", "nested"} {
		if !seen[want] {
			t.Errorf("no shared file %s.go was emitted; the test no longer covers it", want)
		}
	}
}

// TestEntityNamedLikeSharedFile: tables named like a shared file get files
// of their own (hostile_entity_test.go) instead of failing to emit.
func TestEntityNamedLikeSharedFile(t *testing.T) {
	const spec = "# Schema\n\n" +
		"## hostile\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | bigserial | PRIMARY KEY |\n| name | text | NOT NULL |\n\n" +
		"## nested\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | bigserial | PRIMARY KEY |\n| name | text | NOT NULL |\n"
	files, err := Emit(parseSpec(t, spec), Options{ModulePath: "example.com/stems"})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = f.Entity
	}
	for p, want := range map[string]string{
		"internal/api/hostile_entity_test.go":  "Hostile",
		"internal/api/hostile_test.go":         "",
		"internal/repository/nested_entity.go": "Nested",
	} {
		if got, ok := byPath[p]; !ok || got != want {
			t.Errorf("%s: present %v, entity %q; want entity %q", p, ok, got, want)
		}
	}
}
