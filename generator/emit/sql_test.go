package emit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"

	"github.com/crudgen/crudgen/generator/ir"
)

// loadSQLOpenAPITodo reads testdata/todo.ir.json, the hand-built IR of the
// todo spec that the Go emitter's golden tests use too.
func loadSQLOpenAPITodo(t *testing.T) *ir.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "todo.ir.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s ir.Schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// checkTextGolden compares got with the golden file at path, or rewrites the
// file when -update is set.
func checkTextGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestMigrationsGolden(t *testing.T) {
	files, err := emitMigrations(loadSQLOpenAPITodo(t))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		checkTextGolden(t, filepath.Join("testdata", "golden", "sql", filepath.Base(filepath.Dir(f.Path))+"_"+filepath.Base(f.Path)), f.Content)
	}
	want := []string{"migrations/postgres/00001_init.sql", "migrations/sqlite/00001_init.sql"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

// migrationFS returns the generated migration of one dialect as a goose
// migration folder.
func migrationFS(t *testing.T, dialect string) fstest.MapFS {
	t.Helper()
	files, err := emitMigrations(loadSQLOpenAPITodo(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "migrations/"+dialect+"/00001_init.sql" {
			return fstest.MapFS{"00001_init.sql": {Data: f.Content}}
		}
	}
	t.Fatalf("no %s migration among %d files", dialect, len(files))
	return nil
}

func TestMigrationsSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "todo.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_time_format=sqlite")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// The same time format as the generated platform.Open.
	exerciseMigration(t, db, goose.DialectSQLite3, migrationFS(t, "sqlite"), func(int) string { return "?" })
}

func TestMigrationsPostgres(t *testing.T) {
	db := postgresSchema(t)
	exerciseMigration(t, db, goose.DialectPostgres, migrationFS(t, "postgres"), func(i int) string { return "$" + strconv.Itoa(i) })
}

// postgresSchema connects to TEST_DATABASE_URL (the test is skipped when it
// is unset) with a fresh schema first on the search path; the schema is
// dropped when the test ends.
func postgresSchema(t *testing.T) *sql.DB {
	t.Helper()
	dsn := os.Getenv("TEST_DATABASE_URL")
	if dsn == "" {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("crudgen_sqltest_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups run last in, first out: db closes, then the schema is dropped,
	// then admin closes.
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
	})
	t.Cleanup(func() { db.Close() })
	return db
}

// exerciseMigration applies the migration with goose, as the generated server
// does, and checks what the schema promises: the tables exist, timestamps and
// dates scan into time.Time, defaults apply, constraints reject bad rows, the
// unique index holds, an owner needs no row in the managed users table, and
// Down followed by Up works while the managed users table survives. Foreign
// keys between our own tables are exercised by TestMigrationsEdgeApply.
func exerciseMigration(t *testing.T, db *sql.DB, dialect goose.Dialect, fsys fstest.MapFS, ph func(int) string) {
	t.Helper()
	ctx := context.Background()

	// Better Auth may have created its table first; the migration must accept that.
	if _, err := db.ExecContext(ctx, `CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(255) NOT NULL,
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    image TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)`); err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, db, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up: %v", err)
	}

	exec := func(query string, args ...any) error {
		n := 0
		var b strings.Builder
		for _, r := range query {
			if r == '?' {
				n++
				b.WriteString(ph(n))
				continue
			}
			b.WriteRune(r)
		}
		_, err := db.ExecContext(ctx, b.String(), args...)
		return err
	}
	mustExec := func(query string, args ...any) {
		t.Helper()
		if err := exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	mustFail := func(why, query string, args ...any) {
		t.Helper()
		if err := exec(query, args...); err == nil {
			t.Errorf("%s: %s succeeded", why, query)
		}
	}
	count := func(table string) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	now := time.Now().UTC().Truncate(time.Microsecond)
	mustExec("INSERT INTO users (id, email, name) VALUES (?, ?, ?)", "u1", "a@example.com", "Ann")
	mustExec("INSERT INTO users (id, email, name) VALUES (?, ?, ?)", "u2", "b@example.com", "Bob")

	const insertTask = "INSERT INTO tasks (user_id, title, description, completed, priority, due_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	mustExec(insertTask, "u1", "Write the report", nil, false, "high", "2026-03-01", now, now)
	mustExec("INSERT INTO tasks (user_id, title) VALUES (?, ?)", "u1", "Defaults apply")
	// The owner needs no users row: users belongs to Better Auth, which may
	// keep it in another database.
	mustExec(insertTask, "subject-without-a-users-row", "Orphan", nil, false, "low", nil, now, now)
	mustFail("blank title", insertTask, "u1", "   ", nil, false, "low", nil, now, now)
	mustFail("title over 200 characters", insertTask, "u1", strings.Repeat("é", 201), nil, false, "low", nil, now, now)
	mustFail("description over 1000 characters", insertTask, "u1", "Long", strings.Repeat("x", 1001), false, "low", nil, now, now)
	mustFail("priority outside the enum", insertTask, "u1", "Urgent", nil, false, "urgent", nil, now, now)
	mustExec(insertTask, "u1", strings.Repeat("é", 200), nil, true, "low", nil, now, now)

	var (
		created  time.Time
		due      time.Time
		priority string
		done     bool
	)
	row := db.QueryRowContext(ctx, "SELECT created_at, due_date, priority, completed FROM tasks WHERE title = "+ph(1), "Write the report")
	if err := row.Scan(&created, &due, &priority, &done); err != nil {
		t.Fatalf("scanning a task: %v", err)
	}
	if !created.Equal(now) {
		t.Errorf("created_at = %v, want %v", created, now)
	}
	if got := due.Format(time.DateOnly); got != "2026-03-01" {
		t.Errorf("due_date = %s, want 2026-03-01", got)
	}
	if priority != "high" || done {
		t.Errorf("priority, completed = %q, %v; want high, false", priority, done)
	}
	row = db.QueryRowContext(ctx, "SELECT created_at, priority, completed FROM tasks WHERE title = "+ph(1), "Defaults apply")
	if err := row.Scan(&created, &priority, &done); err != nil {
		t.Fatalf("scanning defaults: %v", err)
	}
	if priority != "medium" || done || created.IsZero() {
		t.Errorf("defaults: priority %q, completed %v, created_at %v", priority, done, created)
	}

	const insertTag = "INSERT INTO tags (id, user_id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
	mustExec(insertTag, "5f0c6b8e-2f43-4a55-9d7f-0c7d1c1a0001", "u1", "work", "#ff8800", now, now)
	mustExec(insertTag, "5f0c6b8e-2f43-4a55-9d7f-0c7d1c1a0002", "u2", "work", nil, now, now)
	if err := exec(insertTag, "5f0c6b8e-2f43-4a55-9d7f-0c7d1c1a0003", "u1", "work", nil, now, now); err == nil {
		t.Error("a second tag named work for u1 was accepted")
	} else if !strings.Contains(strings.ToLower(err.Error()), "unique") && !strings.Contains(err.Error(), "23505") {
		t.Errorf("duplicate tag: want a unique violation, got %v", err)
	}
	mustFail("color over 7 characters", insertTag, "5f0c6b8e-2f43-4a55-9d7f-0c7d1c1a0004", "u1", "home", "#ff88001", now, now)

	if _, err := p.Down(ctx); err != nil {
		t.Fatalf("down: %v", err)
	}
	if err := exec("SELECT count(*) FROM tasks"); err == nil {
		t.Error("tasks still exists after Down")
	}
	if n := count("users"); n != 2 {
		t.Errorf("users after Down: %d rows, want the managed table kept with its 2 rows", n)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up after down: %v", err)
	}
	mustExec(insertTask, "u2", "Again", nil, false, "low", nil, now, now)
}

// edgeSchema is a small schema with what the todo spec lacks: a reference
// cycle, camelCase and reserved-word columns, a composite key, a unique column
// on a soft-delete entity, no owner index, the less common types, and string
// literals with quotes, semicolons and a line break (which needs goose's
// StatementBegin and StatementEnd).
func edgeSchema() *ir.Schema {
	zero, hundred := 0.0, 100.0
	users := &ir.Entity{
		Name: "User", Plural: "Users", Table: "users", Route: "users", Managed: true, ManagedBy: "Better Auth",
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Text, PrimaryKey: true, Role: ir.RoleID, ReadOnly: true},
		},
		PrimaryKey: []string{"id"},
	}
	projects := &ir.Entity{
		Name: "Project", Plural: "Projects", Table: "projects", Route: "projects", CRUD: true,
		OwnerField: "userId", SoftDelete: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.BigInt, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "UserID", Column: "userId", JSON: "userId", Type: ir.Text, Role: ir.RoleOwner, ReadOnly: true,
				References: &ir.Reference{Table: "users", Column: "id", OnDelete: "cascade"}},
			{Name: "Name", Column: "name", JSON: "name", Type: ir.String, MaxLength: 80, MinLength: 2, Unique: true, Required: true},
			{Name: "Order", Column: "order", JSON: "order", Type: ir.Int, Min: &zero, Max: &hundred, Default: "0"},
			{Name: "LeadTaskID", Column: "lead_task_id", JSON: "lead_task_id", Type: ir.Int, Nullable: true,
				References: &ir.Reference{Table: "tasks", Column: "id", OnDelete: "SET NULL"}},
			{Name: "Budget", Column: "budget", JSON: "budget", Type: ir.Decimal, Default: "1.50"},
			{Name: "Ratio", Column: "ratio", JSON: "ratio", Type: ir.Float, Nullable: true},
			{Name: "Settings", Column: "settings", JSON: "settings", Type: ir.JSON, Nullable: true},
			{Name: "Logo", Column: "logo", JSON: "logo", Type: ir.Bytes, Nullable: true},
			{Name: "StartsAt", Column: "starts_at", JSON: "starts_at", Type: ir.Time, Nullable: true},
			{Name: "Archived", Column: "archived", JSON: "archived", Type: ir.Bool, Default: "true"},
			{Name: "Ref", Column: "ref", JSON: "ref", Type: ir.UUID, Nullable: true},
			{Name: "Note", Column: "note", JSON: "note", Type: ir.Text, Default: "it's;\ndone"},
			{Name: "DeletedAt", Column: "deleted_at", JSON: "deleted_at", Type: ir.Timestamp, Nullable: true, Role: ir.RoleDeletedAt, ReadOnly: true},
			{Name: "Stage", Column: "Stage", JSON: "stage", Type: ir.Enum, Enum: []string{"new", "it's", "done;"}, Default: "done;"},
		},
		PrimaryKey: []string{"id"},
	}
	tasks := &ir.Entity{
		Name: "Task", Plural: "Tasks", Table: "tasks", Route: "tasks", CRUD: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Int, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "CASCADE"}},
			{Name: "Title", Column: "title", JSON: "title", Type: ir.String},
		},
		PrimaryKey: []string{"id"},
		Indexes:    []*ir.Index{{Columns: []string{"project_id", "title"}, Unique: true}},
	}
	members := &ir.Entity{
		Name: "Member", Plural: "Members", Table: "members", Route: "members", Junction: true,
		Fields: []*ir.Field{
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt, PrimaryKey: true,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "CASCADE"}},
			{Name: "User", Column: "user", JSON: "user", Type: ir.Text, PrimaryKey: true,
				References: &ir.Reference{Table: "users", Column: "id"}},
		},
		PrimaryKey: []string{"project_id", "user"},
	}
	// notes comes before the cycle in spec order but is not on it: only
	// projects.lead_task_id may be deferred.
	notes := &ir.Entity{
		Name: "Note", Plural: "Notes", Table: "notes", Route: "notes", CRUD: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.Int, PrimaryKey: true, AutoIncrement: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "ProjectID", Column: "project_id", JSON: "project_id", Type: ir.BigInt, Nullable: true,
				References: &ir.Reference{Table: "projects", Column: "id", OnDelete: "SET NULL"}},
			// Written as text, but labels.id is a uuid: PostgreSQL needs the same type.
			{Name: "LabelID", Column: "label_id", JSON: "label_id", Type: ir.Text, Nullable: true,
				References: &ir.Reference{Table: "labels", Column: "id", OnDelete: "RESTRICT"}},
			{Name: "LabelSlug", Column: "label_slug", JSON: "label_slug", Type: ir.String, Nullable: true,
				References: &ir.Reference{Table: "Labels", Column: "slug"}},
			// tasks.title is not unique: documented, not a foreign key.
			{Name: "TaskTitle", Column: "task_title", JSON: "task_title", Type: ir.String, Nullable: true,
				References: &ir.Reference{Table: "tasks", Column: "title", OnDelete: "CASCADE"}},
			{Name: "Token", Column: "token", JSON: "token", Type: ir.Text, Default: "uuid"},
			{Name: "ExternalID", Column: "external_id", JSON: "external_id", Type: ir.UUID, Default: "uuid"},
			{Name: "Stamp", Column: "stamp", JSON: "stamp", Type: ir.Text, Default: "now"},
			{Name: "Day", Column: "day", JSON: "day", Type: ir.Date, Default: "now"},
			{Name: "At", Column: "at", JSON: "at", Type: ir.Time, Default: "now"},
		},
		PrimaryKey: []string{"id"},
	}
	labels := &ir.Entity{
		Name: "Label", Plural: "Labels", Table: "labels", Route: "labels", CRUD: true, SoftDelete: true,
		Fields: []*ir.Field{
			{Name: "ID", Column: "id", JSON: "id", Type: ir.UUID, PrimaryKey: true, Role: ir.RoleID, ReadOnly: true},
			{Name: "Slug", Column: "slug", JSON: "slug", Type: ir.String, MaxLength: 40, Unique: true},
			{Name: "Name", Column: "name", JSON: "name", Type: ir.String, Unique: true},
			{Name: "DeletedAt", Column: "deleted_at", JSON: "deleted_at", Type: ir.Timestamp, Nullable: true, Role: ir.RoleDeletedAt, ReadOnly: true},
		},
		PrimaryKey: []string{"id"},
	}
	return &ir.Schema{Entities: []*ir.Entity{users, notes, projects, tasks, members, labels}}
}

func TestMigrationsEdgeGolden(t *testing.T) {
	files, err := emitMigrations(edgeSchema())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		checkTextGolden(t, filepath.Join("testdata", "golden", "sql", "edge_"+filepath.Base(filepath.Dir(f.Path))+".sql"), f.Content)
	}
}

// TestMigrationsEdgeApply applies the edge-case migrations to real databases:
// Up, Down and Up again must all succeed, and the quoted names, the cycle and
// the literals must round-trip.
func TestMigrationsEdgeApply(t *testing.T) {
	files, err := emitMigrations(edgeSchema())
	if err != nil {
		t.Fatal(err)
	}
	fsys := func(dialect string) fstest.MapFS {
		for _, f := range files {
			if f.Path == "migrations/"+dialect+"/00001_init.sql" {
				return fstest.MapFS{"00001_init.sql": {Data: f.Content}}
			}
		}
		t.Fatalf("no %s migration", dialect)
		return nil
	}
	check := func(t *testing.T, db *sql.DB, dialect goose.Dialect, fsys fstest.MapFS) {
		ctx := context.Background()
		p, err := goose.NewProvider(dialect, db, fsys)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		for _, q := range []string{
			`INSERT INTO users (id) VALUES ('u1')`,
			`INSERT INTO projects ("userId", name) VALUES ('u1', 'alpha')`,
			`INSERT INTO tasks (project_id, title) VALUES (1, 'first')`,
			`UPDATE projects SET lead_task_id = 1 WHERE id = 1`,
			`INSERT INTO members (project_id, "user") VALUES (1, 'u1')`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var note, stage, budget string
		var order int
		var archived bool
		if err := db.QueryRowContext(ctx, `SELECT note, "Stage", budget, "order", archived FROM projects`).Scan(&note, &stage, &budget, &order, &archived); err != nil {
			t.Fatal(err)
		}
		if note != "it's;\ndone" || stage != "done;" || budget != "1.5" && budget != "1.50" || order != 0 || !archived {
			t.Errorf("defaults: note %q, Stage %q, budget %q, order %d, archived %v", note, stage, budget, order, archived)
		}
		for _, bad := range []string{
			`INSERT INTO projects ("userId", name) VALUES ('u1', 'alpha')`,              // unique name
			`INSERT INTO projects ("userId", name) VALUES ('u1', 'a')`,                  // min length
			`INSERT INTO projects ("userId", name, "order") VALUES ('u1', 'beta', 101)`, // max
			`INSERT INTO projects ("userId", name, "Stage") VALUES ('u1', 'beta', 'old')`,
			`INSERT INTO members (project_id, "user") VALUES (1, 'u1')`,
		} {
			if _, err := db.ExecContext(ctx, bad); err == nil {
				t.Errorf("%s succeeded", bad)
			}
		}
		const label = "0d6f9a52-8a43-4bde-9a43-6a0f2f1e0001"
		for _, q := range []string{
			`INSERT INTO labels (id, slug, name) VALUES ('` + label + `', 'red', 'Red')`,
			`INSERT INTO notes (project_id, label_id, label_slug) VALUES (1, '` + label + `', 'red')`,
			`UPDATE labels SET deleted_at = CURRENT_TIMESTAMP`,
			// A soft-deleted label frees its name, but not its slug, which
			// a foreign key points at.
			`INSERT INTO labels (id, slug, name) VALUES ('0d6f9a52-8a43-4bde-9a43-6a0f2f1e0002', 'red2', 'Red')`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var token, external, stamp string
		if err := db.QueryRowContext(ctx, `SELECT token, CAST(external_id AS TEXT), stamp FROM notes`).Scan(&token, &external, &stamp); err != nil {
			t.Fatal(err)
		}
		uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
		if !uuidRE.MatchString(token) || !uuidRE.MatchString(external) || token == external || !strings.HasPrefix(stamp, "20") {
			t.Errorf("generated defaults: token %q, external_id %q, stamp %q", token, external, stamp)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO notes (task_title) VALUES ('no such task')`); err != nil {
			t.Errorf("a loose reference was enforced: %v", err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO labels (id, slug, name) VALUES ('0d6f9a52-8a43-4bde-9a43-6a0f2f1e0003', 'red', 'Other')`); err == nil {
			t.Error("a slug that a foreign key points at was reused")
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM labels WHERE id = '`+label+`'`); err == nil {
			t.Error("deleting a label a note references (ON DELETE RESTRICT) succeeded")
		}
		// Deleting a project cascades to its tasks and members and clears the
		// notes that pointed at it.
		if _, err := db.ExecContext(ctx, `DELETE FROM projects WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		var tasksLeft, membersLeft, notesLinked int
		if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM members), (SELECT count(*) FROM notes WHERE project_id IS NOT NULL)`).Scan(&tasksLeft, &membersLeft, &notesLinked); err != nil {
			t.Fatal(err)
		}
		if tasksLeft != 0 || membersLeft != 0 || notesLinked != 0 {
			t.Errorf("after deleting the project: %d tasks, %d members, %d linked notes; want 0, 0, 0", tasksLeft, membersLeft, notesLinked)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO projects ("userId", name) VALUES ('u1', 'alpha')`); err != nil {
			t.Fatal(err)
		}
		// A soft-deleted project frees its name.
		if _, err := db.ExecContext(ctx, `UPDATE projects SET deleted_at = CURRENT_TIMESTAMP WHERE name = 'alpha'`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO projects ("userId", name) VALUES ('u1', 'alpha')`); err != nil {
			t.Errorf("reusing the name of a soft-deleted project: %v", err)
		}
		if _, err := p.Down(ctx); err != nil {
			t.Fatalf("down: %v", err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up again: %v", err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "edge.db")+"?_pragma=foreign_keys(1)&_time_format=sqlite")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		check(t, db, goose.DialectSQLite3, fsys("sqlite"))
	})
	t.Run("postgres", func(t *testing.T) {
		db := postgresSchema(t)
		check(t, db, goose.DialectPostgres, fsys("postgres"))
	})
}

func TestSQLIdent(t *testing.T) {
	for in, want := range map[string]string{
		"tasks":      "tasks",
		"user_id":    "user_id",
		"_x1":        "_x1",
		"user":       `"user"`,
		"order":      `"order"`,
		"group":      `"group"`,
		"key":        `"key"`,
		"userId":     `"userId"`,
		"Tasks":      `"Tasks"`,
		"1st":        `"1st"`,
		"due date":   `"due date"`,
		`say"hi"`:    `"say""hi"""`,
		"café":       `"café"`,
		"created_at": "created_at",
	} {
		if got := sqlIdent(in); got != want {
			t.Errorf("sqlIdent(%q) = %s, want %s", in, got, want)
		}
	}
	if got := sqlString("it's"); got != "'it''s'" {
		t.Errorf("sqlString = %s", got)
	}
	long := sqlConstraintName("idx", "a_rather_long_table_name_for_testing", "and_an_even_longer_column_name_here")
	if len(long) > 63 || sqlIdent(long) != long {
		t.Errorf("long constraint name %q (%d bytes) is not a plain name within 63 bytes", long, len(long))
	}
	if a, b := sqlConstraintName("idx", "t", strings.Repeat("a", 70)), sqlConstraintName("idx", "t", strings.Repeat("a", 71)); a == b {
		t.Errorf("two long names collide: %s", a)
	}
	if got := sqlConstraintName("idx", "projects", "userId"); got != "idx_projects_userid" {
		t.Errorf("sqlConstraintName = %s", got)
	}
}

func TestMigrationsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		change     func(s *ir.Schema)
	}{
		{"unknown table", `unknown table "owners"`, func(s *ir.Schema) {
			s.Entity("Task").Field("user_id").References.Table = "owners"
		}},
		{"unknown column", "unknown column users.uid", func(s *ir.Schema) {
			s.Entity("Task").Field("user_id").References.Column = "uid"
		}},
		{"bad boolean default", `default "maybe" is not a boolean`, func(s *ir.Schema) {
			s.Entity("Task").Field("completed").Default = "maybe"
		}},
		{"bad integer default", `default "many" is not an integer`, func(s *ir.Schema) {
			s.Entity("Task").Field("id").AutoIncrement = false
			s.Entity("Task").Field("id").Default = "many"
		}},
		{"auto increment on text", "auto increment needs a single integer primary key", func(s *ir.Schema) {
			s.Entity("Tag").Field("id").AutoIncrement = true
		}},
		{"index on unknown column", `unknown column "done"`, func(s *ir.Schema) {
			s.Entity("Task").Indexes[0].Columns = []string{"done"}
		}},
		{"two entities, one table", `both use table "Tasks"`, func(s *ir.Schema) {
			s.Entity("Tag").Table = "Tasks"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSQLOpenAPITodo(t)
			tc.change(s)
			_, err := emitMigrations(s)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
