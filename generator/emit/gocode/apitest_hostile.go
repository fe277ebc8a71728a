package gocode

import (
	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// hostileFields are the fields of the resource that the hostile-input tests
// (templates/api/hostile_test.go.tmpl) read: text, searched, sorted,
// notBlank, enum, enumValues, nullSort and uuidKey. A field is chosen only
// when the values those tests send are valid for it.
func (a *apiTest) hostileFields() []jen.Code {
	var items []jen.Code
	if fl := a.freeText(); fl != nil {
		items = append(items, keyed("text", jen.Lit(fl.JSON)))
		if fl.Searchable {
			items = append(items, keyed("searched", jen.True()))
		}
		if fl.Sortable {
			items = append(items, keyed("sorted", jen.True()))
		}
	}
	for _, fl := range a.fields {
		if fl.NotBlank && fl.Type.Info().GoString && fl.Type != ir.Enum && checkFormat(fl) == "" && a.refs[fl] == nil && fl != a.pk {
			items = append(items, keyed("notBlank", jen.Lit(fl.JSON)))
			break
		}
	}
	for _, fl := range a.fields {
		// The enum sort sets the three rows' values in turn: a unique
		// enum would take one of them twice meanwhile.
		if fl.Type == ir.Enum && fl.Sortable && len(fl.Enum) >= 3 && !a.e.IsKey(fl) {
			items = append(items, keyed("enum", jen.Lit(fl.JSON)), keyed("enumValues", stringsLit(fl.Enum)))
			break
		}
	}
	for _, fl := range a.fields {
		if fl.Nullable && fl.Sortable && fl.Type.Info().ListKind != "" && a.monotonic(fl) {
			items = append(items, keyed("nullSort", jen.Lit(fl.JSON)))
			break
		}
	}
	if a.pk.Type == ir.UUID {
		items = append(items, keyed("uuidKey", jen.True()))
	}
	return items
}

// freeText is the writable text field the hostile-input tests write
// "alpha", "Beta" and "Crème brûlée" to (4 to 12 characters, no format),
// preferring one that q searches; nil when there is none.
func (a *apiTest) freeText() *ir.Field {
	var found *ir.Field
	for _, fl := range a.fields {
		info := fl.Type.Info()
		if !info.GoString || fl.Type == ir.Enum || fl.Type == ir.UUID || checkFormat(fl) != "" || a.refs[fl] != nil || fl == a.pk || fl.WriteOnly {
			continue
		}
		if fl.MaxLength > 0 && fl.MaxLength < 12 || fl.MinLength > 4 {
			continue
		}
		if fl.Searchable {
			return fl
		}
		if found == nil {
			found = fl
		}
	}
	return found
}
