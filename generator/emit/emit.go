// Package emit is the last pure stage of crudgen's pipeline: it turns a resolved
// schema (package ir) into the files of a Go REST backend, in memory.
//
// The files come from one artifact table (artifacts, below) whose rows call the
// emitter of each kind of output: package gocode for the Go code (models,
// repositories, handlers, tests, main.go), package sqlddl for the SQL
// migrations, package openapi for the API document, package apidoc for the
// documents beside the spec (rest-endpoints.md, er.md), and the embedded runtime
// templates of package templates for internal/platform. Every Go file is
// gofmt'd and, except the user-owned main.go, starts with the generated-code
// header. Output is deterministic: the same schema always yields the same bytes.
//
// Emit decides nothing the IR could decide: the logical type's Go, SQL and
// OpenAPI forms live in ir's type table (ir.Type.Info). This package and its
// emitters must not import goldmark and must not touch the disk.
package emit

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/apidoc"
	"github.com/crudgen/crudgen/generator/emit/gocode"
	"github.com/crudgen/crudgen/generator/emit/openapi"
	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// Options configure Emit.
type Options struct {
	// ModulePath is the Go import path of the output folder,
	// e.g. "github.com/crudgen/crudgen/examples/todo".
	ModulePath string
	// GoGenerate, when non-empty, is the command of a //go:generate line written
	// into main.go, e.g. "go run github.com/crudgen/crudgen/cmd/crudgen".
	GoGenerate string
	// Migrations are the files of migrations/ as sqlddl.Migrations planned
	// them from the committed history. When nil, the history starts now: the
	// first migration creates every table.
	Migrations []sqlddl.File
	// API is what the API documents say beyond the schema: its version
	// and licence.
	API openapi.Info
	// SpecName is the spec's file name ("schema.md"), which the documents
	// beside it link to.
	SpecName string
	// FormatCache, when not nil, keeps formatted Go files across runs.
	FormatCache FormatCache
}

// FormatCache keeps formatted Go source across runs (see gocode.FormatCache).
type FormatCache = gocode.FormatCache

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
	// Docs marks a document for people that lives beside the spec, not in the
	// backend: Path is relative to the folder above the spec's (specs/ for
	// specs/database/schema.md), as in api/rest-endpoints.md.
	Docs bool
}

// Emit returns every file of the backend for s, sorted by path. It fails, naming
// the entity or file, when the schema cannot be turned into valid Go (for
// instance a CRUD entity without a single-column primary key); it never returns
// code that does not format.
func Emit(s *ir.Schema, opts Options) ([]File, error) {
	if s == nil {
		return nil, errors.New("emit: nil schema")
	}
	g, err := gocode.New(s, gocode.Options{ModulePath: opts.ModulePath, GoGenerate: opts.GoGenerate})
	if err != nil {
		return nil, err
	}

	// Every file is a job of its own, run on every CPU: building, rendering
	// and formatting Go is most of the cost of generation.
	var jobs []job
	for _, e := range g.Entities() {
		for _, a := range entityArtifacts {
			file := File{Path: fmt.Sprintf(a.path, e.FileStem()), Entity: e.Name}
			jobs = append(jobs, goJob(file, func() *jen.File { return a.build(g, e) }, opts.FormatCache))
		}
	}
	for _, a := range sharedArtifacts {
		jobs = append(jobs, goJob(File{Path: a.path, Once: a.once}, func() *jen.File { return a.build(g) }, opts.FormatCache))
	}
	for _, build := range fileArtifacts {
		jobs = append(jobs, func() ([]File, error) { return build(g, s, opts) })
	}
	files, err := runJobs(jobs)
	if err != nil {
		return nil, err // already says which artifact
	}

	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("emit: two files would be written to %s", files[i].Path)
		}
	}
	return files, nil
}

// The artifact table: entityArtifacts, sharedArtifacts and fileArtifacts are
// every file Emit writes.

// entityArtifacts are the Go files generated per CRUD entity; %s is the
// entity's snake_case name.
var entityArtifacts = []struct {
	path  string
	build func(*gocode.Gen, *ir.Entity) *jen.File
}{
	{"internal/models/%s.go", (*gocode.Gen).Models},
	{"internal/repository/%s.go", (*gocode.Gen).Repository},
	{"internal/api/%s.go", (*gocode.Gen).API},
	{"internal/api/%s_test.go", (*gocode.Gen).APITest},
}

// sharedArtifacts are the Go files shared by every entity. A builder
// returning nil produces no file; a once file is the user's after it is first
// written.
var sharedArtifacts = []struct {
	path  string
	build func(*gocode.Gen) *jen.File
	once  bool
}{
	{"internal/api/api.go", (*gocode.Gen).APIShared, false},
	{"internal/api/main_test.go", (*gocode.Gen).APIMainTest, false},
	{"internal/models/models.go", (*gocode.Gen).ModelsShared, false},
	{"internal/repository/repository.go", (*gocode.Gen).RepositoryShared, false},
	{"migrations/migrations.go", (*gocode.Gen).MigrationsEmbed, false},
	{"internal/events/events.go", (*gocode.Gen).Events, false},
	{"openapi.go", (*gocode.Gen).OpenAPIEmbed, false},
	{"main.go", (*gocode.Gen).Main, true},
	{"cmd/subscriber/main.go", (*gocode.Gen).Subscriber, true},
}

// fileArtifacts are the files that are not one jennifer file each.
var fileArtifacts = []func(*gocode.Gen, *ir.Schema, Options) ([]File, error){
	// internal/platform/**, internal/api/routes_test.go
	func(g *gocode.Gen, _ *ir.Schema, opts Options) ([]File, error) {
		return templateFiles(g.ModulePath(), len(g.Entities()) > 0, templateUsed(g), opts.FormatCache)
	},
	// internal/platform/docs/redoc.standalone.js
	func(*gocode.Gen, *ir.Schema, Options) ([]File, error) {
		f, err := redocFile()
		return []File{f}, err
	},
	// migrations/{postgres,sqlite}/*.sql, migrations/schema.json
	func(_ *gocode.Gen, s *ir.Schema, opts Options) ([]File, error) {
		sqls := opts.Migrations
		if sqls == nil {
			var err error
			if sqls, _, err = sqlddl.Migrations(s, sqlddl.History{}); err != nil {
				return nil, fmt.Errorf("emit: %w", err)
			}
		}
		files := make([]File, len(sqls))
		for i, f := range sqls {
			files[i] = File{Path: f.Path, Content: f.Content}
		}
		return files, nil
	},
	// openapi.json
	func(_ *gocode.Gen, s *ir.Schema, opts Options) ([]File, error) {
		b, err := openapi.Document(s, opts.API)
		return []File{{Path: "openapi.json", Content: b}}, err
	},
	// beside the spec: api/rest-endpoints.md, database/er.md
	func(_ *gocode.Gen, s *ir.Schema, opts Options) ([]File, error) {
		name := opts.SpecName
		if name == "" {
			name = "schema.md"
		}
		return []File{
			{Path: apidoc.EndpointsPath, Content: apidoc.Endpoints(s, name), Docs: true},
			{Path: apidoc.ERPath, Content: apidoc.ER(s, name), Docs: true},
		}, nil
	},
}

// job makes some of Emit's files.
type job func() ([]File, error)

// goJob is the job of one Go file: build it (no file when build returns
// nil), render and format it.
func goJob(file File, build func() *jen.File, cache gocode.FormatCache) job {
	return func() ([]File, error) {
		f := build()
		if f == nil {
			return nil, nil
		}
		var err error
		file.Content, err = gocode.Render(file.Path, f, cache)
		return []File{file}, err
	}
}

// runJobs runs jobs on every available CPU, starting with the last ones
// (Emit's file artifacts: openapi.json is the largest single job). The files
// come back in the order of jobs, and the error, if any, is that of the
// first failing job, so the result does not depend on scheduling.
func runJobs(jobs []job) ([]File, error) {
	out := make([][]File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = jobs[i]()
			}
		}()
	}
	for i := len(jobs) - 1; i >= 0; i-- {
		next <- i
	}
	close(next)
	wg.Wait()
	var files []File
	for i, fs := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files = append(files, fs...)
	}
	return files, nil
}
