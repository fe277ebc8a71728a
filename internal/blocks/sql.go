package blocks

import (
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/naming"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// SQL parses a ```sql block: CREATE TABLE, CREATE [UNIQUE] INDEX, ALTER TABLE
// ... ADD, CREATE TYPE ... AS ENUM and COMMENT ON, in the PostgreSQL, SQLite,
// MySQL and SQL Server flavours. It also reads the pseudo-SQL documents often
// contain: a table written as `name (` + column lines without CREATE TABLE, and
// index lines `ix_name ON table (cols)`. Every other statement (INSERT, SELECT,
// functions, triggers, policies, grants, psql meta-commands) is skipped silently.
//
// The parser recovers from missing or trailing commas, missing semicolons,
// `...` placeholders and unbalanced parentheses. It returns a warning only when
// something that looked like a column definition had to be skipped.
// A table whose body holds no column (`CREATE TABLE users (...)`) is left out.
func SQL(src string, start diag.Pos) (Result, diag.List) {
	p := &sqlParser{src: src, pm: newPosMap(src, start), toks: lexSQL(src), enums: map[string][]string{}}
	p.parse()
	return p.finish(), p.diags
}

// sqlParser holds the state of one SQL block.
type sqlParser struct {
	src   string
	pm    *posMap
	toks  []token
	i     int
	diags diag.List

	tables   []*specdoc.Table
	indexes  []specdoc.Index
	alters   []sqlAlter // ALTER TABLE ... ADD, one per statement
	enums    map[string][]string
	enumList []specdoc.Enum
	comments []sqlComment
}

// sqlAlter is what one ALTER TABLE statement adds, as a scratch table with
// the positions of its key constraints.
type sqlAlter struct {
	specdoc.Table
	pkPos diag.Pos
	uqPos []diag.Pos
}

// sqlComment is a COMMENT ON TABLE/COLUMN statement.
type sqlComment struct {
	table, column, text string
}

// peek returns the token n places after the current one, or an EOF token.
func (p *sqlParser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return token{kind: tkEOF, off: len(p.src), end: len(p.src)}
}

// cur returns the current token.
func (p *sqlParser) cur() token { return p.peek(0) }

// eof reports whether every token has been consumed.
func (p *sqlParser) eof() bool { return p.i >= len(p.toks) }

// pos returns the file position of t.
func (p *sqlParser) pos(t token) diag.Pos { return p.pm.pos(t.off) }

// accept consumes the given words (case-insensitive) when they come next.
func (p *sqlParser) accept(words ...string) bool {
	for k, w := range words {
		if !p.peek(k).is(w) {
			return false
		}
	}
	p.i += len(words)
	return true
}

// acceptP consumes the punctuation s when it comes next.
func (p *sqlParser) acceptP(s string) bool {
	if p.cur().isP(s) {
		p.i++
		return true
	}
	return false
}

// skipParens consumes a balanced parenthesised group starting at the current
// '(' and returns the tokens inside it. An unclosed group ends at the end of
// the block or before a line that starts a new statement.
func (p *sqlParser) skipParens() []token {
	if !p.cur().isP("(") {
		return nil
	}
	p.i++
	start := p.i
	if p.closeGroup(func(t token) bool { return t.lineStart && p.statementStart() }) {
		return p.toks[start : p.i-1]
	}
	return p.toks[start:p.i]
}

// closeGroup consumes tokens after an opening '(' up to and including its
// matching ')' and reports true, or stops at the end of the block or before
// a token for which stop is true and reports false.
func (p *sqlParser) closeGroup(stop func(t token) bool) bool {
	depth := 1
	for !p.eof() {
		t := p.cur()
		if stop(t) {
			return false
		}
		switch {
		case t.isP("("):
			depth++
		case t.isP(")"):
			depth--
			if depth == 0 {
				p.i++
				return true
			}
		}
		p.i++
	}
	return false
}

// statementStart reports whether the current token begins a statement this
// parser reads. It is used to stop skipping and to recover from unbalanced
// parentheses and missing semicolons.
func (p *sqlParser) statementStart() bool {
	t := p.cur()
	switch {
	case t.is("CREATE") || t.is("ALTER"):
		return true
	case t.is("COMMENT") && p.peek(1).is("ON"):
		return true
	}
	return p.pseudoTable() || p.pseudoIndex()
}

// notTableName lists words that start a line followed by "(" without being a
// table name.
var notTableName = naming.WordSet(`
	VALUES IN AS USING CHECK EXISTS RETURNS SELECT INSERT INTO WHERE AND OR ON NOT FROM JOIN
	WITH RETURN FOREIGN PRIMARY UNIQUE KEY INDEX CONSTRAINT BEGIN IF THEN ELSE CASE WHEN
	COALESCE COUNT SUM MAX MIN AVG EXECUTE PERFORM UPDATE DELETE SET OVER PARTITION GROUP
	ORDER FUNCTION PROCEDURE TRIGGER POLICY VIEW TYPE
`)

// pseudoTable reports whether the current token starts `name (` with the
// parenthesis ending its line and a `column type` line next: a table written
// without CREATE TABLE.
func (p *sqlParser) pseudoTable() bool {
	t := p.cur()
	if !t.lineStart || !t.name() || t.kind == tkIdent && notTableName[strings.ToUpper(t.text)] {
		return false
	}
	k := 1
	for p.peek(k).isP(".") && p.peek(k+1).name() {
		k += 2
	}
	open, a, b := p.peek(k), p.peek(k+1), p.peek(k+2)
	return open.isP("(") && a.lineStart && a.name() && b.name() && b.line == a.line
}

// pseudoIndex reports whether the current token starts an index line without
// CREATE INDEX: `ix_name ON table (cols)`.
func (p *sqlParser) pseudoIndex() bool {
	t := p.cur()
	if !t.lineStart || t.kind != tkIdent || notTableName[strings.ToUpper(t.text)] || !p.peek(1).is("ON") || !p.peek(2).name() {
		return false
	}
	k := 3
	for p.peek(k).isP(".") && p.peek(k+1).name() {
		k += 2
	}
	return p.peek(k).isP("(")
}

// skipStatement consumes tokens up to and including the next ';', or up to a
// line that starts a statement this parser reads.
func (p *sqlParser) skipStatement() {
	depth := 0
	first := true
	for !p.eof() {
		t := p.cur()
		if !first && t.lineStart && depth <= 0 && p.statementStart() {
			return
		}
		first = false
		switch {
		case t.isP(";"):
			p.i++
			return
		case t.isP("("):
			depth++
		case t.isP(")"):
			depth--
		}
		p.i++
	}
}

// parse reads statements until the end of the block.
func (p *sqlParser) parse() {
	for !p.eof() {
		t := p.cur()
		switch {
		case t.isP(";"):
			p.i++
		case t.is("CREATE"):
			p.create()
		case t.is("ALTER") && p.peek(1).is("TABLE"):
			p.alterTable()
		case t.is("COMMENT") && p.peek(1).is("ON"):
			p.commentOn()
		case t.is("TABLE") && p.peek(1).name() && !p.peek(1).isP("("):
			p.i++
			p.createTable()
		case p.pseudoIndex():
			p.createIndex(t, false)
		case p.pseudoTable():
			p.createTable()
		default:
			p.skipStatement()
		}
	}
}

// create dispatches on the object a CREATE statement creates.
func (p *sqlParser) create() {
	first := p.cur()
	p.i++
	p.accept("OR", "REPLACE")
	for p.accept("TEMP") || p.accept("TEMPORARY") || p.accept("UNLOGGED") || p.accept("GLOBAL") || p.accept("LOCAL") {
	}
	switch {
	case p.accept("TABLE"):
		p.createTable()
	case p.cur().is("UNIQUE") || p.cur().is("INDEX") || p.cur().is("CLUSTERED") || p.cur().is("NONCLUSTERED"):
		unique := p.accept("UNIQUE")
		p.accept("CLUSTERED")
		p.accept("NONCLUSTERED")
		if !p.accept("INDEX") {
			p.skipStatement()
			return
		}
		p.createIndex(first, unique)
	case p.cur().is("TYPE"):
		p.createType()
	default:
		p.skipStatement()
	}
}

// qualifiedName reads name(.name)* and returns the last part and its token.
func (p *sqlParser) qualifiedName() (string, token, bool) {
	t := p.cur()
	if !t.name() {
		return "", t, false
	}
	p.i++
	for p.cur().isP(".") && p.peek(1).name() {
		t = p.peek(1)
		p.i += 2
	}
	return t.text, t, true
}

// createTable parses the rest of CREATE TABLE after the TABLE keyword (or a
// pseudo table at its name).
func (p *sqlParser) createTable() {
	p.accept("IF", "NOT", "EXISTS")
	name, nt, ok := p.qualifiedName()
	if !ok || !p.cur().isP("(") {
		p.skipStatement()
		return
	}
	tbl := &specdoc.Table{Name: name, Pos: p.pos(nt), Source: specdoc.SourceSQL}
	p.tableBody(tbl)
	// Table options: ENGINE=InnoDB, WITHOUT ROWID, COMMENT='...', ...
	p.statementRest(func(t token) bool {
		if !t.is("COMMENT") {
			return false
		}
		k := 1
		if p.peek(k).isP("=") {
			k++
		}
		s := p.peek(k)
		if s.kind != tkString {
			return false
		}
		tbl.Comment = unquoteSQL(s.text)
		p.i += k + 1
		return true
	})
	p.tables = append(p.tables, tbl)
}

// statementRest walks what remains of the current statement: it consumes
// the closing ';', or stops before a line that starts a new statement. Each
// other token is first offered to clause, which reports whether it consumed
// it (and must then have moved on); otherwise a parenthesised group or the
// single token is skipped.
func (p *sqlParser) statementRest(clause func(t token) bool) {
	for !p.eof() {
		t := p.cur()
		if t.isP(";") {
			p.i++
			return
		}
		if t.lineStart && p.statementStart() {
			return
		}
		if clause(t) {
			continue
		}
		if t.isP("(") {
			p.skipParens()
			continue
		}
		p.i++
	}
}

// tableBody parses the parenthesised element list of a table. A body that
// is never closed is read up to where the next statement starts, with a
// warning: the columns are kept, but the author should see the slip.
func (p *sqlParser) tableBody(tbl *specdoc.Table) {
	open := p.cur()
	p.i++ // (
	unclosed := func() {
		p.diags = append(p.diags, diag.Warnf(p.pos(open), "CREATE TABLE %s: the column list opened here is never closed; crudgen read the columns up to where the statement ends (close it with `);`)", tbl.Name))
	}
	for !p.eof() {
		t := p.cur()
		switch {
		case t.isP(")"):
			p.i++
			return
		case t.isP(","), t.isP("..."):
			p.i++
			continue
		case t.lineStart && (t.is("CREATE") || t.is("ALTER") || t.is("COMMENT") && p.peek(1).is("ON") || p.pseudoIndex()):
			unclosed()
			return
		case t.isP(";"):
			unclosed()
			return
		}
		p.tableElement(tbl)
	}
	unclosed()
}

// tableConstraintStart reports whether the current token begins a table
// constraint (as opposed to a column definition).
func (p *sqlParser) tableConstraintStart() bool {
	t := p.cur()
	switch {
	case t.is("CONSTRAINT"), t.is("FOREIGN") && p.peek(1).is("KEY"), t.is("EXCLUDE"), t.is("PERIOD") && p.peek(1).is("FOR"):
		return true
	case t.is("PRIMARY") && p.peek(1).is("KEY"):
		return true
	case t.is("UNIQUE"):
		n := p.peek(1)
		return n.isP("(") || n.is("KEY") || n.is("INDEX") || n.is("CLUSTERED") || n.is("NONCLUSTERED") || n.name() && p.peek(2).isP("(")
	case t.is("CHECK"):
		return p.peek(1).isP("(")
	case t.is("INDEX"), t.is("KEY"), t.is("FULLTEXT"), t.is("SPATIAL"):
		n := p.peek(1)
		return n.isP("(") || n.name() && (p.peek(2).isP("(") || p.peek(2).is("USING")) || n.is("KEY") || n.is("INDEX")
	case t.is("LIKE"):
		return p.peek(1).name() && !p.peek(2).name()
	}
	return false
}

// tableElement parses one column definition or table constraint.
func (p *sqlParser) tableElement(tbl *specdoc.Table) {
	if p.tableConstraintStart() {
		p.tableConstraint(tbl)
		return
	}
	t := p.cur()
	if !t.name() {
		start := p.i
		p.skipElement()
		p.warnSkipped(start, tbl.Name)
		return
	}
	tbl.Columns = append(tbl.Columns, p.column())
}

// warnSkipped reports the tokens from start to the current one when they
// look like a column definition (two names in a row).
func (p *sqlParser) warnSkipped(start int, table string) {
	skipped := p.toks[start:p.i]
	for k := 0; k+1 < len(skipped); k++ {
		if skipped[k].name() && skipped[k+1].name() {
			text := strings.Join(strings.Fields(p.src[skipped[0].off:skipped[len(skipped)-1].end]), " ")
			if r := []rune(text); len(r) > 60 {
				text = string(r[:57]) + "..."
			}
			p.diags = append(p.diags, diag.Warnf(p.pos(skipped[0]), "skipped %q in table %s: it does not read as a column definition", text, table))
			return
		}
	}
}

// skipElement consumes tokens to the end of a table element: a ',' or ')' at
// depth 0, a line that starts a new column, or a new statement.
func (p *sqlParser) skipElement() {
	first := true
	for !p.eof() {
		t := p.cur()
		switch {
		case t.isP(",") || t.isP(")") || t.isP(";"):
			return
		case !first && t.lineStart && (p.statementStart() || p.columnStart()):
			return
		case t.isP("("):
			p.skipParens()
			first = false
			continue
		}
		first = false
		p.i++
	}
}

// columnStart reports whether the current token, first on its line, starts
// a new column definition after a missing comma: a name that is not a column
// constraint keyword, or a table constraint.
func (p *sqlParser) columnStart() bool {
	t := p.cur()
	if p.tableConstraintStart() {
		return true
	}
	if !t.name() {
		return false
	}
	if t.kind == tkIdent && columnKeywords[strings.ToUpper(t.text)] {
		return false
	}
	return true
}

// columnKeywords are the words that may continue a column definition on a
// new line.
var columnKeywords = naming.WordSet(`
	NOT NULL PRIMARY UNIQUE DEFAULT REFERENCES CHECK CONSTRAINT AUTOINCREMENT AUTO_INCREMENT
	IDENTITY GENERATED AS COLLATE COMMENT ON CHARACTER CHARSET DEFERRABLE INITIALLY MATCH
	STORED VIRTUAL PERSISTED UNSIGNED ZEROFILL SIGNED WITH KEY ASC DESC CLUSTERED
	NONCLUSTERED SPARSE ROWGUIDCOL ENABLE DISABLE NO SET CASCADE RESTRICT UPDATE DELETE
	ACTION ARRAY PRECISION VARYING WITHOUT TIME ZONE ALWAYS BY
`)

// typeWords continue a multi-word type name.
var typeWords = map[string]bool{"PRECISION": true, "VARYING": true, "UNSIGNED": true, "SIGNED": true, "ZEROFILL": true, "ARRAY": true}

// column parses a column definition at its name.
func (p *sqlParser) column() *specdoc.Column {
	nt := p.cur()
	first := p.i
	p.i++
	col := &specdoc.Column{Name: nt.text, Pos: p.pos(nt)}
	last := nt
	if t := p.cur(); t.name() && !(t.kind == tkIdent && isConstraintKeyword(p)) && !(t.lineStart && p.columnStart()) {
		last = p.columnType(col)
	}
	for !p.eof() {
		t := p.cur()
		if t.isP(",") {
			last = t
			p.i++
			break
		}
		if t.isP(")") || t.isP(";") {
			break
		}
		if t.lineStart && (p.statementStart() || p.columnStart()) {
			break
		}
		startI := p.i
		if !p.columnConstraint(col, t) {
			p.columnClause(col, t)
		}
		if p.i > startI {
			last = p.toks[p.i-1]
		}
	}
	p.columnComment(col, first, last)
	return col
}

// columnType parses the type of col at the current token, sets col.Type and
// col.TypePos, adds an enum phrase for an ENUM(...) type, and returns the
// type's last token.
func (p *sqlParser) columnType(col *specdoc.Column) token {
	col.TypePos = p.pos(p.cur())
	start := p.i
	p.qualifiedName()
	cut := p.typeTail()
	typ := p.toks[start:p.i]
	if cut >= 0 {
		typ = p.toks[start:cut]
	}
	col.Type = strings.ReplaceAll(p.render(typ, false), " [", "[") // TEXT [] -> TEXT[]
	if vals, ok := sqlEnumType(typ); ok {
		col.Constraints = append(col.Constraints, specdoc.Phrase{Text: enumPhrase(vals), Pos: col.TypePos})
	}
	return typ[len(typ)-1]
}

// typeTail consumes what follows the name of a type: arguments, array
// brackets and the further words of a multi-word type (DOUBLE PRECISION,
// NATIONAL CHARACTER, WITH TIME ZONE). When arguments are left unclosed it
// returns the index of their '(' so that they are left out of the type, and
// -1 otherwise.
func (p *sqlParser) typeTail() int {
	for {
		c := p.cur()
		switch {
		case c.isP("(") && !c.lineStart:
			at := p.i
			if !p.typeArgs() {
				return at
			}
			continue
		case c.isP("[") && (!c.space || p.peek(1).isP("]")):
			p.i++
			for !p.eof() && !p.cur().isP("]") && !p.cur().isP(",") && !p.cur().isP(")") {
				p.i++
			}
			p.acceptP("]")
			continue
		case c.kind == tkIdent && typeWords[strings.ToUpper(c.text)] && !c.lineStart:
			p.i++
			continue
		case (c.is("CHARACTER") || c.is("CHAR")) && p.toks[p.i-1].is("NATIONAL"):
			p.i++
			continue
		case (c.is("WITH") || c.is("WITHOUT")) && p.peek(1).is("TIME") && p.peek(2).is("ZONE"):
			p.i += 3
			continue
		case c.is("WITH") && p.peek(1).is("LOCAL") && p.peek(2).is("TIME") && p.peek(3).is("ZONE"):
			p.i += 4
			continue
		}
		return -1
	}
}

// addPhrase adds the constraint text, at t, to col.
func (p *sqlParser) addPhrase(col *specdoc.Column, t token, text string) {
	col.Constraints = append(col.Constraints, specdoc.Phrase{Text: text, Pos: p.pos(t)})
}

// keywordPhrase consumes words that are a constraint as written (NOT NULL)
// and adds them to col as one phrase, at t.
func (p *sqlParser) keywordPhrase(col *specdoc.Column, t token, words ...string) bool {
	if !p.accept(words...) {
		return false
	}
	p.addPhrase(col, t, strings.Join(words, " "))
	return true
}

// columnConstraint consumes a column constraint that starts at t and adds
// what it says to col: NOT NULL, NULL, PRIMARY KEY, UNIQUE, DEFAULT,
// REFERENCES, CHECK, an auto-increment or a generated column. It reports
// whether t starts one.
func (p *sqlParser) columnConstraint(col *specdoc.Column, t token) bool {
	switch {
	case p.keywordPhrase(col, t, "NOT", "NULL"), p.keywordPhrase(col, t, "NULL"), p.keywordPhrase(col, t, "PRIMARY", "KEY"):
	case p.keywordPhrase(col, t, "UNIQUE"):
		p.accept("KEY")
	case t.is("DEFAULT"):
		p.i++
		if e := stripParens(p.expr()); len(e) == 1 && e[0].is("NULL") {
			p.addPhrase(col, t, "NULL") // DEFAULT NULL only says the column is nullable
		} else if len(e) > 0 {
			p.addPhrase(col, t, "DEFAULT "+p.render(e, true))
		}
	case t.is("REFERENCES"):
		if fk, ok := p.references(); ok {
			p.addPhrase(col, t, refPhrase(fk.RefTable, fk.RefColumns, fk.OnDelete))
		}
	case t.is("CHECK") && p.peek(1).isP("("):
		p.i++
		inner := p.skipParens()
		p.addPhrase(col, t, "CHECK ("+p.render(inner, false)+")")
	case t.is("AUTOINCREMENT") || t.is("AUTO_INCREMENT"):
		p.addPhrase(col, t, "AUTOINCREMENT")
		p.i++
	case t.is("IDENTITY"):
		p.addPhrase(col, t, "AUTOINCREMENT")
		p.i++
		p.skipParens()
	case t.is("GENERATED"):
		p.generated(col, t)
	case t.is("AS") && p.peek(1).isP("("):
		p.i++
		p.addPhrase(col, t, "GENERATED ALWAYS AS ("+p.render(p.skipParens(), false)+")")
	default:
		return false
	}
	return true
}

// generated consumes GENERATED [ALWAYS | BY DEFAULT [ON NULL]] AS, at t,
// followed by IDENTITY (an auto-increment) or a parenthesised expression
// (a generated column).
func (p *sqlParser) generated(col *specdoc.Column, t token) {
	p.i++
	p.accept("ALWAYS")
	p.accept("BY", "DEFAULT")
	p.accept("ON", "NULL")
	if !p.accept("AS") {
		return
	}
	if p.accept("IDENTITY") {
		p.addPhrase(col, t, "AUTOINCREMENT")
		p.skipParens()
	} else if p.cur().isP("(") {
		p.addPhrase(col, t, "GENERATED ALWAYS AS ("+p.render(p.skipParens(), false)+")")
	}
}

// columnClause consumes a part of a column definition at t that is not a
// constraint: a constraint name, COLLATE, COMMENT (which sets col.Comment),
// ON UPDATE or ON CONFLICT, a character set, a parenthesised group, or else
// one token.
func (p *sqlParser) columnClause(col *specdoc.Column, t token) {
	switch {
	case t.is("CONSTRAINT"):
		p.i++
		if n := p.cur(); n.name() && !isConstraintKeyword(p) {
			p.i++
		}
	case t.is("COLLATE"):
		p.i++
		p.qualifiedName()
	case t.is("COMMENT"):
		p.i++
		p.acceptP("=")
		if s := p.cur(); s.kind == tkString {
			describe(col, unquoteSQL(s.text))
			p.i++
		}
	case t.is("ON") && (p.peek(1).is("UPDATE") || p.peek(1).is("CONFLICT")):
		p.i += 2
		if p.peek(-1).is("UPDATE") {
			p.expr()
		} else {
			p.i++
		}
	case t.is("CHARACTER") && p.peek(1).is("SET"), t.is("CHARSET"):
		if t.is("CHARSET") {
			p.i++
		} else {
			p.i += 2
		}
		p.acceptP("=")
		p.qualifiedName()
	case t.isP("("):
		p.skipParens()
	default:
		p.i++
	}
}

// columnComment sets col.Description, unless a COMMENT clause set it, from the
// comments at the end of the column's lines: those of the tokens from index
// first to the current one, and of a ';' on the line of last, as in
// ALTER TABLE t ADD COLUMN c TEXT; -- comment.
func (p *sqlParser) columnComment(col *specdoc.Column, first int, last token) {
	end := p.i
	if p.cur().isP(";") && p.cur().line == last.line {
		end++
	}
	if col.Description != "" {
		return
	}
	var comments []string
	for _, t := range p.toks[first:end] {
		if t.trailing != "" {
			comments = append(comments, t.trailing)
		}
	}
	describe(col, strings.Join(comments, "; "))
}

// typeArgs consumes the parenthesised arguments of a type, such as (10, 2)
// or ('a', 'b'), and reports whether they were closed. Arguments left open
// end before a line that reads as the next column (`name type`), the end of
// the statement or the block; the current token is then that line's first.
func (p *sqlParser) typeArgs() bool {
	p.i++
	return p.closeGroup(func(t token) bool {
		return t.lineStart && (p.statementStart() || t.name() && p.peek(1).name() && p.peek(1).line == t.line) || t.isP(";")
	})
}

// isConstraintKeyword reports whether the current token starts a column
// constraint, so that it cannot be the column's type.
func isConstraintKeyword(p *sqlParser) bool {
	t := p.cur()
	switch strings.ToUpper(t.text) {
	case "NOT", "NULL", "DEFAULT", "REFERENCES", "CONSTRAINT", "AUTOINCREMENT", "AUTO_INCREMENT", "GENERATED", "COLLATE", "COMMENT":
		return t.kind == tkIdent
	case "PRIMARY":
		return p.peek(1).is("KEY")
	case "UNIQUE":
		return t.kind == tkIdent
	case "CHECK", "AS":
		return p.peek(1).isP("(")
	}
	return false
}

// sqlEnumType returns the values of a MySQL ENUM('a','b') or SET('a') type.
func sqlEnumType(typ []token) ([]string, bool) {
	if len(typ) < 3 || !(typ[0].is("ENUM") || typ[0].is("SET")) || !typ[1].isP("(") {
		return nil, false
	}
	var vals []string
	for _, t := range typ[2:] {
		if t.kind == tkString {
			vals = append(vals, unquoteSQL(t.text))
		}
	}
	return vals, len(vals) > 0
}

// expr consumes a scalar expression (a DEFAULT value) and returns its tokens.
// It stops before anything that cannot continue an expression: a constraint
// keyword, a comma, a closing parenthesis or a line that starts a new column.
func (p *sqlParser) expr() []token {
	start := p.i
	p.primary()
	for !p.eof() {
		t := p.cur()
		if t.lineStart && (p.statementStart() || p.columnStart()) {
			break
		}
		switch {
		case t.isP("::"):
			p.i++
			p.qualifiedName()
			if p.cur().isP("(") && !p.cur().space {
				p.skipParens()
			}
			for p.cur().isP("[") {
				p.i++
				p.acceptP("]")
			}
			continue
		case t.kind == tkPunct && !t.isP(",") && !t.isP(")") && !t.isP(";") && !t.isP("(") && !t.isP("[") && !t.isP("]") && !t.isP(".") && !t.isP("...") && !t.isP("{") && !t.isP("}"):
			p.i++
			p.primary()
			continue
		case t.is("AT") && p.peek(1).is("TIME") && p.peek(2).is("ZONE"):
			p.i += 3
			p.primary()
			continue
		}
		break
	}
	return p.toks[start:p.i]
}

// primary consumes one operand of an expression.
func (p *sqlParser) primary() {
	t := p.cur()
	switch {
	case t.kind == tkEOF:
		return
	case t.isP("("):
		p.skipParens()
	case t.isP("-") || t.isP("+"):
		p.i++
		p.primary()
		return
	case t.kind == tkString || t.kind == tkNumber:
		p.i++
	case t.name():
		p.qualifiedName()
		switch n := p.cur(); {
		case n.isP("(") && !n.space:
			p.skipParens()
		case n.kind == tkString && !n.lineStart:
			p.i++ // INTERVAL '1 day', DATE '2024-01-01'
		}
	case t.isP("["):
		for !p.eof() && !p.cur().isP("]") {
			p.i++
		}
		p.acceptP("]")
	default:
		return
	}
	for p.cur().isP("[") && !p.cur().space {
		for !p.eof() && !p.cur().isP("]") {
			p.i++
		}
		p.acceptP("]")
	}
}

// stripParens removes parentheses wrapping a whole expression: ((0)) -> 0.
func stripParens(e []token) []token {
	for len(e) >= 2 && e[0].isP("(") && e[len(e)-1].isP(")") {
		depth := 0
		whole := true
		for k, t := range e {
			if t.isP("(") {
				depth++
			} else if t.isP(")") {
				depth--
				if depth == 0 && k != len(e)-1 {
					whole = false
					break
				}
			}
		}
		if !whole {
			break
		}
		e = e[1 : len(e)-1]
	}
	return e
}

// references parses REFERENCES table [(cols)] [ON DELETE a] [ON UPDATE a] ...
// at the REFERENCES keyword.
func (p *sqlParser) references() (specdoc.ForeignKey, bool) {
	rt := p.cur()
	p.i++
	schema := ""
	if p.cur().name() && p.peek(1).isP(".") && p.peek(2).name() && !p.peek(3).isP(".") {
		schema = strings.Trim(p.cur().text, "\"`[]") + "."
	}
	name, _, ok := p.qualifiedName()
	if !ok {
		return specdoc.ForeignKey{}, false
	}
	// The schema stays on the target (auth.users is the auth provider's
	// users table, not the spec's); package ir reads it.
	name = schema + name
	fk := specdoc.ForeignKey{RefTable: name, Pos: p.pos(rt)}
	if p.cur().isP("(") {
		fk.RefColumns = p.columnList()
	}
	for !p.eof() {
		switch {
		case p.cur().is("ON") && (p.peek(1).is("DELETE") || p.peek(1).is("UPDATE")):
			del := p.peek(1).is("DELETE")
			p.i += 2
			var action string
			switch {
			case p.accept("SET", "NULL"):
				action = "SET NULL"
			case p.accept("SET", "DEFAULT"):
				action = "SET DEFAULT"
			case p.accept("NO", "ACTION"):
				action = "NO ACTION"
			case p.accept("CASCADE"):
				action = "CASCADE"
			case p.accept("RESTRICT"):
				action = "RESTRICT"
			}
			if p.cur().isP("(") && action != "" && strings.HasPrefix(action, "SET") {
				p.skipParens()
			}
			if del {
				fk.OnDelete = action
			}
			continue
		case p.accept("MATCH"):
			p.i++
			continue
		case p.accept("NOT", "DEFERRABLE"), p.accept("DEFERRABLE"):
			continue
		case p.accept("INITIALLY"):
			p.i++
			continue
		}
		break
	}
	return fk, true
}

// columnList parses a parenthesised list of index or key elements at '('.
// Plain columns lose ASC/DESC, NULLS FIRST/LAST, COLLATE, operator classes
// and MySQL prefix lengths; any other element is kept as its text.
func (p *sqlParser) columnList() []string {
	inner := p.skipParens()
	var cols []string
	var elem []token
	flush := func() {
		if len(elem) == 0 {
			return
		}
		e := elem
		elem = nil
		// Drop trailing ordering and collation words.
		for len(e) > 1 {
			n := len(e)
			switch {
			case e[n-1].is("ASC") || e[n-1].is("DESC"):
				e = e[:n-1]
				continue
			case n >= 3 && e[n-2].is("NULLS"):
				e = e[:n-2]
				continue
			case n >= 3 && e[n-2].is("COLLATE"):
				e = e[:n-2]
				continue
			case e[n-1].kind == tkIdent && (e[n-2].isP(")") || e[n-2].name()):
				e = e[:n-1] // operator class: lower(email) text_pattern_ops
				continue
			}
			break
		}
		switch {
		case len(e) == 1 && e[0].name():
			cols = append(cols, e[0].text)
		case len(e) == 4 && e[0].name() && e[1].isP("(") && e[2].kind == tkNumber && e[3].isP(")"):
			cols = append(cols, e[0].text) // prefix length
		default:
			cols = append(cols, p.render(stripParens(e), false))
		}
	}
	depth := 0
	for _, t := range inner {
		switch {
		case t.isP("("):
			depth++
		case t.isP(")"):
			depth--
		case t.isP(",") && depth == 0:
			flush()
			continue
		case t.isP("...") && depth == 0:
			continue
		}
		elem = append(elem, t)
	}
	flush()
	return cols
}

// tableConstraint parses a table constraint into tbl and returns the kind
// of key it added ("primary", "unique" or "") with its position.
func (p *sqlParser) tableConstraint(tbl *specdoc.Table) (key string, pos diag.Pos) {
	name := ""
	if p.accept("CONSTRAINT") {
		if n := p.cur(); n.name() && !isConstraintKeyword(p) && !n.is("FOREIGN") {
			name = n.text
			p.i++
		}
	}
	t := p.cur()
	switch {
	case t.is("PRIMARY") && p.peek(1).is("KEY"):
		p.i += 2
		p.accept("CLUSTERED")
		p.accept("NONCLUSTERED")
		if p.cur().isP("(") {
			tbl.PrimaryKey = p.columnList()
			key, pos = "primary", p.pos(t)
		}
	case t.is("UNIQUE"):
		p.i++
		_ = p.accept("KEY") || p.accept("INDEX")
		p.accept("CLUSTERED")
		p.accept("NONCLUSTERED")
		if p.cur().name() && !p.cur().is("USING") {
			p.qualifiedName()
		}
		if p.accept("USING") {
			p.i++
		}
		if p.cur().isP("(") {
			cols := p.columnList()
			if p.cur().is("WHERE") {
				// UNIQUE (cols) WHERE predicate: a partial unique index,
				// not a uniqueness of the columns.
				p.i++
				start := p.i
				p.skipElement()
				p.indexes = append(p.indexes, specdoc.Index{Name: name, Table: tbl.Name, Columns: cols, Unique: true,
					Where: p.render(p.toks[start:p.i], false), Pos: p.pos(t)})
				return "", diag.Pos{}
			}
			tbl.Uniques = append(tbl.Uniques, cols)
			key, pos = "unique", p.pos(t)
		}
	case t.is("FOREIGN") && p.peek(1).is("KEY"):
		p.i += 2
		if p.cur().name() {
			p.i++ // MySQL index name
		}
		if p.cur().isP("(") {
			cols := p.columnList()
			if p.cur().is("REFERENCES") {
				if fk, ok := p.references(); ok {
					fk.Columns = cols
					fk.Pos = p.pos(t)
					tbl.ForeignKeys = append(tbl.ForeignKeys, &fk)
				}
			}
		}
	case t.is("CHECK") && p.peek(1).isP("("):
		p.i++
		tbl.Checks = append(tbl.Checks, specdoc.Phrase{Text: "CHECK (" + p.render(p.skipParens(), false) + ")", Pos: p.pos(t)})
	case t.is("INDEX") || t.is("KEY"):
		p.i++
		idx := specdoc.Index{Table: tbl.Name, Pos: p.pos(t)}
		if n := p.cur(); n.name() && !n.is("USING") {
			idx.Name = n.text
			idx.Pos = p.pos(n)
			p.i++
		}
		if p.accept("USING") {
			p.i++
		}
		if p.cur().isP("(") {
			idx.Columns = p.columnList()
			p.indexes = append(p.indexes, idx)
		}
	}
	p.skipElement()
	return key, pos
}

// createIndex parses CREATE INDEX after the INDEX keyword, or a pseudo index
// line at its name.
func (p *sqlParser) createIndex(first token, unique bool) {
	p.accept("CONCURRENTLY")
	p.accept("IF", "NOT", "EXISTS")
	idx := specdoc.Index{Unique: unique, Pos: p.pos(first)}
	if !p.cur().is("ON") {
		name, nt, ok := p.qualifiedName()
		if !ok {
			p.skipStatement()
			return
		}
		idx.Name, idx.Pos = name, p.pos(nt)
	}
	if !p.accept("ON") {
		p.skipStatement()
		return
	}
	p.accept("ONLY")
	table, _, ok := p.qualifiedName()
	if !ok {
		p.skipStatement()
		return
	}
	idx.Table = table
	if p.accept("USING") {
		p.i++
	}
	if !p.cur().isP("(") {
		p.skipStatement()
		return
	}
	idx.Columns = p.columnList()
	p.statementRest(func(t token) bool {
		if !t.is("WHERE") {
			return false
		}
		p.i++
		start := p.i
		for !p.eof() && !p.cur().isP(";") && !(p.cur().lineStart && p.statementStart()) {
			p.i++
		}
		idx.Where = p.render(p.toks[start:p.i], false)
		return true
	})
	p.indexes = append(p.indexes, idx)
}

// createType parses CREATE TYPE name AS ENUM ('a', 'b') at TYPE; other types
// are skipped.
func (p *sqlParser) createType() {
	p.i++
	name, nt, ok := p.qualifiedName()
	if !ok || !p.accept("AS", "ENUM") || !p.cur().isP("(") {
		p.skipStatement()
		return
	}
	var vals []string
	for _, t := range p.skipParens() {
		if t.kind == tkString {
			vals = append(vals, unquoteSQL(t.text))
		}
	}
	p.enums[strings.ToLower(name)] = vals
	p.enumList = append(p.enumList, specdoc.Enum{Name: name, Values: vals, Pos: p.pos(nt)})
	p.skipStatement()
}

// alterTable parses ALTER TABLE name ADD ..., ADD ...; other actions are skipped.
func (p *sqlParser) alterTable() {
	p.i += 2
	p.accept("IF", "EXISTS")
	p.accept("ONLY")
	name, _, ok := p.qualifiedName()
	if !ok {
		p.skipStatement()
		return
	}
	scratch := sqlAlter{Table: specdoc.Table{Name: name, Source: specdoc.SourceSQL}}
	p.statementRest(func(t token) bool {
		switch {
		case t.isP(","):
			p.i++
		case !p.accept("ADD"):
			p.skipAction()
		case p.tableConstraintStart():
			switch key, pos := p.tableConstraint(&scratch.Table); key {
			case "primary":
				scratch.pkPos = pos
			case "unique":
				scratch.uqPos = append(scratch.uqPos, pos)
			}
		default:
			p.accept("COLUMN")
			p.accept("IF", "NOT", "EXISTS")
			if p.cur().name() {
				scratch.Columns = append(scratch.Columns, p.column())
			} else {
				p.skipAction()
			}
		}
		return true
	})
	p.alters = append(p.alters, scratch)
}

// skipAction skips one ALTER TABLE action up to a ',' or the statement end.
func (p *sqlParser) skipAction() {
	for !p.eof() {
		t := p.cur()
		if t.isP(",") || t.isP(";") || t.lineStart && p.statementStart() {
			return
		}
		if t.isP("(") {
			p.skipParens()
			continue
		}
		p.i++
	}
}

// commentOn parses COMMENT ON TABLE t IS '...' and COMMENT ON COLUMN t.c IS '...'.
func (p *sqlParser) commentOn() {
	p.i += 2
	kind := p.cur()
	p.i++
	var parts []string
	for p.cur().name() {
		parts = append(parts, p.cur().text)
		p.i++
		if !p.acceptP(".") {
			break
		}
	}
	if p.accept("IS") && p.cur().kind == tkString && len(parts) > 0 {
		c := sqlComment{text: unquoteSQL(p.cur().text)}
		switch {
		case kind.is("TABLE"):
			c.table = parts[len(parts)-1]
			p.comments = append(p.comments, c)
		case kind.is("COLUMN") && len(parts) >= 2:
			c.table, c.column = parts[len(parts)-2], parts[len(parts)-1]
			p.comments = append(p.comments, c)
		}
	}
	p.skipStatement()
}

// finish merges ALTER TABLE and COMMENT ON statements into the block's tables,
// resolves enum types and builds the Result.
func (p *sqlParser) finish() Result {
	var res Result
	for _, t := range p.tables {
		if len(t.Columns) > 0 {
			res.Tables = append(res.Tables, t)
		}
	}
	find := func(name string) *specdoc.Table {
		for k := range res.Tables {
			if strings.EqualFold(res.Tables[k].Name, name) {
				return res.Tables[k]
			}
		}
		return nil
	}
	for _, a := range p.alters {
		if t := find(a.Name); t != nil {
			t.Columns = append(t.Columns, a.Columns...)
			if len(a.PrimaryKey) > 0 {
				t.PrimaryKey = a.PrimaryKey
			}
			t.Uniques = append(t.Uniques, a.Uniques...)
			t.ForeignKeys = append(t.ForeignKeys, a.ForeignKeys...)
			t.Checks = append(t.Checks, a.Checks...)
			continue
		}
		for _, c := range a.Columns {
			res.Columns = append(res.Columns, TableColumn{Table: a.Name, Column: *c})
		}
		if len(a.PrimaryKey) > 0 {
			res.Keys = append(res.Keys, TableKey{Table: a.Name, Columns: a.PrimaryKey, Primary: true, Pos: a.pkPos})
		}
		for k, u := range a.Uniques {
			res.Keys = append(res.Keys, TableKey{Table: a.Name, Columns: u, Pos: a.uqPos[k]})
		}
		for _, fk := range a.ForeignKeys {
			rel := *fk
			rel.Table = a.Name
			res.ForeignKeys = append(res.ForeignKeys, rel)
		}
		for _, c := range a.Checks {
			res.Checks = append(res.Checks, TableCheck{Table: a.Name, Phrase: c})
		}
	}
	for _, c := range p.comments {
		t := find(c.table)
		if t == nil {
			continue
		}
		if c.column == "" {
			t.Comment = c.text
			continue
		}
		for k := range t.Columns {
			if strings.EqualFold(t.Columns[k].Name, c.column) {
				describe(t.Columns[k], c.text)
			}
		}
	}
	if len(p.enums) > 0 {
		addEnum := func(c *specdoc.Column) {
			if vals, ok := p.enums[strings.ToLower(lastPart(strings.Trim(c.Type, `"`)))]; ok {
				c.Constraints = append(c.Constraints, specdoc.Phrase{Text: enumPhrase(vals), Pos: c.TypePos})
			}
		}
		for k := range res.Tables {
			for _, c := range res.Tables[k].Columns {
				addEnum(c)
			}
		}
		for k := range res.Columns {
			addEnum(&res.Columns[k].Column)
		}
	}
	res.Indexes = p.indexes
	res.Enums = p.enumList
	return res
}

// render writes tokens back as text: one space where the source had
// whitespace, none inside parentheses or after commas; with lower set,
// unquoted words are lower-cased.
func (p *sqlParser) render(toks []token, lower bool) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 && t.space {
			prev := toks[k-1]
			if !prev.isP("(") && !prev.isP(",") && !t.isP(")") && !t.isP(",") {
				b.WriteByte(' ')
			}
		}
		text := p.src[t.off:t.end]
		if t.isP("...") {
			text = "..."
		}
		if lower && t.kind == tkIdent {
			text = strings.ToLower(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// unquoteSQL returns the value of a SQL string literal.
func unquoteSQL(s string) string {
	switch {
	case strings.HasPrefix(s, "$"):
		if i := strings.IndexByte(s[1:], '$'); i >= 0 {
			tag := s[:i+2]
			return strings.TrimSuffix(strings.TrimPrefix(s, tag), tag)
		}
		return s
	case len(s) > 0 && s[0] != '\'':
		s = s[1:]
	}
	s = strings.TrimPrefix(s, "'")
	s = strings.TrimSuffix(s, "'")
	return strings.ReplaceAll(s, "''", "'")
}
