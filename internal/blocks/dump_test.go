package blocks

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
)

// dump renders what a parser returned for a golden file: each field of the
// result that is not zero on a line of its own, nested values indented, a
// struct of plain values and a list of strings on one line, a position as
// line:col (of schema.md), and then the diagnostics. It walks the values by
// reflection, so a field added to the document model shows up without a
// change here.
func dump(r Result, ds diag.List) string {
	var b strings.Builder
	dumpFields(&b, reflect.ValueOf(r), "")
	for _, d := range ds {
		b.WriteString("diagnostic: " + d.String() + "\n")
	}
	return b.String()
}

var posType = reflect.TypeFor[diag.Pos]()

// dumpFields writes the fields of struct v that are not zero, one a line.
func dumpFields(b *strings.Builder, v reflect.Value, indent string) {
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		if !f.IsExported() || fv.IsZero() || fv.Kind() == reflect.Slice && fv.Len() == 0 {
			continue
		}
		b.WriteString(indent + f.Name + ":")
		dumpValue(b, fv, indent)
	}
}

// dumpValue writes v after its field name: on the same line when it is
// plain, else on the lines below, indented one step more than indent.
func dumpValue(b *strings.Builder, v reflect.Value, indent string) {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if plain(v.Type()) {
		b.WriteString(" " + inline(v) + "\n")
		return
	}
	b.WriteString("\n")
	switch v.Kind() {
	case reflect.Struct:
		dumpFields(b, v, indent+"  ")
	case reflect.Slice:
		for i := range v.Len() {
			if plain(v.Type().Elem()) {
				b.WriteString(indent + "  - " + inline(v.Index(i)) + "\n")
				continue
			}
			// A struct in a list starts on its dash line, YAML-style.
			var item strings.Builder
			dumpFields(&item, reflect.Indirect(v.Index(i)), indent+"    ")
			b.WriteString(indent + "  - " + strings.TrimPrefix(item.String(), indent+"    "))
		}
	}
}

// plain reports whether a value of type t is written on one line: a
// number, string, bool or position, a list of plain values, or a struct
// (behind a pointer or not) whose fields are all plain.
func plain(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return plain(t.Elem())
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Struct && t.Elem().Kind() != reflect.Pointer && plain(t.Elem())
	case reflect.Struct:
		if t == posType {
			return true
		}
		for i := range t.NumField() {
			if k := t.Field(i).Type.Kind(); k == reflect.Struct && t.Field(i).Type != posType || k == reflect.Slice || k == reflect.Pointer {
				return false
			}
		}
		return true
	}
	return true
}

// inline formats a plain value.
func inline(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Slice:
		var items []string
		for i := range v.Len() {
			items = append(items, inline(v.Index(i)))
		}
		return "[" + strings.Join(items, ", ") + "]"
	case reflect.Struct:
		if v.Type() == posType {
			p := v.Interface().(diag.Pos)
			if p.File != "schema.md" {
				return p.String()
			}
			return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
		}
		var fields []string
		for i := range v.NumField() {
			if f := v.Field(i); v.Type().Field(i).IsExported() && !f.IsZero() {
				fields = append(fields, v.Type().Field(i).Name+": "+inline(f))
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	return fmt.Sprint(v.Interface())
}
