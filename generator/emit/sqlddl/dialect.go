package sqlddl

import "strconv"

// Dialect is a SQL dialect the generated backend speaks: the one home of what
// differs between them in emitted code (the migration folder, the constant of
// the generated platform.Dialect, the bind placeholder). The DDL rules per
// dialect are in sql.go and branch on these values.
type Dialect int

// The dialects crudgen writes migrations and queries for, in the order their
// files and query variants are emitted.
const (
	Postgres Dialect = iota
	SQLite
)

// Dialects lists every Dialect, in emission order.
var Dialects = []Dialect{Postgres, SQLite}

// dir is the folder under migrations/ holding the Dialect's files.
func (d Dialect) Dir() string {
	if d == SQLite {
		return "sqlite"
	}
	return "postgres"
}

// platformConst is the name of the generated platform.Dialect constant.
func (d Dialect) PlatformConst() string {
	if d == SQLite {
		return "SQLite"
	}
	return "Postgres"
}

// placeholder is the n-th (1-based) bind parameter: $n on PostgreSQL, ? on SQLite.
func (d Dialect) Placeholder(n int) string {
	if d == SQLite {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}
