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
	l := &sqlLexer{src: src, newLine: true}
	for i := 0; i < len(src); {
		i = l.next(i)
	}
	l.flushComment()
	return l.toks
}

// sqlLexer holds the state of one lexSQL run.
type sqlLexer struct {
	src     string
	toks    []token
	line    int             // 0-based body line of the byte being scanned
	newLine bool            // no token yet on the current line
	space   bool            // whitespace or a comment since the last token
	comment strings.Builder // comment text not yet attached to a token
}

// next scans the token, comment or blank that starts at byte i and returns
// the offset just after it.
func (l *sqlLexer) next(i int) int {
	src := l.src
	c := src[i]
	switch {
	case c == '\n':
		l.breakLine()
		return i + 1
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		l.space = true
		return i + 1
	case c == '-' && i+1 < len(src) && src[i+1] == '-',
		c == '/' && i+1 < len(src) && src[i+1] == '/',
		c == '#',
		c == '\\' && l.newLine:
		return l.scanLineComment(i)
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		return l.scanBlockComment(i)
	case c == '\'' || (c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'B' || c == 'b' || c == 'X' || c == 'x') && i+1 < len(src) && src[i+1] == '\'':
		return l.scanString(i)
	case c == '"' || c == '`':
		return l.scanQuotedIdent(i)
	case c == '[':
		return l.scanBracket(i)
	case c == '$' && i+1 < len(src) && (src[i+1] == '$' || isIdentStart(src[i+1])):
		return l.scanDollar(i)
	case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
		return l.scanNumber(i)
	case strings.HasPrefix(src[i:], "\u2026"): // …
		l.emit(tkPunct, "...", i, i+len("\u2026"))
		return i + len("\u2026")
	case isIdentStart(c):
		return l.scanWord(i)
	case c == '.':
		return l.scanDots(i)
	case c == ':' && i+1 < len(src) && src[i+1] == ':':
		l.emit(tkPunct, "::", i, i+2)
		return i + 2
	case strings.IndexByte(opChars, c) >= 0:
		return l.scanOperator(i)
	default:
		// ( ) , ; : { } ] and any other byte stand alone.
		l.emit(tkPunct, src[i:i+1], i, i+1)
		return i + 1
	}
}

// flushComment attaches the pending comment text to the last token when that
// token is on the current line, and drops it otherwise.
func (l *sqlLexer) flushComment() {
	if l.comment.Len() == 0 {
		return
	}
	if n := len(l.toks); n > 0 && l.toks[n-1].line == l.line {
		c := strings.TrimSpace(l.comment.String())
		if l.toks[n-1].trailing != "" && c != "" {
			l.toks[n-1].trailing += " "
		}
		l.toks[n-1].trailing += c
	}
	l.comment.Reset()
}

// addComment appends the text of one comment to the pending comment text.
func (l *sqlLexer) addComment(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if l.comment.Len() > 0 {
		l.comment.WriteByte(' ')
	}
	l.comment.WriteString(s)
}

// emit appends a token spanning src[off:end].
func (l *sqlLexer) emit(k tokKind, text string, off, end int) {
	l.flushComment()
	l.toks = append(l.toks, token{kind: k, text: text, off: off, end: end, line: l.line, lineStart: l.newLine, space: l.space || l.newLine})
	l.newLine, l.space = false, false
}

// breakLine moves on to the next line.
func (l *sqlLexer) breakLine() {
	l.flushComment()
	l.line++
	l.newLine = true
}

// advanceLines accounts for newlines inside a multi-line token or comment.
func (l *sqlLexer) advanceLines(from, to int) {
	for j := from; j < to && j < len(l.src); j++ {
		if l.src[j] == '\n' {
			l.breakLine()
		}
	}
}

// toEOL returns the offset of the end of the line holding byte i.
func (l *sqlLexer) toEOL(i int) int {
	if j := strings.IndexByte(l.src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(l.src)
}

// scanLineComment scans a comment that runs to the end of the line: -- x,
// // x, # x, or a psql meta-command (\x) at the start of a line, whose text
// is dropped.
func (l *sqlLexer) scanLineComment(i int) int {
	c := l.src[i]
	j := l.toEOL(i)
	text := l.src[i:j]
	switch {
	case c == '\\':
		text = ""
	case c == '#':
		text = strings.TrimLeft(text, "#")
	default:
		text = strings.TrimLeft(text[2:], "-/")
	}
	l.addComment(text)
	l.space = true
	return j
}

// scanBlockComment scans a /* ... */ comment, which may nest and span lines;
// an unterminated one runs to the end of src.
func (l *sqlLexer) scanBlockComment(i int) int {
	src := l.src
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
	l.addComment(strings.Join(strings.Fields(strings.Trim(body, "*")), " "))
	l.advanceLines(i, j)
	l.space = true
	return j
}

// scanString scans a string literal: '...' or one with a prefix (E'...',
// N'...', B'...', X'...'). A doubled quote stands for one quote inside it,
// and so does a backslash-quote after E.
// An unterminated string ends at the end of its line.
func (l *sqlLexer) scanString(i int) int {
	src := l.src
	c := src[i]
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
		j = l.toEOL(i)
	}
	l.emit(tkString, src[i:j], i, j)
	l.advanceLines(i, j)
	return j
}

// scanQuotedIdent scans a "name" or `name` quoted identifier, in which a
// doubled quote stands for itself. It ends at the end of its line if
// unterminated.
func (l *sqlLexer) scanQuotedIdent(i int) int {
	src := l.src
	c := src[i]
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
	l.emit(tkQIdent, b.String(), i, j)
	return j
}

// scanBracket scans a [: a SQL Server quoted identifier [name] unless it
// directly follows a word, ] or ) (an array type such as INTEGER[] or
// INTEGER[3]) or holds only digits, in which case [ is punctuation.
func (l *sqlLexer) scanBracket(i int) int {
	src := l.src
	if n := len(l.toks); n > 0 && !l.space && !l.newLine && (l.toks[n-1].kind == tkIdent || l.toks[n-1].isP("]") || l.toks[n-1].isP(")")) {
		l.emit(tkPunct, "[", i, i+1)
		return i + 1
	}
	j := strings.IndexAny(src[i+1:], "]\n")
	if j > 0 && src[i+1+j] == ']' && strings.TrimLeft(src[i+1:i+1+j], "0123456789") != "" {
		l.emit(tkQIdent, src[i+1:i+1+j], i, i+2+j)
		return i + j + 2
	}
	l.emit(tkPunct, "[", i, i+1)
	return i + 1
}

// scanDollar scans a dollar-quoted string, $$ ... $$ or $tag$ ... $tag$,
// which runs to the end of src if unterminated. A $ that opens no tag is
// punctuation.
func (l *sqlLexer) scanDollar(i int) int {
	src := l.src
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
		l.emit(tkString, src[i:k], i, k)
		l.advanceLines(i, k)
		return k
	}
	l.emit(tkPunct, "$", i, i+1)
	return i + 1
}

// scanNumber scans a number with an optional fraction and exponent. A number
// glued to letters (2fa, 3d_model) is a word.
func (l *sqlLexer) scanNumber(i int) int {
	src := l.src
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
	if j < len(src) && isIdentStart(src[j]) && !strings.HasPrefix(src[j:], "\u2026") {
		for j < len(src) && isIdentByte(src[j]) {
			j++
		}
		l.emit(tkIdent, src[i:j], i, j)
	} else {
		l.emit(tkNumber, src[i:j], i, j)
	}
	return j
}

// scanWord scans a bare word (keyword or identifier), which stops before an
// ellipsis character.
func (l *sqlLexer) scanWord(i int) int {
	src := l.src
	j := i
	for j < len(src) && isIdentByte(src[j]) && !strings.HasPrefix(src[j:], "\u2026") {
		j++
	}
	l.emit(tkIdent, src[i:j], i, j)
	return j
}

// scanDots scans a run of dots: one is ".", two or more are "...".
func (l *sqlLexer) scanDots(i int) int {
	src := l.src
	j := i
	for j < len(src) && src[j] == '.' {
		j++
	}
	if j-i >= 2 {
		l.emit(tkPunct, "...", i, j)
	} else {
		l.emit(tkPunct, ".", i, j)
	}
	return j
}

// scanOperator scans a run of operator characters, which stops before the
// start of a comment.
func (l *sqlLexer) scanOperator(i int) int {
	src := l.src
	j := i
	for j < len(src) && strings.IndexByte(opChars, src[j]) >= 0 &&
		!strings.HasPrefix(src[j:], "--") && !strings.HasPrefix(src[j:], "/*") && !strings.HasPrefix(src[j:], "//") {
		j++
	}
	if j == i {
		j = i + 1
	}
	l.emit(tkPunct, src[i:j], i, j)
	return j
}
