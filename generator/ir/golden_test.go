package ir_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/golden"
)

// irFile is what a testdata/NAME.ir.json file holds: the resolved schema and
// every diagnostic, formatted as crudgen prints them.
type irFile struct {
	Entities    []*ir.Entity `json:"entities"`
	Diagnostics []string     `json:"diagnostics"`
}

// goldenCases maps a golden name to its spec: every testdata/*.md file, and
// the todo spec of the repository.
func goldenCases(t testing.TB) map[string]string {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{"todo": "../../specs/database/schema.md"}
	for _, f := range files {
		cases[strings.TrimSuffix(filepath.Base(f), ".md")] = f
	}
	return cases
}

// TestGolden resolves each spec and compares the schema and diagnostics with
// testdata/NAME.ir.json. Run `go test ./generator/... -update` to rewrite
// them, then review the diff like code.
func TestGolden(t *testing.T) {
	for name, path := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, ds := generator.Load(filepath.Base(path), src)
			got := irFile{Entities: s.Entities, Diagnostics: []string{}}
			for _, d := range ds {
				got.Diagnostics = append(got.Diagnostics, d.String())
			}
			file := filepath.Join("testdata", name+".ir.json")
			if golden.Update() {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/... -update)", err)
			}
			var want irFile
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			// Round-trip got through JSON so both sides compare alike.
			gb, _ := json.Marshal(got)
			var gotRT irFile
			if err := json.Unmarshal(gb, &gotRT); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, gotRT); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", file, diff)
			}
		})
	}
}
