package ir_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
)

// TestEventsOption checks how `crudgen: events=…` reads: on is every kind,
// a list keeps the kinds it names in the canonical order, and what cannot
// be published is said with the option's position.
func TestEventsOption(t *testing.T) {
	const table = "\n\n| Column | Type |\n|---|---|\n| id | serial |\n"
	for _, tc := range []struct {
		name, options string
		want          []ir.EventKind
		diags         []string
	}{
		{name: "no option", want: nil},
		{name: "on", options: "crudgen: events=on", want: ir.EventKinds},
		{name: "off", options: "crudgen: events=off", want: nil},
		{name: "a list in another order", options: "crudgen: events=deleted, created", want: []ir.EventKind{ir.EventCreated, ir.EventDeleted}},
		{name: "upper case and a repeat", options: "crudgen: events=Updated,updated", want: []ir.EventKind{ir.EventUpdated}},
		{name: "an unknown kind", options: "crudgen: events=created,completed", diags: []string{
			"schema.md:3:17: error: option events=created,completed: `completed` is not an event kind; write on, off, or a list of created, updated, deleted",
		}},
		{name: "an entity without routes", options: "crudgen: crud=off events=on", diags: []string{
			"schema.md:3:26: warning: option events: `tasks` has no routes (it is managed or crud=off), so no change of it goes through the server and none can be published; events are off for it (remove the option, or give it routes with crud=on)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, failed, got := load("## tasks\n\n" + tc.options + table)
			if diff := cmp.Diff(tc.diags, got); diff != "" {
				t.Fatalf("diagnostics (-want +got):\n%s", diff)
			}
			if failed {
				return
			}
			if diff := cmp.Diff(tc.want, s.Entities[0].Events); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if got, want := s.HasEvents(), len(tc.want) > 0; got != want {
				t.Errorf("HasEvents() = %v, want %v", got, want)
			}
		})
	}
}

// TestListParameterNames: a column named like a list parameter (a usage
// counter's count) is not a filter, and says so, rather than a filter the
// list could never read.
func TestListParameterNames(t *testing.T) {
	src := "## counters\n\n| Column | Type |\n|---|---|\n| id | serial |\n| count | integer |\n| offset | integer |\n| hits | integer |\n"
	s, ds := generator.Load("schema.md", []byte(src))
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Message, "list's own parameter") {
			got = append(got, d.Pos.String())
		}
	}
	if want := []string{"schema.md:6:3", "schema.md:7:3"}; !cmp.Equal(got, want) {
		t.Errorf("warnings at %v, want %v (count and offset)", got, want)
	}
	for _, f := range s.Entities[0].Fields {
		if want := f.Column == "hits"; f.Filterable != want {
			t.Errorf("%s: filterable %v, want %v", f.Column, f.Filterable, want)
		}
	}
}
