package spec

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/crudgen/crudgen/internal/blocks"
	"github.com/crudgen/crudgen/internal/diag"
)

var (
	sqlLangs     = map[string]bool{"sql": true, "postgresql": true, "postgres": true, "psql": true, "pgsql": true, "plpgsql": true, "mysql": true, "sqlite": true, "sqlite3": true, "tsql": true, "mssql": true, "mariadb": true, "ddl": true}
	pythonLangs  = map[string]bool{"python": true, "py": true, "python3": true}
	reSniffSQL   = regexp.MustCompile(`(?i)^\s*create\s+(table|unique\s+index|index)\b`)
	reSniffPy    = regexp.MustCompile(`(?m)^\s*class\s+\w+\s*\([^)]*SQLModel`)
	reSniffPrism = regexp.MustCompile(`(?m)^\s*model\s+\w+\s*\{`)
	reSniffER    = regexp.MustCompile(`(?m)^\s*erDiagram\b`)
)

// fence hands a fenced or indented code block to the parser of its language,
// sniffing unlabelled blocks, and records the tables it defines.
func (p *parser) fence(info string, n ast.Node) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return
	}
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.src))
	}
	body := b.String()
	first := lines.At(0)
	start := p.pos(first.Start)
	lang := strings.ToLower(strings.TrimSpace(strings.TrimLeft(info, "{.")))
	if f := strings.FieldsFunc(lang, func(r rune) bool { return r == ' ' || r == '{' || r == ',' || r == '}' }); len(f) > 0 {
		lang = f[0]
	} else {
		lang = ""
	}
	var parse func(string, diag.Pos) (blocks.Result, diag.List)
	var source string
	switch {
	case sqlLangs[lang]:
		parse, source = blocks.SQL, SourceSQL
	case pythonLangs[lang] && reSniffPy.MatchString(body):
		parse, source = blocks.SQLModel, SourceSQLModel
	case lang == "mermaid" && reSniffER.MatchString(body):
		parse, source = blocks.Mermaid, SourceMermaid
	case lang == "prisma":
		parse, source = blocks.Prisma, SourcePrisma
	case lang == "" || lang == "text" || lang == "txt" || lang == "plaintext" || lang == "sh" || lang == "code":
		first := firstCodeLine(body)
		switch {
		case reSniffSQL.MatchString(first):
			parse, source = blocks.SQL, SourceSQL
		case reSniffER.MatchString(first):
			parse, source = blocks.Mermaid, SourceMermaid
		case reSniffPrism.MatchString(body) && !strings.Contains(body, "class "):
			parse, source = blocks.Prisma, SourcePrisma
		case reSniffPy.MatchString(body):
			parse, source = blocks.SQLModel, SourceSQLModel
		}
	}
	if parse == nil {
		return
	}
	res, ds := parse(body, start)
	p.diags = append(p.diags, ds...)
	p.addResult(res, source, body, start)
}

// firstCodeLine returns the first line of a code block that is neither blank
// nor a comment.
func firstCodeLine(body string) string {
	for _, l := range strings.Split(body, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "--") || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") {
			continue
		}
		return t
	}
	return ""
}

// addResult turns what a block parser returned into the Document's terms.
func (p *parser) addResult(res blocks.Result, source, body string, start Pos) {
	s := p.cur.target()
	bodyLines := strings.Split(body, "\n")
	for _, t := range res.Tables {
		t.Heading = s.heading
		t.PKPos = t.Pos
		switch source {
		case SourceSQL, SourceSQLModel:
			t.Explicit = true
		default:
			t.Explicit = reLowerIdent.MatchString(t.Name) || (source == SourcePrisma && t.Comment != "")
		}
		// A "managed by Better Auth" comment just above the table, or in a
		// block holding only this table.
		from := t.Pos.Line - start.Line - 3
		to := t.Pos.Line - start.Line
		if len(res.Tables) == 1 {
			from, to = 0, len(bodyLines)-1
		}
		for l := max(from, 0); l <= to && l < len(bodyLines); l++ {
			if m := managedBy(bodyLines[l]); m != "" {
				t.Managed, t.ManagedPos = m, Pos{File: p.path, Line: start.Line + l, Col: 1}
				break
			}
		}
		if t.Managed == "" {
			if m := managedBy(t.Comment); m != "" {
				t.Managed, t.ManagedPos = m, t.Pos
			}
		}
		p.doc.Tables = append(p.doc.Tables, t)
		s.blockTables = append(s.blockTables, t)
	}
	for i := range res.Indexes {
		p.doc.Indexes = append(p.doc.Indexes, &res.Indexes[i])
	}
	for i := range res.ForeignKeys {
		p.doc.Relations = append(p.doc.Relations, &res.ForeignKeys[i])
	}
	// ALTER TABLE additions for tables defined elsewhere become partial tables
	// that only add to an entity declared by another description.
	alter := func(name string, pos Pos) *Table {
		t := &Table{Name: name, Pos: pos, Source: source, Explicit: true, Alter: true}
		p.doc.Tables = append(p.doc.Tables, t)
		return t
	}
	for _, c := range res.Checks {
		t := alter(c.Table, c.Pos)
		t.Checks = []Phrase{c.Phrase}
	}
	for _, c := range res.Columns {
		t := alter(c.Table, c.Pos)
		t.Columns = []*Column{&c.Column}
	}
	for _, k := range res.Keys {
		t := alter(k.Table, k.Pos)
		if k.Primary {
			t.PrimaryKey, t.PKPos = k.Columns, k.Pos
		} else {
			t.Uniques = [][]string{k.Columns}
		}
	}
	for i := range res.Enums {
		p.doc.Enums = append(p.doc.Enums, &res.Enums[i])
	}
	p.doc.Links = append(p.doc.Links, res.Links...)
}

// rePyTopLine is an unindented line that continues Python code: a class,
// an import, a decorator or a comment.
var rePyTopLine = regexp.MustCompile(`^(class\s|from\s|import\s|@|#)`)

// rePyStart is the first line of Python code written outside a fence.
var rePyStart = regexp.MustCompile(`^\s*(from\s+sqlmodel\s+import|import\s+sqlmodel)\b`)

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// unfencedClass reads a SQLModel class written as plain text, outside a
// fence: the class line at off and every line after it that is blank or
// indented (goldmark would make those a paragraph and code blocks, losing
// the indentation Python needs). It reports whether a table was found.
func (p *parser) unfencedClass(off int) bool {
	lineStart := strings.LastIndexByte(string(p.src[:off]), '\n') + 1
	end := len(p.src)
	for i := lineStart; i < len(p.src); {
		j := strings.IndexByte(string(p.src[i:]), '\n')
		next := len(p.src)
		if j >= 0 {
			next = i + j + 1
		}
		line := string(p.src[i:next])
		top := strings.TrimSpace(line) != "" && line[0] != ' ' && line[0] != '\t'
		if i > lineStart && top && !rePyTopLine.MatchString(line) {
			end = i
			break
		}
		i = next
	}
	body := string(p.src[lineStart:end])
	res, ds := blocks.SQLModel(body, p.pos(lineStart))
	if len(res.Tables) == 0 {
		return false
	}
	p.diags = append(p.diags, ds...)
	p.addResult(res, SourceSQLModel, body, p.pos(lineStart))
	p.skipTo = end
	return true
}
