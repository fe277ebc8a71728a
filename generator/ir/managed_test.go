package ir_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
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

// TestBetterAuthUserIDs: the columns that hold a Better Auth user id are
// text whatever type the spec gives them (a UUID column would refuse the
// ids Better Auth makes), with a warning at the type; a users table of the
// app's own keeps its types.
func TestBetterAuthUserIDs(t *testing.T) {
	const tasks = "## tasks\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n" +
		"| user_id | uuid | not null, references users(id) |\n| reviewer_id | integer | references users(id) |\n| title | text | not null |\n"
	for _, tc := range []struct {
		name, src string
		want      map[string]ir.Type // table.column → type
		diags     []string
	}{
		{
			name: "managed users table",
			src:  "# Schema\n\nSign-in is Better Auth's.\n\n## users (managed by Better Auth)\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n\n" + tasks,
			want: map[string]ir.Type{"users.id": ir.Text, "tasks.user_id": ir.Text, "tasks.reviewer_id": ir.Text},
			diags: []string{
				"schema.md:9:8: warning: `users.id` holds a Better Auth user id, which is text (32 random characters unless Better Auth is configured otherwise), not uuid; it is text here, so that every signed-in user's id fits: write `text`",
				"schema.md:16:13: warning: `tasks.user_id` holds a Better Auth user id, which is text (32 random characters unless Better Auth is configured otherwise), not uuid; it is text here, so that every signed-in user's id fits: write `text`",
				"schema.md:17:17: warning: `tasks.reviewer_id` holds a Better Auth user id, which is text (32 random characters unless Better Auth is configured otherwise), not integer; it is text here, so that every signed-in user's id fits: write `text`",
			},
		},
		{
			name: "users table not described",
			src:  "# Schema\n\nSign-in is Better Auth's.\n\n" + tasks,
			want: map[string]ir.Type{"tasks.user_id": ir.Text, "tasks.reviewer_id": ir.Text},
		},
		{
			name: "the app's own users table",
			src:  "# Schema\n\n## users\n\ncrudgen: owner=none\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n\n" + tasks,
			want: map[string]ir.Type{"users.id": ir.UUID, "tasks.user_id": ir.UUID, "tasks.reviewer_id": ir.Int},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, ds := generator.Load("schema.md", []byte(tc.src))
			var got []string
			for _, d := range ds {
				if strings.Contains(d.Message, "Better Auth user id") {
					got = append(got, d.String())
				}
			}
			if tc.diags != nil {
				if diff := cmp.Diff(tc.diags, got); diff != "" {
					t.Errorf("diagnostics (-want +got):\n%s", diff)
				}
			}
			for _, e := range s.Entities {
				for _, f := range e.Fields {
					if want, ok := tc.want[e.Table+"."+f.Column]; ok && f.Type != want {
						t.Errorf("%s.%s: type %s, want %s", e.Table, f.Column, f.Type, want)
					}
				}
			}
		})
	}
}
