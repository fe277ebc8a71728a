package sqlddl

import (
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dumpSchema describes the user tables of db, one fact per line, sorted, so
// that two databases with the same schema give the same text however they got
// there: columns are listed by name (ALTER TABLE ADD COLUMN appends), and
// constraint names PostgreSQL chose are left out (an inline CHECK and one
// added later get different names). Index names are kept, since crudgen
// chooses them. dialect is "sqlite" or "postgres".
func dumpSchema(t testing.TB, db *sql.DB, dialect string) string {
	t.Helper()
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	query := func(q string, args ...any) [][]string {
		t.Helper()
		rows, err := db.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = v.String
				if !v.Valid {
					row[i] = "NULL"
				}
			}
			out = append(out, row)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if dialect == "sqlite" {
		for _, tr := range query(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'
			AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version' ORDER BY name`) {
			table, ddl := tr[0], tr[1]
			for _, c := range query(`SELECT name, upper(type), "notnull", dflt_value, pk FROM pragma_table_info(?)`, table) {
				add("%s column %s %s notnull=%s default=%s pk=%s", table, c[0], c[1], c[2], c[3], c[4])
			}
			for _, ck := range checkClauses(ddl) {
				add("%s check %s", table, ck)
			}
			for _, fk := range query(`SELECT "table", "from", "to", on_delete, on_update FROM pragma_foreign_key_list(?)`, table) {
				add("%s foreign key (%s) references %s(%s) on delete %s on update %s", table, fk[1], fk[0], fk[2], fk[3], fk[4])
			}
			for _, ix := range query(`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, table) {
				var cols []string
				for _, c := range query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix[0]) {
					cols = append(cols, c[0])
				}
				switch ix[2] {
				case "u":
					add("%s unique (%s)", table, strings.Join(cols, ", "))
				case "c":
					where := ""
					if s := query(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`, ix[0]); len(s) == 1 {
						if _, w, ok := strings.Cut(strings.ToUpper(s[0][0]), " WHERE "); ok {
							where = " where " + normSpace(w)
						}
					}
					add("%s index %s unique=%s (%s)%s", table, ix[0], ix[1], strings.Join(cols, ", "), where)
				}
			}
		}
	} else {
		for _, c := range query(`SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
				coalesce(pg_get_expr(d.adbin, d.adrelid), 'NULL'), a.attidentity
			FROM pg_attribute a
			JOIN pg_class c ON c.oid = a.attrelid
			LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
			  AND c.relname <> 'goose_db_version' AND a.attnum > 0 AND NOT a.attisdropped`) {
			add("%s column %s %s notnull=%s default=%s identity=%s", c[0], c[1], c[2], c[3], c[4], c[5])
		}
		for _, k := range query(`SELECT c.relname, k.contype, pg_get_constraintdef(k.oid)
			FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
			WHERE c.relnamespace = current_schema()::regnamespace AND c.relname <> 'goose_db_version'`) {
			add("%s constraint %s %s", k[0], k[1], k[2])
		}
		for _, ix := range query(`SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.tablename <> 'goose_db_version'
			  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`) {
			add("%s index %s", ix[0], strings.ReplaceAll(ix[2], currentSchema(t, db)+".", ""))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

func currentSchema(t testing.TB, db *sql.DB) string {
	var s string
	if err := db.QueryRow(`SELECT current_schema()`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkClauses returns the CHECK (...) clauses of a CREATE TABLE statement,
// whitespace normalized and sorted, skipping string literals while matching
// parentheses.
func checkClauses(ddl string) []string {
	var out []string
	upper := strings.ToUpper(ddl)
	for i := 0; ; {
		j := strings.Index(upper[i:], "CHECK")
		if j < 0 {
			break
		}
		start := i + j
		k := start + len("CHECK")
		for k < len(ddl) && (ddl[k] == ' ' || ddl[k] == '\n' || ddl[k] == '\t') {
			k++
		}
		if k >= len(ddl) || ddl[k] != '(' || (start > 0 && isIdentByte(ddl[start-1])) {
			i = start + 1
			continue
		}
		depth, end, inStr := 0, -1, false
		for p := k; p < len(ddl) && end < 0; p++ {
			switch c := ddl[p]; {
			case inStr:
				if c == '\'' {
					inStr = false
				}
			case c == '\'':
				inStr = true
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					end = p
				}
			}
		}
		if end < 0 {
			break
		}
		out = append(out, normSpace(ddl[k+1:end]))
		i = end
	}
	slices.Sort(out)
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var reSpace = regexp.MustCompile(`\s+`)

func normSpace(s string) string { return strings.TrimSpace(reSpace.ReplaceAllString(s, " ")) }

func TestDumpSchema(t *testing.T) {
	for _, d := range Dialects {
		t.Run(d.Dir(), func(t *testing.T) {
			exec := func(db *sql.DB, stmts ...string) {
				for _, s := range stmts {
					if _, err := db.Exec(s); err != nil {
						t.Fatalf("%s: %v", s, err)
					}
				}
			}
			a, b, c := openDB(t, d), openDB(t, d), openDB(t, d)
			exec(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) <= 10), note TEXT CHECK (length(note) > 0))",
				"CREATE INDEX idx_t_name ON t (name)")
			exec(b, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) <= 10))",
				"ALTER TABLE t ADD COLUMN note TEXT CHECK (length(note) > 0)", "CREATE INDEX idx_t_name ON t (name)")
			exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT CHECK (length(name) <= 10), note TEXT CHECK (length(note) > 0))")
			da, db, dc := dumpSchema(t, a, d.Dir()), dumpSchema(t, b, d.Dir()), dumpSchema(t, c, d.Dir())
			if da != db {
				t.Errorf("equivalent schemas dump differently:\n%s\n---\n%s", da, db)
			}
			if da == dc {
				t.Errorf("a missing index and NOT NULL do not show:\n%s", da)
			}
		})
	}
}
