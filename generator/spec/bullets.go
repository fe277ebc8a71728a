package spec

import (
	"regexp"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

var (
	reBulletName = regexp.MustCompile(`^\s*"?([\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)"?`)
	reSQLKeyword = regexp.MustCompile(`^(INDEX|PRIMARY|UNIQUE|FOREIGN|KEY|CONSTRAINT|CHECK|TABLE|CREATE|ALTER|NOTE|TODO|FR|NFR|SC)$`)
	reSubBullet  = regexp.MustCompile(`(?i)^[\s*_]*(type|data\s+type|sql\s+type|constraints?|default|nullable|required|purpose|description|notes?|validation|format|values|allowed\s+values|references|foreign\s+key|length|max\s+length)[\s*_]*:\s*`)
)

// proseLabels are capitalised words that start prose bullets ("**Rules**: ...").
var proseLabels = naming.WordSet(`
	Rules Note Notes Purpose Example Examples Fields Constraints Indexes Relationships Why
	Usage Source Important Warning Tip Rationale Returns Input Output Given When Then
	Database Engine ORM Connection Status Created Version Date Feature Branch Author
`)

// subBullets reads a column's nested bullets ("- Type: Integer",
// "- Constraints: NOT NULL", "- Purpose: ...").
func (p *parser) subBullets(col *Column, it item) {
	if it.sub == nil {
		return
	}
	for _, sub := range p.items(it.sub) {
		t := blankMarkup(sub.text)
		m := reSubBullet.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(t[m[2]:m[3]]), " "))
		val := strings.TrimSpace(t[m[1]:])
		off := sub.off + m[1] + strings.Index(t[m[1]:], val)
		if val == "" {
			continue
		}
		switch key {
		case "type", "data type", "sql type":
			col.Constraints = append([]Phrase{{Text: val, Pos: p.pos(off)}}, col.Constraints...)
		case "purpose", "description", "note", "notes":
			if col.Description == "" {
				col.Description, col.DescPos = val, p.pos(off)
			} else {
				col.Description += "; " + val
			}
		case "default":
			col.Constraints = append(col.Constraints, Phrase{Text: "DEFAULT " + val, Pos: p.pos(off)})
		case "values", "allowed values":
			col.Constraints = append(col.Constraints, Phrase{Text: "one of: " + val, Pos: p.pos(off)})
		case "references", "foreign key":
			col.Constraints = append(col.Constraints, Phrase{Text: "references " + val, Pos: p.pos(off)})
		case "length", "max length":
			col.Constraints = append(col.Constraints, Phrase{Text: "max " + val, Pos: p.pos(off)})
		case "nullable":
			if reYes.MatchString(val) {
				col.Constraints = append(col.Constraints, Phrase{Text: "NULL", Pos: p.pos(off)})
			} else if reNo.MatchString(val) {
				col.Constraints = append(col.Constraints, Phrase{Text: "NOT NULL", Pos: p.pos(off)})
			}
		case "required":
			if reYes.MatchString(val) {
				col.Constraints = append(col.Constraints, Phrase{Text: "NOT NULL", Pos: p.pos(off)})
			} else if reNo.MatchString(val) {
				col.Constraints = append(col.Constraints, Phrase{Text: "NULL", Pos: p.pos(off)})
			}
		default:
			col.Constraints = append(col.Constraints, Phrase{Text: val, Pos: p.pos(off)})
		}
	}
}

// bullet reads a column bullet. Accepted shapes, with any of the name forms
// `name`, **name**, **`name`**:
//
//   - name: type (constraint, constraint) - description
//   - name: type, constraint, constraint
//   - name (type, constraint): description
//   - name: description (type), constraint
//   - name
//
// The text after the name becomes phrases: the part before the first
// parenthesis or comma, each parenthesised group, and the rest; a trailing
// description after " - ", " — " or "): " is kept apart.
func (p *parser) bullet(it item) *Column {
	t := blankMarkup(it.text)
	m := reBulletName.FindStringSubmatchIndex(t)
	if m == nil {
		return nil
	}
	col := &Column{Name: t[m[2]:m[3]], Pos: p.pos(it.off + m[2])}
	if reSQLKeyword.MatchString(col.Name) || proseLabels[col.Name] {
		return nil
	}
	defer p.subBullets(col, it)
	rest := t[m[1]:]
	base := it.off + m[1]
	trim := strings.TrimLeft(rest, " ")
	skip := len(rest) - len(trim)
	switch {
	case trim == "":
		return col
	case trim[0] == ':' || trim[0] == '=':
		rest, base = trim[1:], base+skip+1
	case trim[0] == '(':
		rest, base = trim, base+skip
	case strings.HasPrefix(trim, "- "), strings.HasPrefix(trim, "— "), strings.HasPrefix(trim, "– "):
		n := strings.Index(trim, " ") + 1
		rest, base = trim[n:], base+skip+n
	default:
		return nil
	}
	// Split off a trailing description.
	desc, descOff := "", -1
	depth := 0
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
			if depth == 0 && i+1 < len(rest) && rest[i+1] == ':' && strings.TrimSpace(rest[:i+1]) != "" && strings.HasPrefix(strings.TrimSpace(rest), "(") {
				desc, descOff = rest[i+2:], i+2
				rest = rest[:i+1]
			}
		}
		if depth == 0 && descOff < 0 {
			for _, sep := range []string{" - ", " — ", " – ", " -- "} {
				if strings.HasPrefix(rest[i:], sep) && strings.TrimSpace(rest[:i]) != "" {
					desc, descOff = rest[i+len(sep):], i+len(sep)
					rest = rest[:i]
					break
				}
			}
		}
		if descOff >= 0 {
			break
		}
	}
	if descOff >= 0 {
		lead := len(desc) - len(strings.TrimLeft(desc, " "))
		col.Description = strings.TrimSpace(desc)
		col.DescPos = p.pos(base + descOff + lead)
	}
	col.Constraints = p.splitPhrases(rest, base)
	return col
}

// splitPhrases cuts s (starting at offset base) into the text outside
// parentheses and the content of each top-level parenthesised group.
func (p *parser) splitPhrases(s string, base int) []Phrase {
	var out []Phrase
	add := func(from, to int) {
		seg := s[from:to]
		t := strings.TrimLeft(seg, " ,;")
		lead := len(seg) - len(t)
		t = strings.TrimRight(t, " ,;:.")
		if t != "" {
			out = append(out, Phrase{Text: t, Pos: p.pos(base + from + lead)})
		}
	}
	depth, start, open := 0, 0, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if depth == 0 {
				// A parenthesis right after a word is part of it: varchar(200), now().
				if i > 0 && isWordByte(s[i-1]) {
					depth++
					open = -2
					continue
				}
				add(start, i)
				open = i
			}
			depth++
		case ')':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 && open >= 0 {
				add(open+1, i)
				start = i + 1
				open = -1
			} else if depth == 0 {
				open = -1
			}
		}
	}
	if open >= 0 {
		add(open+1, len(s))
	} else {
		add(start, len(s))
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var (
	reIdxOnParen = regexp.MustCompile(`(?i)(?:^|\s)(?:on\s+([A-Za-z_][A-Za-z0-9_]*)?\s*|([A-Za-z_][A-Za-z0-9_]*))\(\s*([A-Za-z_][A-Za-z0-9_]*(?:\s+(?:asc|desc))?(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*(?:\s+(?:asc|desc))?)*)\s*\)`)
	reDotted     = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\b`)
	reIdxOnCol   = regexp.MustCompile(`(?i)\bon\s+([A-Za-z_][A-Za-z0-9_]*)\b`)
	reIdxName    = regexp.MustCompile(`(?i)^\s*((?:idx|ix|index|uq|uniq|unique)_[A-Za-z0-9_]+|[A-Za-z0-9_]+_(?:idx|index|key|uniq))\b`)
	reNotIdxWord = regexp.MustCompile(`(?i)^(on|index|indexes|of|for|by|and|the|a|composite|unique|table|primary|key)$`)
)

// indexBullet reads an index bullet: "idx_tasks_user on tasks(user_id)",
// "tasks.user_id", "Index on `user_id`" (ctx names the table of the section),
// "Composite index on (user_id, completed)", "User.email: UNIQUE INDEX".
func (p *parser) indexBullet(it item, ctx string) {
	t := blankMarkup(it.text)
	lt := strings.ToLower(t)
	if strings.Contains(lt, "primary key") {
		return
	}
	ix := &Index{Pos: p.pos(it.off + len(t) - len(strings.TrimLeft(t, " "))), Unique: strings.Contains(lt, "unique")}
	if m := reIdxName.FindStringSubmatch(t); m != nil {
		ix.Name = m[1]
	}
	if m := reIdxOnParen.FindStringSubmatch(t); m != nil && !(m[2] != "" && reNotIdxWord.MatchString(m[2])) {
		ix.Table = m[1] + m[2]
		if ix.Table == "" || reNotIdxWord.MatchString(ix.Table) {
			ix.Table = ctx
		}
		for _, c := range strings.Split(m[3], ",") {
			f := strings.Fields(c)
			if len(f) > 0 {
				ix.Columns = append(ix.Columns, f[0])
			}
		}
	} else if ms := reDotted.FindAllStringSubmatch(t, -1); ms != nil {
		ix.Table = ms[0][1]
		for _, m := range ms {
			if strings.EqualFold(m[1], ix.Table) {
				ix.Columns = append(ix.Columns, m[2])
			}
		}
	} else if m := reIdxOnCol.FindStringSubmatch(t); m != nil && ctx != "" {
		ix.Table, ix.Columns = ctx, []string{m[1]}
	}
	if ix.Table == "" || len(ix.Columns) == 0 {
		return
	}
	p.doc.Indexes = append(p.doc.Indexes, ix)
}

var reRelation = regexp.MustCompile(`(?i)\b([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\b[\s` + "`" + `*]*(?:→|->|=>|⟶|-->|references|refers to|points to)[\s` + "`" + `*]*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)`)
var reOnDelete = regexp.MustCompile(`(?i)on\s+delete\s+(cascade|set\s+null|set\s+default|restrict|no\s+action)`)

// relationBullet reads "tasks.user_id → users.id (ON DELETE CASCADE)".
func (p *parser) relationBullet(it item) {
	m := reRelation.FindStringSubmatchIndex(it.text)
	if m == nil {
		return
	}
	t := it.text
	fk := &ForeignKey{
		Table: t[m[2]:m[3]], Columns: []string{t[m[4]:m[5]]},
		RefTable: t[m[6]:m[7]], RefColumns: []string{t[m[8]:m[9]]},
		Pos: p.pos(it.off + m[2]),
	}
	if od := reOnDelete.FindStringSubmatch(t); od != nil {
		fk.OnDelete = strings.ToUpper(strings.Join(strings.Fields(od[1]), " "))
	}
	p.doc.Relations = append(p.doc.Relations, fk)
}
