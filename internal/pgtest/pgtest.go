// Package pgtest gives a test a PostgreSQL schema of its own, so that tests
// share one database without seeing each other's tables. It is imported by
// tests only (generator/emit/sqlddl, e2e/dapr) and is not part of the
// pipeline.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Schema creates a schema with a random name beginning with prefix in the
// PostgreSQL database at base, drops it with everything in it when the test
// ends, and returns base with the schema as its search_path: a connection
// to that URL creates its tables there.
func Schema(t testing.TB, base, prefix string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := prefix + "_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("pgtest: dropping schema %s: %v", schema, err)
		}
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// DB is [Schema] in the database TEST_DATABASE_URL names, opened; the test is
// skipped when TEST_DATABASE_URL is not set. The connection is closed before
// the schema is dropped.
func DB(t testing.TB, prefix string) *sql.DB {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	db, err := sql.Open("pgx", Schema(t, base, prefix))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
