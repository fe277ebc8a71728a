package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/crudgen/crudgen/generator/emit"
	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/generator/spec"
)

// The benchmarks of the pipeline, stage by stage, on the todo spec and on a
// synthetic spec of 100 tables (synthSpec):
//
//	go test -run '^$' -bench . ./generator/
//
// They time nothing in tests: go test without -bench does not run them.

// benchSpecs are the specs the stage benchmarks run on.
func benchSpecs(b *testing.B) map[string][]byte {
	_, file, _, _ := runtime.Caller(0)
	todo, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "specs", "database", "schema.md"))
	if err != nil {
		b.Fatal(err)
	}
	return map[string][]byte{"todo": todo, "tables100": []byte(synthSpec(100))}
}

// synthSpec returns a spec of n tables written as one CREATE TABLE block:
// every table has an id, text, numeric, boolean and timestamp columns, and
// from the second on a reference to the table before it, like the schemas
// sqlc and crudgen are compared on.
func synthSpec(n int) string {
	var b strings.Builder
	b.WriteString("# Synthetic schema\n\n```sql\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%03d (\n  id BIGSERIAL PRIMARY KEY,\n", i)
		if i > 1 {
			fmt.Fprintf(&b, "  t%03d_id BIGINT NOT NULL REFERENCES t%03d(id) ON DELETE CASCADE,\n", i-1, i-1)
		}
		for c := range 3 + i%5 {
			switch c % 4 {
			case 0:
				fmt.Fprintf(&b, "  c%02d VARCHAR(200) NOT NULL,\n", c)
			case 1:
				fmt.Fprintf(&b, "  c%02d NUMERIC(12,2) NOT NULL DEFAULT 0,\n", c)
			case 2:
				fmt.Fprintf(&b, "  c%02d BOOLEAN NOT NULL DEFAULT false,\n", c)
			case 3:
				fmt.Fprintf(&b, "  c%02d TIMESTAMPTZ,\n", c)
			}
		}
		b.WriteString("  created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n\n")
	}
	b.WriteString("```\n")
	return b.String()
}

// forEachSpec runs fn as a sub-benchmark per spec.
func forEachSpec(b *testing.B, fn func(b *testing.B, src []byte)) {
	specs := benchSpecs(b)
	for _, name := range []string{"todo", "tables100"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(specs[name])))
			fn(b, specs[name])
		})
	}
}

// BenchmarkParse measures spec.Parse: Markdown to the document as written.
func BenchmarkParse(b *testing.B) {
	forEachSpec(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if _, ds := spec.Parse("schema.md", src); ds.HasErrors() {
				b.Fatal(ds)
			}
		}
	})
}

// BenchmarkResolve measures ir.Resolve: the document to the schema IR.
func BenchmarkResolve(b *testing.B) {
	forEachSpec(b, func(b *testing.B, src []byte) {
		doc, ds := spec.Parse("schema.md", src)
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		for b.Loop() {
			if _, ds := ir.Resolve(doc); ds.HasErrors() {
				b.Fatal(ds)
			}
		}
	})
}

// BenchmarkMigrations measures sqlddl.Migrations on an empty history.
func BenchmarkMigrations(b *testing.B) {
	forEachSpec(b, func(b *testing.B, src []byte) {
		s := load(b, src)
		for b.Loop() {
			if _, _, err := sqlddl.Migrations(s, sqlddl.History{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEmit measures emit.Emit: the IR to every file, formatted.
func BenchmarkEmit(b *testing.B) {
	forEachSpec(b, func(b *testing.B, src []byte) {
		s := load(b, src)
		for b.Loop() {
			if _, err := emit.Emit(s, emit.Options{ModulePath: "example.com/bench"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGenerate measures the whole in-memory pipeline.
func BenchmarkGenerate(b *testing.B) {
	forEachSpec(b, func(b *testing.B, src []byte) {
		in := Input{SpecPath: "schema.md", Spec: src, ModulePath: "example.com/bench"}
		for b.Loop() {
			if _, err := Generate(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func load(b *testing.B, src []byte) *ir.Schema {
	s, ds := Load("schema.md", src)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	return s
}

// BenchmarkGenerateFile measures the whole in-memory pipeline (parse, resolve,
// emit, format) on the spec named by CRUDGEN_BENCH_SPEC, for measuring real
// specs that are not part of the repository:
//
//	CRUDGEN_BENCH_SPEC=path/to/schema.md go test -run '^$' -bench GenerateFile ./generator/
func BenchmarkGenerateFile(b *testing.B) {
	path := os.Getenv("CRUDGEN_BENCH_SPEC")
	if path == "" {
		b.Skip("set CRUDGEN_BENCH_SPEC to a schema.md to measure")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	in := Input{SpecPath: filepath.Base(path), Spec: src, ModulePath: "example.com/bench"}
	if _, err := Generate(in); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Generate(in); err != nil {
			b.Fatal(err)
		}
	}
}
