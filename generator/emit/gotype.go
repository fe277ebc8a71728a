package emit

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file holds the few decisions the IR leaves to the emitter.
//
// Go types of the logical types:
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
//
// A nullable column is a pointer to its type in the entity and the create/update
// bodies; PATCH bodies use platform.Optional of the plain type.

// goTypeKnown reports whether t is a logical type this package can emit.
func goTypeKnown(t ir.Type) bool {
	switch t {
	case ir.String, ir.Text, ir.UUID, ir.Decimal, ir.Time, ir.Int, ir.BigInt, ir.Float,
		ir.Bool, ir.Timestamp, ir.Date, ir.JSON, ir.Bytes, ir.Enum:
		return true
	}
	return false
}

// goType returns the Go type of a value of f (never a pointer).
func (g *gen) goType(e *ir.Entity, f *ir.Field) *jen.Statement {
	switch f.Type {
	case ir.Int:
		return jen.Int32()
	case ir.BigInt:
		return jen.Int64()
	case ir.Float:
		return jen.Float64()
	case ir.Bool:
		return jen.Bool()
	case ir.Timestamp:
		return jen.Qual("time", "Time")
	case ir.Date:
		return jen.Qual(g.platform, "Date")
	case ir.JSON:
		return jen.Qual("encoding/json", "RawMessage")
	case ir.Bytes:
		return jen.Index().Byte()
	case ir.Enum:
		return jen.Qual(g.models, enumType(e, f))
	default: // string, text, uuid, decimal, time
		return jen.String()
	}
}

// fieldType is goType, a pointer when f is nullable.
func (g *gen) fieldType(e *ir.Entity, f *ir.Field) *jen.Statement {
	if f.Nullable {
		return jen.Op("*").Add(g.goType(e, f))
	}
	return g.goType(e, f)
}

// enumType is the Go name of an enum field's type: "TaskPriority".
func enumType(e *ir.Entity, f *ir.Field) string { return e.Name + f.Name }

// enumConst is the Go name of one enum value: "TaskPriorityHigh". A trailing
// "+" or "-" is spelled out ("A+" -> "APlus", "A-" -> "AMinus"); values that
// still collide are numbered in order ("X", "X2").
func enumConst(e *ir.Entity, f *ir.Field, value string) string {
	taken := map[string]bool{}
	for _, v := range f.Enum {
		name := naming.Unique(enumType(e, f)+enumWord(v), taken)
		if v == value {
			return name
		}
	}
	return enumType(e, f) + enumWord(value)
}

// enumWord is the PascalCase form of an enum value inside a Go name.
func enumWord(v string) string {
	suffix := ""
	switch {
	case strings.HasSuffix(v, "+"):
		v, suffix = strings.TrimSuffix(v, "+"), "Plus"
	case strings.HasSuffix(v, "-"):
		v, suffix = strings.TrimSuffix(v, "-"), "Minus"
	}
	return naming.Pascal(v) + suffix
}

// isInteger reports whether f holds an integer.
func isInteger(f *ir.Field) bool { return f.Type == ir.Int || f.Type == ir.BigInt }

// isStringy reports whether f is a Go string (or a named string type).
func isStringy(f *ir.Field) bool {
	switch f.Type {
	case ir.String, ir.Text, ir.UUID, ir.Decimal, ir.Time, ir.Enum:
		return true
	}
	return false
}

// defaultValue returns the Go expression of f's default for a create request
// that leaves f out, or nil when f has no default Go can express (the zero value
// is used then). "now" on a timestamp is the request's time, the variable now.
func (g *gen) defaultValue(e *ir.Entity, f *ir.Field) jen.Code {
	d := strings.TrimSpace(f.Default)
	if d == "" {
		return nil
	}
	switch {
	case generatedUUIDDefault(f):
		return jen.Id("newUUID").Call() // gen_random_uuid() and the like: a fresh value per row
	case nowTextDefault(f):
		return jen.Id("now").Dot("Format").Call(jen.Qual("time", "RFC3339Nano"))
	}
	switch f.Type {
	case ir.Bool:
		if b, err := strconv.ParseBool(d); err == nil {
			return jen.Lit(b)
		}
	case ir.Int, ir.BigInt:
		if n, err := strconv.ParseInt(d, 10, 64); err == nil {
			return jen.Lit(int(n))
		}
	case ir.Float:
		if x, err := strconv.ParseFloat(d, 64); err == nil {
			return jen.Lit(x)
		}
	case ir.Enum:
		for _, v := range f.Enum {
			if v == d {
				return jen.Qual(g.models, enumConst(e, f, v))
			}
		}
	case ir.String, ir.Text, ir.Decimal, ir.Time:
		return jen.Lit(d)
	case ir.Timestamp:
		if strings.EqualFold(d, "now") {
			return jen.Id("now")
		}
	case ir.JSON:
		d = strings.Trim(d, "'")
		if json.Valid([]byte(d)) {
			return jen.Qual("encoding/json", "RawMessage").Call(jen.Lit(d))
		}
	}
	return nil
}

// generatedUUIDDefault reports whether f's default generates a UUID
// (gen_random_uuid(), NEWID(), uuid_generate_v4()...): the server draws one
// per row instead of storing the word "uuid".
func generatedUUIDDefault(f *ir.Field) bool {
	return strings.EqualFold(strings.TrimSpace(f.Default), "uuid") && (f.Type == ir.String || f.Type == ir.Text || f.Type == ir.UUID)
}

// nowTextDefault reports whether f is a text column whose default is the
// current time: the server stores the request's time in RFC 3339, not "now".
func nowTextDefault(f *ir.Field) bool {
	return strings.EqualFold(strings.TrimSpace(f.Default), "now") && (f.Type == ir.String || f.Type == ir.Text)
}

// zeroValue returns the zero value of f's Go type.
func (g *gen) zeroValue(e *ir.Entity, f *ir.Field) jen.Code {
	switch f.Type {
	case ir.Int, ir.BigInt, ir.Float:
		return jen.Lit(0)
	case ir.Bool:
		return jen.False()
	case ir.Timestamp, ir.Date:
		return g.goType(e, f).Values()
	case ir.JSON:
		// A JSON null document, not SQL NULL: the column is NOT NULL.
		return jen.Qual("encoding/json", "RawMessage").Call(jen.Lit("null"))
	case ir.Bytes:
		return jen.Index().Byte().Values()
	case ir.Enum:
		return g.goType(e, f).Call(jen.Lit(""))
	default:
		return jen.Lit("")
	}
}

// listKind is the platform.Kind constant of f in list queries, or "" when f
// cannot be queried (json, bytes).
func listKind(f *ir.Field) string {
	switch f.Type {
	case ir.String, ir.Text, ir.Decimal, ir.Time:
		return "KindString"
	case ir.Int, ir.BigInt:
		return "KindInt"
	case ir.Float:
		return "KindFloat"
	case ir.Bool:
		return "KindBool"
	case ir.Timestamp:
		return "KindTimestamp"
	case ir.Date:
		return "KindDate"
	case ir.UUID:
		return "KindUUID"
	case ir.Enum:
		return "KindEnum"
	}
	return ""
}

// ordered reports whether list queries accept range filters on f.
func ordered(f *ir.Field) bool {
	switch f.Type {
	case ir.Int, ir.BigInt, ir.Float, ir.Timestamp, ir.Date:
		return true
	}
	return false
}
