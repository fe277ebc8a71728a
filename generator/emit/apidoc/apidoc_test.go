package apidoc

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/golden"
	"github.com/crudgen/crudgen/internal/header"
)

// TestGolden compares the documents of the todo spec with the committed
// specs/api/rest-endpoints.md and specs/database/er.md (go run ./cmd/crudgen
// rewrites them), and those of the kitchen-sink spec with testdata (go test
// -update rewrites those).
func TestGolden(t *testing.T) {
	todo := emittest.LoadTodo(t)
	for path, got := range map[string][]byte{
		EndpointsPath: Endpoints(todo, "schema.md"),
		ERPath:        ER(todo, "schema.md"),
	} {
		want, err := os.ReadFile(emittest.Path("specs/" + path))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("specs/%s differs from the emitter's output; run go run ./cmd/crudgen", path)
		}
	}
	kitchen := emittest.LoadKitchen(t)
	golden.Check(t, filepath.Join("testdata", "kitchen", "rest-endpoints.md.golden"), Endpoints(kitchen, "kitchen.md"))
	golden.Check(t, filepath.Join("testdata", "kitchen", "er.md.golden"), ER(kitchen, "kitchen.md"))
}

var (
	reHeading = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)
	reLink    = regexp.MustCompile(`\]\(#([^)]+)\)`)
)

// TestEndpointsDocument checks rest-endpoints.md as a reader uses it: the
// header crudgen recognises, every route of every entity with its
// parameters, errors and curl example, and links that land on a heading.
func TestEndpointsDocument(t *testing.T) {
	for _, s := range []*ir.Schema{emittest.LoadTodo(t), emittest.LoadKitchen(t), emittest.EdgeSchema()} {
		doc := string(Endpoints(s, "schema.md"))
		if !strings.HasPrefix(doc, "<!-- "+header.Marker+" -->\n") {
			t.Errorf("rest-endpoints.md does not start with the generated-file marker:\n%.200s", doc)
		}
		anchors := map[string]bool{}
		for _, m := range reHeading.FindAllStringSubmatch(doc, -1) {
			anchors[anchor(m[1])] = true
		}
		for _, m := range reLink.FindAllStringSubmatch(doc, -1) {
			if !anchors[m[1]] {
				t.Errorf("link #%s lands on no heading", m[1])
			}
		}
		for _, e := range crudEntities(s) {
			for _, r := range routes(e) {
				section := sectionOf(doc, "### "+r.heading())
				if section == "" {
					t.Errorf("%s %s has no section", r.method, r.path)
					continue
				}
				for _, c := range s.Errors(e, r.op) {
					if !strings.Contains(section, "`"+c.Codes[0]+"`") {
						t.Errorf("%s %s does not list error %s", r.method, r.path, c.Codes[0])
					}
				}
				if !strings.Contains(section, "```sh\ncurl -s") {
					t.Errorf("%s %s has no curl example", r.method, r.path)
				}
			}
			fields := sectionOf(doc, "### "+e.Name+" fields")
			for _, f := range e.Fields {
				if !strings.Contains(fields, "| `"+f.JSON+"` |") {
					t.Errorf("%s fields lack %s", e.Name, f.JSON)
				}
			}
			list := sectionOf(doc, "### "+routes(e)[0].heading())
			for _, p := range []string{"`limit`", "`offset`"} {
				if !strings.Contains(list, p) {
					t.Errorf("list %s lacks parameter %s", e.Plural, p)
				}
			}
		}
	}
}

// sectionOf returns the text under heading up to the next heading of the
// same or a higher level, or "".
func sectionOf(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := doc[i+len(heading)+2:]
	level := strings.Index(heading, " ")
	for _, m := range reHeading.FindAllStringIndex(rest, -1) {
		if l := strings.Index(rest[m[0]:], " "); l <= level {
			return rest[:m[0]]
		}
	}
	return rest
}

// TestERDiagram checks er.md: one Mermaid entity per table with every
// column, and one relationship per reference.
func TestERDiagram(t *testing.T) {
	for _, s := range []*ir.Schema{emittest.LoadTodo(t), emittest.LoadKitchen(t), emittest.EdgeSchema()} {
		doc := string(ER(s, "schema.md"))
		start := strings.Index(doc, "```mermaid\nerDiagram\n")
		end := strings.Index(doc[start+1:], "\n```\n")
		if start < 0 || end < 0 {
			t.Fatalf("no mermaid erDiagram block:\n%s", doc)
		}
		diagram := doc[start : start+1+end]
		refs := 0
		for _, e := range s.Entities {
			body := sectionBetween(diagram, "    "+erName(e)+" {\n", "    }\n")
			for _, f := range e.Fields {
				if !regexp.MustCompile(`(?m)^        \S+ ` + regexp.QuoteMeta(erName2(f.Column)) + `( |$)`).MatchString(body) {
					t.Errorf("%s has no line for column %s:\n%s", e.Table, f.Column, body)
				}
				if target, _ := s.Target(f); target != nil {
					refs++
				}
			}
		}
		if got := strings.Count(diagram, " : \""); got != refs {
			t.Errorf("%d relationships, want %d (one per reference)", got, refs)
		}
		for _, line := range strings.Split(diagram, "\n") {
			if strings.Count(line, `"`)%2 != 0 || strings.Contains(line, `\`) {
				t.Errorf("line breaks Mermaid's quoting: %s", line)
			}
		}
	}
}

func sectionBetween(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}
