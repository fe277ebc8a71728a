package sqlddl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
)

const lintSpec = `# Notes

### users (managed by Better Auth)

| Column | Type | Constraints |
|---|---|---|
| id | text | PRIMARY KEY |

### folders

| Column | Type | Constraints |
|---|---|---|
| id | serial | PRIMARY KEY |
| user_id | text | NOT NULL, FK → users.id |
| name | varchar(50) | NOT NULL |
| created_at | timestamp | NOT NULL, DEFAULT now() |

### notes

crudgen: sortable=title,due,rank

| Column | Type | Constraints |
|---|---|---|
| id | serial | PRIMARY KEY |
| user_id | text | NOT NULL, FK → users.id |
| folder_id | int | NULL, FK → folders.id |
| title | varchar(200) | NOT NULL |
| due | date | NULL |
| rank | int | NOT NULL, DEFAULT 0 |
| done | boolean | NOT NULL, DEFAULT false |
| created_at | timestamp | NOT NULL, DEFAULT now() |
| updated_at | timestamp | NOT NULL, DEFAULT now() |
| deleted_at | timestamp | NULL |

` + "```sql\nCREATE INDEX idx_notes_user_rank ON notes (user_id, rank);\n```\n"

// TestIndexesFollowQueries pins the indexes the list, owner, soft-delete and
// reference queries need: the list index in the default order (partial on a
// soft-delete entity), one per reference column, the spec's as written.
func TestIndexesFollowQueries(t *testing.T) {
	s := emittest.ParseSpec(t, lintSpec)
	plan, err := planTables(s)
	if err != nil {
		t.Fatal(err)
	}
	st, err := stateOf(plan)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, tb := range st.Tables {
		for _, ix := range tb.Indexes {
			got[tb.Name] = append(got[tb.Name], ix.SQL)
		}
	}
	want := map[string][]string{
		"folders": {"CREATE INDEX IF NOT EXISTS idx_folders_user_id_created_at ON folders (user_id, created_at DESC, id);"},
		"notes": {
			"CREATE INDEX IF NOT EXISTS idx_notes_user_rank ON notes (user_id, rank);",
			"CREATE INDEX IF NOT EXISTS idx_notes_user_id_created_at ON notes (user_id, created_at DESC, id) WHERE deleted_at IS NULL;",
			"CREATE INDEX IF NOT EXISTS idx_notes_folder_id ON notes (folder_id);",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("indexes (-want +got):\n%s", diff)
	}
}

// TestIndexLint: a sortable field without an index is a warning at its line
// that names the index to add; fields an index serves, text (sorted by its
// folded form, which a plain index does not serve), booleans and updated_at
// are not.
func TestIndexLint(t *testing.T) {
	ds := IndexLint(emittest.ParseSpec(t, lintSpec))
	if len(ds) != 1 {
		t.Fatalf("got %d diagnostics, want 1:\n%s", len(ds), ds)
	}
	d := ds[0]
	if d.Pos.Line != 28 || d.Pos.Col == 0 {
		t.Errorf("position %v, want line 28 (the due row)", d.Pos)
	}
	if want := "add `CREATE INDEX idx_notes_user_id_due ON notes (user_id, due);`"; !strings.Contains(d.Message, want) || !strings.Contains(d.Message, "`due` is sortable") {
		t.Errorf("message %q does not name the field and %s", d.Message, want)
	}
}

// TestRedundantIndexLint: an index whose columns begin another index (or the
// primary key) is a warning at its line; of two equal indexes the second is;
// unique indexes and a longer index that shares only a later column are not.
// Equal indexes and an index of the primary key are ir's to warn about.
func TestRedundantIndexLint(t *testing.T) {
	spec := lintSpec + "```sql\n" +
		"CREATE INDEX idx_notes_user ON notes (user_id);\n" +
		"CREATE INDEX idx_notes_rank ON notes (rank);\n" +
		"CREATE INDEX idx_notes_id ON notes (id);\n" +
		"CREATE UNIQUE INDEX uq_notes_user_title ON notes (user_id, title);\n" +
		"CREATE UNIQUE INDEX uq_notes_user ON notes (user_id);\n" +
		"CREATE INDEX idx_notes_user_rank_2 ON notes (user_id, rank);\n" +
		"```\n"
	ds := RedundantIndexLint(emittest.ParseSpec(t, spec))
	var got []string
	for _, d := range ds {
		if d.Pos.Line == 0 || d.Pos.Col == 0 {
			t.Errorf("%s: no position", d.Message)
		}
		got = append(got, d.Message[:strings.Index(d.Message, ", which")])
	}
	// (ir warns about idx_notes_id and idx_notes_user_rank_2, which it does
	// not create: the primary key's columns, another index's columns.)
	want := []string{
		"index `idx_notes_user` (user_id) repeats the first columns of `idx_notes_user_rank` (user_id, rank)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
