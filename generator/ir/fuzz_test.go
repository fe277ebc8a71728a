package ir_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/diag"
)

// FuzzParse feeds arbitrary Markdown through Parse and Resolve: neither may
// panic, and every position they report must lie inside the file (a line
// that exists, a column at most one past the end of that line).
func FuzzParse(f *testing.F) {
	for _, path := range goldenCases(f) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	for _, tc := range brokenSpecs {
		f.Add(tc.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan struct{})
		var doc *spec.Document
		var ds, rs diag.List
		var s *ir.Schema
		go func() {
			defer close(done)
			doc, ds = spec.Parse("fuzz.md", []byte(src))
			s, rs = ir.Resolve(doc)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Parse and Resolve took over 10s on %q", src)
		}
		lines := strings.Split(src, "\n")
		check := func(what string, p diag.Pos) {
			if p.File != "fuzz.md" || p.Line == 0 {
				return
			}
			if p.Line < 1 || p.Line > len(lines) {
				t.Fatalf("%s: line %d outside 1..%d", what, p.Line, len(lines))
			}
			if p.Col < 1 || p.Col > len(lines[p.Line-1])+1 {
				t.Fatalf("%s: column %d outside 1..%d on line %d %q", what, p.Col, len(lines[p.Line-1])+1, p.Line, lines[p.Line-1])
			}
		}
		for _, d := range append(ds, rs...) {
			check(d.String(), d.Pos)
		}
		for _, e := range s.Entities {
			check("entity "+e.Name, e.Pos)
			for _, fl := range e.Fields {
				check("field "+e.Name+"."+fl.Name, fl.Pos)
			}
		}
	})
}

// largeSpec writes a spec of n entities in the three Markdown shapes and SQL,
// each referencing the one before it.
func largeSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("# Large schema\n\nUsers come from Better Auth.\n\n## users (managed by Better Auth)\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n\n")
	for i := range n {
		name := fmt.Sprintf("thing%03d", i)
		prev := "users"
		if i > 0 {
			prev = fmt.Sprintf("thing%03ds", i-1)
		}
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "## %ss\n\nEntity number %d.\n\n| Column | Type | Constraints | Description |\n|---|---|---|---|\n", name, i)
			fmt.Fprintf(&b, "| id | serial | PRIMARY KEY | |\n| user_id | text | NOT NULL, FK → users.id ON DELETE CASCADE | Owner |\n")
			parent := "integer"
			if i == 0 {
				parent = "text" // the users table's key
			}
			fmt.Fprintf(&b, "| parent_id | %s | NULL, references %s(id) | |\n", parent, prev)
			fmt.Fprintf(&b, "| title | varchar(200) | NOT NULL, not blank | 1-200 characters |\n| state | varchar(10) | NOT NULL, DEFAULT 'new' | One of: new, done, gone |\n")
			fmt.Fprintf(&b, "| score | float | CHECK (score BETWEEN 0 AND 10) | |\n| created_at | timestamp | NOT NULL, DEFAULT now() | |\n| updated_at | timestamp | NOT NULL, DEFAULT now() | |\n\n")
		case 1:
			fmt.Fprintf(&b, "### %ss\n- id: uuid (primary key)\n- user_id: string (foreign key -> users.id, required)\n", name)
			fmt.Fprintf(&b, "- parent_id: integer (references %s.id, nullable)\n- body: text (nullable) - free text, max 5000 chars\n", prev)
			fmt.Fprintf(&b, "- kind: string (enum: \"a\", \"b\", \"c\", default: \"a\")\n- done: boolean (default false)\n- deleted_at: timestamp (nullable)\n\n")
		default:
			fmt.Fprintf(&b, "```sql\nCREATE TABLE %ss (\n  id BIGSERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id),\n", name)
			fmt.Fprintf(&b, "  parent_id UUID REFERENCES %s(id) ON DELETE SET NULL,\n  email VARCHAR(254) NOT NULL UNIQUE,\n", prev)
			fmt.Fprintf(&b, "  level TEXT NOT NULL CHECK (level IN ('x', 'y')),\n  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\nCREATE INDEX idx_%s_email ON %ss (level, email);\n```\n\n", name, name)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse parses and resolves a spec of 300 entities.
func BenchmarkParse(b *testing.B) {
	src := largeSpec(300)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		_, ds := generator.Load("large.md", src)
		if ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// TestLargeSpec checks the benchmark's spec resolves cleanly, so the
// benchmark measures the full path.
func TestLargeSpec(t *testing.T) {
	s, ds := generator.Load("large.md", largeSpec(30))
	if ds.HasErrors() || len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", ds)
	}
	if len(s.Entities) != 31 {
		t.Fatalf("got %d entities, want 31", len(s.Entities))
	}
}
