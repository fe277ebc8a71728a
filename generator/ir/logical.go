package ir

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

// This file is the one home of the logical types: what each one is in Go, in
// SQLite and PostgreSQL, in OpenAPI, in list queries and in generated tests.
// Every stage and emitter reads these rows through Type.Info; adding a
// logical type is one row here plus tests, and no other file switches on a
// field's Type.

// TypeInfo describes one logical type.
type TypeInfo struct {
	// GoPkg and GoName name the Go type of a value: GoPkg is an import path,
	// "" for a predeclared type, GoPlatform for the generated backend's
	// platform package or GoModels for a named type of the entity's own
	// (enums, named <Entity><Field>).
	GoPkg, GoName string
	// GoZero is how the Go zero value of the type is written, with GoZeroLit
	// the literal it uses (a Go value: 0, false, "", or the argument of a
	// conversion).
	GoZero    ZeroForm
	GoZeroLit any
	// GoNow is how the Go server writes the request's time (the variable now)
	// as a value of the type, for a DefaultNow; GoNowLayout is the layout of
	// NowFormat, the name of a time package constant or a layout literal.
	GoNow       NowForm
	GoNowLayout string
	// GoBits is the size of an integer type, for strconv.ParseInt.
	GoBits int
	// GoString is true when the Go value is a string (or a named string
	// type); CheckFormat is the format such a value is validated against
	// when the spec names none, so that a malformed value is a 422 rather
	// than a database error.
	GoString    bool
	CheckFormat string

	// SQLite and Postgres are the column types. PostgresSized, when set, is
	// the PostgreSQL type of a field with a maximum length (a format with
	// one %d); otherwise a CHECK states the length. SQLiteCheck is a CHECK
	// the SQLite column needs to hold only valid values (%s is the column).
	// SQLNow is the SQL of "the current time" as a value of this type, ""
	// when the type cannot default to now.
	SQLite, Postgres string
	PostgresSized    string
	// PostgresFamily groups the types whose PostgreSQL columns a foreign key
	// can join ("integer", "text"); "" is a family of its own.
	PostgresFamily string
	SQLiteCheck    string
	SQLNow         string
	// PostgresJSON is the SQL that renders a PostgreSQL value (%s, the
	// column) as a JSON value equal to the Go value's encoding/json text,
	// when json_build_object's own conversion differs (a timestamp in UTC
	// with "Z" and trailing zeros trimmed, decimal as a string, bytes as
	// base64); "" when the column converts as it is.
	PostgresJSON string

	// Words is a value's JSON type in the API reference (rest-endpoints.md):
	// "string (date-time)"; Shape, when set, how such a value is written,
	// as a rule of the field there.
	Words, Shape string

	// OpenAPIType, OpenAPIFormat and OpenAPIEncoding (contentEncoding) are the
	// JSON Schema keywords of a value; OpenAPIType "" means any JSON value.
	// OpenAPIExample, when set, is an example value.
	OpenAPIType, OpenAPIFormat, OpenAPIEncoding, OpenAPIExample string

	// IDForm is the platform.IDForm constant of an owner column of the type:
	// the form a caller's id must have to own rows, "" when any id can.
	IDForm string

	// ListKind is the platform.Kind constant the list queries use for the
	// type, "" when fields of this type cannot be sorted or filtered.
	ListKind string

	// Text is true for text whose length rules (maximum and minimum length,
	// not blank) apply; Numeric for the types whose bounds the spec can
	// state; Number for those carried as a JSON number, whose bounds the
	// server checks; Integer for whole numbers; Ordered for the types list
	// queries filter by range.
	Text, Numeric, Number, Integer, Ordered bool

	// example is the example value of a field of the type in the API
	// documents (Field.Example), as JSON carries it; nil for text, whose
	// example comes from the field's name and format.
	example func(f *Field) any

	// TakesUUID says the type accepts a new UUID as its default (TakesNow
	// says the same of the current time).
	TakesUUID bool
	// literal is how a literal default of the type is checked and
	// normalised; DefaultJSON how it reads as a JSON value.
	literal     literalRule
	DefaultJSON JSONForm

	// Sample is the shape of the distinct, valid values generated tests send;
	// Monotonic is true when those values grow with their index, so that
	// sorting by the field orders the rows the test created.
	Sample    Sample
	Monotonic bool
	// Literal is the JSON text of a constant valid value ("" for an enum:
	// its first value); WrongType the JSON text of a value of the wrong JSON
	// type, "" when every JSON value is acceptable.
	Literal, WrongType string
}

// The Go packages a TypeInfo.GoPkg can name besides real import paths.
const (
	GoPlatform = "platform" // the generated backend's internal/platform
	GoModels   = "models"   // the entity's own named type
)

// ZeroForm is how a Go zero value is written.
type ZeroForm int

const (
	ZeroLiteral   ZeroForm = iota // the literal GoZeroLit: 0, false, ""
	ZeroComposite                 // an empty composite literal: time.Time{}
	ZeroConvert                   // a conversion of GoZeroLit: json.RawMessage("null")
)

// NowForm is how the request's time becomes a Go value.
type NowForm int

const (
	NowNone   NowForm = iota // the type cannot hold the time
	NowValue                 // now itself (time.Time)
	NowDateOf                // platform.DateOf(now)
	NowFormat                // now.Format(GoNowLayout)
)

// literalRule is how a literal default is checked.
type literalRule int

const (
	literalAny    literalRule = iota // kept as written
	literalBool                      // true or false (1/0, yes/no, on/off normalised)
	literalInt                       // a base-10 integer
	literalNumber                    // a decimal number
	literalEnum                      // one of the field's values
	literalTime                      // a date, time or timestamp literal
	literalUUID                      // a UUID literal
	literalText                      // text within the field's maximum length
)

// JSONForm is how a literal default reads as a JSON value.
type JSONForm int

const (
	JSONNone   JSONForm = iota // the API cannot state it
	JSONString                 // a string
	JSONBool                   // true or false
	JSONInt                    // an integer
	JSONFloat                  // a number
	JSONRaw                    // the literal is itself a JSON document
)

// SampleForm is the shape of generated test values.
type SampleForm int

const (
	SampleText    SampleForm = iota // text within the field's length and format
	SampleInt                       // integers from the minimum, cycling within the maximum
	SampleFloat                     // numbers spread over [min, max]
	SampleBool                      // alternating true and false
	SampleEnum                      // the values in turn
	SampleFormat                    // fmt.Sprintf(Format, i), or (i/Div+Base, i%Div+Base) when Div > 0
	SampleBytes                     // bytes of fmt.Sprintf(Format, i)
	SampleJSONDoc                   // the object {"n": i}
)

// Sample is the shape of the test values of a type.
type Sample struct {
	Form   SampleForm
	Format string
	Div    int
	Base   int
}

// textual is what string and text share; string adds a sized PostgreSQL type.
var textual = TypeInfo{
	GoName: "string", GoZero: ZeroLiteral, GoZeroLit: "", GoString: true, GoNow: NowFormat, GoNowLayout: "RFC3339Nano",
	SQLite: "TEXT", Postgres: "TEXT", PostgresFamily: "text", SQLNow: "CURRENT_TIMESTAMP", Words: "string", OpenAPIType: "string", ListKind: "KindString",
	Text: true, TakesUUID: true, literal: literalText, DefaultJSON: JSONString,
	Sample: Sample{Form: SampleText}, Monotonic: true, Literal: `"x"`, WrongType: `42`,
}

// integer is what int and bigint share; they differ in size (Go type,
// PostgreSQL type and OpenAPI format). SQLite's INTEGER holds both.
var integer = TypeInfo{
	GoZero: ZeroLiteral, GoZeroLit: 0,
	SQLite: "INTEGER", PostgresFamily: "integer", OpenAPIType: "integer", ListKind: "KindInt",
	Numeric: true, Number: true, Integer: true, Ordered: true, literal: literalInt, DefaultJSON: JSONInt,
	Sample: Sample{Form: SampleInt}, Monotonic: true, Literal: `7`, WrongType: `"twelve"`,
	example: func(f *Field) any { return int(f.clamp(1)) },
}

// logicalTypes is the type table. The Go types, in short:
//
//	string, text, uuid, decimal, time  string (decimal stays exact as text; time is "15:04:05")
//	int                                int32 (a JSON number outside 32 bits is rejected by the decoder)
//	bigint                             int64
//	float                              float64
//	bool                               bool
//	timestamp                          time.Time, UTC, microsecond precision
//	date                               platform.Date ("2006-01-02" in JSON and SQL)
//	json                               json.RawMessage
//	bytes                              []byte (base64 in JSON)
//	enum                               a named string type <Entity><Field> with one constant per value
var logicalTypes = map[Type]*TypeInfo{
	String: with(textual, func(t *TypeInfo) { t.PostgresSized = "VARCHAR(%d)" }),
	Text:   with(textual, func(*TypeInfo) {}),
	Int: with(integer, func(t *TypeInfo) {
		t.GoName, t.GoBits, t.Postgres, t.Words, t.OpenAPIFormat, t.IDForm = "int32", 32, "INTEGER", "integer", "int32", "Int32IDs"
	}),
	BigInt: with(integer, func(t *TypeInfo) {
		t.GoName, t.GoBits, t.Postgres, t.Words, t.OpenAPIFormat, t.IDForm = "int64", 64, "BIGINT", "integer (64-bit)", "int64", "Int64IDs"
	}),
	Float: {
		GoName: "float64", GoZero: ZeroLiteral, GoZeroLit: 0,
		SQLite: "REAL", Postgres: "DOUBLE PRECISION", OpenAPIType: "number", OpenAPIFormat: "double", ListKind: "KindFloat",
		Words:   "number",
		Numeric: true, Number: true, Ordered: true, literal: literalNumber, DefaultJSON: JSONFloat,
		Sample: Sample{Form: SampleFloat}, Monotonic: true, Literal: `7`, WrongType: `"twelve"`,
		example: func(f *Field) any { return f.clamp(1.5) },
	},
	Decimal: {
		GoName: "string", GoZero: ZeroLiteral, GoZeroLit: "", GoString: true, CheckFormat: "decimal",
		SQLite: "NUMERIC", Postgres: "NUMERIC", PostgresJSON: "%s::text", OpenAPIType: "string", OpenAPIFormat: "decimal", ListKind: "KindString",
		Words:   "string (decimal)",
		Numeric: true, literal: literalNumber, DefaultJSON: JSONString,
		Sample: Sample{Form: SampleFormat, Format: "%d.25"}, Monotonic: true, Literal: `"x"`, WrongType: `42`,
		example: func(f *Field) any { return strconv.FormatFloat(f.clamp(9.99), 'f', 2, 64) },
	},
	Bool: {
		GoName: "bool", GoZero: ZeroLiteral, GoZeroLit: false,
		SQLite: "INTEGER", Postgres: "BOOLEAN", SQLiteCheck: "%s IN (0, 1)", OpenAPIType: "boolean", ListKind: "KindBool",
		Words:   "boolean",
		literal: literalBool, DefaultJSON: JSONBool,
		Sample: Sample{Form: SampleBool}, Literal: `true`, WrongType: `"yes"`,
		example: func(*Field) any { return true },
	},
	UUID: {
		GoName: "string", GoZero: ZeroLiteral, GoZeroLit: "", GoString: true, CheckFormat: "uuid",
		SQLite: "TEXT", Postgres: "UUID", OpenAPIType: "string", OpenAPIFormat: "uuid", IDForm: "UUIDIDs", ListKind: "KindUUID",
		Words:     "string (UUID)",
		TakesUUID: true, literal: literalUUID, DefaultJSON: JSONString,
		Sample: Sample{Form: SampleFormat, Format: "00000000-0000-4000-8000-%012d"}, Monotonic: true,
		Literal: `"00000000-0000-4000-8000-000000000007"`, WrongType: `42`,
		example: func(*Field) any { return exampleUUID },
	},
	Timestamp: {
		GoPkg: "time", GoName: "Time", GoZero: ZeroComposite, GoNow: NowValue,
		SQLite: "TIMESTAMP", Postgres: "TIMESTAMPTZ", SQLNow: "CURRENT_TIMESTAMP",
		Words: "string (date-time)", Shape: "RFC 3339, e.g. `2026-01-15T09:30:00Z`",
		// time.Time's RFC 3339 text: UTC as "Z", fraction without trailing zeros.
		PostgresJSON: `rtrim(rtrim(to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'), '.') || 'Z'`,
		OpenAPIType:  "string", OpenAPIFormat: "date-time", ListKind: "KindTimestamp",
		Ordered: true, literal: literalTime, DefaultJSON: JSONNone,
		Sample: Sample{Form: SampleFormat, Format: "2030-01-02T03:%02d:%02dZ", Div: 60}, Monotonic: true,
		Literal: `"2030-01-01T00:00:00Z"`, WrongType: `42`,
		example: func(*Field) any { return "2026-01-15T09:30:00Z" },
	},
	Date: {
		GoPkg: GoPlatform, GoName: "Date", GoZero: ZeroComposite, GoNow: NowDateOf,
		SQLite: "DATE", Postgres: "DATE", SQLNow: "CURRENT_DATE",
		Words: "string (date)", Shape: "`YYYY-MM-DD`",
		OpenAPIType: "string", OpenAPIFormat: "date", ListKind: "KindDate",
		Ordered: true, literal: literalTime, DefaultJSON: JSONString,
		Sample: Sample{Form: SampleFormat, Format: "2030-%02d-%02d", Div: 28, Base: 1}, Monotonic: true,
		Literal: `"2030-01-01"`, WrongType: `42`,
		example: func(*Field) any { return "2026-01-15" },
	},
	Time: {
		GoName: "string", GoZero: ZeroLiteral, GoZeroLit: "", GoString: true, CheckFormat: "time",
		GoNow: NowFormat, GoNowLayout: "15:04:05",
		SQLite: "TEXT", Postgres: "TIME", SQLNow: "CURRENT_TIME",
		Words: "string (time)", Shape: "`HH:MM:SS`",
		OpenAPIType: "string", OpenAPIExample: "14:30:00", ListKind: "KindString",
		literal: literalTime, DefaultJSON: JSONString,
		Sample: Sample{Form: SampleFormat, Format: "10:%02d:%02d", Div: 60}, Monotonic: true,
		Literal: `"x"`, WrongType: `42`,
		example: func(*Field) any { return "09:30:00" },
	},
	JSON: {
		GoPkg: "encoding/json", GoName: "RawMessage", GoZero: ZeroConvert, GoZeroLit: "null",
		SQLite: "TEXT", Postgres: "JSONB", SQLiteCheck: "json_valid(%s)",
		Words:   "any JSON",
		literal: literalAny, DefaultJSON: JSONRaw,
		Sample: Sample{Form: SampleJSONDoc}, Literal: `{}`,
		example: func(*Field) any { return json.RawMessage(`{"key": "value"}`) },
	},
	Bytes: {
		GoName: "[]byte", GoZero: ZeroComposite,
		SQLite: "BLOB", Postgres: "BYTEA", PostgresJSON: `translate(encode(%s, 'base64'), E'\n', '')`, OpenAPIType: "string", OpenAPIEncoding: "base64",
		Words:   "string (base64)",
		literal: literalAny, DefaultJSON: JSONNone,
		Sample: Sample{Form: SampleBytes, Format: "bytes-%02d"}, Literal: `"x"`, WrongType: `42`,
		example: func(*Field) any { return "aGVsbG8=" }, // "hello"
	},
	Enum: {
		GoPkg: GoModels, GoZero: ZeroConvert, GoZeroLit: "", GoString: true,
		SQLite: "TEXT", Postgres: "TEXT", PostgresFamily: "text", OpenAPIType: "string", ListKind: "KindEnum",
		Words:   "string (enum)",
		literal: literalEnum, DefaultJSON: JSONString,
		Sample: Sample{Form: SampleEnum}, WrongType: `42`,
		example: func(f *Field) any {
			if len(f.Enum) > 0 {
				return f.Enum[0]
			}
			return ""
		},
	},
}

// typeOrder lists the logical types as error messages name them.
var typeOrder = []string{"string", "text", "int", "bigint", "float", "decimal", "bool", "uuid", "timestamp", "date", "time", "json", "bytes", "enum"}

// with returns a copy of base changed by f.
func with(base TypeInfo, f func(*TypeInfo)) *TypeInfo {
	f(&base)
	return &base
}

// unknownType is the row of a type outside the vocabulary: nothing can be
// emitted for it.
var unknownType = &TypeInfo{}

// Info returns the row of t in the type table; a type outside the
// vocabulary gets an empty row (Known reports it).
func (t Type) Info() *TypeInfo {
	if info, ok := logicalTypes[t]; ok {
		return info
	}
	return unknownType
}

// TakesNow reports whether the type accepts the current time as its default.
func (t *TypeInfo) TakesNow() bool { return t.GoNow != NowNone }

// Known reports whether t is one of the logical types.
func (t Type) Known() bool { _, ok := logicalTypes[t]; return ok }

// DefaultJSON returns f's literal default as the JSON value the API shows: a
// bool, an int, a float64, a string or a json.RawMessage. ok is false when f
// has no literal default or its type gives it no JSON form.
func (f *Field) DefaultJSON() (v any, ok bool) {
	lit, ok := f.Default.Literal()
	if !ok {
		return nil, false
	}
	switch f.Type.Info().DefaultJSON {
	case JSONString:
		return lit, true
	case JSONBool:
		b, err := strconv.ParseBool(lit)
		return b, err == nil
	case JSONInt:
		n, err := strconv.ParseInt(lit, 10, 64)
		return int(n), err == nil
	case JSONFloat:
		x, err := strconv.ParseFloat(lit, 64)
		return x, err == nil
	case JSONRaw:
		lit = strings.Trim(lit, "'")
		return json.RawMessage(lit), json.Valid([]byte(lit))
	}
	return nil, false
}

// FilterString reports whether the list parser reads a filter value of the
// type as a plain string rather than under the field's own value rules, and
// the description such a value carries in the API documents ("" for none).
func (t *TypeInfo) FilterString() (description string, ok bool) {
	switch t.ListKind {
	case "KindTimestamp":
		return "An RFC 3339 timestamp (2006-01-02T15:04:05Z) or a date (2006-01-02).", true
	case "KindString":
		return "", true
	}
	return "", false
}

// FilterSchemaName is the name the API document gives the schema of a
// filter value of type t when FilterString describes one: "TimestampFilter".
// ReservedNames holds these names.
func (t Type) FilterSchemaName() string { return naming.Pascal(string(t)) + "Filter" }

// ListFilter reports whether lists filter by f: it is filterable and of a
// type the list queries compare.
func (f *Field) ListFilter() bool { return f.Filterable && f.Type.Info().ListKind != "" }

// SampleSpan is the number of distinct values the generated tests' sample
// values of f take over the body numbers 0 to 99, or 0 when they are all
// distinct: two for a boolean, one per value for an enum, the width of a
// bounded integer range, and the numbers that fit a text of at most three
// characters.
func (f *Field) SampleSpan() int {
	n := 0
	switch f.Type.Info().Sample.Form {
	case SampleBool:
		n = 2
	case SampleEnum:
		n = len(f.Enum)
	case SampleInt:
		if f.Max != nil {
			start := 1
			if f.Min != nil {
				start = int(*f.Min)
			}
			n = max(int(*f.Max)-start+1, 1)
		}
	case SampleText:
		// A length limit of at most 3 leaves room for the number only.
		if f.Format != "email" && f.Format != "url" && f.Format != "uuid" && f.MaxLength > 0 && f.MaxLength <= 3 {
			n = int(math.Pow10(f.MaxLength))
		}
	}
	if n >= 100 {
		return 0
	}
	return n
}
