package ir

import (
	"regexp"
	"strconv"
	"strings"
)

// typeNames maps every base spelling of a type seen in specs (SQL dialects,
// Python, Prisma, TypeScript, Go) to a logical type.
var typeNames = map[string]Type{
	"string": String, "str": String, "varchar": String, "nvarchar": String, "varchar2": String,
	"nvarchar2": String, "char": String, "nchar": String, "character": String, "character varying": String,
	"bpchar": String, "tinytext": String, "email": String, "url": String, "inet": String, "cidr": String,
	"macaddr": String, "cuid": String, "ulid": String, "nanoid": String, "slug": String, "enumstr": String,
	"text": Text, "citext": Text, "mediumtext": Text, "longtext": Text, "ntext": Text, "clob": Text,
	"xml": Text, "markdown": Text, "tsvector": Text,
	"int": Int, "integer": Int, "int4": Int, "int2": Int, "int32": Int, "smallint": Int, "tinyint": Int,
	"mediumint": Int, "serial": Int, "serial4": Int, "smallserial": Int, "serial2": Int, "year": Int,
	"int16": Int, "int8_t": Int, "uint": Int, "uint32": Int,
	"bigint": BigInt, "int8": BigInt, "int64": BigInt, "bigserial": BigInt, "serial8": BigInt,
	"long": BigInt, "uint64": BigInt,
	"float": Float, "double": Float, "double precision": Float, "real": Float, "float4": Float,
	"float8": Float, "float64": Float, "float32": Float, "number": Float,
	"decimal": Decimal, "numeric": Decimal, "money": Decimal, "dec": Decimal, "smallmoney": Decimal,
	"bool": Bool, "boolean": Bool, "bit": Bool,
	"uuid": UUID, "guid": UUID, "uniqueidentifier": UUID, "uuid4": UUID,
	"timestamp": Timestamp, "timestamptz": Timestamp, "datetime": Timestamp, "datetime2": Timestamp,
	"datetimeoffset": Timestamp, "smalldatetime": Timestamp, "instant": Timestamp, "datetimetz": Timestamp,
	"timestamp with time zone": Timestamp, "timestamp without time zone": Timestamp,
	"timestamp with timezone": Timestamp, "zoneddatetime": Timestamp, "localdatetime": Timestamp,
	"date": Date, "localdate": Date,
	"time": Time, "timetz": Time, "time with time zone": Time, "time without time zone": Time, "localtime": Time,
	"json": JSON, "jsonb": JSON, "dict": JSON, "object": JSON, "map": JSON, "hstore": JSON,
	"array": JSON, "list": JSON, "jsonobject": JSON,
	"bytea": Bytes, "blob": Bytes, "binary": Bytes, "varbinary": Bytes, "bytes": Bytes,
	"bytearray": Bytes, "longblob": Bytes, "mediumblob": Bytes, "tinyblob": Bytes,
	"enum": Enum, "literal": Enum,
}

// multiWordTypes are the type spellings of more than one word, longest first.
var multiWordTypes = []string{
	"timestamp without time zone", "timestamp with time zone", "timestamp with timezone",
	"time without time zone", "time with time zone", "character varying", "double precision",
}

// autoIncrementTypes are integer types whose values the database assigns.
var autoIncrementTypes = map[string]bool{"serial": true, "serial4": true, "smallserial": true, "serial2": true, "bigserial": true, "serial8": true}

// typeVocabulary is what "did you mean" suggestions are drawn from.
var typeVocabulary = []string{
	"string", "text", "varchar", "char", "int", "integer", "bigint", "smallint", "serial", "bigserial",
	"float", "double", "real", "decimal", "numeric", "bool", "boolean", "uuid", "timestamp",
	"timestamptz", "datetime", "date", "time", "json", "jsonb", "bytea", "blob", "bytes", "enum",
}

// parsedType is a type cell read.
type parsedType struct {
	typ       Type
	base      string // the base word as written, lower case ("varchar")
	maxLen    int
	enum      []string
	nullable  bool // Optional[...], "| None", "?"
	autoInc   bool // serial types
	format    string
	rest      string // text after the type: constraints written in the type cell
	restOff   int    // offset of rest in the input
	ok        bool
	unknown   string // the unknown base word, when !ok
	unknownAt int
}

var (
	reOptional  = regexp.MustCompile(`(?i)^(optional|maybe|nullable)\s*\[\s*(.*?)\s*\]`)
	reListType  = regexp.MustCompile(`(?i)^(list|array|set|sequence|tuple|dict|mapping)\s*[\[<]`)
	reLiteral   = regexp.MustCompile(`(?i)^literal\s*\[([^\]]*)\]`)
	reQuotedAlt = regexp.MustCompile(`^\s*["']([^"']*)["']((?:\s*\|\s*["'][^"']*["'])+)`)
	reBaseWord  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*`)
	reQuotedVal = regexp.MustCompile(`["']([^"']*)["']`)
	reTypeArgs  = regexp.MustCompile(`^\(\s*([\d\s,]+|'.*)\)`)
	reOrNone    = regexp.MustCompile(`^\|\s*none\b`)
)

// parseType reads the type at the start of s. Text after the type (modifiers,
// constraints such as "(PK)" or "NOT NULL") is returned in rest.
func parseType(s string) parsedType {
	var pt parsedType
	i := skipSpace(s, 0)
	low := strings.ToLower(s)
	// Optional[X]
	if m := reOptional.FindStringSubmatchIndex(s[i:]); m != nil {
		inner := parseType(s[i+m[4] : i+m[5]])
		inner.nullable = true
		inner.rest, inner.restOff = s[i+m[1]:], i+m[1]
		return inner
	}
	// "user" | "assistant"
	if m := reQuotedAlt.FindStringSubmatchIndex(s[i:]); m != nil {
		for _, q := range reQuotedVal.FindAllStringSubmatch(s[i:i+m[1]], -1) {
			pt.enum = append(pt.enum, q[1])
		}
		pt.typ, pt.base, pt.ok = Enum, "enum", true
		pt.rest, pt.restOff = s[i+m[1]:], i+m[1]
		return pt
	}
	if m := reLiteral.FindStringSubmatchIndex(s[i:]); m != nil {
		for _, q := range reQuotedVal.FindAllStringSubmatch(s[i+m[2]:i+m[3]], -1) {
			pt.enum = append(pt.enum, q[1])
		}
		pt.typ, pt.base, pt.ok = Enum, "literal", true
		pt.rest, pt.restOff = s[i+m[1]:], i+m[1]
		return pt
	}
	if m := reListType.FindStringIndex(s[i:]); m != nil {
		end := matchClose(s, i+m[1]-1)
		pt.typ, pt.base, pt.ok = JSON, "list", true
		pt.rest, pt.restOff = s[end:], end
		return pt
	}
	j := -1
	for _, mw := range multiWordTypes {
		if strings.HasPrefix(low[i:], mw) && (len(low) == i+len(mw) || !isWord(low[i+len(mw)])) {
			pt.base, j = mw, i+len(mw)
			break
		}
	}
	if j < 0 {
		m := reBaseWord.FindStringIndex(s[i:])
		if m == nil {
			pt.unknown, pt.unknownAt = strings.TrimSpace(s), i
			return pt
		}
		word := low[i : i+m[1]]
		if k := strings.LastIndexByte(word, '.'); k >= 0 {
			word = word[k+1:]
		}
		pt.base, j = word, i+m[1]
	}
	t, ok := typeNames[pt.base]
	if !ok {
		pt.unknown, pt.unknownAt = pt.base, i
		return pt
	}
	pt.typ, pt.ok = t, true
	pt.autoInc = autoIncrementTypes[pt.base]
	switch pt.base {
	case "email":
		pt.format = "email"
	case "url":
		pt.format = "url"
	}
	// Arguments: varchar(255), enum('a','b'), decimal(10,2).
	k := skipSpace(s, j)
	if k < len(s) && s[k] == '(' && (k == j || reTypeArgs.MatchString(s[k:])) {
		end := matchClose(s, k)
		args := s[k+1 : max(end-1, k+1)]
		switch {
		case t == Enum:
			pt.enum = splitLiterals(args)
		case t == String || pt.base == "char" || pt.base == "character":
			if n, err := strconv.Atoi(strings.TrimSpace(args)); err == nil && n > 0 {
				pt.maxLen = n
			}
		case pt.base == "tinyint" && strings.TrimSpace(args) == "1":
			pt.typ = Bool
		case t == Bool && pt.base == "bit" && strings.TrimSpace(args) != "1":
			pt.typ = Bytes
		}
		j = end
	}
	if pt.base == "tinytext" {
		pt.maxLen = 255
	}
	// Type modifiers that are part of the type.
	for {
		k = skipSpace(s, j)
		rest := low[k:]
		switch {
		case strings.HasPrefix(rest, "[]"):
			pt.typ, j = JSON, k+2
			continue
		case strings.HasPrefix(rest, "unsigned"), strings.HasPrefix(rest, "zerofill"):
			j = k + 8
			continue
		case strings.HasPrefix(rest, "?") && (len(rest) == 1 || rest[1] == ' ' || rest[1] == ','):
			pt.nullable, j = true, k+1
			continue
		}
		if m := reOrNone.FindStringIndex(rest); m != nil {
			pt.nullable, j = true, k+m[1]
			continue
		}
		break
	}
	pt.rest, pt.restOff = s[j:], j
	return pt
}

// splitLiterals reads 'a', 'b' or a, b or "a" | "b" into values.
func splitLiterals(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '|' }) {
		v := strings.TrimSpace(part)
		v = strings.Trim(v, `"'`+"`")
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// matchClose returns the offset just past the bracket closing the one at
// s[open] (counting only brackets of the same kind and skipping quoted
// text), or len(s) when it is not closed.
func matchClose(s string, open int) int {
	if open < 0 || open >= len(s) {
		return len(s)
	}
	opener := s[open]
	closer := map[byte]byte{'(': ')', '[': ']', '<': '>', '{': '}'}[opener]
	depth, end := 0, len(s)
	unquoted(s, open, func(i int) bool {
		switch s[i] {
		case opener:
			depth++
		case closer:
			depth--
			if depth == 0 {
				end = i + 1
				return false
			}
		}
		return true
	})
	return end
}
