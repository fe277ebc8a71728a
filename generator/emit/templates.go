package emit

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/crudgen/crudgen/generator/emit/gocode"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/templates"
)

// moduleVar is the one variable of the runtime templates.
const moduleVar = "{{.Module}}"

// templateFiles renders the runtime templates (templates/platform/**/*.tmpl)
// into internal/platform, and, when there are entities to serve, the shared
// API handlers and test helpers (templates/api) into internal/api and what
// every store shares (templates/repository) into internal/repository, each of
// those only when the backend uses it (see templateUsed): ".tmpl" stripped, the
// generated header prepended, gofmt'd. The templates are Go source whose
// only variable is {{.Module}}, the module path; it is substituted literally rather than with text/template,
// which would read Go composite literals such as []T{{...}} as actions.
func templateFiles(module string, withAPI bool, used func(name string) bool, cache gocode.FormatCache) ([]File, error) {
	var fsys fs.FS = templates.FS
	roots := []string{"platform"}
	if withAPI {
		roots = append(roots, "api", "repository")
	}
	var names []string
	for _, root := range roots {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".tmpl") && used(p) {
				names = append(names, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("emit: %s templates: %w", root, err)
		}
	}
	sort.Strings(names)
	module = strings.TrimSuffix(module, "/")
	var files []File
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("emit: %s: %w", name, err)
		}
		var buf bytes.Buffer
		buf.WriteString(header.Go + "\n\n")
		buf.WriteString(strings.ReplaceAll(string(src), moduleVar, module))
		out := "internal/" + strings.TrimSuffix(name, ".tmpl")
		content := buf.Bytes()
		// The templates are gofmt'd (templates_test checks it); only a
		// substituted module path can change their import order.
		if strings.HasSuffix(out, ".go") && bytes.Contains(src, []byte(moduleVar)) {
			if content, err = gocode.Format(out, content, cache); err != nil {
				return nil, err
			}
		}
		files = append(files, File{Path: out, Content: content})
	}
	return files, nil
}

// templateUsed reports whether the backend g generates uses the template
// name of templates/api or templates/repository: the handlers and reads of
// nested and linked routes exist only when there are such routes,
// relations_test.go only when TestRelations has cases, and withEvent only
// when some entity publishes events, since staticcheck reports unused code.
func templateUsed(g *gocode.Gen) func(name string) bool {
	related, links := g.HasRelationRoutes()
	return func(name string) bool {
		switch name {
		case "api/relations.go.tmpl", "repository/nested.go.tmpl":
			return related
		case "api/links.go.tmpl", "repository/links.go.tmpl":
			return links
		case "api/relations_test.go.tmpl":
			return g.HasRelationTests() // its tests run only from TestRelations
		case "repository/events.go.tmpl":
			return g.HasEvents()
		}
		return true
	}
}
