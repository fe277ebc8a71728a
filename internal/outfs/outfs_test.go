package outfs

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const gen = Header + "\n\npackage models\n"

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func actions(p *Plan) map[string]string {
	m := map[string]string{}
	for _, c := range p.Changes {
		m[c.Path] = c.Action.String()
	}
	return m
}

func TestPlanActions(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.go":                       "package main // mine\n",
		"internal/models/task.go":       gen + "// old\n",
		"internal/models/tag.go":        gen,
		"internal/models/gone.go":       gen,
		"internal/models/helpers.go":    "package models // hand-written, stays\n",
		"migrations/sqlite/00001.sql":   SQLHeader + "\n-- old\n",
		"migrations/sqlite/00009.sql":   SQLHeader + "\n-- gone\n",
		"internal/other/x.go":           gen, // not a folder we write to: never stale
		"internal/models/sub/nested.go": gen, // folders are not walked recursively
	})
	files := []File{
		{Path: "main.go", Content: []byte("package main\n"), Once: true},
		{Path: "internal/models/task.go", Content: []byte(gen + "// new\n")},
		{Path: "internal/models/tag.go", Content: []byte(gen)},
		{Path: "internal/api/task.go", Content: []byte(Header + "\n\npackage api\n")},
		{Path: "migrations/sqlite/00001.sql", Content: []byte(SQLHeader + "\n-- new\n")},
	}
	want := map[string]string{
		"main.go":                     "skip",
		"internal/models/task.go":     "update",
		"internal/models/tag.go":      "unchanged",
		"internal/api/task.go":        "create",
		"migrations/sqlite/00001.sql": "update",
	}
	p, err := NewPlan(dir, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, actions(p)); diff != "" {
		t.Errorf("without Prune (-want +got):\n%s", diff)
	}

	p, err = NewPlan(dir, files, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	want["internal/models/gone.go"] = "stale"
	want["migrations/sqlite/00009.sql"] = "stale"
	if diff := cmp.Diff(want, actions(p)); diff != "" {
		t.Errorf("with Prune (-want +got):\n%s", diff)
	}
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	var reported []string
	if err := p.Apply(func(c Change) { reported = append(reported, c.Action.String()+" "+c.Path) }); err != nil {
		t.Fatal(err)
	}
	// Apply reports every change of the plan once, in path order.
	var wantReported []string
	for _, path := range slices.Sorted(maps.Keys(want)) {
		wantReported = append(wantReported, want[path]+" "+path)
	}
	if diff := cmp.Diff(wantReported, reported); diff != "" {
		t.Errorf("reported (-want +got):\n%s", diff)
	}
	for _, gone := range []string{"internal/models/gone.go", "migrations/sqlite/00009.sql"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s: stale file not removed (err %v)", gone, err)
		}
	}
	for _, kept := range []string{"internal/models/helpers.go", "internal/other/x.go", "internal/models/sub/nested.go"} {
		if _, err := os.Stat(filepath.Join(dir, kept)); err != nil {
			t.Errorf("%s: should be kept: %v", kept, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.go")); string(b) != "package main // mine\n" {
		t.Errorf("write-once main.go was overwritten: %q", b)
	}

	// A second plan finds nothing to do.
	p, err = NewPlan(dir, files, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Differing(); len(d) != 0 {
		t.Errorf("after Apply, still differing: %v", actions(p))
	}
	if d := p.Diff(nil); d != "" {
		t.Errorf("after Apply, diff:\n%s", d)
	}
}

func TestApplyLeavesUnchangedFilesAlone(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.go": gen})
	name := filepath.Join(dir, "a.go")
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(dir, []File{{Path: "a.go", Content: []byte(gen)}}, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(func(c Change) {
		if c.Action != Unchanged {
			t.Errorf("unexpected change %v %s", c.Action, c.Path)
		}
	}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("mtime changed from %v to %v: unchanged file was rewritten", old, fi.ModTime())
	}
}

func TestRefuseHandWrittenFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"internal/models/task.go": "package models\n\n// My own Task, do not lose it.\ntype Task struct{}\n",
		"internal/models/tag.go":  gen + "// old\n",
	})
	files := []File{
		{Path: "internal/models/task.go", Content: []byte(gen)},
		{Path: "internal/models/tag.go", Content: []byte(gen)},
	}
	p, err := NewPlan(dir, files, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"internal/models/task.go"}, p.Refused()); diff != "" {
		t.Errorf("Refused (-want +got):\n%s", diff)
	}
	err = p.Apply(nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "internal/models/task.go")) {
		t.Fatalf("Apply error = %v, want a refusal naming task.go", err)
	}
	// Nothing was written, not even the file that could have been.
	if b, _ := os.ReadFile(filepath.Join(dir, "internal/models/tag.go")); string(b) != gen+"// old\n" {
		t.Errorf("tag.go written although the plan was refused")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "internal/models/task.go")); !strings.Contains(string(b), "do not lose it") {
		t.Errorf("hand-written task.go was overwritten")
	}
}

func TestStaleNeedsExactHeader(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"m/a.go":       gen,
		"m/quoted.go":  "package m\n\n// This file says " + Header + " in a comment.\n",
		"m/other.go":   "// Code generated by stringer. DO NOT EDIT.\n\npackage m\n",
		"m/build.go":   "//go:build linux\n\n" + gen,
		"m/notes.txt":  "notes\n",
		"m/gone.sql":   SQLHeader + "\n",
		"m/.hidden.go": gen,
	})
	p, err := NewPlan(dir, []File{{Path: "m/a.go", Content: []byte(gen)}}, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"m/a.go": "unchanged", "m/build.go": "stale", "m/gone.sql": "stale", "m/.hidden.go": "stale"}
	if diff := cmp.Diff(want, actions(p)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPlanDiff(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"m/a.go":    gen + "var A = 1\n",
		"m/gone.go": gen,
	})
	files := []File{
		{Path: "m/a.go", Content: []byte(gen + "var A = 2\n")},
		{Path: "m/b.go", Content: []byte(gen)},
	}
	p, err := NewPlan(dir, files, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	got := p.Diff(func(s string) string { return "out/" + s })
	want := `--- a/out/m/a.go
+++ b/out/m/a.go
@@ -1,4 +1,4 @@
 // Code generated by crudgen. DO NOT EDIT.
 
 package models
-var A = 1
+var A = 2
--- /dev/null
+++ b/out/m/b.go
@@ -0,0 +1,3 @@
+// Code generated by crudgen. DO NOT EDIT.
+
+package models
--- a/out/m/gone.go
+++ /dev/null
@@ -1,3 +0,0 @@
-// Code generated by crudgen. DO NOT EDIT.
-
-package models
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "new", "deep", "f.go")
	if err := WriteFile(name, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if err := os.Chmod(name, 0o600); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, nil)
	p, err := NewPlan(dir, []File{{Path: "new/deep/f.go", Content: []byte(gen)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// "x" carries no header: refused.
	if p.Err() == nil {
		t.Fatal("want refusal of a file without header")
	}
	if err := os.WriteFile(name, []byte(gen+"// old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err = NewPlan(dir, []File{{Path: "new/deep/f.go", Content: []byte(gen)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(nil); err != nil {
		t.Fatal(err)
	}
	fi, _ = os.Stat(name)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after update, want the file's own 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestBadPaths(t *testing.T) {
	for _, p := range []string{"", "/abs.go", "../up.go", "a/../b.go", "./a.go", `a\b.go`} {
		if _, err := NewPlan(t.TempDir(), []File{{Path: p}}, Options{}); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
}

// TestApplyCreateKeepsALateFile checks that a file created between the plan
// and Apply (by the user, an editor) is not overwritten: Apply fails on it
// and still writes and reports the other changes.
func TestApplyCreateKeepsALateFile(t *testing.T) {
	dir := t.TempDir()
	files := []File{
		{Path: "internal/api/a.go", Content: []byte(gen)},
		{Path: "internal/api/b.go", Content: []byte(gen)},
		{Path: "internal/models/c.go", Content: []byte(gen)},
	}
	p, err := NewPlan(dir, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"internal/api/b.go": "package api // mine\n"})
	var reported []string
	err = p.Apply(func(c Change) { reported = append(reported, c.Path) })
	if !os.IsExist(err) {
		t.Errorf("Apply: %v; want an error that the file exists", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "internal", "api", "b.go")); string(b) != "package api // mine\n" {
		t.Errorf("b.go overwritten: %q", b)
	}
	if diff := cmp.Diff([]string{"internal/api/a.go", "internal/models/c.go"}, reported); diff != "" {
		t.Errorf("reported (-want +got):\n%s", diff)
	}
	for _, f := range []string{"internal/api/a.go", "internal/models/c.go"} {
		if b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f))); string(b) != gen {
			t.Errorf("%s: %q", f, b)
		}
	}
}

// TestApplyWritesMissingFoldersWhole checks that a missing output folder, and
// a missing folder inside an existing one, appear only complete: written
// under a temporary name beside them and renamed, leaving nothing behind.
func TestApplyWritesMissingFoldersWhole(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "backend")
	files := []File{
		{Path: "main.go", Content: []byte("package main\n"), Once: true},
		{Path: "internal/api/a.go", Content: []byte(gen)},
		{Path: "internal/api/b.go", Content: []byte(gen)},
		{Path: "internal/models/c.go", Content: []byte(gen)},
	}
	apply := func(files []File) []string {
		t.Helper()
		p, err := NewPlan(dir, files, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var reported []string
		if err := p.Apply(func(c Change) { reported = append(reported, c.Action.String()+" "+c.Path) }); err != nil {
			t.Fatal(err)
		}
		return reported
	}
	want := []string{"create internal/api/a.go", "create internal/api/b.go", "create internal/models/c.go", "create main.go"}
	if diff := cmp.Diff(want, apply(files)); diff != "" {
		t.Errorf("fresh folder, reported (-want +got):\n%s", diff)
	}
	files = append(files, File{Path: "internal/events/d.go", Content: []byte(gen)}, File{Path: "internal/api/e.go", Content: []byte(gen)})
	want = []string{
		"create internal/api/e.go", "create internal/events/d.go", // in an existing folder, in a new one
		"unchanged internal/api/a.go", "unchanged internal/api/b.go", "unchanged internal/models/c.go", "skip main.go",
	}
	got := apply(files)
	created := func(s string) bool { return strings.HasPrefix(s, "create ") }
	got = append(slices.DeleteFunc(slices.Clone(got), func(s string) bool { return !created(s) }), slices.DeleteFunc(got, created)...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("two files added, reported (-want +got):\n%s", diff)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || string(b) != string(f.Content) {
			t.Errorf("%s: %q, %v", f.Path, b, err)
		}
	}
	for _, d := range []string{parent, dir, filepath.Join(dir, "internal")} {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("%s: left behind %s", d, e.Name())
			}
		}
	}
}

// TestApplyRemovesAbandonedStages checks that the stage folder a killed run
// left beside a missing output folder is removed by the next run once it is
// old, and a recent one (perhaps another run's, still writing) is kept.
func TestApplyRemovesAbandonedStages(t *testing.T) {
	parent := t.TempDir()
	old := filepath.Join(parent, ".backend.crudgen-1-0")
	recent := filepath.Join(parent, ".backend.crudgen-2-0")
	for _, d := range []string{old, recent} {
		writeTree(t, d, map[string]string{"internal/api/a.go": gen})
	}
	long := time.Now().Add(-2 * abandonedAfter)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(filepath.Join(parent, "backend"), []File{{Path: "internal/api/a.go", Content: []byte(gen)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("abandoned stage kept: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("recent stage removed: %v", err)
	}
}
