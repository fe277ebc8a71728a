package ir_test

import (
	"testing"

	"github.com/crudgen/crudgen/generator"
)

// TestManagedAuthTables: in a spec that names Better Auth, the tables it and
// its plugins create are managed (no routes) whatever their spelling, the
// jwt plugin's jwks (private keys) included; the app's own tables are not.
func TestManagedAuthTables(t *testing.T) {
	table := func(name string) string {
		return "## `" + name + "`\n\n| Column | Type |\n|---|---|\n| id | text |\n| user_id | text |\n\n"
	}
	src := "# Schema\n\nUsers sign in with Better Auth.\n\n"
	for _, name := range []string{"user", "jwks", "twoFactor", "passkeys", "apikey", "verification", "tasks", "api_keys"} {
		src += table(name)
	}
	s, ds := generator.Load("schema.md", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := map[string]bool{"user": true, "jwks": true, "twoFactor": true, "passkeys": true, "apikey": true, "verification": true, "tasks": false, "api_keys": false}
	for _, e := range s.Entities {
		if w, ok := want[e.Table]; !ok || e.Managed != w || e.CRUD == w {
			t.Errorf("%s: managed %v, CRUD %v; want managed %v", e.Table, e.Managed, e.CRUD, w)
		}
		delete(want, e.Table)
	}
	for name := range want {
		t.Errorf("no entity for table %s", name)
	}
}
