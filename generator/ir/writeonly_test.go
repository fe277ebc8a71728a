package ir_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator/ir"
)

func TestIsCredentialName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"password", true}, {"password_hash", true}, {"hashed_password", true}, {"encrypted_password", true},
		{"passwordHash", true}, {"password_digest", true}, {"passwd", true}, {"pwd_hash", true}, {"passphrase", true},
		{"client_secret", true}, {"otpSecret", true}, {"secret", true}, {"password_salt", true}, {"private_key", true},
		{"signing_key", true}, {"refresh_token", true}, {"accessToken", true}, {"token_hash", true},
		{"api_key_hash", true}, {"recovery_codes", true},
		{"secret_note", false}, {"token", false}, {"api_key", false}, {"public_key", false}, {"hash", false},
		{"content_hash", false}, {"file_hash", false}, {"title", false}, {"passenger", false}, {"salt", false},
	} {
		if got := ir.IsCredentialName(tc.name); got != tc.want {
			t.Errorf("IsCredentialName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestWriteOnly checks which fields are write-only: credential columns by
// their name, with a warning that says how to confirm or undo it, and the
// columns writeonly= names; a write-only field takes no list query.
func TestWriteOnly(t *testing.T) {
	const table = "\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n" +
		"| email | varchar(255) | not null, unique |\n| password_hash | varchar(100) | not null |\n" +
		"| note | text | |\n| has_password | boolean | not null default false |\n"
	const guessed = "schema.md:9:3: warning: column `accounts.password_hash` looks like a credential, so it is write-only: request bodies set it, but no response, list filter or event carries it; " +
		"write `crudgen: writeonly=password_hash` under the table's heading to say so, or `crudgen: writeonly=-password_hash` to return it"
	for _, tc := range []struct {
		name, heading, options string
		want                   []string // the write-only columns
		diags                  []string
	}{
		{name: "guessed", heading: "accounts", want: []string{"password_hash"}, diags: []string{guessed}},
		{name: "confirmed", heading: "accounts", options: "crudgen: writeonly=password_hash", want: []string{"password_hash"}},
		{name: "another column too", heading: "accounts", options: "crudgen: writeonly=note,password_hash", want: []string{"password_hash", "note"}},
		{name: "returned", heading: "accounts", options: "crudgen: writeonly=-password_hash"},
		{name: "none", heading: "accounts", options: "crudgen: writeonly=none"},
		{name: "none but one", heading: "accounts", options: "crudgen: writeonly=none,note", want: []string{"note"}},
		{name: "the key", heading: "accounts", options: "crudgen: writeonly=id,password_hash", want: []string{"password_hash"}, diags: []string{
			"schema.md:3:20: warning: option writeonly names `id`, which every response needs (a key, a reference or a column the server sets); it stays readable: leave it out",
		}},
		{name: "unknown column", heading: "accounts", options: "crudgen: writeonly=passwd", diags: []string{
			"schema.md:3:20: error: option writeonly names column `passwd`, which `accounts` does not have", guessed,
		}},
		{name: "managed", heading: "accounts (managed by Better Auth)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, failed, got := load("## " + tc.heading + "\n\n" + tc.options + table)
			if diff := cmp.Diff(tc.diags, got); diff != "" {
				t.Fatalf("diagnostics (-want +got):\n%s", diff)
			}
			if failed {
				return
			}
			var writeOnly []string
			for _, f := range s.Entities[0].Fields {
				if f.WriteOnly {
					writeOnly = append(writeOnly, f.Column)
					if f.Sortable || f.Filterable || f.Searchable {
						t.Errorf("%s is write-only but sortable %v, filterable %v, searchable %v", f.Column, f.Sortable, f.Filterable, f.Searchable)
					}
				}
			}
			if diff := cmp.Diff(tc.want, writeOnly); diff != "" {
				t.Errorf("write-only columns (-want +got):\n%s", diff)
			}
		})
	}
}
