// Package gocode is the emitter of the generated backend's Go code: models,
// repositories, HTTP handlers and their tests per entity, the files the
// entities share, main.go and the migrations' embed file. It is one of the
// artifact emitters package emit runs (with sqlddl and openapi); it reads the
// resolved schema (package ir) and the logical-type table (ir.Type.Info), and
// builds every file with dave/jennifer, each import registered with ImportName
// so that no alias is guessed.
//
// The builders return *jen.File; Render formats one. Output is deterministic:
// the same schema always yields the same bytes. This package must not import
// goldmark and must not touch the disk.
package gocode

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/format"
	"runtime"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
)

// Options configure the builders.
type Options struct {
	// ModulePath is the Go import path of the output folder,
	// e.g. "github.com/crudgen/crudgen/examples/todo".
	ModulePath string
	// GoGenerate, when non-empty, is the command of a //go:generate line written
	// into main.go, e.g. "go run github.com/crudgen/crudgen/cmd/crudgen".
	GoGenerate string
}

// Gen carries what every builder needs: the schema, the options and the import
// paths of the generated packages. It is created per Emit call and never shared.
type Gen struct {
	schema   *ir.Schema
	opts     Options
	entities []*ir.Entity // the CRUD entities, in spec order
	// limits are the row limits of the entities' tests (see rowLimits).
	limits map[*ir.Entity]int

	models, repository, api, platform, platformtest, migrations, events string
}

// New returns the builders for s. It fails, naming the entity, when s cannot
// be turned into valid Go (for instance a CRUD entity without a single-column
// primary key); Resolve reports each such case with its position, so for a
// parsed spec these are internal errors that guard hand-built schemas.
func New(s *ir.Schema, opts Options) (*Gen, error) {
	if s == nil {
		return nil, errors.New("emit: nil schema")
	}
	if opts.ModulePath == "" {
		return nil, errors.New("emit: Options.ModulePath is empty")
	}
	m := strings.TrimSuffix(opts.ModulePath, "/")
	g := &Gen{
		schema:       s,
		opts:         opts,
		models:       m + "/internal/models",
		repository:   m + "/internal/repository",
		api:          m + "/internal/api",
		platform:     m + "/internal/platform",
		platformtest: m + "/internal/platform/platformtest",
		migrations:   m + "/migrations",
		events:       m + "/internal/events",
	}
	for _, e := range s.Entities {
		if e.CRUD && !e.Managed {
			g.entities = append(g.entities, e)
		}
	}
	if err := g.check(); err != nil {
		return nil, err
	}
	g.limits = g.rowLimits()
	return g, nil
}

// Entities returns the entities that get Go code (CRUD and not managed by the
// auth provider), in spec order.
func (g *Gen) Entities() []*ir.Entity { return g.entities }

// check rejects schemas that would not yield compilable code, naming the
// entity.
func (g *Gen) check() error {
	if err := ir.CheckDeclaredNames(g.entities); err != nil {
		return fmt.Errorf("emit: %w", err)
	}
	for _, e := range g.entities {
		pk := e.PK()
		if pk == nil {
			return fmt.Errorf("emit: entity %s (line %d): CRUD needs a single-column primary key", e.Name, e.Line)
		}
		if e.Route == "" {
			return fmt.Errorf("emit: entity %s (line %d): no route", e.Name, e.Line)
		}
		if e.OwnerField != "" && e.Owner() == nil {
			return fmt.Errorf("emit: entity %s (line %d): owner field %q is not a column", e.Name, e.Line, e.OwnerField)
		}
		if e.SoftDelete && e.RoleField(ir.RoleDeletedAt) == nil {
			return fmt.Errorf("emit: entity %s (line %d): soft delete without a deleted_at field", e.Name, e.Line)
		}
		for _, f := range e.Fields {
			if !f.Type.Known() {
				return fmt.Errorf("emit: entity %s, field %s: unknown type %q", e.Name, f.Column, f.Type)
			}
			if f.Type == ir.Enum && len(f.Enum) == 0 {
				return fmt.Errorf("emit: entity %s, field %s: enum without values", e.Name, f.Column)
			}
		}
	}
	return nil
}

// newFile returns a jennifer file for the package at path with the generated
// header and every import the builders may use registered under its real name.
func (g *Gen) newFile(path, name string) *jen.File {
	f := jen.NewFilePathName(path, name)
	// render formats once, after grouping the imports; jennifer's own
	// formatting pass would double the cost of the largest files.
	f.NoFormat = true
	f.HeaderComment(strings.TrimPrefix(header.Go, "// "))
	f.ImportNames(map[string]string{
		g.models:       "models",
		g.repository:   "repository",
		g.api:          "api",
		g.platform:     "platform",
		g.platformtest: "platformtest",
		g.migrations:   "migrations",
	})
	return f
}

// Render formats f; a file that does not format is an error naming path,
// never broken output.
func Render(path string, f *jen.File, cache FormatCache) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("emit: %s: %w", path, err)
	}
	return Format(path, buf.Bytes(), cache)
}

// FormatCache keeps formatted Go source by a key of the source before
// formatting (and the Go release, whose gofmt may differ), so that a file
// generated as before is not formatted again: formatting is most of the cost
// of generation. Implementations must be safe for concurrent use; a nil
// FormatCache formats everything.
type FormatCache interface {
	Get(key string) ([]byte, bool)
	Put(key string, formatted []byte)
}

// Format gofmts src, with the standard library imports grouped first as
// goimports would, reporting failures against path.
func Format(path string, src []byte, cache FormatCache) ([]byte, error) {
	src = groupImports(src)
	var key string
	if cache != nil {
		sum := sha256.Sum256(append([]byte(runtime.Version()+"\x00"), src...))
		key = hex.EncodeToString(sum[:])
		if b, ok := cache.Get(key); ok {
			return b, nil
		}
	}
	b, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("emit: %s: generated code does not format: %w", path, err)
	}
	if cache != nil {
		cache.Put(key, b)
	}
	return b, nil
}

// any reports whether some CRUD entity has a field for which pred holds.
func (g *Gen) anyField(pred func(*ir.Entity, *ir.Field) bool) bool {
	for _, e := range g.entities {
		for _, f := range e.Fields {
			if pred(e, f) {
				return true
			}
		}
	}
	return false
}

// sentence makes s a sentence: trimmed, first letter kept, a final period added.
func sentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// docComment returns text as consecutive line comments, one per line of text (jennifer
// would render a multi-line Comment as a /* */ block).
func docComment(text string) *jen.Statement {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if len(l) > 90 && !strings.HasPrefix(l, "\t") {
			l = wrap(l)
		}
		lines = append(lines, strings.Split(l, "\n")...)
	}
	s := jen.Comment(lines[0])
	for _, l := range lines[1:] {
		s.Line().Comment(l)
	}
	return s
}

// packageFile is newFile for the one file of a package that carries its
// package comment, doc.
func (g *Gen) packageFile(path, name, doc string) *jen.File {
	f := g.newFile(path, name)
	packageDoc(f, doc)
	return f
}

// packageDoc sets the package comment of f, one line comment per line of text.
func packageDoc(f *jen.File, text string) {
	for _, l := range strings.Split(text, "\n") {
		f.PackageComment(l)
	}
}

// groupImports splits the single import block jennifer writes into the
// standard library first, then a blank line, then every other package.
func groupImports(src []byte) []byte {
	const open = "\nimport (\n"
	start := bytes.Index(src, []byte(open))
	if start < 0 {
		return src
	}
	start += len(open)
	n := bytes.Index(src[start:], []byte("\n)\n"))
	if n < 0 {
		return src
	}
	var std, other []string
	for _, line := range strings.Split(string(src[start:start+n]), "\n") {
		_, path, _ := strings.Cut(line, `"`)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	var b bytes.Buffer
	b.Write(src[:start])
	b.WriteString(strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n"))
	b.Write(src[start+n:])
	return b.Bytes()
}

// multiLine renders a composite literal with one element per line, in the
// order given (jen.Dict would sort the keys).
var multiLine = jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}

// stringsLit is a []string literal.
func stringsLit(ss []string) jen.Code {
	return jen.Index().String().ValuesFunc(func(v *jen.Group) {
		for _, s := range ss {
			v.Lit(s)
		}
	})
}

// ModulePath is the import path of the output folder, without a final slash.
func (g *Gen) ModulePath() string { return strings.TrimSuffix(g.opts.ModulePath, "/") }
