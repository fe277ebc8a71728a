package cli

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFormatCache checks that a run finds what the run before it put, that
// a full run keeps only the entries it used, and that a damaged pack reads
// as empty.
func TestFormatCache(t *testing.T) {
	t.Setenv("CRUDGEN_CACHE", t.TempDir())
	out := t.TempDir()

	c := newFormatCache(out)
	if _, ok := c.Get("a"); ok {
		t.Fatal("a new cache has an entry")
	}
	c.Put("a", []byte("package a\n"))
	c.Put("b", []byte("package b\n\n// with a blank line and no final newline"))
	c.Put("empty", []byte{})
	c.save(true) // a partial run without a pack before it

	c = newFormatCache(out)
	want := map[string][]byte{"a": []byte("package a\n"), "b": []byte("package b\n\n// with a blank line and no final newline"), "empty": {}}
	if diff := cmp.Diff(want, c.old); diff != "" {
		t.Fatalf("pack read back (-want +got):\n%s", diff)
	}
	if b, ok := c.Get("a"); !ok || string(b) != "package a\n" {
		t.Fatalf("Get(a) = %q, %v", b, ok)
	}
	c.save(true) // a partial run keeps b and empty
	if got := newFormatCache(out).old; len(got) != 3 {
		t.Fatalf("after a partial run: %d entries, want 3", len(got))
	}
	c.save(false) // a full run keeps only a
	c = newFormatCache(out)
	if _, ok := c.Get("b"); ok || len(c.old) != 1 {
		t.Fatalf("after a full run: %d entries, b still there", len(c.old))
	}

	for _, damaged := range []string{"", "not a pack", packHeader + "a 10\nshort\n", packHeader + "a x\n\n", packHeader + "a 1\nxy"} {
		if got := readPack([]byte(damaged)); len(got) != 0 {
			t.Errorf("readPack(%q) = %v, want no entries", damaged, got)
		}
	}
	if err := os.WriteFile(c.file, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := newFormatCache(out).Get("a"); ok {
		t.Error("a damaged pack has entries")
	}
}
