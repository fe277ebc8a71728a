package gocode

import (
	"encoding/json"
	"go/token"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// This file turns the Go columns of the type table (generator/ir/logical.go)
// into jennifer code. A nullable column is a pointer to its type in the
// entity and the create/update bodies; PATCH bodies use platform.Optional of
// the plain type.

// goType returns the Go type of a value of f (never a pointer), as the type
// table names it.
func (g *Gen) goType(e *ir.Entity, f *ir.Field) *jen.Statement {
	info := f.Type.Info()
	switch info.GoPkg {
	case "":
		return jen.Id(info.GoName)
	case ir.GoPlatform:
		return jen.Qual(g.platform, info.GoName)
	case ir.GoModels:
		return jen.Qual(g.models, e.EnumType(f))
	}
	return jen.Qual(info.GoPkg, info.GoName)
}

// fieldType is goType, a pointer when f is nullable.
func (g *Gen) fieldType(e *ir.Entity, f *ir.Field) *jen.Statement {
	if f.Nullable {
		return jen.Op("*").Add(g.goType(e, f))
	}
	return g.goType(e, f)
}

// defaultValue returns the Go expression of f's default for a create request
// that leaves f out, or nil when f has no default Go can express (the zero value
// is used then). The current time is the request's, the variable now.
func (g *Gen) defaultValue(e *ir.Entity, f *ir.Field) jen.Code {
	info := f.Type.Info()
	switch {
	case f.Default.Is(ir.DefaultUUID):
		return jen.Id("newUUID").Call() // gen_random_uuid() and the like: a fresh value per row
	case f.Default.Is(ir.DefaultNow):
		return g.nowValue(info)
	}
	v, ok := f.DefaultJSON()
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case json.RawMessage:
		return jen.Qual("encoding/json", "RawMessage").Call(jen.Lit(string(v)))
	case string:
		switch {
		case f.Type == ir.Enum:
			return jen.Qual(g.models, e.EnumConst(f, v))
		case !info.GoString:
			return nil // a date literal: the zero value stands
		}
	}
	return jen.Lit(v)
}

// nowValue is the request's time (the variable now) as a Go value of a type.
func (g *Gen) nowValue(info *ir.TypeInfo) jen.Code {
	switch info.GoNow {
	case ir.NowValue:
		return jen.Id("now")
	case ir.NowDateOf:
		return jen.Qual(g.platform, "DateOf").Call(jen.Id("now"))
	case ir.NowFormat:
		layout := jen.Lit(info.GoNowLayout)
		if token.IsIdentifier(info.GoNowLayout) {
			layout = jen.Qual("time", info.GoNowLayout)
		}
		return jen.Id("now").Dot("Format").Call(layout)
	}
	return nil
}

// drawnDefault reports whether the server draws f's default per row in Go:
// a new UUID, or the request's time as text.
func drawnDefault(f *ir.Field) bool {
	return f.Default.Is(ir.DefaultUUID) || f.Default.Is(ir.DefaultNow) && f.Type.Info().Text
}

// zeroValue returns the zero value of f's Go type.
func (g *Gen) zeroValue(e *ir.Entity, f *ir.Field) jen.Code {
	info := f.Type.Info()
	switch info.GoZero {
	case ir.ZeroComposite:
		return g.goType(e, f).Values()
	case ir.ZeroConvert:
		return g.goType(e, f).Call(jen.Lit(info.GoZeroLit))
	}
	return jen.Lit(info.GoZeroLit)
}
