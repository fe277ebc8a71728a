package emit

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
	"github.com/crudgen/crudgen/generator/ir"
)

func parseSpec(t *testing.T, src string) *ir.Schema { return emittest.ParseSpec(t, src) }

const defaultsSpec = "# Schema\n\n## widgets\n\ncrudgen: write=authenticated\n\n" +
	"| Column | Type | Constraints |\n|---|---|---|\n" +
	"| id | bigserial | PRIMARY KEY |\n" +
	"| token | uuid | NOT NULL DEFAULT gen_random_uuid() |\n" +
	"| label | varchar(20) | NOT NULL DEFAULT 'uuid' |\n" +
	"| stamp | varchar(20) | NOT NULL DEFAULT 'now' |\n" +
	"| code | varchar(36) | NOT NULL DEFAULT gen_random_uuid() |\n" +
	"| made | timestamptz | NOT NULL DEFAULT now() |\n" +
	"| meta | jsonb | NOT NULL DEFAULT '{\"a\": [1]}' |\n" +
	"| done | boolean | NOT NULL DEFAULT 'yes' |\n"

// TestGeneratedDefaultsInOpenAPI pins that a generated default (a new UUID,
// the current time) is not written into the API document as if it were the
// literal word, and that a literal that happens to spell "uuid" or "now" is.
func TestGeneratedDefaultsInOpenAPI(t *testing.T) {
	files, err := Emit(parseSpec(t, defaultsSpec), Options{ModulePath: "example.com/widgets"})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	for _, f := range files {
		if f.Path == "openapi.json" {
			if err := json.Unmarshal(f.Content, &doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, body := range []string{"WidgetCreate"} {
		props := schemas[body].(map[string]any)["properties"].(map[string]any)
		want := map[string]any{"token": nil, "code": nil, "made": nil, "label": "uuid", "stamp": "now",
			"meta": map[string]any{"a": []any{1.0}}, "done": true}
		for name, def := range want {
			got := props[name].(map[string]any)["default"]
			if !reflect.DeepEqual(got, def) {
				t.Errorf("%s.%s default = %v, want %v", body, name, got, def)
			}
		}
	}
}

// TestLiteralDefaultsInGo pins that the server stores the literal words
// 'uuid' and 'now' as written, and draws a value only for a generated default.
func TestLiteralDefaultsInGo(t *testing.T) {
	files, err := Emit(parseSpec(t, defaultsSpec), Options{ModulePath: "example.com/widgets"})
	if err != nil {
		t.Fatal(err)
	}
	var repo string
	for _, f := range files {
		if f.Path == "internal/repository/widget.go" {
			repo = string(f.Content)
		}
	}
	if repo == "" {
		t.Fatal("no internal/repository/widget.go")
	}
	for _, c := range []struct{ field, want string }{
		{"Label", `valueOr(in.Label, "uuid")`},
		{"Stamp", `valueOr(in.Stamp, "now")`},
		{"Code", `valueOr(in.Code, newUUID())`},
		{"Token", `valueOr(in.Token, newUUID())`},
	} {
		if !strings.Contains(repo, c.want) {
			re := regexp.MustCompile(`valueOr\(in\.` + c.field + `, [^)]*\)?\)`)
			t.Errorf("repository: want %s, have %q", c.want, re.FindString(repo))
		}
	}
}

// TestDefaultsInMigrations pins the SQL of each kind of default: a literal
// that spells "uuid" or "now" is quoted text, a generated one is the
// dialect's expression.
func TestDefaultsInMigrations(t *testing.T) {
	files, err := Emit(parseSpec(t, defaultsSpec), Options{ModulePath: "example.com/widgets"})
	if err != nil {
		t.Fatal(err)
	}
	sql := map[string]string{}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "migrations/") {
			sql[strings.Split(f.Path, "/")[1]] += string(f.Content)
		}
	}
	for dir, want := range map[string][]string{
		"postgres": {`label VARCHAR(20) NOT NULL DEFAULT 'uuid'`, `stamp VARCHAR(20) NOT NULL DEFAULT 'now'`,
			`token UUID NOT NULL DEFAULT gen_random_uuid()`, `made TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP`,
			`done BOOLEAN NOT NULL DEFAULT TRUE`, `meta JSONB NOT NULL DEFAULT '{"a": [1]}'`},
		"sqlite": {`label TEXT NOT NULL DEFAULT 'uuid'`, `stamp TEXT NOT NULL DEFAULT 'now'`,
			`token TEXT NOT NULL DEFAULT (lower(hex(randomblob(4)))`, `done INTEGER NOT NULL DEFAULT 1`},
	} {
		for _, w := range want {
			if !strings.Contains(sql[dir], w) {
				t.Errorf("%s migration lacks %s", dir, w)
			}
		}
	}
}
