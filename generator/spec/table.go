package spec

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/crudgen/crudgen/internal/diag"
)

// headerRole says what a Markdown table column holds.
type headerRole int

const (
	roleIgnore headerRole = iota
	roleName
	roleType
	roleSQLType // a second type column that names the SQL type ("SQL", "DB Type")
	roleConstraints
	roleNullable
	roleRequired
	roleNotNull
	roleDefault
	roleKey // PK/FK/UK markers as written
	rolePK
	roleFK // a reference target ("users.id")
	roleUnique
	roleIndex
	roleDescription
)

var headerRoles = map[string]headerRole{
	"column": roleName, "columns": roleName, "field": roleName, "fields": roleName, "name": roleName,
	"attribute": roleName, "column name": roleName, "field name": roleName, "attribute name": roleName,
	"property": roleName, "colonne": roleName, "coloana": roleName, "coloană": roleName, "spalte": roleName,
	"campo": roleName, "columna": roleName, "nom": roleName, "column_name": roleName, "field_name": roleName,

	"type": roleType, "data type": roleType, "datatype": roleType, "column type": roleType, "field type": roleType,
	"tip": roleType, "typ": roleType, "tipo": roleType, "data_type": roleType, "kind": roleType,
	"python type": roleType, "ts type": roleType, "go type": roleType, "logical type": roleType,
	"sql": roleSQLType, "sql type": roleSQLType, "db type": roleSQLType, "postgres type": roleSQLType,
	"postgresql type": roleSQLType, "sqlite type": roleSQLType, "mysql type": roleSQLType,
	"database type": roleSQLType, "storage": roleSQLType, "pg type": roleSQLType,

	"constraints": roleConstraints, "constraint": roleConstraints, "attributes": roleConstraints,
	"modifiers": roleConstraints, "options": roleConstraints, "rules": roleConstraints,
	"validation": roleConstraints, "validations": roleConstraints, "properties": roleConstraints,
	"flags": roleConstraints, "extra": roleConstraints, "constraints/notes": roleConstraints,
	"restricții": roleConstraints, "restrictii": roleConstraints, "key constraints": roleConstraints,

	"nullable": roleNullable, "null": roleNullable, "null?": roleNullable, "nullable?": roleNullable,
	"is nullable": roleNullable, "allow null": roleNullable, "optional": roleNullable, "optional?": roleNullable,
	"required": roleRequired, "required?": roleRequired, "mandatory": roleRequired,
	"not null": roleNotNull, "notnull": roleNotNull, "nn": roleNotNull,
	"default": roleDefault, "default value": roleDefault, "defaults": roleDefault,

	"key": roleKey, "keys": roleKey, "pk/fk": roleKey, "key type": roleKey,
	"pk": rolePK, "primary key": rolePK, "primary": rolePK,
	"fk": roleFK, "foreign key": roleFK, "references": roleFK, "reference": roleFK, "relation": roleFK,
	"ref": roleFK, "relationship": roleFK, "links to": roleFK,
	"unique": roleUnique, "unique?": roleUnique,
	"index": roleIndex, "indexed": roleIndex, "index?": roleIndex,

	"description": roleDescription, "notes": roleDescription, "note": roleDescription,
	"comment": roleDescription, "comments": roleDescription, "descriere": roleDescription,
	"purpose": roleDescription, "details": roleDescription, "remarks": roleDescription,
	"meaning": roleDescription, "explanation": roleDescription, "beschreibung": roleDescription,
	"descripción": roleDescription, "usage": roleDescription,
}

// typeWords are the leading words of type spellings, enough to tell a column
// of types from a column of prose when a header is not recognised.
var typeWords = regexp.MustCompile(`(?i)^\s*(varchar|nvarchar|char|character|text|string|str|int|integer|int2|int4|int8|smallint|bigint|tinyint|serial|bigserial|bool|boolean|uuid|guid|timestamp|timestamptz|datetime|date|time|json|jsonb|float|double|real|decimal|numeric|number|money|blob|bytea|bytes|enum|citext|long|array|list|dict|optional)\b`)

// table reads a Markdown table whose header describes columns.
func (p *parser) table(t *extast.Table) {
	s := p.cur.target()
	var header []string
	var rows [][]cell
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []cell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			txt, off := p.cellText(c)
			cells = append(cells, cell{txt, off})
		}
		if _, ok := r.(*extast.TableHeader); ok {
			for _, c := range cells {
				header = append(header, strings.ToLower(strings.Join(strings.Fields(c.text), " ")))
			}
			continue
		}
		rows = append(rows, cells)
	}
	lbl := p.label
	p.label = nil
	if len(rows) == 0 {
		return
	}
	if typ, cols, ref, ok := constraintColumns(header, rows); ok && lbl == nil {
		p.constraintTable(s, header, rows, typ, cols, ref)
		return
	}
	if name, cols, ok := indexColumns(header, p.cur.kind == kindIndexes); ok && lbl == nil {
		p.indexTable(s, header, rows, name, cols)
		return
	}
	p.readTable(s, lbl, header, rows)
}

// readTable reads a Markdown table of the section s: the columns of an
// entity, foreign keys or constraints of one, or context read past.
func (p *parser) readTable(s *section, lbl *label, header []string, rows [][]cell) {
	roles := make([]headerRole, len(header))
	hasName, hasType := -1, -1
	for i, h := range header {
		roles[i] = headerRoles[strings.Trim(h, " :")]
		switch roles[i] {
		case roleName:
			if hasName >= 0 {
				roles[i] = roleIgnore
			} else {
				hasName = i
			}
		case roleType:
			if hasType >= 0 {
				roles[i] = roleIgnore
			} else {
				hasType = i
			}
		}
	}
	if hasName < 0 && len(header) >= 2 && looksLikeTypes(rows, 1) {
		hasName, roles[0] = 0, roleName
		if roles[1] == roleIgnore {
			roles[1], hasType = roleType, 1
		}
	}
	hasSQL, fk := false, -1
	for i, r := range roles {
		hasSQL = hasSQL || r == roleSQLType
		if r == roleFK && fk < 0 {
			fk = i
		}
	}
	if hasName >= 0 && fk >= 0 && hasType < 0 && !hasSQL && !looksLikeTypes(rows, hasName+1) {
		// | Column | References |: foreign keys of the entity above.
		p.foreignKeyTable(s, header, rows, hasName, fk)
		return
	}
	if lbl == nil && (s.kind != kindOther && s.kind != kindProse || s.name == "") {
		if hasName >= 0 && (hasType >= 0 || hasSQL) && s.kind == kindSkip && !skipWords.MatchString(s.heading) && contextReason(header, hasName) == "" && rows[0][0].off >= 0 {
			p.diags = append(p.diags, diag.Warnf(p.pos(rows[0][0].off), "this table of columns is under %q, which names no table; read past (put it under a heading that names the table, such as `## tasks`, or a bold line `**tasks**` right above it)", s.heading))
		}
		return
	}
	if hasName >= 0 && (hasType >= 0 || hasSQL) {
		if why := contextReason(header, hasName); why != "" {
			p.diags = append(p.diags, diag.Warnf(p.pos(rows[0][0].off), "the table under %q is read as context, not as the columns of `%s`: %s; read past (to define columns, start the table with `| Column | Type |`)", s.heading, s.name, why))
			return
		}
	}
	if hasName < 0 || (hasType < 0 && !hasSQL && !(len(header) > hasName+1 && looksLikeTypes(rows, hasName+1))) {
		return
	}
	if hasType < 0 && !hasSQL {
		roles[hasName+1] = roleType
	}
	tb := &Table{Name: s.name, Explicit: s.explicit, Pos: s.pos, Heading: s.heading, Source: SourceTable}
	if lbl != nil {
		tb.Name, tb.Explicit, tb.Pos = lbl.name, lbl.explicit, lbl.pos
	}
	for _, row := range rows {
		col := p.row(row, roles)
		if col != nil {
			tb.Columns = append(tb.Columns, col)
		} else if c, ok := unnamedRow(row, hasName); ok {
			p.diags = append(p.diags, diag.Warnf(p.pos(c.off), "this row of `%s` has no column name in its %q cell; skipped (write the column's name there)", tb.Name, header[hasName]))
		}
	}
	if len(tb.Columns) == 0 {
		return
	}
	p.doc.Tables = append(p.doc.Tables, tb)
	if lbl != nil {
		s.blockTables = append(s.blockTables, tb)
		return
	}
	if s.table != nil {
		// A second column table under one heading describes the same table again.
		p.finishTable(s)
	}
	s.table = tb
}

// finishTable is called when a section gets a second column table: the
// first one keeps what the section said so far.
func (p *parser) finishTable(s *section) {
	p.finish(&section{table: s.table, managed: s.managed, managedPos: s.managedPos, desc: s.desc})
	s.table = nil
}

// rawCell is the Markdown of c as written, trimmed, with escaped pipes
// unescaped.
func (p *parser) rawCell(c cell) string {
	raw := string(p.src[c.off : c.off+len(c.text)])
	return strings.TrimSpace(strings.ReplaceAll(raw, `\|`, "|"))
}

// unnamedRow reports whether row has text but no name in its name cell,
// and the first cell with text.
func unnamedRow(row []cell, name int) (cell, bool) {
	if name < len(row) && reColName.MatchString(row[name].text) {
		return cell{}, false
	}
	for _, c := range row {
		if c.off >= 0 && strings.Trim(c.text, " -—–.…") != "" {
			return c, true
		}
	}
	return cell{}, false
}

type cell struct {
	text string
	off  int
}

func looksLikeTypes(rows [][]cell, i int) bool {
	n := 0
	for _, r := range rows {
		if i < len(r) && typeWords.MatchString(r[i].text) {
			n++
		}
	}
	return n*2 >= len(rows) && n > 0
}

var (
	reYes       = regexp.MustCompile(`(?i)^\s*(yes|y|true|✓|✔|✔️|✅|x|☑|required|nullable|null|optional|pk|fk|unique|index|indexed|primary key|●|•)\s*$`)
	reNo        = regexp.MustCompile(`(?i)^\s*(no|n|false|✗|✘|❌|-|—|–|none|n/a)?\s*$`)
	reWordsName = regexp.MustCompile(`^\s*[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*){1,3}\s*$`)
	reDottedRef = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$`)
	reAutoValue = regexp.MustCompile(`(?i)^\s*(auto([ _-]?(increment|generated|inc))?|serial|identity|generated)\s*$`)
	// reColName reads the name a cell starts with: letters of any script,
	// digits, underscores and inner hyphens ("e-mail", "2fa", "ünïcode");
	// package ir maps what is not a SQL name onto one.
	reColName = regexp.MustCompile(`^\s*"?([\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)"?`)
)

// row reads one table row into a Column, turning yes/no cells into phrases of
// the common constraint vocabulary ("NOT NULL", "PRIMARY KEY", "DEFAULT x").
func (p *parser) row(row []cell, roles []headerRole) *Column {
	col := &Column{}
	add := func(text string, off int) {
		col.Constraints = append(col.Constraints, Phrase{Text: text, Pos: p.pos(off)})
	}
	// addYesNo adds yes or no for a yes/no cell, or the cell as written.
	addYesNo := func(v string, off int, yes, no string) {
		switch {
		case reNo.MatchString(v) && v != "":
			add(no, off)
		case reYes.MatchString(v):
			add(yes, off)
		case v != "":
			add(v, off)
		}
	}
	for i, c := range row {
		if i >= len(roles) || c.off < 0 {
			continue
		}
		v := strings.TrimSpace(c.text)
		lead := len(c.text) - len(strings.TrimLeft(c.text, " "))
		off := c.off + lead
		switch roles[i] {
		case roleName:
			m := reColName.FindStringSubmatchIndex(c.text)
			if m == nil {
				return nil
			}
			col.Name = c.text[m[2]:m[3]]
			col.Pos = p.pos(c.off + m[2])
			if reWordsName.MatchString(c.text) {
				// "Created At": a name of several words, kept whole.
				col.Name = strings.Join(strings.Fields(c.text), " ")
				break
			}
			if rest := strings.TrimSpace(c.text[m[1]:]); rest != "" {
				// "id (PK)" in the name cell.
				add(rest, c.off+m[1]+strings.Index(c.text[m[1]:], rest))
			}
		case roleType:
			if v != "" && !reNo.MatchString(v) {
				if col.Type != "" { // the SQL type came first
					add(v, off)
					continue
				}
				col.Type, col.TypePos = v, p.pos(off)
			}
		case roleSQLType:
			if v != "" && !reNo.MatchString(v) {
				if col.Type != "" {
					// Prefer the SQL type; keep the other as a phrase for enum values.
					col.Constraints = append(col.Constraints, Phrase{Text: col.Type, Pos: col.TypePos})
				}
				col.Type, col.TypePos = v, p.pos(off)
			}
		case roleConstraints, roleKey:
			switch {
			case roles[i] == roleKey && reDottedRef.MatchString(v):
				add("REFERENCES "+v, off)
			case v != "" && !reNo.MatchString(v):
				add(v, off)
			}
		case roleNullable:
			addYesNo(v, off, "NULL", "NOT NULL")
		case roleRequired, roleNotNull:
			addYesNo(v, off, "NOT NULL", "NULL")
		case roleDefault:
			if v != "" && !reNo.MatchString(v) {
				if strings.HasPrefix(strings.ToLower(v), "default") || reAutoValue.MatchString(v) {
					add(v, off)
				} else {
					add("DEFAULT "+v, off)
				}
			}
		case rolePK, roleUnique, roleIndex:
			if reYes.MatchString(v) {
				add(map[headerRole]string{rolePK: "PRIMARY KEY", roleUnique: "UNIQUE", roleIndex: "INDEX"}[roles[i]], off)
			} else if v != "" && !reNo.MatchString(v) {
				add(v, off)
			}
		case roleFK:
			switch {
			case reYes.MatchString(v):
				add("FOREIGN KEY", off)
			case v != "" && !reNo.MatchString(v):
				if strings.Contains(strings.ToLower(v), "ref") || strings.Contains(v, "→") || strings.Contains(v, "->") || strings.Contains(strings.ToLower(v), "fk") {
					add(v, off)
				} else {
					add("REFERENCES "+v, off)
				}
			}
		case roleDescription:
			if v != "" && !reNo.MatchString(v) {
				if col.Description != "" {
					col.Description += "; "
				} else {
					col.DescPos = p.pos(off)
				}
				// The description keeps its Markdown (`#ff8800`), which
				// cellText blanked for the other roles.
				col.Description += p.rawCell(c)
			}
		}
	}
	if col.Name == "" {
		return nil
	}
	return col
}

// list reads a bullet list: columns, index bullets or relationship bullets.
func (p *parser) list(l *ast.List) {
	s := p.cur.target()
	lbl := p.label
	p.label = nil
	items := p.items(l)
	indexes := p.cur.kind == kindIndexes || p.cur.indexHint
	p.cur.indexHint = false
	if indexes {
		ctx := ""
		if s.kind == kindOther && (s.table != nil || len(s.blockTables) > 0) {
			ctx = s.name
		}
		for _, it := range items {
			p.indexBullet(it, ctx)
		}
		return
	}
	if p.enumList(s, items) || p.entityItems(s, items) {
		return
	}
	var cols []*Column
	var nested []*ast.List
	for _, it := range items {
		if m := reTableName.FindStringSubmatch(it.text); m != nil && s.kind == kindOther {
			s.name, s.explicit = m[1], true
			if s.table != nil {
				s.table.Name, s.table.Explicit = m[1], true
			}
			continue
		}
		if it.sub != nil && reFieldsItem.MatchString(it.text) {
			nested = append(nested, it.sub)
			continue
		}
		if col := p.bullet(it); col != nil {
			cols = append(cols, col)
			continue
		}
		p.relationBullet(it)
	}
	for _, sub := range nested {
		for _, it := range p.items(sub) {
			if col := p.bullet(it); col != nil {
				cols = append(cols, col)
			}
		}
	}
	if len(cols)*2 < len(items)-len(nested) || len(cols) == 0 {
		return
	}
	if lbl != nil && !lbl.prose {
		tb := &Table{Name: lbl.name, Explicit: lbl.explicit, Pos: lbl.pos, Heading: s.heading, Source: SourceBullets, Columns: cols}
		p.doc.Tables = append(p.doc.Tables, tb)
		s.blockTables = append(s.blockTables, tb)
		return
	}
	if s.kind != kindOther || s.name == "" {
		return
	}
	if s.table != nil && s.table.Source == SourceBullets {
		s.table.Columns = append(s.table.Columns, cols...)
		return
	}
	if s.table != nil {
		p.finishTable(s)
	}
	s.table = &Table{Name: s.name, Explicit: s.explicit, Pos: s.pos, Heading: s.heading, Source: SourceBullets, Columns: cols}
	p.doc.Tables = append(p.doc.Tables, s.table)
}

// reEntityItem is a bullet that names a table whose columns are its nested
// bullets: "**Task**", "`tasks` table", "Entity: Task", "**Task** - a to-do".
var reEntityItem = regexp.MustCompile("(?i)^\\s*(?:(?:table|entity|model)\\s*:?\\s*)?(?:\\*\\*|__|`)+\\s*(?:(?:table|entity|model)\\s*:?\\s*)?`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*(?:\\*\\*|__|`)+\\s*(?:table|entity|model)?\\s*(?:\\([^)]*\\))?\\s*(?:$|:|[-—–]\\s)")

// entityItems reads a list whose items name tables and hold their columns
// as nested bullets, and reports whether it did.
func (p *parser) entityItems(s *section, items []item) bool {
	found := false
	for _, it := range items {
		m := reEntityItem.FindStringSubmatchIndex(it.text)
		if it.sub == nil || m == nil || fieldsHeadings[strings.ToLower(it.text[m[2]:m[3]])] || reFieldsItem.MatchString(it.text) {
			continue
		}
		var cols []*Column
		subs := p.items(it.sub)
		if slices.ContainsFunc(subs, func(sub item) bool { return reSubBullet.MatchString(blankMarkup(sub.text)) }) {
			continue // "- **id**" with "- Type: Integer" below: a column
		}
		for _, sub := range subs {
			if col := p.bullet(sub); col != nil {
				cols = append(cols, col)
			}
		}
		if len(cols) == 0 || len(cols)*2 < len(subs) {
			continue
		}
		name := it.text[m[2]:m[3]]
		tb := &Table{Name: name, Explicit: reLowerIdent.MatchString(name), Pos: p.pos(it.off + m[2]), Heading: s.heading, Source: SourceBullets, Columns: cols}
		p.doc.Tables = append(p.doc.Tables, tb)
		s.blockTables = append(s.blockTables, tb)
		found = true
	}
	return found
}

var reFieldsItem = regexp.MustCompile(`(?i)^[\s*_]*(fields|columns|attributes|properties|schema)[\s*_]*:?[\s*_]*$`)

type item struct {
	text string // first line, markup blanked
	off  int
	sub  *ast.List
}

func (p *parser) items(l *ast.List) []item {
	var out []item
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		it := item{off: -1}
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				if it.sub == nil {
					it.sub = c
				}
			case *ast.Paragraph, *ast.TextBlock:
				if it.off < 0 {
					lines := c.Lines()
					if lines.Len() > 0 {
						seg := lines.At(0)
						it.text = strings.TrimRight(string(seg.Value(p.src)), "\r\n")
						it.off = seg.Start
					}
				}
			}
		}
		if it.off >= 0 {
			out = append(out, it)
		}
	}
	return out
}

var reEnumItem = regexp.MustCompile("^\\s*[`*'\"]*([A-Za-z0-9_][A-Za-z0-9_.-]*)[`*'\"]*\\s*(?:$|[-—–:(=])")

// enumList reads a bullet list of bare values under a heading about an
// enumeration ("### TaskStatus" under "## Enums", "### Priority enum") as a
// named enum that column types may name.
func (p *parser) enumList(s *section, items []item) bool {
	if len(items) < 2 || s.name == "" {
		return false
	}
	inEnum := false
	for t := p.cur; t != nil; t = t.parent {
		if strings.Contains(strings.ToLower(t.heading), "enum") {
			inEnum = true
		}
	}
	if !inEnum {
		return false
	}
	var vals []string
	for _, it := range items {
		m := reEnumItem.FindStringSubmatch(it.text)
		if m == nil {
			return false
		}
		vals = append(vals, m[1])
	}
	name := strings.TrimSuffix(strings.TrimSuffix(s.name, " enum"), " Enum")
	p.doc.Enums = append(p.doc.Enums, &Enum{Name: name, Values: vals, Pos: p.pos(items[0].off)})
	return true
}
