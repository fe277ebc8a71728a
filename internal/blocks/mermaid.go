package blocks

import (
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// Mermaid parses a ```mermaid erDiagram block. Each entity with attributes
// (`TASK { int id PK  string title "comment" }`) is a table named as written;
// attributes are written type first, then name, then keys, then an optional
// comment string. Keys map to phrases: PK -> PRIMARY KEY, UK -> UNIQUE, and
// FK -> "FOREIGN KEY" with no target. Relationship lines are returned as
// Result.Links: which linked entity an FK attribute names (user_id and USER
// or users) is decided by package ir, which matches names. Diagrams of other
// kinds yield nothing.
func Mermaid(src string, start diag.Pos) (Result, diag.List) {
	pm := newPosMap(src, start)
	var res Result
	var diags diag.List
	var cur *specdoc.Table
	var fkCols []fkCol
	lines := strings.Split(src, "\n")
	off := 0
	for _, line := range lines {
		lineOff := off
		off += len(line) + 1
		code := line
		if i := strings.Index(code, "%%"); i >= 0 {
			code = code[:i]
		}
		words := splitMermaid(code)
		if len(words) == 0 {
			continue
		}
		if cur != nil {
			if words[0].text == "}" {
				if len(cur.Columns) > 0 {
					res.Tables = append(res.Tables, cur)
				}
				cur = nil
				continue
			}
			closing := false
			if last := words[len(words)-1]; last.text == "}" {
				words = words[:len(words)-1]
				closing = true
			}
			if col, ok := mermaidAttr(words, lineOff, pm); ok {
				for _, w := range words[2:] {
					for _, k := range strings.Split(w.text, ",") {
						if strings.EqualFold(strings.TrimSpace(k), "FK") {
							fkCols = append(fkCols, fkCol{table: len(res.Tables), col: len(cur.Columns), pos: pm.pos(lineOff + w.off)})
						}
					}
				}
				cur.Columns = append(cur.Columns, col)
			} else if len(words) > 0 {
				diags = append(diags, diag.Warnf(pm.pos(lineOff+words[0].off), "skipped attribute %q of entity %s: write the type, then the name", strings.TrimSpace(code), cur.Name))
			}
			if closing {
				if len(cur.Columns) > 0 {
					res.Tables = append(res.Tables, cur)
				}
				cur = nil
			}
			continue
		}
		// ENTITY {   or   ENTITY["Alias"] {
		if last := words[len(words)-1]; last.text == "{" && len(words) >= 2 {
			name := words[0]
			n := name.text
			if i := strings.IndexByte(n, '['); i > 0 {
				n = n[:i]
			}
			n = strings.Trim(n, `"`)
			cur = &specdoc.Table{Name: n, Pos: pm.pos(lineOff + name.off), Source: specdoc.SourceMermaid}
			continue
		}
		// A ||--o{ B : label
		if len(words) >= 3 && isCardinality(words[1].text) {
			res.Links = append(res.Links, specdoc.Link{A: strings.Trim(words[0].text, `"`), B: strings.Trim(words[2].text, `"`), Pos: pm.pos(lineOff + words[0].off)})
		}
	}
	if cur != nil && len(cur.Columns) > 0 {
		res.Tables = append(res.Tables, cur)
	}
	for _, fc := range fkCols {
		if fc.table >= len(res.Tables) {
			continue // the entity had no closing brace and was dropped
		}
		col := res.Tables[fc.table].Columns[fc.col]
		col.Constraints = append(col.Constraints, specdoc.Phrase{Text: "FOREIGN KEY", Pos: fc.pos})
	}
	return res, diags
}

// fkCol is an attribute marked FK, resolved once every entity is known.
type fkCol struct {
	table, col int
	pos        diag.Pos
}

// mWord is a whitespace-separated word of a Mermaid line; a quoted string
// and a bracketed or parenthesised group stay whole.
type mWord struct {
	text string
	off  int // byte offset in the line
}

// splitMermaid splits one line into words.
func splitMermaid(line string) []mWord {
	var out []mWord
	i := 0
	for i < len(line) {
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' {
			i++
			continue
		}
		start := i
		if c == '"' {
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				i = len(line)
			} else {
				i += j + 2
			}
			out = append(out, mWord{text: line[start:i], off: start})
			continue
		}
		depth := 0
		for i < len(line) {
			c := line[i]
			if (c == ' ' || c == '\t' || c == '\r') && depth == 0 {
				break
			}
			switch c {
			case '(', '[':
				depth++
			case ')', ']':
				depth--
			case '"':
				if depth > 0 {
					if j := strings.IndexByte(line[i+1:], '"'); j >= 0 {
						i += j + 1
					}
				}
			}
			i++
		}
		w := line[start:i]
		// A brace glued to a name: TASK{ or o{ (cardinality) stays whole
		// unless it is the entity opener.
		if len(w) > 1 && strings.HasSuffix(w, "{") && !isCardinality(w) {
			out = append(out, mWord{text: w[:len(w)-1], off: start}, mWord{text: "{", off: i - 1})
			continue
		}
		out = append(out, mWord{text: w, off: start})
	}
	return out
}

// isCardinality reports whether w is a relationship such as ||--o{ or }|..|{.
func isCardinality(w string) bool {
	return len(w) >= 4 && (strings.Contains(w, "--") || strings.Contains(w, "..")) && strings.Trim(w, "|o{}-.") == ""
}

// mermaidAttr reads `type name [PK, FK, UK] ["comment"]`.
func mermaidAttr(words []mWord, lineOff int, pm *posMap) (*specdoc.Column, bool) {
	if len(words) < 2 || strings.HasPrefix(words[0].text, `"`) || strings.HasPrefix(words[1].text, `"`) {
		return nil, false
	}
	col := &specdoc.Column{
		Name: strings.TrimPrefix(words[1].text, "*"), Pos: pm.pos(lineOff + words[1].off),
		Type: words[0].text, TypePos: pm.pos(lineOff + words[0].off),
	}
	for _, w := range words[2:] {
		if strings.HasPrefix(w.text, `"`) {
			describe(col, strings.Trim(w.text, `"`))
			continue
		}
		for _, k := range strings.Split(w.text, ",") {
			switch strings.ToUpper(strings.TrimSpace(k)) {
			case "PK":
				col.Constraints = append(col.Constraints, specdoc.Phrase{Text: "PRIMARY KEY", Pos: pm.pos(lineOff + w.off)})
			case "UK":
				col.Constraints = append(col.Constraints, specdoc.Phrase{Text: "UNIQUE", Pos: pm.pos(lineOff + w.off)})
			}
		}
	}
	return col, true
}
