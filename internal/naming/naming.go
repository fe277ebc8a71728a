// Package naming turns the names people write in a spec (table names, column
// names, headings) into the names crudgen generates: Go identifiers in
// PascalCase or camelCase with Go's initialisms (ID, URL, UUID, HTTP, API,
// JSON...), snake_case SQL names, and English singulars and plurals.
//
// It is a leaf package: it must not import any other crudgen package.
package naming

import (
	"go/token"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are the words Go spells in upper case inside identifiers.
var initialisms = WordSet(`
	acl api ascii cpu css dns eof guid html http https id ip json jwt lhs qps ram rhs rpc
	sla smtp sql ssh tcp tls ttl udp ui uid uri url utf8 uuid vm xml xmpp xsrf xss ids urls
	uuids
`)

// pluralInitialisms keep their trailing s in lower case: "ids" -> "IDs".
var pluralInitialisms = map[string]string{"ids": "IDs", "urls": "URLs", "uuids": "UUIDs"}

// Words splits s into lower-case words at underscores, hyphens, spaces, dots,
// other punctuation and camelCase boundaries: "emailVerified" -> [email verified],
// "HTTPServer" -> [http server], "task_tags" -> [task tags].
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Pascal returns s as an exported Go identifier: "user_id" -> "UserID",
// "emailVerified" -> "EmailVerified", "api_key" -> "APIKey". A name that would
// start with a digit gets an "X" prefix; an empty result becomes "X".
func Pascal(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		b.WriteString(title(w))
	}
	return safeStart(b.String(), "X")
}

// Camel returns s as an unexported Go identifier: "user_id" -> "userID",
// "ID" -> "id", "type" -> "type_" (Go keywords get a trailing underscore).
func Camel(s string) string {
	ws := Words(s)
	var b strings.Builder
	for i, w := range ws {
		if i == 0 {
			b.WriteString(w)
			continue
		}
		b.WriteString(title(w))
	}
	return SafeIdent(safeStart(b.String(), "x"))
}

// Snake returns s in snake_case: "emailVerified" -> "email_verified",
// "Task Tags" -> "task_tags".
func Snake(s string) string { return strings.Join(Words(s), "_") }

// Kebab returns s in kebab-case: "task_tags" -> "task-tags".
func Kebab(s string) string { return strings.Join(Words(s), "-") }

// title capitalises one lower-case word, spelling initialisms in upper case.
func title(w string) string {
	if p, ok := pluralInitialisms[w]; ok {
		return p
	}
	if initialisms[w] {
		return strings.ToUpper(w)
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

func safeStart(s, prefix string) string {
	if s == "" {
		return prefix
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(r) {
		return prefix + s
	}
	return s
}

// predeclared lists Go's predeclared identifiers, which are legal names but
// shadowing them in generated code is confusing and can break it.
var predeclared = WordSet(`
	any append bool byte cap clear close comparable complex complex128 complex64 copy delete
	error false float32 float64 imag int int16 int32 int64 int8 iota len make max min new
	nil panic print println real recover rune string true uint uint16 uint32 uint64 uint8
	uintptr
`)

// IsReserved reports whether s is a Go keyword or predeclared identifier.
func IsReserved(s string) bool { return token.IsKeyword(s) || predeclared[s] }

// SafeIdent returns s unchanged unless it is a Go keyword or predeclared
// identifier, in which case it appends an underscore: "type" -> "type_".
func SafeIdent(s string) string {
	if IsReserved(s) {
		return s + "_"
	}
	return s
}

// Unique returns name, or name followed by the smallest number from 2 up that
// is not in taken, and records the result in taken.
func Unique(name string, taken map[string]bool) string {
	got := name
	for i := 2; taken[got]; i++ {
		got = name + strconv.Itoa(i)
	}
	taken[got] = true
	return got
}

// TableKey is the name under which two spellings of one table match: singular
// snake_case, so "Tasks", "task" and "tasks" are one table. The parser uses it
// to put a heading on the tables of its block, the resolver to merge the
// descriptions of an entity and to resolve references.
func TableKey(name string) string { return Singular(Snake(asciiName(name))) }

// latinFold spells Latin letters with diacritics and ligatures in ASCII.
var latinFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ā", "a", "ă", "a", "ą", "a",
	"À", "A", "Á", "A", "Â", "A", "Ã", "A", "Ä", "A", "Å", "A", "Ā", "A", "Ă", "A", "Ą", "A",
	"æ", "ae", "Æ", "Ae", "ç", "c", "ć", "c", "č", "c", "Ç", "C", "Ć", "C", "Č", "C",
	"ď", "d", "đ", "d", "ð", "d", "Ď", "D", "Đ", "D", "Ð", "D",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ė", "e", "ę", "e", "ě", "e",
	"È", "E", "É", "E", "Ê", "E", "Ë", "E", "Ē", "E", "Ė", "E", "Ę", "E", "Ě", "E",
	"ğ", "g", "Ğ", "G", "ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i", "į", "i",
	"Ì", "I", "Í", "I", "Î", "I", "Ï", "I", "Ī", "I", "İ", "I", "Į", "I",
	"ł", "l", "ľ", "l", "Ł", "L", "Ľ", "L", "ñ", "n", "ń", "n", "ň", "n", "Ñ", "N", "Ń", "N", "Ň", "N",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ō", "o", "ő", "o", "œ", "oe",
	"Ò", "O", "Ó", "O", "Ô", "O", "Õ", "O", "Ö", "O", "Ø", "O", "Ō", "O", "Ő", "O", "Œ", "Oe",
	"ř", "r", "Ř", "R", "ś", "s", "š", "s", "ș", "s", "ş", "s", "ß", "ss", "Ś", "S", "Š", "S", "Ș", "S", "Ş", "S",
	"ť", "t", "ț", "t", "ţ", "t", "þ", "th", "Ť", "T", "Ț", "T", "Ţ", "T", "Þ", "Th",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u", "ų", "u",
	"Ù", "U", "Ú", "U", "Û", "U", "Ü", "U", "Ū", "U", "Ů", "U", "Ű", "U", "Ų", "U",
	"ý", "y", "ÿ", "y", "Ý", "Y", "ź", "z", "ż", "z", "ž", "z", "Ź", "Z", "Ż", "Z", "Ž", "Z",
)

// asciiName spells Latin letters with diacritics in ASCII and blanks every
// other non-ASCII character.
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			return r
		}
		return ' '
	}, latinFold.Replace(s))
}

// SQLName maps a name as written onto a plain SQL identifier (letters, digits
// and underscores, not starting with a digit), the rule crudgen applies to
// names that are not one already:
//
//   - Latin letters with diacritics are spelt in ASCII ("ünïcode" -> "unicode");
//   - the name is put in snake_case, every run of other characters (spaces,
//     hyphens, dots, letters of other scripts) becoming one underscore
//     ("e-mail" -> "e_mail", "Due Date" -> "due_date");
//   - a name that starts with a digit gets a leading underscore
//     ("2fa" -> "_2fa"), which PostgreSQL, SQLite and MySQL accept unquoted;
//   - a name with nothing left becomes "column".
func SQLName(s string) string {
	out := Snake(asciiName(s))
	switch {
	case out == "":
		return "column"
	case out[0] >= '0' && out[0] <= '9':
		return "_" + out
	}
	return out
}

// WordSet returns the set of the words of s, separated by white space: the
// way this module writes its keyword and vocabulary lists.
func WordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}
