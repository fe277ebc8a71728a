package header

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestGoHeaderIsGenerated checks that Go tools recognise the header as the
// generated-code marker (go.dev/s/generatedcode).
func TestGoHeaderIsGenerated(t *testing.T) {
	src := Go + "\n\npackage p\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	if !ast.IsGenerated(f) {
		t.Errorf("ast.IsGenerated is false for %q", Go)
	}
}
