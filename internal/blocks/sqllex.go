package blocks

import (
	"strings"
)

// tokKind classifies SQL tokens.
type tokKind int

const (
	tkEOF    tokKind = iota
	tkIdent          // bare word: keyword or identifier
	tkQIdent         // quoted identifier: "x", `x`, [x]; Text holds the unquoted name
	tkString         // '...', E'...', N'...', $$...$$; Text holds the raw source
	tkNumber
	tkPunct // ( ) , ; . :: [ ] ... and operators
)

// token is one SQL token. Comments are not tokens: a comment that follows a
// token on the same line is kept in that token's trailing field.
type token struct {
	kind      tokKind
	text      string
	off, end  int  // byte offsets in the block body
	line      int  // 0-based body line
	lineStart bool // first token on its line
	space     bool // whitespace or a comment separates it from the previous token
	trailing  string
}

// is reports whether t is the bare word w, ignoring case.
func (t token) is(w string) bool {
	return t.kind == tkIdent && strings.EqualFold(t.text, w)
}

// isP reports whether t is the punctuation p.
func (t token) isP(p string) bool { return t.kind == tkPunct && t.text == p }

// name reports whether t can be a name (identifier or quoted identifier).
func (t token) name() bool { return t.kind == tkIdent || t.kind == tkQIdent }

// isIdentStart reports whether c can start a word (any non-ASCII byte can).
func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// isIdentByte reports whether c can continue a word.
func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$'
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

const opChars = "+-*/<>=~!@%^&|?"

// lexSQL splits src into tokens. It never fails: an unterminated string or
// quoted identifier ends at the end of its line.
func lexSQL(src string) []token {
	var toks []token
	line := 0
	newLine := true
	space := false
	var comment strings.Builder
	flushComment := func() {
		if comment.Len() == 0 {
			return
		}
		if n := len(toks); n > 0 && toks[n-1].line == line {
			c := strings.TrimSpace(comment.String())
			if toks[n-1].trailing != "" && c != "" {
				toks[n-1].trailing += " "
			}
			toks[n-1].trailing += c
		}
		comment.Reset()
	}
	addComment := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if comment.Len() > 0 {
			comment.WriteByte(' ')
		}
		comment.WriteString(s)
	}
	emit := func(k tokKind, text string, off, end int) {
		flushComment()
		toks = append(toks, token{kind: k, text: text, off: off, end: end, line: line, lineStart: newLine, space: space || newLine})
		newLine, space = false, false
	}
	// advanceLines accounts for newlines inside a multi-line token or comment.
	advanceLines := func(from, to int) {
		for j := from; j < to && j < len(src); j++ {
			if src[j] == '\n' {
				flushComment()
				line++
				newLine = true
			}
		}
	}
	toEOL := func(i int) int {
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			return i + j
		}
		return len(src)
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			flushComment()
			line++
			newLine = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			space = true
			i++
		case c == '-' && i+1 < len(src) && src[i+1] == '-',
			c == '/' && i+1 < len(src) && src[i+1] == '/',
			c == '#',
			c == '\\' && newLine:
			j := toEOL(i)
			text := src[i:j]
			switch {
			case c == '\\':
				text = ""
			case c == '#':
				text = strings.TrimLeft(text, "#")
			default:
				text = strings.TrimLeft(text[2:], "-/")
			}
			addComment(text)
			space = true
			i = j
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			depth, j := 1, i+2
			for j < len(src) && depth > 0 {
				switch {
				case strings.HasPrefix(src[j:], "/*"):
					depth++
					j += 2
				case strings.HasPrefix(src[j:], "*/"):
					depth--
					j += 2
				default:
					j++
				}
			}
			body := src[i+2 : j]
			body = strings.TrimSuffix(body, "*/")
			addComment(strings.Join(strings.Fields(strings.Trim(body, "*")), " "))
			advanceLines(i, j)
			space = true
			i = j
		case c == '\'' || (c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'B' || c == 'b' || c == 'X' || c == 'x') && i+1 < len(src) && src[i+1] == '\'':
			q := i
			if c != '\'' {
				q++
			}
			backslash := c == 'E' || c == 'e'
			j := q + 1
			closed := false
			for j < len(src) {
				if backslash && src[j] == '\\' && j+1 < len(src) {
					j += 2
					continue
				}
				if src[j] == '\'' {
					if j+1 < len(src) && src[j+1] == '\'' {
						j += 2
						continue
					}
					j++
					closed = true
					break
				}
				j++
			}
			if !closed {
				j = toEOL(i)
			}
			emit(tkString, src[i:j], i, j)
			advanceLines(i, j)
			i = j
		case c == '"' || c == '`':
			j := i + 1
			var b strings.Builder
			for j < len(src) && src[j] != '\n' {
				if src[j] == c {
					if j+1 < len(src) && src[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					j++
					break
				}
				b.WriteByte(src[j])
				j++
			}
			emit(tkQIdent, b.String(), i, j)
			i = j
		case c == '[':
			// [name] is a SQL Server quoted identifier unless it directly follows
			// a word or ] (an array type such as INTEGER[] or INTEGER[3]).
			if n := len(toks); n > 0 && !space && !newLine && (toks[n-1].kind == tkIdent || toks[n-1].isP("]") || toks[n-1].isP(")")) {
				emit(tkPunct, "[", i, i+1)
				i++
				break
			}
			j := strings.IndexAny(src[i+1:], "]\n")
			if j > 0 && src[i+1+j] == ']' && strings.TrimLeft(src[i+1:i+1+j], "0123456789") != "" {
				emit(tkQIdent, src[i+1:i+1+j], i, i+2+j)
				i += j + 2
				break
			}
			emit(tkPunct, "[", i, i+1)
			i++
		case c == '$' && i+1 < len(src) && (src[i+1] == '$' || isIdentStart(src[i+1])):
			// Dollar quoting: $$ ... $$ or $tag$ ... $tag$.
			j := i + 1
			for j < len(src) && src[j] != '$' && isIdentByte(src[j]) {
				j++
			}
			if j < len(src) && src[j] == '$' {
				tag := src[i : j+1]
				end := strings.Index(src[j+1:], tag)
				k := len(src)
				if end >= 0 {
					k = j + 1 + end + len(tag)
				}
				emit(tkString, src[i:k], i, k)
				advanceLines(i, k)
				i = k
				break
			}
			emit(tkPunct, "$", i, i+1)
			i++
		case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
			j := i
			for j < len(src) && (isDigit(src[j]) || src[j] == '.' && !strings.HasPrefix(src[j:], "..")) {
				j++
			}
			if j < len(src) && (src[j] == 'e' || src[j] == 'E') && j+1 < len(src) && (isDigit(src[j+1]) || (src[j+1] == '-' || src[j+1] == '+') && j+2 < len(src) && isDigit(src[j+2])) {
				j += 2
				for j < len(src) && isDigit(src[j]) {
					j++
				}
			}
			// A number glued to letters (2fa, 3d_model) is a word.
			if j < len(src) && isIdentStart(src[j]) && !strings.HasPrefix(src[j:], "\u2026") {
				for j < len(src) && isIdentByte(src[j]) {
					j++
				}
				emit(tkIdent, src[i:j], i, j)
			} else {
				emit(tkNumber, src[i:j], i, j)
			}
			i = j
		case strings.HasPrefix(src[i:], "\u2026"): // …
			emit(tkPunct, "...", i, i+len("\u2026"))
			i += len("\u2026")
		case isIdentStart(c):
			j := i
			for j < len(src) && isIdentByte(src[j]) && !strings.HasPrefix(src[j:], "\u2026") {
				j++
			}
			emit(tkIdent, src[i:j], i, j)
			i = j
		case c == '.':
			j := i
			for j < len(src) && src[j] == '.' {
				j++
			}
			if j-i >= 2 {
				emit(tkPunct, "...", i, j)
			} else {
				emit(tkPunct, ".", i, j)
			}
			i = j
		case c == ':' && i+1 < len(src) && src[i+1] == ':':
			emit(tkPunct, "::", i, i+2)
			i += 2
		case strings.IndexByte(opChars, c) >= 0:
			j := i
			for j < len(src) && strings.IndexByte(opChars, src[j]) >= 0 &&
				!strings.HasPrefix(src[j:], "--") && !strings.HasPrefix(src[j:], "/*") && !strings.HasPrefix(src[j:], "//") {
				j++
			}
			if j == i {
				j = i + 1
			}
			emit(tkPunct, src[i:j], i, j)
			i = j
		default:
			// ( ) , ; : { } ] and any other byte stand alone.
			emit(tkPunct, src[i:i+1], i, i+1)
			i++
		}
	}
	flushComment()
	return toks
}
