package openapi

import (
	"strings"
)

// blankRanges are the characters a not-blank string may not consist of
// only: Unicode White_Space, plus the zero-width characters U+180E, U+200B
// to U+200D, U+2060 and U+FEFF (the byte order mark). They are the
// characters platform.IsBlank, in the generated backend, treats as blank;
// a generated test (TestBlankMatchesOpenAPI) compares the two over every
// code point.
var blankRanges = [][2]rune{
	{0x09, 0x0D}, {0x20, 0x20}, {0x85, 0x85}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x180E, 0x180E},
	{0x2000, 0x200D}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x2060}, {0x3000, 0x3000},
	{0xFEFF, 0xFEFF},
}

// notBlankPattern is the pattern of a not-blank string: one character that
// is not blank. The characters stand for themselves (no \s or \u escapes),
// so that the pattern means the same to ECMA-262 regular expressions, which
// JSON Schema names, and to the regexp packages of other languages, whose
// \s differ; writeString escapes them in the JSON text.
var notBlankPattern = func() string {
	var b strings.Builder
	b.WriteString("[^")
	for _, r := range blankRanges {
		b.WriteRune(r[0])
		if r[1] != r[0] {
			if r[1] > r[0]+1 {
				b.WriteByte('-')
			}
			b.WriteRune(r[1])
		}
	}
	b.WriteString("]")
	return b.String()
}()
