package blocks

import "strings"

// pyKind classifies Python tokens.
type pyKind int

const (
	pyName pyKind = iota + 1
	pyNumber
	pyString
	pyOp
)

// pyTok is one Python token.
type pyTok struct {
	kind     pyKind
	text     string // raw source text
	off, end int
}

// pyLine is one logical line: the tokens between two newlines outside
// brackets, with the byte column of its first token as indentation.
type pyLine struct {
	toks   []pyTok
	indent int
}

// lexPython splits src into logical lines of tokens. Comments are dropped;
// newlines inside brackets or after a backslash continue the line. It never
// fails: an unterminated string ends at the end of its line (or of the block
// for a triple-quoted one).
func lexPython(src string) []pyLine {
	var lines []pyLine
	var cur []pyTok
	depth := 0
	lineStart := 0
	indent := 0
	flush := func() {
		if len(cur) > 0 {
			lines = append(lines, pyLine{toks: cur, indent: indent})
		}
		cur = nil
	}
	add := func(k pyKind, off, end int) {
		if len(cur) == 0 {
			indent = off - lineStart
		}
		cur = append(cur, pyTok{kind: k, text: src[off:end], off: off, end: end})
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			if depth <= 0 || len(cur) > 0 && pyStatementStart(src[i+1:], indent) {
				// A bracket left open (a sloppy Field( call) ends at the next
				// line that starts a statement at the same or a lower indentation.
				flush()
				depth = 0
			}
			i++
			lineStart = i
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '\\' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
			i++
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i++
			lineStart = i
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'' || pyStringPrefix(src[i:]) > 0:
			q := i + pyStringPrefix(src[i:])
			quote := src[q]
			triple := strings.HasPrefix(src[q:], strings.Repeat(string(quote), 3))
			j := q + 1
			if triple {
				j = q + 3
				end := strings.Index(src[j:], strings.Repeat(string(quote), 3))
				if end < 0 {
					j = len(src)
				} else {
					j += end + 3
				}
			} else {
				for j < len(src) && src[j] != quote && src[j] != '\n' {
					if src[j] == '\\' && j+1 < len(src) && src[j+1] != '\n' {
						j++
					}
					j++
				}
				if j < len(src) && src[j] == quote {
					j++
				}
			}
			add(pyString, i, j)
			// Keep line starts right after a multi-line string.
			if k := strings.LastIndexByte(src[i:j], '\n'); k >= 0 {
				lineStart = i + k + 1
			}
			i = j
		case isIdentStart(c):
			j := i
			for j < len(src) && (isIdentByte(src[j]) && src[j] != '$') {
				j++
			}
			add(pyName, i, j)
			i = j
		case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.') {
				j++
			}
			add(pyNumber, i, j)
			i = j
		default:
			n := 1
			if i+1 < len(src) && pyOps2[src[i:i+2]] {
				n = 2
			}
			if strings.HasPrefix(src[i:], "...") {
				n = 3
			}
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			}
			add(pyOp, i, i+n)
			i += n
		}
	}
	flush()
	return lines
}

// pyStatementStart reports whether rest, the text after a newline, starts
// with a line indented at most indent that begins a statement: class, def,
// a decorator, `name:` or `name = `.
func pyStatementStart(rest string, indent int) bool {
	n := 0
	for n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
		n++
	}
	if n > indent || n >= len(rest) {
		return false
	}
	line := rest[n:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if strings.HasPrefix(line, "class ") || strings.HasPrefix(line, "def ") || strings.HasPrefix(line, "@") {
		return true
	}
	j := 0
	for j < len(line) && isIdentByte(line[j]) && line[j] != '$' {
		j++
	}
	if j == 0 || isDigit(line[0]) {
		return false
	}
	// name: annotation, or name = value with a space before '=' (a keyword
	// argument of a multi-line call is usually written name=value).
	after := line[j:]
	rest = strings.TrimLeft(after, " \t")
	spaced := len(rest) < len(after)
	return strings.HasPrefix(rest, ":") || spaced && strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==")
}

// pyOps2 lists the two-byte Python operators.
var pyOps2 = map[string]bool{"->": true, "**": true, "==": true, "!=": true, "<=": true, ">=": true, ":=": true, "//": true}

// pyStringPrefix returns the length of a string prefix (r, b, f, u, rb, ...)
// directly followed by a quote, or 0.
func pyStringPrefix(s string) int {
	for n := 1; n <= 2 && n < len(s); n++ {
		if !strings.ContainsRune("rRbBfFuU", rune(s[n-1])) {
			return 0
		}
		if s[n] == '"' || s[n] == '\'' {
			return n
		}
	}
	return 0
}

// pyStringValue returns the value of a Python string literal token, without
// prefix and quotes; escapes are kept except \" and \'.
func pyStringValue(s string) string {
	s = strings.TrimLeft(s, "rRbBfFuU")
	for _, q := range []string{`"""`, `'''`, `"`, `'`} {
		if strings.HasPrefix(s, q) {
			s = strings.TrimSuffix(strings.TrimPrefix(s, q), q)
			break
		}
	}
	return strings.NewReplacer(`\"`, `"`, `\'`, `'`).Replace(s)
}
