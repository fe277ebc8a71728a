package ir_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
)

// tbl builds a spec of one Markdown table under a heading.
func tbl(heading string, rows ...string) string {
	return "## " + heading + "\n\n| Column | Type | Constraints |\n|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
}

// brokenSpecs are specs with one mistake each, and the exact diagnostics
// crudgen prints for them (warnings about ownership included, so a change in
// any message shows up here).
// ownerlessWarning is in the warning every entity without owner and without
// write= gets; only the cases with policy set pin it.
const ownerlessWarning = "has no owner column: every signed-in user may read its rows"

// load resolves src as schema.md and returns the schema, whether a
// diagnostic is an error, and the diagnostics as printed, without the
// warning of entities without an owner (TestBrokenSpecs pins it).
func load(src string) (s *ir.Schema, failed bool, diags []string) {
	s, ds := generator.Load("schema.md", []byte(src))
	for _, d := range ds {
		if !strings.Contains(d.Message, ownerlessWarning) {
			diags = append(diags, d.String())
		}
	}
	return s, ds.HasErrors(), diags
}

var brokenSpecs = []struct {
	name   string
	src    string
	policy bool // keep the warnings about default policies
	want   []string
}{
	{name: "empty file", src: "", want: []string{"schema.md:1:1: error: no entities found; describe each table under its own heading, for example:\n\n    ## tasks\n\n    | Column | Type | Constraints |\n    |---|---|---|\n    | id | integer | primary key |\n    | title | varchar(200) | not null |\n\n  (bullets such as `- title: string, required`, ```sql CREATE TABLE blocks, SQLModel classes,\n  Mermaid erDiagram and Prisma models work too; see specs/README.md)"}},
	{name: "prose only", src: "# Notes\n\nWe will store tasks somewhere.\n", want: []string{"schema.md:1:1: error: no entities found; describe each table under its own heading, for example:\n\n    ## tasks\n\n    | Column | Type | Constraints |\n    |---|---|---|\n    | id | integer | primary key |\n    | title | varchar(200) | not null |\n\n  (bullets such as `- title: string, required`, ```sql CREATE TABLE blocks, SQLModel classes,\n  Mermaid erDiagram and Prisma models work too; see specs/README.md)"}},
	{name: "unknown type with a close spelling", src: tbl("tasks", "| id | integer | primary key |", "| title | strng | not null |"), want: []string{"schema.md:6:11: error: unknown type `strng`; did you mean `string`?"}},
	{name: "unknown integer spelling", src: tbl("tasks", "| id | integr | primary key |"), want: []string{"schema.md:5:8: error: unknown type `integr`; did you mean `integer`?"}},
	{name: "unknown exotic type", src: tbl("tasks", "| id | integer | primary key |", "| shape | polygon | |"), want: []string{"schema.md:6:11: warning: unknown type `polygon` for column `shape`; treating it as text (use one of: string, text, int, bigint, float, decimal, bool, uuid, timestamp, date, time, json, bytes, enum)"}},
	{name: "reference to an unknown table", src: tbl("tasks", "| id | integer | primary key |", "| parent_id | integer | references taks(id) |"), want: []string{"schema.md:6:36: error: `tasks.parent_id` references unknown table `taks`; did you mean `tasks`?"}},
	{name: "reference to a table far from any other", src: tbl("tasks", "| id | integer | primary key |", "| board_id | integer | references boards(id) |"), want: []string{"schema.md:6:35: error: `tasks.board_id` references unknown table `boards`; describe that table or remove the reference"}},
	{name: "reference to an unknown column", src: tbl("lists", "| id | integer | primary key |") + tbl("tasks", "| id | integer | primary key |", "| list_id | integer | FK → lists.ident |"), want: []string{"schema.md:11:30: error: `tasks.list_id` references column `lists.ident`, which does not exist"}},
	{name: "duplicate column", src: tbl("tasks", "| id | integer | primary key |", "| title | text | |", "| title | varchar(20) | |"), want: []string{"schema.md:7:3: warning: column `title` of `tasks` is listed again (first at schema.md:6:3); crudgen keeps the first (remove this row)"}},
	{name: "column defined twice with different types", src: tbl("tasks", "| id | integer | primary key |", "| title | text | |", "| title | integer | |"), want: []string{"schema.md:7:3: error: column `title` of `tasks` is defined twice with different types (int here, text at schema.md:6:3); keep one of the rows"}},
	{name: "misspelt type in a bullet", src: "## tasks\n\n- id: integer, primary key\n- title: strng, required\n", want: []string{"schema.md:4:10: error: unknown type `strng`; did you mean `string`?"}},
	{name: "bullet description that looks like a type", src: "## tasks\n\n- id: integer, primary key\n- rank: int\n- title: Title\n", want: []string{"schema.md:5:3: warning: column `title` of `tasks` has no type; assuming string from its name (write it as `title: string`)"}},
	{name: "enum default outside the values", src: tbl("tasks", "| id | integer | primary key |", "| priority | enum('low','high') | default 'hgh' |"), want: []string{"schema.md:6:43: warning: default `hgh` of `tasks.priority` is not one of its values (low, high) (did you mean `high`?); the column gets no default"}},
	{name: "boolean default that is not one", src: tbl("tasks", "| id | integer | primary key |", "| done | boolean | default maybe |"), want: []string{"schema.md:6:28: warning: default `maybe` of `tasks.done` is not a boolean (write true or false); the column gets no default"}},
	{name: "integer default that is not one", src: tbl("tasks", "| id | integer | primary key |", "| rank | integer | default high |"), want: []string{"schema.md:6:28: warning: default `high` of `tasks.rank` is not an integer; the column gets no default"}},
	{name: "enum without values", src: tbl("tasks", "| id | integer | primary key |", "| kind | enum | not null |"), want: []string{"schema.md:6:10: warning: enum column `kind` lists no values; crudgen makes it text (write the values in the type, enum('low','high'), or the description, one of: low, high)"}},
	{name: "default longer than the column", src: tbl("tasks", "| id | integer | primary key |", "| code | varchar(2) | default 'abc' |"), want: []string{"schema.md:6:31: warning: default `abc` of `tasks.code` is longer than its maximum length 2; the column gets no default"}},
	{name: "unknown option key", src: "## tasks\n\ncrudgen: rout=todos\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:3:10: error: unknown option `rout`; did you mean `route`?"}},
	{name: "crud option that is not on or off", src: "## tasks\n\ncrudgen: crud=sometimes\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:3:15: error: option crud=sometimes: write on or off"}},
	{name: "owner option naming a missing column", src: "## tasks\n\ncrudgen: owner=usr_id\n\n| Column | Type |\n|---|---|\n| id | serial |\n| user_id | text |\n", want: []string{"schema.md:3:16: error: option owner names column `usr_id`, which `tasks` does not have; did you mean `user_id`?"}},
	{name: "soft delete without deleted_at", src: "## tasks\n\ncrudgen: soft_delete=on\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:3:22: error: option soft_delete=on: `tasks` has no deleted_at column; add `deleted_at timestamp NULL` or name the column (soft_delete=<column>)"}},
	{name: "route option with a slash inside", src: "## tasks\n\ncrudgen: route=my/tasks\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:3:16: error: option route=my/tasks: a route is one lower-case path segment such as `todos`"}},
	{name: "name option that is not exported", src: "## tasks\n\ncrudgen: name=task\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:3:15: error: option name=task: the entity name must be an exported Go identifier such as `Todo`"}},
	{name: "sortable option naming a missing column", src: "## tasks\n\ncrudgen: sortable=titel\n\n| Column | Type |\n|---|---|\n| id | serial |\n| title | text |\n", want: []string{"schema.md:3:19: error: option sortable names column `titel`, which `tasks` does not have; did you mean `title`?"}},
	{name: "two entities with one route", src: "## tasks\n\ncrudgen: route=items\n\n| Column | Type |\n|---|---|\n| id | serial |\n\n## notes\n\ncrudgen: route=items\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:9:4: error: route /api/items of `notes` is also the route of `tasks`; set `crudgen: route=...` on one of them"}},
	{name: "two entities with one Go name", src: "## tasks\n\n| Column | Type |\n|---|---|\n| id | serial |\n\n## notes\n\ncrudgen: name=Task\n\n| Column | Type |\n|---|---|\n| id | serial |\n", want: []string{"schema.md:7:4: error: entity `Task` (table `notes`) has the same Go name as table `tasks` at schema.md:1:4; rename one or set `crudgen: name=...`"}},
	{name: "misspelt constraint", src: tbl("tasks", "| id | integer | primary key |", "| title | text | unqiue, not null |"), want: []string{"schema.md:6:18: warning: unknown constraint `unqiue`; did you mean `unique`?"}},
	{name: "no primary key at all", src: tbl("tasks", "| title | text | not null |"), want: []string{"schema.md:1:4: warning: `tasks` has no primary key; crudgen adds `id integer primary key` (declare one to choose its type)"}},
	{name: "index of the primary key and an index given twice", src: tbl("tasks", "| id | integer | primary key |", "| rank | integer | |") +
		"\n```sql\nCREATE INDEX idx_tasks_id ON tasks (id);\nCREATE INDEX idx_tasks_rank ON tasks (rank);\nCREATE INDEX idx_tasks_rank_again ON tasks (rank);\n```\n",
		want: []string{
			"schema.md:9:14: warning: index `idx_tasks_id` (id) is the primary key's, which already indexes `tasks`; not created: drop it from the spec's indexes",
			"schema.md:11:14: warning: index `idx_tasks_rank_again` (rank) has the columns of index `idx_tasks_rank` at schema.md:10:14; not created: drop one of them from the spec's indexes",
		}},
	{name: "junction table", src: tbl("tags", "| id | integer | primary key |") + tbl("notes", "| id | integer | primary key |") + tbl("note_tags", "| note_id | integer | primary key, references notes(id) |", "| tag_id | integer | primary key, references tags(id) |"), want: nil},
	{name: "junction table to a managed table", src: tbl("users (managed by Better Auth)", "| id | text | primary key |") + tbl("notes", "| id | integer | primary key |") + tbl("note_users", "| note_id | integer | primary key, references notes(id) |", "| user_id | text | primary key, references users(id) |"), want: []string{"schema.md:11:4: warning: `note_users` is a junction table (its primary key is note_id, user_id, two references); crudgen creates the table but gives it link routes only when both references point at the keys of two different tables with routes"}},
	{name: "table and SQL disagree", src: tbl("tasks", "| id | integer | primary key |", "| done | boolean | not null |") + "\n```sql\nCREATE TABLE tasks (id INTEGER PRIMARY KEY, done TEXT NOT NULL);\n```\n", want: []string{"schema.md:9:45: warning: column `tasks.done`: type `text` here conflicts with the definition at schema.md:6:3; keeping the first"}},
	{name: "ALTER TABLE of an unknown table", src: tbl("tasks", "| id | integer | primary key |") + "\n```sql\nALTER TABLE taks ADD CONSTRAINT c CHECK (id > 0);\n```\n", want: []string{"schema.md:8:35: warning: ALTER TABLE names table `taks`, which the spec does not define; ignored (did you mean `tasks`?)"}},
	{name: "index on an unknown column", src: tbl("tasks", "| id | integer | primary key |") + "\n```sql\nCREATE INDEX idx_tasks_title ON tasks (titel);\n```\n", want: []string{"schema.md:8:14: warning: index `idx_tasks_title` names column `titel`, which `tasks` does not have; ignored"}},
	{name: "index on an unknown table", src: tbl("tasks", "| id | integer | primary key |") + "\n```sql\nCREATE INDEX idx_task_id ON taks (id);\n```\n", want: []string{"schema.md:8:14: warning: index `idx_task_id` is on table `taks`, which the spec does not define; ignored (did you mean `tasks`?)"}},
	{name: "options line outside a table section", src: "# App\n\ncrudgen: crud=off\n\n" + tbl("tasks", "| id | integer | primary key |"), want: []string{"schema.md:3:1: warning: crudgen options line is not under a table's heading; ignored"}},
	{name: "soft-delete column that is NOT NULL", src: tbl("tasks", "| id | integer | primary key |", "| deleted_at | timestamp | not null |"), want: []string{"schema.md:6:3: warning: soft-delete column `deleted_at` must be nullable; crudgen treats it as nullable"}},
	{name: "column without a type", src: "## tasks\n- id: integer (primary key)\n- title: string\n- colour\n", want: []string{"schema.md:4:3: warning: column `colour` of `tasks` has no type; assuming text (write it as `colour: string`)"}},
	{name: "entity without an owner next to owned ones", src: tbl("tasks", "| id | integer | primary key |", "| user_id | text | references users(id) |") + tbl("labels", "| id | integer | primary key |") + tbl("users (managed by Better Auth)", "| id | text | primary key |"), policy: true, want: []string{"schema.md:7:4: warning: `labels` has no owner column: every signed-in user may read its rows and only the admin role may change them; write `crudgen: write=authenticated` (or read=public, role:NAME) under its heading to choose, or name its owner with owner=<column>"}},
	{name: "write=public", src: "## notes\n\ncrudgen: write=public\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | integer | primary key |\n", want: []string{"schema.md:3:16: error: option write=public: writes always need a signed-in caller; write `write=authenticated` or `write=owner`"}},
	{name: "read=owner without owner", src: "## notes\n\ncrudgen: read=owner write=authenticated\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | integer | primary key |\n", want: []string{"schema.md:3:15: error: option read=owner: `notes` has no owner column; name it with `owner=<column>` or write read=authenticated"}},
	{name: "unknown access rule", src: "## notes\n\ncrudgen: write=authenticted\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | integer | primary key |\n", policy: true, want: []string{"schema.md:1:4: warning: `notes` has no owner column: every signed-in user may read its rows and only the admin role may change them; write `crudgen: write=authenticated` (or read=public, role:NAME) under its heading to choose, or name its owner with owner=<column>", "schema.md:3:16: error: option write=authenticted: write owner, authenticated or role:NAME; did you mean `write=authenticated`?"}},
	{name: "server-managed column without default", src: "## posts\n\ncrudgen: readonly=views write=authenticated\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | integer | primary key |\n| views | integer | not null |\n", want: []string{"schema.md:8:3: error: column `posts.views` is server-managed (read-only for clients) and NOT NULL without a default, so a new row could not be inserted; give it a default (`DEFAULT 0`) or make it nullable"}},
	{name: "CHECK naming a missing column", src: "```sql\nCREATE TABLE tasks (id INTEGER PRIMARY KEY, CHECK (titel <> ''));\n```\n", want: []string{"schema.md:2:45: warning: CHECK names column `titel`, which `tasks` does not have"}},
	{name: "composite foreign key", src: "```sql\nCREATE TABLE a (x INT, y INT, PRIMARY KEY (x, y));\nCREATE TABLE b (id INT PRIMARY KEY, x INT, y INT, FOREIGN KEY (x, y) REFERENCES a (x, y));\n```\n", want: []string{"schema.md:2:14: warning: `a` has a composite primary key (x, y); crudgen creates the table but generates no routes for it", "schema.md:3:51: warning: composite foreign key (x, y) of `b` is not supported; ignored"}},
	{name: "column named like a generated method", src: tbl("tasks", "| id | integer | primary key |", "| validate | boolean | not null |"), want: []string{"schema.md:6:3: warning: column `validate` of `tasks` would be Go field Validate, a method of the generated types; it is named ValidateValue instead"}},
	{name: "column name of several words", src: tbl("tasks", "| id | integer | primary key |", "| Due Date | date | null |"), want: []string{"schema.md:6:3: warning: column name `Due Date` is not a SQL identifier; using `due_date` (write `due_date` in the spec to choose the name yourself)"}},
	{name: "own users table with routes", src: tbl("users", "| id | integer | primary key |", "| email | text | unique |") + tbl("tasks", "| id | integer | primary key |", "| user_id | integer | references users(id) |"), want: []string{"schema.md:1:4: warning: `users` owns other tables but gets routes of its own: every signed-in user can read every user, and the admin role can change them; write `crudgen: managed=on` under its heading when an auth provider maintains it, or `crudgen: owner=none` to keep the routes"}},
	{name: "partial unique table constraint", src: "## tasks\n\n```sql\nCREATE TABLE tasks (\n  id integer PRIMARY KEY,\n  pinned boolean NOT NULL,\n  CONSTRAINT one_pinned UNIQUE (pinned) WHERE pinned = 1\n);\n```\n", want: []string{"schema.md:7:25: warning: partial unique index `one_pinned` (WHERE pinned = 1) is not supported; ignored"}},
	{name: "partial unique index", src: tbl("tasks", "| id | integer | primary key |", "| pinned | boolean | not null |") + "\n```sql\nCREATE UNIQUE INDEX one_pinned ON tasks (pinned) WHERE pinned;\n```\n", want: []string{"schema.md:9:21: warning: partial unique index `one_pinned` (WHERE pinned) is not supported; ignored"}},
	{name: "a table named like another's list page", src: tbl("tasks", "| id | integer | primary key |") + "\n" + tbl("task_lists", "| id | integer | primary key |"), want: []string{"schema.md:7:4: error: `task_lists` would declare TaskList (its type), which `tasks` at schema.md:1:4 declares too (its list page schema); set `crudgen: name=...` under one of their headings"}},
	{name: "a table named like another's enum type", src: tbl("tasks", "| id | integer | primary key |", "| priority | enum('low','high') | not null |") + "\n" + tbl("task_priorities", "| id | integer | primary key |"), want: []string{"schema.md:8:4: error: `task_priorities` would declare TaskPriority (its type), which `tasks` at schema.md:1:4 declares too (its enum type of `priority`); set `crudgen: name=...` under one of their headings"}},
	{name: "a table of errors", src: tbl("errors", "| id | integer | primary key |"), want: []string{"schema.md:1:4: warning: the Go name Error of `errors` is the error schema; its types are named ErrorRecord instead (set `crudgen: name=...` under its heading to choose)"}},
	{name: "a table of timestamp filters", src: tbl("timestamp_filters", "| id | integer | primary key |"), want: []string{"schema.md:1:4: warning: the Go name TimestampFilter of `timestamp_filters` is the schema of a timestamp filter value; its types are named TimestampFilterRecord instead (set `crudgen: name=...` under its heading to choose)"}},
	{name: "users table not described", src: tbl("tasks", "| id | integer | primary key |", "| user_id | text | references users(id) |"), want: []string{"schema.md:6:31: warning: `tasks.user_id` references `users`, which the spec does not describe; it is kept as a plain owner id without a foreign key"}},
}

// TestBrokenSpecs pins the exact diagnostics of each broken spec.
func TestBrokenSpecs(t *testing.T) {
	for _, tc := range brokenSpecs {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := generator.Load("schema.md", []byte(tc.src))
			var got []string
			for _, d := range ds {
				if !tc.policy && strings.Contains(d.Message, ownerlessWarning) {
					continue // pinned by the cases about policies
				}
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnumConst(t *testing.T) {
	e := &ir.Entity{Name: "Patient"}
	f := &ir.Field{Name: "BloodType", Enum: []string{"A+", "A-", "AB+", "O", "on-hold", "on_hold"}}
	var got []string
	for _, v := range f.Enum {
		got = append(got, e.EnumConst(f, v))
	}
	want := []string{"PatientBloodTypeAPlus", "PatientBloodTypeAMinus", "PatientBloodTypeAbPlus", "PatientBloodTypeO", "PatientBloodTypeOnHold", "PatientBloodTypeOnHold2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
