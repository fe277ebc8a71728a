package blocks

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// fenceRE matches an opening code fence and its info string.
var fenceRE = regexp.MustCompile("^( *)(```+|~~~+)\\s*([A-Za-z]*)")

// createTableRE matches a CREATE TABLE statement with a real body (not the
// `(...)` placeholder).
var createTableRE = regexp.MustCompile(`(?im)^\s*create\s+table\s+(if\s+not\s+exists\s+)?[^\s(]+\s*\((?:\s*$|\s*[^.\s])`)

// TestCorpus parses every fenced block of the Markdown files in the directory
// named by $BLOCKS_CORPUS (a local collection of real schema.md files, kept
// out of the repository) and fails on any error diagnostic, on a panic, and
// when a SQL block yields fewer tables than it has CREATE TABLE statements
// with a body. With -v it logs what each block yielded.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("BLOCKS_CORPUS")
	if dir == "" {
		t.Skip("BLOCKS_CORPUS not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	parsers := map[string]func(string, diag.Pos) (Result, diag.List){
		"sql": SQL, "python": SQLModel, "mermaid": Mermaid, "prisma": Prisma,
	}
	counts := map[string][3]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i := 0; i < len(lines); i++ {
			m := fenceRE.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[j]), m[2]) {
				j++
			}
			lang := strings.ToLower(m[3])
			parse, ok := parsers[lang]
			if ok {
				body := make([]string, 0, j-i-1)
				for _, l := range lines[i+1 : min(j, len(lines))] {
					body = append(body, strings.TrimPrefix(l, m[1]))
				}
				src := strings.Join(body, "\n")
				res, diags := parse(src, diag.Pos{File: filepath.Base(f), Line: i + 2, Col: len(m[1]) + 1})
				c := counts[lang]
				c[0]++
				if len(res.Tables) > 0 {
					c[1]++
				}
				c[2] += len(res.Tables)
				counts[lang] = c
				if lang == "sql" {
					if want := len(createTableRE.FindAllString(src, -1)); len(res.Tables) < want {
						t.Errorf("%s:%d: %d tables, want at least %d", filepath.Base(f), i+2, len(res.Tables), want)
					}
				}
				var names []string
				for _, tb := range res.Tables {
					names = append(names, tb.Name+"/"+strconv.Itoa(len(tb.Columns)))
				}
				t.Logf("%s:%d %s tables=%v idx=%d fks=%d checks=%d cols=%d keys=%d enums=%d", filepath.Base(f), i+2, lang, names, len(res.Indexes), len(res.ForeignKeys), len(res.Checks), len(res.Columns), len(res.Keys), len(res.Enums))
				for _, d := range diags {
					t.Logf("  %s", d)
					if d.Severity == diag.Error {
						t.Errorf("%s", d)
					}
				}
			}
			i = j
		}
	}
	for lang, c := range counts {
		t.Logf("%s: %d blocks, %d with tables, %d tables", lang, c[0], c[1], c[2])
	}
}

// TestDump logs a summary of what the parser of language $BLOCKS_LANG
// (default sql) finds in each file matching the glob $BLOCKS_DUMP, one block
// per file; a tool for looking at real blocks.
func TestDump(t *testing.T) {
	f := os.Getenv("BLOCKS_DUMP")
	if f == "" {
		t.Skip("BLOCKS_DUMP not set")
	}
	names, _ := filepath.Glob(f)
	for _, f := range names {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parse := map[string]func(string, diag.Pos) (Result, diag.List){"sql": SQL, "python": SQLModel, "mermaid": Mermaid, "prisma": Prisma}[cmp.Or(os.Getenv("BLOCKS_LANG"), "sql")]
		res, diags := parse(string(data), diag.Pos{File: "x", Line: 1, Col: 1})
		t.Logf("%s\n%s%s", f, summary(res), diags)
	}
}

// summary renders a Result compactly for logs.
func summary(res Result) string {
	var b strings.Builder
	for _, t := range res.Tables {
		fmt.Fprintf(&b, "TABLE %s @%d:%d pk=%v uq=%v checks=%v comment=%q\n", t.Name, t.Pos.Line, t.Pos.Col, t.PrimaryKey, t.Uniques, phrases(t.Checks), t.Comment)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %s %q %v", c.Name, c.Type, phrases(c.Constraints))
			if c.Description != "" {
				fmt.Fprintf(&b, " # %s", c.Description)
			}
			b.WriteString("\n")
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, "  FK %v -> %s%v %s\n", fk.Columns, fk.RefTable, fk.RefColumns, fk.OnDelete)
		}
	}
	for _, x := range res.Indexes {
		fmt.Fprintf(&b, "INDEX %s on %s %v unique=%v where=%q\n", x.Name, x.Table, x.Columns, x.Unique, x.Where)
	}
	for _, x := range res.ForeignKeys {
		fmt.Fprintf(&b, "ALTER FK %s %v -> %s%v %s\n", x.Table, x.Columns, x.RefTable, x.RefColumns, x.OnDelete)
	}
	for _, x := range res.Checks {
		fmt.Fprintf(&b, "ALTER CHECK %s %s\n", x.Table, x.Text)
	}
	for _, x := range res.Columns {
		fmt.Fprintf(&b, "ALTER COLUMN %s %s %q %v # %s\n", x.Table, x.Name, x.Type, phrases(x.Constraints), x.Description)
	}
	for _, x := range res.Keys {
		fmt.Fprintf(&b, "ALTER KEY %s %v primary=%v\n", x.Table, x.Columns, x.Primary)
	}
	for _, x := range res.Enums {
		fmt.Fprintf(&b, "ENUM %s %v\n", x.Name, x.Values)
	}
	return b.String()
}

func phrases(ps []specdoc.Phrase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}
