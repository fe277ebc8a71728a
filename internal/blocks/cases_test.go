package blocks

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/golden"
)

// The cases of the block parsers are the files testdata/cases/LANG/*.txtar.
// Each holds a fence body in its "src" section (the section's last newline
// is not part of the body) and, in its "want" section, what the parser of
// LANG returns for the body, as dump renders it. The archive's comment
// names the case and may give the column the body starts at ("col: 4");
// the body starts at line 11 of schema.md. go test -update rewrites the
// "want" sections from what the parsers return; review the diff like code.

// parsers are the block parsers by the folder of their cases.
var parsers = map[string]func(string, diag.Pos) (Result, diag.List){
	"sql": SQL, "sqlmodel": SQLModel, "mermaid": Mermaid, "prisma": Prisma,
}

// blockCase is one testdata/cases file.
type blockCase struct {
	path  string
	src   string
	start diag.Pos
	ar    *txtar.Archive
}

// cases reads the cases of the parser of lang.
func cases(t testing.TB, lang string) []blockCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", lang, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases for %s: %v", lang, err)
	}
	var cs []blockCase
	for _, path := range paths {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c := blockCase{path: path, ar: ar, start: diag.Pos{File: "schema.md", Line: 11, Col: 1}}
		for line := range strings.Lines(string(ar.Comment)) {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "col: "); ok {
				if c.start.Col, err = strconv.Atoi(v); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
			}
		}
		if len(ar.Files) != 2 || ar.Files[0].Name != "src" || ar.Files[1].Name != "want" {
			t.Fatalf("%s: want the sections src and want", path)
		}
		c.src = strings.TrimSuffix(string(ar.Files[0].Data), "\n")
		cs = append(cs, c)
	}
	return cs
}

// TestParsers runs each parser on its cases and compares what it returns
// with the case's "want" section.
func TestParsers(t *testing.T) {
	for lang, parse := range parsers {
		t.Run(lang, func(t *testing.T) {
			for _, c := range cases(t, lang) {
				t.Run(strings.TrimSuffix(filepath.Base(c.path), ".txtar"), func(t *testing.T) {
					got := []byte(dump(parse(c.src, c.start)))
					if golden.Update() {
						if !bytes.Equal(c.ar.Files[1].Data, got) {
							c.ar.Files[1].Data = got
							if err := os.WriteFile(c.path, txtar.Format(c.ar), 0o644); err != nil {
								t.Fatal(err)
							}
						}
						return
					}
					if diff := cmp.Diff(strings.Split(string(c.ar.Files[1].Data), "\n"), strings.Split(string(got), "\n")); diff != "" {
						t.Errorf("%s (-want +got):\n%s", c.path, diff)
					}
				})
			}
		})
	}
}
