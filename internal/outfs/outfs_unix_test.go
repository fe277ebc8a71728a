//go:build unix

package outfs

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestApplyCreatesFilesReadable checks that a created file is 0644 whatever
// the umask and however it is created: in the stage of a new folder or
// linked into an existing one.
func TestApplyCreatesFilesReadable(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o077))
	dir := filepath.Join(t.TempDir(), "backend")
	apply := func(files []File) {
		t.Helper()
		p, err := NewPlan(dir, files, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Apply(nil); err != nil {
			t.Fatal(err)
		}
	}
	apply([]File{{Path: "internal/api/a.go", Content: []byte(gen)}})                                                    // a stage
	apply([]File{{Path: "internal/api/a.go", Content: []byte(gen)}, {Path: "internal/api/b.go", Content: []byte(gen)}}) // linked in
	for _, name := range []string{"internal/api/a.go", "internal/api/b.go"} {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", name, fi.Mode().Perm())
		}
	}
}
