package emit

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
	"github.com/crudgen/crudgen/generator/emit/openapi"
	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/golden"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/outfs"
)

const todoModule = emittest.TodoModule

// todoExample is the committed backend generated from the todo spec.
var todoExample = emittest.TodoExample

func loadTodo(t *testing.T) *ir.Schema    { return emittest.LoadTodo(t) }
func loadKitchen(t *testing.T) *ir.Schema { return emittest.LoadKitchen(t) }

// inKitchenGolden reports whether a file belongs in the kitchen-sink golden output:
// what is emitted for its entities (Go, SQL, the OpenAPI document), not the
// runtime templates copied verbatim, which have their own tests.
func inKitchenGolden(path string) bool {
	return !strings.HasPrefix(path, "internal/platform/") && path != "internal/api/routes_test.go" && path != "main.go"
}

// TestEmitGolden compares what the emitter writes for the todo spec with the
// committed example (regenerate it with go run ./cmd/crudgen), and what it
// writes for the kitchen-sink spec with testdata/golden/kitchen (go test
// -update rewrites those).
func TestEmitGolden(t *testing.T) {
	t.Run("todo", func(t *testing.T) {
		s := loadTodo(t)
		migs, ds, err := sqlddl.Migrations(s, sqlddl.History{Files: emittest.TodoHistory(t)})
		if err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		files, err := Emit(s, Options{ModulePath: todoModule, GoGenerate: "go run github.com/crudgen/crudgen/cmd/crudgen", Migrations: migs,
			API: openapi.Info{Version: emittest.TodoAPIVersion, License: emittest.TodoAPILicense}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Once || f.Docs {
				continue // main.go belongs to the user once written; apidoc tests the documents
			}
			b, err := os.ReadFile(filepath.Join(todoExample, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Errorf("%s: %v (run go run ./cmd/crudgen)", f.Path, err)
				continue
			}
			if diff := cmp.Diff(string(b), string(f.Content)); diff != "" {
				t.Errorf("examples/todo/%s differs from the emitter's output; run go run ./cmd/crudgen (-committed +emitted):\n%s", f.Path, diff)
			}
		}
	})
	t.Run("kitchen", func(t *testing.T) {
		files, err := Emit(loadKitchen(t), Options{ModulePath: "example.com/kitchen"})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join("testdata", "golden", "kitchen")
		if golden.Update() {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}
		want := map[string]bool{}
		for _, f := range files {
			if !inKitchenGolden(f.Path) || f.Docs {
				continue
			}
			path := filepath.Join(dir, filepath.FromSlash(f.Path)) + ".golden"
			want[path] = true
			golden.Check(t, path, f.Content)
		}
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !want[path] {
				t.Errorf("stale golden file %s (run go test -update)", path)
			}
			return nil
		})
	})
}

// TestEmitFiles checks properties of every emitted file: sorted unique paths,
// the generated header on every Go file but main.go, per-entity files marked
// with their entity, and byte-identical output on a second run.
func TestEmitFiles(t *testing.T) {
	s := loadTodo(t)
	opts := Options{ModulePath: todoModule}
	files, err := Emit(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Emit(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	// cmp.Diff walks the contents byte by byte (seconds for a backend);
	// bytes.Equal first, the diff only of the files that differ.
	if len(files) != len(again) {
		t.Errorf("second run wrote %d files, the first %d", len(again), len(files))
	}
	for i := range min(len(files), len(again)) {
		a, b := files[i], again[i]
		if a.Path != b.Path || a.Entity != b.Entity || a.Once != b.Once || a.Docs != b.Docs || !bytes.Equal(a.Content, b.Content) {
			t.Errorf("second run differs at %s (-first +second):\n%s", a.Path, cmp.Diff(string(a.Content), string(b.Content)))
		}
	}
	byPath := map[string]File{}
	for i, f := range files {
		if i > 0 && files[i-1].Path >= f.Path {
			t.Errorf("files not sorted: %s before %s", files[i-1].Path, f.Path)
		}
		byPath[f.Path] = f
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		fset := token.NewFileSet()
		af, err := parser.ParseFile(fset, f.Path, f.Content, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		if f.Path == "main.go" || f.Path == "cmd/subscriber/main.go" {
			if !f.Once || ast.IsGenerated(af) {
				t.Errorf("%s: Once %v, generated %v; want a user-owned file", f.Path, f.Once, ast.IsGenerated(af))
			}
			continue
		}
		if !bytes.HasPrefix(f.Content, []byte(header.Go+"\n\n")) || !ast.IsGenerated(af) {
			t.Errorf("%s does not start with the generated header", f.Path)
		}
	}
	for _, p := range []string{
		"main.go", "internal/api/api.go", "internal/api/main_test.go", "migrations/migrations.go",
		"internal/platform/db.go", "internal/platform/platformtest/platformtest.go",
	} {
		if _, ok := byPath[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	for _, e := range []struct{ name, snake string }{{"Task", "task"}, {"Tag", "tag"}} {
		for _, dir := range []string{"internal/models/", "internal/repository/", "internal/api/"} {
			for _, suffix := range []string{".go", "_test.go"} {
				if dir != "internal/api/" && suffix == "_test.go" {
					continue
				}
				p := dir + e.snake + suffix
				if f, ok := byPath[p]; !ok || f.Entity != e.name {
					t.Errorf("%s: present %v, entity %q; want entity %q", p, ok, f.Entity, e.name)
				}
			}
		}
	}
	if _, ok := byPath["internal/models/user.go"]; ok {
		t.Error("managed entity User got a model")
	}
}

// TestMainGoGenerate checks the //go:generate line of main.go.
func TestMainGoGenerate(t *testing.T) {
	s := loadTodo(t)
	for _, cmd := range []string{"", "go run example.com/gen"} {
		files, err := Emit(s, Options{ModulePath: "example.com/app", GoGenerate: cmd})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Path != "main.go" {
				continue
			}
			has := bytes.Contains(f.Content, []byte("//go:generate "+cmd+"\n"))
			if has != (cmd != "") {
				t.Errorf("GoGenerate %q: main.go\n%s", cmd, f.Content)
			}
			if !bytes.Contains(f.Content, []byte(`platform.App{Name: "app",`)) {
				t.Errorf("main.go does not name the app:\n%s", f.Content)
			}
		}
	}
}

// TestEmitRejects checks that schemas that cannot become Go are reported.
func TestEmitRejects(t *testing.T) {
	for name, mutate := range map[string]func(s *ir.Schema){
		"no primary key":  func(s *ir.Schema) { s.Entity("Task").PrimaryKey = nil },
		"no route":        func(s *ir.Schema) { s.Entity("Task").Route = "" },
		"enum w/o values": func(s *ir.Schema) { s.Entity("Task").Field("priority").Enum = nil },
		"unknown type":    func(s *ir.Schema) { s.Entity("Tag").Field("color").Type = "money" },
		"name collision":  func(s *ir.Schema) { s.Entity("Tag").Name = "TaskPriority" },
	} {
		t.Run(name, func(t *testing.T) {
			s := loadTodo(t)
			mutate(s)
			if _, err := Emit(s, Options{ModulePath: todoModule}); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := Emit(loadTodo(t), Options{}); err == nil {
		t.Error("no error without a module path")
	}
}

// TestEmitCompiles writes the backend of the todo spec, the kitchen-sink spec,
// the defaults spec, the blog spec (with the scenarios of testdata/blog),
// testdata/specs/realworld.md (shapes of real specs that
// once broke the generated backend) and testdata/specs/limits.md (tables
// unique values limit to a few rows, whose tests and children's tests must
// not create more) into a temporary module that uses the root module's dependencies (offline) and runs
// go vet and the generated API tests there: on SQLite, and on PostgreSQL too when
// TEST_DATABASE_URL is set. Skipped with -short.
//
// testdata/specs/kitchen.md exercises what todo does not: every logical type,
// formats, numeric bounds, a unique column, no owner, a text key, a UUID owner,
// one row per owner, a one-to-one extension, quoted identifiers (a keyword and
// a camelCase column) and a nullable reference.
func TestEmitCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests generated modules")
	}
	gomod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join("..", "..", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	_, requires, ok := strings.Cut(string(gomod), "\n")
	if !ok {
		t.Fatal("go.mod has one line")
	}
	schemas := map[string]func(t *testing.T) *ir.Schema{
		"todo":     loadTodo,
		"kitchen":  loadKitchen,
		"defaults": func(t *testing.T) *ir.Schema { return parseSpec(t, defaultsSpec) },
		"realworld": func(t *testing.T) *ir.Schema {
			src, err := os.ReadFile(filepath.Join("testdata", "specs", "realworld.md"))
			if err != nil {
				t.Fatal(err)
			}
			return parseSpec(t, string(src))
		},
		"blog": func(t *testing.T) *ir.Schema {
			return emittest.LoadSpec(t, filepath.Join("testdata", "specs", "blog.md"))
		},
		// Tables a unique boolean or enum limits to a few rows.
		"limits": func(t *testing.T) *ir.Schema {
			return emittest.LoadSpec(t, filepath.Join("testdata", "specs", "limits.md"))
		},
	}
	// extra are hand-written tests run with a spec's generated ones.
	extra := map[string]map[string]string{
		"blog": {"internal/api/blog_test.go": filepath.Join("testdata", "blog", "blog_test.go")},
	}
	// Every spec's backend is a folder of one module, example.com, so
	// that one go vet and one go test cover all of them (two go commands,
	// not two per spec: each one hashes the dependencies' sources again).
	// One module, not a go.work over one module per backend: a workspace
	// loads the go.mod of every requirement, also those no build here needs
	// (cobra's Windows-only mousetrap).
	var mu sync.Mutex
	tree := map[string][]byte{"go.mod": []byte("module example.com\n" + requires), "go.sum": gosum}
	var names []string
	t.Run("emit", func(t *testing.T) {
		for name, load := range schemas {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				files, err := Emit(load(t), Options{ModulePath: "example.com/" + name})
				if err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				defer mu.Unlock()
				names = append(names, name)
				for _, f := range files {
					tree[name+"/"+f.Path] = f.Content
				}
				for path, src := range extra[name] {
					b, err := os.ReadFile(src)
					if err != nil {
						t.Fatal(err)
					}
					tree[name+"/"+path] = b
				}
			})
		}
	})
	if t.Failed() {
		return
	}
	dir := backendDir(t, tree)
	vet, test := []string{"vet", "./..."}, []string{"test"}
	for _, name := range slices.Sorted(slices.Values(names)) {
		test = append(test, "./"+name+"/internal/api/...")
	}
	// Without -count=1: the go command caches the vet and test results of
	// a tree it has seen (same files, same environment), which is what
	// keeps a warm go test ./... fast.
	for _, args := range [][]string{vet, test} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		// The environment's GOPROXY: a module the cache lacks (a fresh
		// machine running only this package's tests) is downloaded and
		// checked against go.sum; one it holds is not fetched again.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", args[0], err, out)
		}
	}
}

// backendDir returns a folder holding tree (path → content): the same folder
// for the same tree, under the temporary directory and named by its hash,
// so that the go command's build and test caches recognise backends it
// compiled before. The tree is written to a fresh folder and renamed into
// place, so concurrent runs never see half of one.
func backendDir(t *testing.T, tree map[string][]byte) string {
	t.Helper()
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(tree)) {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(tree[p]))
		h.Write(tree[p])
	}
	root := filepath.Join(os.TempDir(), "crudgen-emit-compiles")
	dir := filepath.Join(root, fmt.Sprintf("backends-%x", h.Sum(nil)[:8]))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "new-")
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range tree {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp) // another run put the same tree in place first
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr != nil {
			t.Fatal(err)
		}
	}
	outfs.RemoveOld(root, "", staleAfter)
	return dir
}

// staleAfter is how long the backends folder of an earlier run (or anything
// else an older version of this test left there) is kept, for another
// checkout or branch that still generates it; the backends of emitter
// versions gone by would otherwise pile up with every change to the
// emitter. The one just made is younger.
const staleAfter = 24 * time.Hour
