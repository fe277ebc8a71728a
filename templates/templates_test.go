package templates

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strings"
	"testing"
	"text/template"
)

// TestPlatformTemplates renders every runtime template the way the emitter
// does and checks that the result is gofmt-formatted Go in the package its
// directory implies, without a generated-code header of its own.
func TestPlatformTemplates(t *testing.T) {
	const module = "example.com/app"
	var n int
	err := walkTemplates(func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		t.Run(name, func(t *testing.T) {
			if !strings.HasSuffix(name, ".go.tmpl") {
				t.Fatalf("%s: runtime templates are named NAME.go.tmpl", name)
			}
			src, err := fs.ReadFile(FS, name)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := template.New(name).Option("missingkey=error").Parse(string(src))
			if err != nil {
				t.Fatalf("parse template: %v", err)
			}
			var out bytes.Buffer
			if err := tmpl.Execute(&out, struct{ Module string }{module}); err != nil {
				t.Fatalf("execute template: %v", err)
			}
			formatted, err := format.Source(out.Bytes())
			if err != nil {
				t.Fatalf("rendered file is not Go: %v", err)
			}
			if !bytes.Equal(formatted, out.Bytes()) {
				t.Errorf("rendered file is not gofmt-formatted")
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, out.Bytes(), parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if ast.IsGenerated(f) {
				t.Errorf("template carries a generated-code header; the emitter adds it")
			}
			want := path.Base(path.Dir(name))
			if strings.HasSuffix(name, "_test.go.tmpl") && f.Name.Name == want+"_test" {
				want += "_test"
			}
			if f.Name.Name != want {
				t.Errorf("package %s, want %s", f.Name.Name, want)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no templates embedded under platform/")
	}
}

// walkTemplates walks every template directory.
func walkTemplates(fn fs.WalkDirFunc) error {
	for _, root := range []string{"platform", "api", "repository"} {
		if err := fs.WalkDir(FS, root, fn); err != nil {
			return err
		}
	}
	return nil
}
