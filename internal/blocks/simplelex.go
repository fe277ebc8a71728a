package blocks

import "strings"

// sKind classifies the tokens of the Mermaid and Prisma lexer.
type sKind int

const (
	sWord    sKind = iota + 1 // identifier, keyword, number, dotted name
	sString                   // "..."; text keeps the quotes
	sPunct                    // any other byte, and "@@", "||", "}o" style runs for Mermaid
	sComment                  // a Prisma comment; text is the comment body
)

// sTok is one token of the Mermaid and Prisma lexer.
type sTok struct {
	kind     sKind
	text     string
	off, end int
	line     int // 0-based body line
}

// lexSimple splits src into words, strings and punctuation. extra lists the
// bytes besides letters, digits and '_' that belong to words. Comments start
// with any of lineComments and run to the end of the line; a comment starting
// with docComment is kept as an sComment token holding its text without the
// leading slashes.
func lexSimple(src, extra string, lineComments []string, docComment string) []sTok {
	var toks []sTok
	line := 0
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
			continue
		}
		if docComment != "" && strings.HasPrefix(src[i:], docComment) {
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			text := strings.TrimLeft(src[i+len(docComment):i+j], "/")
			toks = append(toks, sTok{kind: sComment, text: strings.TrimSpace(text), off: i, end: i + j, line: line})
			i += j
			continue
		}
		comment := false
		for _, lc := range lineComments {
			if strings.HasPrefix(src[i:], lc) {
				comment = true
				break
			}
		}
		if comment {
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		switch {
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' && j+1 < len(src) && src[j+1] != '\n' {
					j++
				}
				j++
			}
			if j < len(src) && src[j] == '"' {
				j++
			}
			toks = append(toks, sTok{kind: sString, text: src[i:j], off: i, end: j, line: line})
			i = j
		case isIdentByte(c) && c != '$' || strings.IndexByte(extra, c) >= 0:
			j := i
			for j < len(src) && (isIdentByte(src[j]) && src[j] != '$' || strings.IndexByte(extra, src[j]) >= 0) {
				j++
			}
			toks = append(toks, sTok{kind: sWord, text: src[i:j], off: i, end: j, line: line})
			i = j
		case c == '@' && i+1 < len(src) && src[i+1] == '@':
			toks = append(toks, sTok{kind: sPunct, text: "@@", off: i, end: i + 2, line: line})
			i += 2
		default:
			toks = append(toks, sTok{kind: sPunct, text: src[i : i+1], off: i, end: i + 1, line: line})
			i++
		}
	}
	return toks
}

// sStringValue returns the content of a "..." token without quotes.
func sStringValue(s string) string {
	s = strings.TrimPrefix(s, `"`)
	s = strings.TrimSuffix(s, `"`)
	return strings.ReplaceAll(s, `\"`, `"`)
}
