package ir

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

// This file holds the names the emitters derive from an entity's Name, so
// that Resolve can refuse, with a position, a spec whose entities would
// declare the same Go type or OpenAPI schema twice.

// EnumType is the Go name of an enum field's type: "TaskPriority".
func (e *Entity) EnumType(f *Field) string { return e.Name + f.Name }

// EnumConst is the Go name of one value of an enum field: "TaskPriorityHigh".
// A trailing "+" or "-" is spelled out ("A+" -> "APlus", "A-" -> "AMinus");
// values that still collide are numbered in order ("X", "X2").
func (e *Entity) EnumConst(f *Field, value string) string {
	taken := map[string]bool{}
	for _, v := range f.Enum {
		name := naming.Unique(e.EnumType(f)+enumWord(v), taken)
		if v == value {
			return name
		}
	}
	return e.EnumType(f) + enumWord(value)
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

// ReservedNames are the names the generated API document declares for
// itself, and what they are: the error schemas and the schemas of filter
// values (Type.FilterSchemaName).
var ReservedNames = reservedNames()

func reservedNames() map[string]string {
	names := map[string]string{"Error": "the error schema", "FieldError": "the field error schema"}
	for t, info := range logicalTypes {
		if description, ok := info.FilterString(); ok && description != "" {
			names[t.FilterSchemaName()] = "the schema of a " + string(t) + " filter value"
		}
	}
	return names
}

// DeclaredName is a name the emitters declare for an entity, and what it is.
type DeclaredName struct {
	Name, What string
}

// DeclaredNames lists the names the generated code and API document declare
// for e in namespaces every entity shares: its Go types (the row, the
// create, update and patch bodies, enum types and values), its OpenAPI
// schemas (the same, and the list page) and the stem of its files.
func (e *Entity) DeclaredNames() []DeclaredName {
	names := []DeclaredName{
		{e.Name, "type"}, {e.Name + "Create", "create body"}, {e.Name + "Update", "update body"},
		{e.Name + "Patch", "patch body"}, {e.Name + "List", "list page schema"},
		{"file:" + e.FileStem(), "file name " + e.FileStem() + ".go"},
	}
	if len(e.Events) > 0 {
		names = append(names, DeclaredName{e.Name + "Event", "event type"})
	}
	for _, f := range e.Fields {
		if f.Type != Enum {
			continue
		}
		names = append(names, DeclaredName{e.EnumType(f), fmt.Sprintf("enum type of `%s`", f.Column)})
		for _, v := range f.Enum {
			names = append(names, DeclaredName{e.EnumConst(f, v), fmt.Sprintf("constant for value `%s` of `%s`", v, f.Column)})
		}
	}
	return names
}

// sharedStems are the names of the files a backend can have next to the
// per-entity files: in internal/api api.go, handlers.go, links.go,
// relations.go and the tests main, routes, hostile and relations; in
// internal/models models.go; in internal/repository repository.go,
// queries.go, events.go, links.go and nested.go. TestSharedFileStems in
// package emit checks that every such file of a generated backend is here.
var sharedStems = map[string]bool{
	"api": true, "handlers": true, "links": true, "relations": true, "main": true, "routes": true, "hostile": true,
	"models": true, "repository": true, "queries": true, "events": true, "nested": true,
}

// buildSuffixes are the file name suffixes the go command reads as build
// constraints or test files (_test, _linux, _amd64, ...).
var buildSuffixes = strings.Fields("test aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos " +
	"386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm")

// FileStem is the base name of the entity's generated Go files: its name in
// snake_case ("task_tag" for TaskTag), with "_entity" appended when that
// would be the name of a shared file (an entity Repository) or end in a
// suffix the go command reads as a build constraint or a test file
// (DeviceIos, LoadTest).
func (e *Entity) FileStem() string {
	stem := naming.Snake(e.Name)
	last := stem[strings.LastIndexByte(stem, '_')+1:]
	if sharedStems[stem] || strings.Contains(stem, "_") && slices.Contains(buildSuffixes, last) {
		stem += "_entity"
	}
	return stem
}

// Noun is the entity's name in prose: "task", "task tag".
func (e *Entity) Noun() string { return strings.Join(naming.Words(e.Name), " ") }

// PluralNoun is the entity's plural in prose: "tasks", "task tags".
func (e *Entity) PluralNoun() string { return strings.Join(naming.Words(e.Plural), " ") }

// VarStem is the start of the unexported Go names the emitters derive from
// the entity's name: "task" of taskCollection and taskQueriesFor, "taskTag".
func (e *Entity) VarStem() string { return strings.TrimSuffix(naming.Camel(e.Name), "_") }

// Param is the field's name as a Go parameter or variable: "tagID", and
// "type_" for a Go keyword.
func (f *Field) Param() string { return naming.Camel(f.Name) }

// NotFoundCode is the error code of the entity's 404: "TASK_NOT_FOUND".
func (e *Entity) NotFoundCode() string {
	return strings.ToUpper(naming.Snake(e.Name)) + "_NOT_FOUND"
}

// CheckDeclaredNames returns an error when two of entities, or one of them and
// the API document's own schemas, would declare one Go type, OpenAPI schema or
// file name. Resolve reports such clashes with positions; the emitters call
// this to guard schemas built by hand.
func CheckDeclaredNames(entities []*Entity) error {
	owner := maps.Clone(ReservedNames)
	for _, e := range entities {
		for _, n := range e.DeclaredNames() {
			if other, ok := owner[n.Name]; ok {
				return fmt.Errorf("entity %s: %s (its %s) is already declared by %s", e.Name, strings.TrimPrefix(n.Name, "file:"), n.What, other)
			}
			owner[n.Name] = "entity " + e.Name
		}
	}
	return nil
}
