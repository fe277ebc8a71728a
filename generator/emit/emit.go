// Package emit is the last pure stage of crudgen's pipeline: it turns a resolved
// schema (package ir) into the files of a Go REST backend, in memory.
//
// Go code is built with dave/jennifer, every import registered with ImportName so
// that no alias is guessed; the shared runtime (internal/platform) is rendered from
// the embedded templates of package templates; SQL migrations and the OpenAPI
// document are plain text. Every Go file is gofmt'd and, except the user-owned
// main.go, starts with the generated-code header. Output is deterministic: the same
// schema always yields the same bytes.
//
// Emit decides nothing the IR could decide; where the IR is silent (the Go type of
// a logical type, sample values for tests) the choice lives in one small helper
// (gotype.go) and is documented there. This package must not import goldmark and
// must not touch the disk.
package emit

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/naming"
)

// Options configure Emit.
type Options struct {
	// ModulePath is the Go import path of the output folder,
	// e.g. "github.com/crudgen/crudgen/examples/todo".
	ModulePath string
	// GoGenerate, when non-empty, is the command of a //go:generate line written
	// into main.go, e.g. "go run github.com/crudgen/crudgen/cmd/crudgen".
	GoGenerate string
}

// File is one generated file.
type File struct {
	// Path is slash-separated and relative to the output folder.
	Path string
	// Content is the file's bytes; Go files are gofmt'd.
	Content []byte
	// Entity is the Go name of the entity the file belongs to, "" for shared files.
	Entity string
	// Once marks a file the user owns after it is first written (main.go): write it
	// only when it is missing, never overwrite it.
	Once bool
}

// Emit returns every file of the backend for s, sorted by path. It fails, naming
// the entity or file, when the schema cannot be turned into valid Go (for
// instance a CRUD entity without a single-column primary key); it never returns
// code that does not format.
func Emit(s *ir.Schema, opts Options) ([]File, error) {
	if s == nil {
		return nil, errors.New("emit: nil schema")
	}
	if opts.ModulePath == "" {
		return nil, errors.New("emit: Options.ModulePath is empty")
	}
	g := newGen(s, opts)
	if err := g.check(); err != nil {
		return nil, err
	}

	var jobs []renderJob
	for _, e := range g.entities {
		snake := naming.Snake(e.Name)
		for _, a := range entityArtifacts {
			jobs = append(jobs, renderJob{path: fmt.Sprintf(a.path, snake), entity: e.Name, file: a.build(g, e)})
		}
	}
	for _, a := range sharedArtifacts {
		if f := a.build(g); f != nil {
			jobs = append(jobs, renderJob{path: a.path, file: f})
		}
	}
	files, err := renderAll(jobs)
	if err != nil {
		return nil, err
	}

	for _, build := range fileArtifacts {
		built, err := build(g)
		if err != nil {
			return nil, err // already says which artifact
		}
		files = append(files, built...)
	}

	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("emit: two files would be written to %s", files[i].Path)
		}
	}
	return files, nil
}

// entityArtifacts are the files generated per CRUD entity; %s is the entity's
// snake_case name.
var entityArtifacts = []struct {
	path  string
	build func(*gen, *ir.Entity) *jen.File
}{
	{"internal/models/%s.go", (*gen).modelsFile},
	{"internal/repository/%s.go", (*gen).repositoryFile},
	{"internal/api/%s.go", (*gen).apiFile},
	{"internal/api/%s_test.go", (*gen).apiTestFile},
}

// sharedArtifacts are the generated files shared by every entity. A builder
// returning nil produces no file.
var sharedArtifacts = []struct {
	path  string
	build func(*gen) *jen.File
}{
	{"internal/api/api.go", (*gen).apiSharedFile},
	{"internal/api/main_test.go", (*gen).apiMainTestFile},
	{"internal/models/models.go", (*gen).modelsSharedFile},
	{"internal/repository/repository.go", (*gen).repositorySharedFile},
	{"migrations/migrations.go", (*gen).migrationsFile},
}

// declaredNameClash returns an error when two entities, or an entity and the
// API document's own schemas, would declare one Go type, OpenAPI schema or
// file name (see ir.Entity.DeclaredNames, which Resolve checks with
// positions).
func declaredNameClash(entities []*ir.Entity) error {
	owner := maps.Clone(ir.ReservedNames)
	for _, e := range entities {
		for _, n := range e.DeclaredNames() {
			if other, ok := owner[n.Name]; ok {
				return fmt.Errorf("emit: entity %s: %s (its %s) is already declared by %s", e.Name, strings.TrimPrefix(n.Name, "file:"), n.What, other)
			}
			owner[n.Name] = "entity " + e.Name
		}
	}
	return nil
}

// fileArtifacts are the files that are not one jennifer file each: main.go
// (written once), the runtime templates, the SQL migrations and the OpenAPI
// document. With entityArtifacts and sharedArtifacts they are every file Emit
// writes.
var fileArtifacts = []func(*gen) ([]File, error){
	// main.go
	func(g *gen) ([]File, error) { f, err := g.mainFile(); return []File{f}, err },
	// internal/platform/**, internal/api/routes_test.go
	(*gen).templateFiles,
	// migrations/{postgres,sqlite}/*.sql
	func(g *gen) ([]File, error) { return emitMigrations(g.schema) },
	// openapi.json
	func(g *gen) ([]File, error) { f, err := emitOpenAPI(g.schema); return []File{f}, err },
}

// gen carries what every builder needs: the schema, the options and the import
// paths of the generated packages. It is created per Emit call and never shared.
type gen struct {
	schema   *ir.Schema
	opts     Options
	entities []*ir.Entity // the CRUD entities, in spec order

	models, repository, api, platform, platformtest, migrations string
}

func newGen(s *ir.Schema, opts Options) *gen {
	m := strings.TrimSuffix(opts.ModulePath, "/")
	g := &gen{
		schema:       s,
		opts:         opts,
		models:       m + "/internal/models",
		repository:   m + "/internal/repository",
		api:          m + "/internal/api",
		platform:     m + "/internal/platform",
		platformtest: m + "/internal/platform/platformtest",
		migrations:   m + "/migrations",
	}
	for _, e := range s.Entities {
		if e.CRUD && !e.Managed {
			g.entities = append(g.entities, e)
		}
	}
	return g
}

// check rejects schemas that would not yield compilable code, naming the
// entity. Resolve reports each of these with its position, so for a parsed
// spec they are internal errors; they guard hand-built schemas.
func (g *gen) check() error {
	if err := declaredNameClash(g.entities); err != nil {
		return err
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
func (g *gen) newFile(path, name string) *jen.File {
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

// renderJob is one built Go file waiting to be rendered and formatted.
type renderJob struct {
	path, entity string
	file         *jen.File
}

// renderAll renders and formats jobs on every available CPU, since formatting
// is most of the cost of generation. The files come back in the order of jobs,
// and the error, if any, is that of the first failing job, so the result does
// not depend on scheduling.
func renderAll(jobs []renderJob) ([]File, error) {
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				b, err := render(j.path, j.file)
				files[i], errs[i] = File{Path: j.path, Content: b, Entity: j.entity}, err
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// render formats f; a file that does not format is an error naming path, never
// broken output.
func render(path string, f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("emit: %s: %w", path, err)
	}
	return formatGo(path, buf.Bytes())
}

// formatGo gofmts src, with the standard library imports grouped first as
// goimports would, reporting failures against path.
func formatGo(path string, src []byte) ([]byte, error) {
	b, err := format.Source(groupImports(src))
	if err != nil {
		return nil, fmt.Errorf("emit: %s: generated code does not format: %w", path, err)
	}
	return b, nil
}

// any reports whether some CRUD entity has a field for which pred holds.
func (g *gen) anyField(pred func(*ir.Entity, *ir.Field) bool) bool {
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
