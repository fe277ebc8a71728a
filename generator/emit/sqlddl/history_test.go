package sqlddl

import (
	"context"
	"database/sql"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pressly/goose/v3"

	"github.com/crudgen/crudgen/generator/emit/internal/emittest"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/pgtest"
)

// blogSteps is a spec that changes six times, each version one migration:
// add a column and a table, rename a column, add an index, change an enum
// and widen a column, drop a column (confirmed), rename a table, make a
// column NOT NULL with a default, then add a unique constraint and a
// reference to a new table.
var blogSteps = []string{
	blogSpec("", "| body | text | NULL | The text |", "draft, published", "varchar(100)", "comments", ""),
	blogSpec("| excerpt | text | NULL | Teaser |", "| body | text | NULL | The text |", "draft, published", "varchar(100)", "comments", ""),
	blogSpec("| excerpt | text | NULL | Teaser |", "| content | text | NULL, renamed from body | The text |", "draft, published", "varchar(100)", "comments", ""),
	blogSpec("| excerpt | text | NULL, index | Teaser |", "| content | text | NULL, renamed from body | The text |", "draft, published, archived", "varchar(200)", "comments", ""),
	blogSpec("", "| content | text | NULL, renamed from body | The text |", "draft, published, archived", "varchar(200)", "comments", ""),
	blogSpec("", "| content | text | NULL, renamed from body | The text |", "draft, published, archived", "varchar(200)", "replies", "crudgen: renamed_from=comments"),
	blogSpec("", "| content | text | NOT NULL, DEFAULT '', renamed from body | The text |", "draft, published, archived", "varchar(200)", "replies", "crudgen: renamed_from=comments"),
	blogSpec("| category_id | integer | NULL, FK → categories.id ON DELETE SET NULL | Category |",
		"| content | text | NOT NULL, DEFAULT '', renamed from body | The text |", "draft, published, archived", "varchar(200) UNIQUE", "replies", "crudgen: renamed_from=comments") +
		"\n### categories\n\n| Column | Type | Constraints | Description |\n|---|---|---|---|\n" +
		"| id | serial | PRIMARY KEY | Category id |\n| name | varchar(50) | NOT NULL, UNIQUE | Name |\n",
}

func blogSpec(excerpt, body, statuses, title, comments, commentOpts string) string {
	return "# Blog\n\n### users (managed by Better Auth)\n\n" +
		"| Column | Type | Constraints | Description |\n|---|---|---|---|\n" +
		"| id | text | PRIMARY KEY | User id |\n| email | varchar(255) | NOT NULL, UNIQUE | Email |\n\n" +
		"### posts\n\n" +
		"| Column | Type | Constraints | Description |\n|---|---|---|---|\n" +
		"| id | serial | PRIMARY KEY | Post id |\n" +
		"| user_id | text | NOT NULL, FK → users.id | Author |\n" +
		"| title | " + title + " | NOT NULL | Title |\n" +
		body + "\n" +
		strings.TrimPrefix(excerpt+"\n", "\n") +
		"| status | enum | NOT NULL, DEFAULT 'draft', one of: " + statuses + " | State |\n" +
		"| created_at | timestamp | NOT NULL, DEFAULT now() | Created |\n\n" +
		"### " + comments + "\n\n" + commentOpts + "\n\n" +
		"| Column | Type | Constraints | Description |\n|---|---|---|---|\n" +
		"| id | serial | PRIMARY KEY | Comment id |\n" +
		"| user_id | text | NOT NULL, FK → users.id | Author |\n" +
		"| post_id | integer | NOT NULL, FK → posts.id ON DELETE CASCADE | Post |\n" +
		"| text | varchar(500) | NOT NULL | Comment |\n"
}

// history runs Migrations over each spec in turn, as successive crudgen runs
// would, and returns the migration folder after each run.
func history(t *testing.T, specs []string) []map[string][]byte {
	t.Helper()
	var out []map[string][]byte
	files := map[string][]byte{}
	for i, src := range specs {
		got, ds, err := Migrations(emittest.ParseSpec(t, src), History{Files: files, SpecPath: "schema.md", AllowDestructive: true})
		if err != nil || ds.HasErrors() {
			t.Fatalf("version %d: %v %s", i+1, err, ds)
		}
		files = maps.Clone(files)
		for _, f := range got {
			if old, ok := files[f.Path]; ok && f.Path != SnapshotPath && string(old) != string(f.Content) {
				t.Fatalf("version %d rewrote %s", i+1, f.Path)
			}
			files[f.Path] = f.Content
		}
		out = append(out, files)
	}
	return out
}

// dialectFS is the goose folder of one dialect in a migration folder.
func dialectFS(files map[string][]byte, d Dialect) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, b := range files {
		if dir, base := path.Split(name); dir == "migrations/"+d.Dir()+"/" {
			fsys[base] = &fstest.MapFile{Data: b}
		}
	}
	return fsys
}

func TestHistoryNames(t *testing.T) {
	hist := history(t, blogSteps)
	var got []string
	for name := range hist[len(hist)-1] {
		if strings.HasPrefix(name, "migrations/sqlite/") {
			got = append(got, path.Base(name))
		}
	}
	slices.Sort(got)
	want := []string{
		"00001_init.sql",
		"00002_add_posts_excerpt.sql",
		"00003_rename_posts_body_to_content.sql",
		"00004_alter_posts_title_and_alter_posts_status_and_more.sql",
		"00005_drop_idx_posts_excerpt_and_drop_posts_excerpt.sql",
		"00006_rename_comments_to_replies_and_more.sql",
		"00007_alter_posts_content.sql",
		"00008_add_categories_and_add_posts_category_id_and_more.sql",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("migration files (-want +got):\n%s", diff)
	}
	// A second run without a change writes the same files.
	again, ds, err := Migrations(emittest.ParseSpec(t, blogSteps[len(blogSteps)-1]), History{Files: hist[len(hist)-1]})
	if err != nil || len(ds) > 0 {
		t.Fatal(err, ds)
	}
	for _, f := range again {
		if string(hist[len(hist)-1][f.Path]) != string(f.Content) {
			t.Errorf("%s changed on a run without a spec change", f.Path)
		}
	}
}

// TestUpgradeEqualsFresh applies every migration in order to a database
// created at version 1 with rows in it, and compares the schema with that of
// a fresh database created from the last spec; the rows must survive. Down
// to version 1 must give version 1's schema back.
func TestUpgradeEqualsFresh(t *testing.T) {
	hist := history(t, blogSteps)
	last := hist[len(hist)-1]
	fresh := freshFiles(t, emittest.ParseSpec(t, blogSteps[len(blogSteps)-1]))
	for _, d := range Dialects {
		t.Run(d.Dir(), func(t *testing.T) {
			ctx := context.Background()
			old, up := upgrade(t, d, last, fresh, seedBlog)
			var content, status string
			var replies int
			if err := old.QueryRow("SELECT content, status FROM posts WHERE title = 'first'").Scan(&content, &status); err != nil {
				t.Fatal(err)
			}
			if err := old.QueryRow("SELECT count(*) FROM replies").Scan(&replies); err != nil {
				t.Fatal(err)
			}
			if content != "hello" || status != "published" || replies != 1 {
				t.Errorf("rows after the upgrade: content %q, status %q, %d replies; want hello, published, 1", content, status, replies)
			}
			var empty string
			if err := old.QueryRow("SELECT content FROM posts WHERE title = 'second'").Scan(&empty); err != nil || empty != "" {
				t.Errorf("NULL content became %q (%v), want the default ''", empty, err)
			}

			if _, err := up.DownTo(ctx, 1); err != nil {
				t.Fatal(err)
			}
			v1 := openDB(t, d)
			if _, err := provider(t, v1, d, dialectFS(hist[0], d)).Up(ctx); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(dumpSchema(t, v1, d.Dir()), dumpSchema(t, old, d.Dir())); diff != "" {
				t.Errorf("schema after Down to version 1 differs from version 1 (-v1 +down):\n%s", diff)
			}
			if err := old.QueryRow("SELECT body FROM posts WHERE title = 'first'").Scan(&content); err != nil || content != "hello" {
				t.Errorf("after Down, body = %q (%v), want hello", content, err)
			}
		})
	}
}

// TestExampleUpgradeEqualsFresh does the same for the committed example:
// its whole history, applied to a database at version 1 with a task in it,
// gives the schema the spec would give a new project.
func TestExampleUpgradeEqualsFresh(t *testing.T) {
	files := emittest.TodoHistory(t)
	fresh := freshFiles(t, loadTodo(t))
	for _, d := range Dialects {
		t.Run(d.Dir(), func(t *testing.T) {
			old, _ := upgrade(t, d, files, fresh, func(t *testing.T, db *sql.DB, _ Dialect) {
				if _, err := db.Exec("INSERT INTO tasks (user_id, title) VALUES ('alice', 'kept')"); err != nil {
					t.Fatal(err)
				}
			})
			var title string
			if err := old.QueryRow("SELECT title FROM tasks WHERE user_id = 'alice'").Scan(&title); err != nil || title != "kept" {
				t.Errorf("task after the upgrade: %q (%v)", title, err)
			}
		})
	}
}

// freshFiles is the migration folder a new project with schema s gets.
func freshFiles(t *testing.T, s *ir.Schema) map[string][]byte {
	t.Helper()
	fresh, _, err := Migrations(s, History{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range fresh {
		files[f.Path] = f.Content
	}
	return files
}

// upgrade migrates a database of dialect d to version 1 of history, seeds
// it, applies the rest, and fails the test unless its schema equals that of
// a database migrated with fresh. It returns the upgraded database and its
// goose provider.
func upgrade(t *testing.T, d Dialect, history, fresh map[string][]byte, seed func(*testing.T, *sql.DB, Dialect)) (*sql.DB, *goose.Provider) {
	t.Helper()
	ctx := context.Background()
	old := openDB(t, d)
	up := provider(t, old, d, dialectFS(history, d))
	if _, err := up.UpTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	seed(t, old, d)
	if _, err := up.Up(ctx); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, d)
	if _, err := provider(t, db, d, dialectFS(fresh, d)).Up(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dumpSchema(t, db, d.Dir()), dumpSchema(t, old, d.Dir())); diff != "" {
		t.Errorf("upgraded schema differs from a fresh one (-fresh +upgraded):\n%s", diff)
	}
	return old, up
}

func seedBlog(t *testing.T, db *sql.DB, d Dialect) {
	t.Helper()
	for _, q := range []string{
		"INSERT INTO posts (user_id, title, body, status) VALUES ('alice', 'first', 'hello', 'published')",
		"INSERT INTO posts (user_id, title, status) VALUES ('alice', 'second', 'draft')",
		"INSERT INTO comments (user_id, post_id, text) VALUES ('bob', 1, 'nice')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// openDB returns an empty database of dialect d: a SQLite file with foreign
// keys on and one connection (as the generated server migrates), or a fresh
// PostgreSQL schema (skipped without TEST_DATABASE_URL).
func openDB(t *testing.T, d Dialect) *sql.DB {
	t.Helper()
	if d == Postgres {
		return pgtest.DB(t, "crudgen_sqltest")
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "db.sqlite")+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func provider(t *testing.T, db *sql.DB, d Dialect, fsys fs.FS) *goose.Provider {
	t.Helper()
	gd := goose.DialectPostgres
	if d == SQLite {
		gd = goose.DialectSQLite3
	}
	p, err := goose.NewProvider(gd, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHistoryRefusals pins what needs the user: an unconfirmed drop, a NOT
// NULL column without default, an edited migration, an unrecorded one.
func TestHistoryRefusals(t *testing.T) {
	hist := history(t, blogSteps[:4])
	v4 := hist[3]
	check := func(name string, src string, files map[string][]byte, want string) {
		t.Helper()
		_, ds, err := Migrations(emittest.ParseSpec(t, src), History{Files: files, SpecPath: "schema.md", Dir: "backend"})
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, d := range ds {
			if d.Severity == diag.Error {
				msgs = append(msgs, d.String())
			}
		}
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, want) }) {
			t.Errorf("%s: errors %q, want one containing %q", name, msgs, want)
		}
	}
	// The drop of excerpt is refused at the posts heading, with a hint.
	check("drop", blogSteps[4], v4, "schema.md:10:5: error: column posts.excerpt is no longer in the spec")
	check("rename hint", strings.Replace(blogSteps[3], "| excerpt | text | NULL, index |", "| teaser | text | NULL |", 1), v4,
		"(if teaser is excerpt renamed, write `renamed from excerpt` in its constraints at schema.md:")
	check("not null", strings.Replace(blogSteps[3], "| excerpt | text | NULL, index | Teaser |", "| excerpt | text | NULL, index | Teaser |\n| slug | text | NOT NULL | Slug |", 1), v4,
		"new column posts.slug is NOT NULL without a default")
	check("narrow", strings.Replace(blogSteps[3], "varchar(200)", "varchar(50)", 1), v4, "column posts.title narrows from string(200) to string(50)")
	check("enum", strings.Replace(blogSteps[3], "draft, published, archived", "draft, published", 1), v4, "no longer allows archived")

	edited := maps.Clone(v4)
	edited["migrations/sqlite/00002_add_posts_excerpt.sql"] = append([]byte(nil), edited["migrations/sqlite/00002_add_posts_excerpt.sql"]...)
	edited["migrations/sqlite/00002_add_posts_excerpt.sql"] = append(edited["migrations/sqlite/00002_add_posts_excerpt.sql"], "-- tweak\n"...)
	check("edited", blogSteps[3], edited, "backend/migrations/sqlite/00002_add_posts_excerpt.sql:1:1: error: backend/migrations/sqlite/00002_add_posts_excerpt.sql was edited after crudgen generated it")

	stray := maps.Clone(v4)
	stray["migrations/postgres/00009_other_branch.sql"] = []byte("-- Code generated by crudgen. DO NOT EDIT.\n")
	check("unrecorded", blogSteps[3], stray, "00009_other_branch.sql was generated by crudgen but backend/migrations/schema.json does not record it")

	missing := maps.Clone(v4)
	delete(missing, "migrations/postgres/00003_rename_posts_body_to_content.sql")
	check("missing", blogSteps[3], missing, "records migration backend/migrations/postgres/00003_rename_posts_body_to_content.sql, which is missing")
}
