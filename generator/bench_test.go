package generator

import (
	"os"
	"path/filepath"
	"testing"
)

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
