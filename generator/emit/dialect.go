package emit

import "strconv"

// dialect is a SQL dialect the generated backend speaks: the one home of what
// differs between them in emitted code (the migration folder, the constant of
// the generated platform.Dialect, the bind placeholder). The DDL rules per
// dialect are in sql.go and branch on these values.
type dialect int

// The dialects crudgen writes migrations and queries for, in the order their
// files and query variants are emitted.
const (
	dialectPostgres dialect = iota
	dialectSQLite
)

// dialects lists every dialect, in emission order.
var dialects = []dialect{dialectPostgres, dialectSQLite}

// dir is the folder under migrations/ holding the dialect's files.
func (d dialect) dir() string {
	if d == dialectSQLite {
		return "sqlite"
	}
	return "postgres"
}

// platformConst is the name of the generated platform.Dialect constant.
func (d dialect) platformConst() string {
	if d == dialectSQLite {
		return "SQLite"
	}
	return "Postgres"
}

// placeholder is the n-th (1-based) bind parameter: $n on PostgreSQL, ? on SQLite.
func (d dialect) placeholder(n int) string {
	if d == dialectSQLite {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}
