package spec

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	// The expectations of this package are written inline; the import
	// makes its tests accept the -update of go test ./generator/... -update.
	_ "github.com/crudgen/crudgen/internal/golden"
)

func TestCleanHeading(t *testing.T) {
	tests := []struct {
		raw      string
		name     string
		explicit bool
		kind     sectionKind
	}{
		{"Task", "Task", false, kindOther},
		{"tasks", "tasks", true, kindOther},
		{"Tasks Table", "Tasks", false, kindOther},
		{"Table: tasks", "tasks", true, kindOther},
		{"1. Task Entity", "Task", false, kindOther},
		{"4.1 users (External / Reference Table)", "users", true, kindOther},
		{"users (managed by Better Auth)", "users", true, kindOther},
		{"`task_tags`", "task_tags", true, kindOther},
		{"Tasks Table Fields:", "Tasks", false, kindOther},
		{"`View_Cart` · 🛶 V0 · source aggregate `Cart`", "View_Cart", true, kindOther},
		{"Task Model", "Task", false, kindOther},
		{"📋 tasks (v2)", "tasks", true, kindOther},
		{"✅ 2) Comment entity:", "Comment", false, kindOther},
		{"Fields", "", false, kindFields},
		{"Indexes", "", false, kindIndexes},
		{"Relationships", "", false, kindRelation},
		{"Overview", "Overview", false, kindProse},
		{"Notes", "Notes", false, kindProse},
		{"Example queries", "", false, kindSkip},
		{"Application Tables", "", false, kindSkip},
		{"VARCHAR vs TEXT", "", false, kindSkip},
		{"Task.title", "", false, kindSkip},
		{"User Story 1 - Task Storage and Retrieval (Priority: P1)", "", false, kindSkip},
		{"Tables", "", false, kindSkip},
	}
	for _, tt := range tests {
		name, explicit, kind := cleanHeading(tt.raw)
		if name != tt.name || explicit != tt.explicit || kind != tt.kind {
			t.Errorf("cleanHeading(%q) = %q, %v, %v; want %q, %v, %v", tt.raw, name, explicit, kind, tt.name, tt.explicit, tt.kind)
		}
	}
}

// phrasesOf returns a column's phrases as "text@line:col".
func phrasesOf(c *Column) []string {
	var out []string
	for _, p := range c.Constraints {
		out = append(out, p.Text+"@"+strings.TrimPrefix(p.Pos.String(), "s.md:"))
	}
	return out
}

func TestBullets(t *testing.T) {
	src := "## tasks\n" +
		"- id: integer (primary key)\n" +
		"- `user_id` (string, FK → users.id)\n" +
		"- title: string, required, max 200\n" +
		"- **done** (boolean, default: false): Whether it is done\n" +
		"- `note`: Free text (text), optional\n" +
		"- priority: string - one of low, high\n" +
		"- created_at\n"
	tb := parseOneTable(t, src)
	got := map[string][]string{}
	var names []string
	for _, c := range tb.Columns {
		names = append(names, c.Name+"@"+strings.TrimPrefix(c.Pos.String(), "s.md:"))
		got[c.Name] = phrasesOf(c)
		if c.Description != "" {
			got[c.Name] = append(got[c.Name], "desc:"+c.Description)
		}
	}
	want := map[string][]string{
		"id":         {"integer@2:7", "primary key@2:16"},
		"user_id":    {"string, FK → users.id@3:14"},
		"title":      {"string, required, max 200@4:10"},
		"done":       {"boolean, default: false@5:13", "desc:Whether it is done"},
		"note":       {"Free text@6:11", "text@6:22", "optional@6:29"},
		"priority":   {"string@7:13", "desc:one of low, high"},
		"created_at": nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("phrases (-want +got):\n%s", diff)
	}
	wantNames := []string{"id@2:3", "user_id@3:4", "title@4:3", "done@5:5", "note@6:4", "priority@7:3", "created_at@8:3"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestMarkdownTable(t *testing.T) {
	src := "### Tasks Table (owned by a user)\n\n" +
		"| Field | Data Type | Nullable | Default | Key | Notes |\n" +
		"|---|---|---|---|---|---|\n" +
		"| `id` | `UUID (PK)` | No | gen_random_uuid() | PK | Task id |\n" +
		"| title | varchar(200) | No | | | 1-200 chars |\n" +
		"| list_id | int | Yes | - | lists.id | |\n"
	tb := parseOneTable(t, src)
	if tb.Name != "Tasks" || tb.Explicit || tb.Source != SourceTable {
		t.Errorf("table = %q explicit=%v source=%q", tb.Name, tb.Explicit, tb.Source)
	}
	got := map[string][]string{}
	for _, c := range tb.Columns {
		got[c.Name] = append([]string{c.Type + "@" + strings.TrimPrefix(c.TypePos.String(), "s.md:")}, phrasesOf(c)...)
	}
	want := map[string][]string{
		"id":      {"UUID (PK)@5:11", "NOT NULL@5:24", "DEFAULT gen_random_uuid()@5:29", "PK@5:49"},
		"title":   {"varchar(200)@6:11", "NOT NULL@6:26"},
		"list_id": {"int@7:13", "NULL@7:19", "REFERENCES lists.id@7:29"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
}

func TestOptionsLine(t *testing.T) {
	src := "## tasks\n\ncrudgen: route=todos owner=user_id, sortable=title, due_date crud=off\n\n" +
		"| Column | Type |\n|---|---|\n| id | serial |\n\n<!-- crudgen: soft_delete=off -->\n"
	tb := parseOneTable(t, src)
	var got []string
	for _, o := range tb.Options {
		got = append(got, o.Key+"="+o.Value+"@"+strings.TrimPrefix(o.Pos.String(), "s.md:"))
	}
	want := []string{"route=todos@3:10", "owner=user_id@3:22", "sortable=title,due_date@3:37", "crud=off@3:62", "soft_delete=off@9:15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
}

func TestManagedAndExplicitName(t *testing.T) {
	src := "Accounts come from Better Auth.\n\n### User Entity\n\n" +
		"*Note: Better Auth manages this table.*\n\n" +
		"- **Table Name**: `user`\n- **Fields**:\n  - `id`: string (primary key)\n  - `email`: string (unique)\n"
	doc, tb := parseDoc(t, src)
	if tb.Name != "user" || !tb.Explicit || tb.Managed != "Better Auth" || len(tb.Columns) != 2 {
		t.Errorf("table = %+v", tb)
	}
	if doc.AuthProvider != "Better Auth" || doc.Auth.Line != 1 || doc.Auth.Col != 20 {
		t.Errorf("auth provider %q at %v", doc.AuthProvider, doc.Auth)
	}
}

func TestIndexAndRelationBullets(t *testing.T) {
	src := "## tasks\n\n| Column | Type |\n|---|---|\n| id | serial |\n\n**Indexes:**\n- Index on `done`\n\n" +
		"## Indexes\n\n- tasks.user_id (for filtering)\n- idx_tasks_due on tasks(due_date, id desc)\n- `idx_x` - fast lookups (future)\n\n" +
		"## Relationships\n\n- `tasks.user_id` → `users.id` (ON DELETE CASCADE)\n- A user has many tasks.\n"
	doc, _ := Parse("s.md", []byte(src))
	var got []string
	for _, ix := range doc.Indexes {
		got = append(got, ix.Name+":"+ix.Table+"("+strings.Join(ix.Columns, ",")+")")
	}
	want := []string{":tasks(done)", ":tasks(user_id)", "idx_tasks_due:tasks(due_date,id)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("indexes (-want +got):\n%s", diff)
	}
	if len(doc.Relations) != 1 || doc.Relations[0].RefTable != "users" || doc.Relations[0].OnDelete != "CASCADE" {
		t.Errorf("relations = %+v", doc.Relations)
	}
}

func TestFenceSniffing(t *testing.T) {
	src := "# S\n\n```\nCREATE TABLE a (id INT PRIMARY KEY);\n```\n\n```text\nSELECT 1;\n```\n\n" +
		"```python\nprint('no models here')\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n"
	doc, ds := Parse("s.md", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if len(doc.Tables) != 1 || doc.Tables[0].Name != "a" || doc.Tables[0].Source != SourceSQL {
		t.Fatalf("tables = %+v", doc.Tables)
	}
	if p := doc.Tables[0].Pos; p.Line != 4 {
		t.Errorf("table position %v, want line 4", p)
	}
}

func TestClamp(t *testing.T) {
	doc, _ := Parse("s.md", []byte("ab\nc\n"))
	for _, tc := range []struct{ in, want Pos }{
		{Pos{File: "s.md", Line: 1, Col: 9}, Pos{File: "s.md", Line: 1, Col: 3}},
		{Pos{File: "s.md", Line: 7, Col: 1}, Pos{File: "s.md", Line: 2, Col: 1}},
		{Pos{File: "s.md", Line: 2, Col: 0}, Pos{File: "s.md", Line: 2, Col: 1}},
		{Pos{File: "other.md", Line: 9, Col: 9}, Pos{File: "other.md", Line: 9, Col: 9}},
	} {
		if got := doc.Clamp(tc.in); got != tc.want {
			t.Errorf("Clamp(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// parseOneTable parses src as s.md and returns its only table, failing the
// test on any diagnostic or another number of tables.
func parseOneTable(t *testing.T, src string) *Table {
	t.Helper()
	_, tb := parseDoc(t, src)
	return tb
}

// parseDoc is parseOneTable that also returns the document.
func parseDoc(t *testing.T, src string) (*Document, *Table) {
	t.Helper()
	doc, ds := Parse("s.md", []byte(src))
	if len(ds) > 0 || len(doc.Tables) != 1 {
		t.Fatalf("tables %d, diagnostics %v", len(doc.Tables), ds)
	}
	return doc, doc.Tables[0]
}
