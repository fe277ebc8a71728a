package blocks

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// at returns the position of body line line (1-based) and byte column col
// of a block whose body starts on line 11 of schema.md.
func at(line, col int) diag.Pos { return diag.Pos{File: "schema.md", Line: 10 + line, Col: col} }

// blockCase is one table-driven test of a block parser.
type blockCase struct {
	name  string
	src   string
	col   int // start column of the fence body; 0 means 1
	want  Result
	diags []string
}

// runBlockCases runs cases through parse and compares with cmp.Diff. With
// BLOCKS_GOLIT=1 it prints every result as a Go literal instead.
func runBlockCases(t *testing.T, parse func(string, diag.Pos) (Result, diag.List), cases []blockCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := diag.Pos{File: "schema.md", Line: 11, Col: max(tc.col, 1)}
			got, diags := parse(tc.src, start)
			if os.Getenv("BLOCKS_GOLIT") != "" {
				t.Logf("\n%s", goLit(got, diags))
				return
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("result mismatch (-want +got):\n%s", d)
			}
			var ds []string
			for _, d := range diags {
				ds = append(ds, d.String())
			}
			if d := cmp.Diff(tc.diags, ds, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestSQL(t *testing.T) {
	runBlockCases(t, SQL, sqlCases)
}

var sqlCases = []blockCase{
	{
		name: "postgres",
		src: `-- Tasks owned by users
CREATE TYPE task_priority AS ENUM ('low', 'medium', 'high');

CREATE TABLE IF NOT EXISTS public."tasks" (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     TEXT NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE, -- the owner
    title       VARCHAR(200) NOT NULL CHECK (length(title) > 0),
    priority    task_priority NOT NULL DEFAULT 'medium'::task_priority,
    amount      NUMERIC(10, 2) DEFAULT 0.00,
    tags        TEXT[] DEFAULT '{}',
    due_at      TIMESTAMP WITH TIME ZONE,
    ratio       DOUBLE PRECISION,
    code        CHARACTER VARYING(50) COLLATE "C" UNIQUE,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    done        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT tasks_title_per_user UNIQUE (user_id, title),
    CHECK (amount >= 0)
);

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_tasks_open
    ON public.tasks USING btree (user_id, lower(title), created_at DESC)
    WHERE done = false;
COMMENT ON TABLE tasks IS 'Things to do';
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "tasks", Pos: at(4, 35), Source: "sql", Comment: "Things to do",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(5, 5), Type: "UUID", TypePos: at(5, 17), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(5, 22)}, {Text: "DEFAULT gen_random_uuid()", Pos: at(5, 34)}}},
						{Name: "user_id", Pos: at(6, 5), Type: "TEXT", TypePos: at(6, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(6, 22)}, {Text: "REFERENCES auth.users(id) ON DELETE CASCADE", Pos: at(6, 31)}}, Description: "the owner", DescPos: at(6, 5)},
						{Name: "title", Pos: at(7, 5), Type: "VARCHAR(200)", TypePos: at(7, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(7, 30)}, {Text: "CHECK (length(title) > 0)", Pos: at(7, 39)}}},
						{Name: "priority", Pos: at(8, 5), Type: "task_priority", TypePos: at(8, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(8, 31)}, {Text: "DEFAULT 'medium'::task_priority", Pos: at(8, 40)}, {Text: "enum(low,medium,high)", Pos: at(8, 17)}}},
						{Name: "amount", Pos: at(9, 5), Type: "NUMERIC(10,2)", TypePos: at(9, 17), Constraints: []specdoc.Phrase{{Text: "DEFAULT 0.00", Pos: at(9, 32)}}},
						{Name: "tags", Pos: at(10, 5), Type: "TEXT[]", TypePos: at(10, 17), Constraints: []specdoc.Phrase{{Text: "DEFAULT '{}'", Pos: at(10, 24)}}},
						{Name: "due_at", Pos: at(11, 5), Type: "TIMESTAMP WITH TIME ZONE", TypePos: at(11, 17)},
						{Name: "ratio", Pos: at(12, 5), Type: "DOUBLE PRECISION", TypePos: at(12, 17)},
						{Name: "code", Pos: at(13, 5), Type: "CHARACTER VARYING(50)", TypePos: at(13, 17), Constraints: []specdoc.Phrase{{Text: "UNIQUE", Pos: at(13, 51)}}},
						{Name: "seq", Pos: at(14, 5), Type: "BIGINT", TypePos: at(14, 17), Constraints: []specdoc.Phrase{{Text: "AUTOINCREMENT", Pos: at(14, 24)}}},
						{Name: "done", Pos: at(15, 5), Type: "BOOLEAN", TypePos: at(15, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(15, 25)}, {Text: "DEFAULT false", Pos: at(15, 34)}}},
						{Name: "created_at", Pos: at(16, 5), Type: "TIMESTAMPTZ", TypePos: at(16, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(16, 29)}, {Text: "DEFAULT now()", Pos: at(16, 38)}}},
					},
					Uniques: [][]string{{"user_id", "title"}},
					Checks:  []specdoc.Phrase{{Text: "CHECK (amount >= 0)", Pos: at(18, 5)}},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "idx_tasks_open", Table: "tasks", Columns: []string{"user_id", "lower(title)", "created_at"}, Unique: true, Where: "done = false", Pos: at(21, 48)},
			},
			Enums: []specdoc.Enum{
				{Name: "task_priority", Values: []string{"low", "medium", "high"}, Pos: at(2, 13)},
			},
		},
	},
	{
		name: "mysql",
		src: "CREATE TABLE `orders` (\n" +
			"  `id` INT UNSIGNED NOT NULL AUTO_INCREMENT,\n" +
			"  `status` ENUM('new','paid','shipped') NOT NULL DEFAULT 'new' COMMENT 'order state',\n" +
			"  `customer_id` INT UNSIGNED NOT NULL,\n" +
			"  `note` VARCHAR(255) CHARACTER SET utf8mb4 DEFAULT NULL,\n" +
			"  `updated_at` TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
			"  PRIMARY KEY (`id`),\n" +
			"  KEY `idx_customer` (`customer_id`),\n" +
			"  UNIQUE KEY `uq_note` (`note`(20)),\n" +
			"  CONSTRAINT `fk_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE\n" +
			") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Customer orders';\n",
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "orders", Pos: at(1, 14), Source: "sql", Comment: "Customer orders",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 3), Type: "INT UNSIGNED", TypePos: at(2, 8), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(2, 21)}, {Text: "AUTOINCREMENT", Pos: at(2, 30)}}},
						{Name: "status", Pos: at(3, 3), Type: "ENUM('new','paid','shipped')", TypePos: at(3, 12), Constraints: []specdoc.Phrase{{Text: "enum(new,paid,shipped)", Pos: at(3, 12)}, {Text: "NOT NULL", Pos: at(3, 41)}, {Text: "DEFAULT 'new'", Pos: at(3, 50)}}, Description: "order state", DescPos: at(3, 3)},
						{Name: "customer_id", Pos: at(4, 3), Type: "INT UNSIGNED", TypePos: at(4, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(4, 30)}}},
						{Name: "note", Pos: at(5, 3), Type: "VARCHAR(255)", TypePos: at(5, 10), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(5, 45)}}},
						{Name: "updated_at", Pos: at(6, 3), Type: "TIMESTAMP", TypePos: at(6, 16), Constraints: []specdoc.Phrase{{Text: "DEFAULT current_timestamp", Pos: at(6, 26)}}},
					},
					PrimaryKey: []string{"id"},
					Uniques:    [][]string{{"note"}},
					ForeignKeys: []*specdoc.ForeignKey{
						{Columns: []string{"customer_id"}, RefTable: "customers", RefColumns: []string{"id"}, OnDelete: "RESTRICT", Pos: at(10, 28)},
					},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "idx_customer", Table: "orders", Columns: []string{"customer_id"}, Unique: false, Where: "", Pos: at(8, 7)},
			},
		},
	},
	{
		name: "sqlite",
		src: `CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
) WITHOUT ROWID;`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "notes", Pos: at(1, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 3), Type: "INTEGER", TypePos: at(2, 6), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(2, 14)}, {Text: "AUTOINCREMENT", Pos: at(2, 26)}}},
						{Name: "body", Pos: at(3, 3), Type: "TEXT", TypePos: at(3, 8), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 13)}}},
						{Name: "created_at", Pos: at(4, 3), Type: "TEXT", TypePos: at(4, 14), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(4, 19)}, {Text: "DEFAULT datetime('now')", Pos: at(4, 28)}}},
					},
				},
			},
		},
	},
	{
		name: "sql server without CREATE TABLE",
		src: `Projects (
  Id     UNIQUEIDENTIFIER NOT NULL DEFAULT NEWID(),
  [Name] NVARCHAR(100)    NOT NULL,
  Budget INT IDENTITY(1,1),
  CONSTRAINT PK_Projects PRIMARY KEY CLUSTERED (Id)
)

Indexes:
  IX_Projects_Name ON Projects (Name) WHERE Budget > 0
  IX_Projects_Budget ON Projects (Budget DESC)
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "Projects", Pos: at(1, 1), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "Id", Pos: at(2, 3), Type: "UNIQUEIDENTIFIER", TypePos: at(2, 10), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(2, 27)}, {Text: "DEFAULT newid()", Pos: at(2, 36)}}},
						{Name: "Name", Pos: at(3, 3), Type: "NVARCHAR(100)", TypePos: at(3, 10), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 27)}}},
						{Name: "Budget", Pos: at(4, 3), Type: "INT", TypePos: at(4, 10), Constraints: []specdoc.Phrase{{Text: "AUTOINCREMENT", Pos: at(4, 14)}}},
					},
					PrimaryKey: []string{"Id"},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "IX_Projects_Name", Table: "Projects", Columns: []string{"Name"}, Unique: false, Where: "Budget > 0", Pos: at(9, 3)},
				{Name: "IX_Projects_Budget", Table: "Projects", Columns: []string{"Budget"}, Unique: false, Where: "", Pos: at(10, 3)},
			},
		},
	},
	{
		name: "alter table",
		src: `ALTER TABLE tasks ADD CONSTRAINT fk_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT chk_title CHECK (title <> '');
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS archived BOOLEAN DEFAULT false; -- soft archive
ALTER TABLE ONLY tasks ADD PRIMARY KEY (id), ADD UNIQUE (slug);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE TABLE labels (id SERIAL PRIMARY KEY, name TEXT);
ALTER TABLE labels ADD COLUMN color TEXT NOT NULL, ADD CONSTRAINT labels_name_key UNIQUE (name);
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "labels", Pos: at(6, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(6, 22), Type: "SERIAL", TypePos: at(6, 25), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(6, 32)}}},
						{Name: "name", Pos: at(6, 45), Type: "TEXT", TypePos: at(6, 50)},
						{Name: "color", Pos: at(7, 31), Type: "TEXT", TypePos: at(7, 37), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(7, 42)}}},
					},
					Uniques: [][]string{{"name"}},
				},
			},
			ForeignKeys: []specdoc.ForeignKey{
				{Table: "tasks", Columns: []string{"owner_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: "SET NULL", Pos: at(1, 43)},
			},
			Checks: []TableCheck{
				{Table: "tasks", Phrase: specdoc.Phrase{Text: "CHECK (title <> '')", Pos: at(2, 44)}},
			},
			Columns: []TableColumn{
				{Table: "tasks", Column: specdoc.Column{Name: "archived", Pos: at(3, 44), Type: "BOOLEAN", TypePos: at(3, 53), Constraints: []specdoc.Phrase{{Text: "DEFAULT false", Pos: at(3, 61)}}, Description: "soft archive", DescPos: at(3, 44)}},
			},
			Keys: []TableKey{
				{Table: "tasks", Columns: []string{"id"}, Primary: true, Pos: at(4, 28)},
				{Table: "tasks", Columns: []string{"slug"}, Primary: false, Pos: at(4, 50)},
			},
		},
	},
	{
		name: "sloppy",
		src: `CREATE TABLE tasks (
  id serial primary key
  title varchar(200) not null,   -- the comma above is missing
  ...
  -- more columns later
  + due_date DATE,
  done boolean default false,,
  notes text,
);
CREATE TABLE users (
  id text primary key,
  email text unique
CREATE INDEX users_email ON users (email)
`,
		diags: []string{"schema.md:16:3: warning: skipped \"+ due_date DATE\" in table tasks: it does not read as a column definition", "schema.md:20:20: warning: CREATE TABLE users: the column list opened here is never closed; crudgen read the columns up to where the statement ends (close it with `);`)"},
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "tasks", Pos: at(1, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 3), Type: "serial", TypePos: at(2, 6), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(2, 13)}}},
						{Name: "title", Pos: at(3, 3), Type: "varchar(200)", TypePos: at(3, 9), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 22)}}, Description: "the comma above is missing", DescPos: at(3, 3)},
						{Name: "done", Pos: at(7, 3), Type: "boolean", TypePos: at(7, 8), Constraints: []specdoc.Phrase{{Text: "DEFAULT false", Pos: at(7, 16)}}},
						{Name: "notes", Pos: at(8, 3), Type: "text", TypePos: at(8, 9)},
					},
				},
				{Name: "users", Pos: at(10, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(11, 3), Type: "text", TypePos: at(11, 6), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(11, 11)}}},
						{Name: "email", Pos: at(12, 3), Type: "text", TypePos: at(12, 9), Constraints: []specdoc.Phrase{{Text: "UNIQUE", Pos: at(12, 14)}}},
					},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "users_email", Table: "users", Columns: []string{"email"}, Unique: false, Where: "", Pos: at(13, 14)},
			},
		},
	},
	{
		name: "other statements are skipped silently",
		src: `BEGIN;
CREATE EXTENSION IF NOT EXISTS "pgcrypto";
CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  CREATE TABLE not_a_table (x int);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER t BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO tasks (title) VALUES ('a'), ('b');
SELECT * FROM tasks WHERE id = 1;
DO $$ BEGIN RAISE NOTICE 'hi'; END $$;
CREATE POLICY own ON tasks USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
GRANT ALL ON tasks TO app;
\d tasks
CREATE TABLE users (...);
CREATE TABLE copy AS SELECT * FROM tasks;
COMMIT;
`,
		want: Result{},
	},
	{
		name: "odd comments, generated columns, inline indexes and late enum types",
		src: `/* schema v2 */ CREATE TABLE [dbo].[Invoices] ( -- header
  [Id] INT /* surrogate */ NOT NULL PRIMARY KEY,
  Net DECIMAL(12, 2) NOT NULL,
  Gross AS (Net * 1.2) PERSISTED,
  Total NUMERIC GENERATED ALWAYS AS (Net + 1) STORED,
  State invoice_state DEFAULT 'draft',
  DueAt TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc') + INTERVAL '30 days',
  INDEX ix_state (State),
  FULLTEXT KEY ft_notes (Notes),
  EXCLUDE USING gist (Net WITH =)
)
GO
CREATE TYPE invoice_state AS ENUM ('draft', 'sent', 'paid');
CREATE INDEX ON Invoices (lower(State) text_pattern_ops, DueAt NULLS LAST);
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "Invoices", Pos: at(1, 36), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "Id", Pos: at(2, 3), Type: "INT", TypePos: at(2, 8), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(2, 28)}, {Text: "PRIMARY KEY", Pos: at(2, 37)}}, Description: "surrogate", DescPos: at(2, 3)},
						{Name: "Net", Pos: at(3, 3), Type: "DECIMAL(12,2)", TypePos: at(3, 7), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 22)}}},
						{Name: "Gross", Pos: at(4, 3), Constraints: []specdoc.Phrase{{Text: "GENERATED ALWAYS AS (Net * 1.2)", Pos: at(4, 9)}}},
						{Name: "Total", Pos: at(5, 3), Type: "NUMERIC", TypePos: at(5, 9), Constraints: []specdoc.Phrase{{Text: "GENERATED ALWAYS AS (Net + 1)", Pos: at(5, 17)}}},
						{Name: "State", Pos: at(6, 3), Type: "invoice_state", TypePos: at(6, 9), Constraints: []specdoc.Phrase{{Text: "DEFAULT 'draft'", Pos: at(6, 23)}, {Text: "enum(draft,sent,paid)", Pos: at(6, 9)}}},
						{Name: "DueAt", Pos: at(7, 3), Type: "TIMESTAMP", TypePos: at(7, 9), Constraints: []specdoc.Phrase{{Text: "DEFAULT (now() at time zone 'utc') + interval '30 days'", Pos: at(7, 19)}}},
					},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "ix_state", Table: "Invoices", Columns: []string{"State"}, Unique: false, Where: "", Pos: at(8, 9)},
				{Name: "", Table: "Invoices", Columns: []string{"lower(State)", "DueAt"}, Unique: false, Where: "", Pos: at(14, 1)},
			},
			Enums: []specdoc.Enum{
				{Name: "invoice_state", Values: []string{"draft", "sent", "paid"}, Pos: at(13, 13)},
			},
		},
	},
	{
		name: "truncated block and multi-line type arguments",
		src: `CREATE TABLE orders (
  id int primary key,
  price numeric(10,
  state ENUM(
    'open',
    'closed'
  ) NOT NULL,
  done bool`,
		diags: []string{"schema.md:11:21: warning: CREATE TABLE orders: the column list opened here is never closed; crudgen read the columns up to where the statement ends (close it with `);`)"},
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "orders", Pos: at(1, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 3), Type: "int", TypePos: at(2, 6), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(2, 10)}}},
						{Name: "price", Pos: at(3, 3), Type: "numeric", TypePos: at(3, 9)},
						{Name: "state", Pos: at(4, 3), Type: "ENUM('open','closed')", TypePos: at(4, 9), Constraints: []specdoc.Phrase{{Text: "enum(open,closed)", Pos: at(4, 9)}, {Text: "NOT NULL", Pos: at(7, 5)}}},
						{Name: "done", Pos: at(8, 3), Type: "bool", TypePos: at(8, 8)},
					},
				},
			},
		},
	},
	{
		name: "comments of a column spanning lines",
		src: `CREATE TABLE t ( -- not a column comment
  status VARCHAR(20) NOT NULL -- one of: open, done
     DEFAULT 'open', -- starts open
  x int
);`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "t", Pos: at(1, 14), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "status", Pos: at(2, 3), Type: "VARCHAR(20)", TypePos: at(2, 10), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(2, 22)}, {Text: "DEFAULT 'open'", Pos: at(3, 6)}}, Description: "one of: open, done; starts open", DescPos: at(2, 3)},
						{Name: "x", Pos: at(4, 3), Type: "int", TypePos: at(4, 5)},
					},
				},
			},
		},
	},
	{
		name: "indented fence",
		col:  4,
		src: `CREATE TABLE tags (
  name TEXT PRIMARY KEY
);`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "tags", Pos: at(1, 17), Source: "sql",
					Columns: []*specdoc.Column{
						{Name: "name", Pos: at(2, 6), Type: "TEXT", TypePos: at(2, 11), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(2, 16)}}},
					},
				},
			},
		},
	},
}
