package diag

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONRoundTrip checks that diagnostics read back from JSON are the ones
// written, severities included.
func TestJSONRoundTrip(t *testing.T) {
	want := List{
		Warnf(Pos{File: "schema.md", Line: 4, Col: 14}, "`t001` has no owner column"),
		Errorf(Pos{File: "schema.md", Line: 9, Col: 1}, "unknown type %q", "blob2"),
	}
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got List
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error("an unknown severity reads without an error")
	}
}
