package ir

import (
	"slices"
	"testing"
)

// TestTypeTable checks that every logical type has a row with what each
// emitter reads from it, and that the names error messages list are the
// table's.
func TestTypeTable(t *testing.T) {
	var names []string
	for typ, info := range logicalTypes {
		names = append(names, string(typ))
		if info.GoName == "" && info.GoPkg != GoModels {
			t.Errorf("%s: no Go type", typ)
		}
		if info.SQLite == "" || info.Postgres == "" {
			t.Errorf("%s: SQLite %q, PostgreSQL %q", typ, info.SQLite, info.Postgres)
		}
		if info.Words == "" {
			t.Errorf("%s: no Words for the API reference", typ)
		}
		if info.Sample.Form == SampleText && !info.Text {
			t.Errorf("%s: text samples for a type whose length rules do not apply", typ)
		}
		if info.Ordered && info.ListKind == "" {
			t.Errorf("%s: ordered but not in list queries", typ)
		}
		if info.Shape != "" && info.OpenAPIFormat == "" && info.OpenAPIExample == "" {
			t.Errorf("%s: a Shape %q but nothing in OpenAPI says it", typ, info.Shape)
		}
	}
	if !slices.Equal(slices.Sorted(slices.Values(names)), slices.Sorted(slices.Values(typeOrder))) {
		t.Errorf("typeOrder %v, the table's types %v", typeOrder, names)
	}
	if got := Type("no-such-type").Info(); got != unknownType {
		t.Errorf("Info of an unknown type = %p, want unknownType", got)
	}
}
