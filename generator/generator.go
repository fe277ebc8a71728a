// Package generator is crudgen's public pipeline: it turns a Markdown schema spec
// into the files of a Go REST backend, in memory.
//
// Generate runs every stage in one direction — spec.Parse, ir.Resolve, the
// migration planner (sqlddl.Migrations, which diffs the schema against the
// committed history passed in), emit.Emit — stops at the first stage that
// reports errors, and returns the files with their
// paths relative to the output folder. It never reads or writes the disk: the
// caller passes the spec's bytes in and decides what to do with the files
// (internal/outfs writes them, or diffs them against the disk for --check).
package generator

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/generator/emit"
	"github.com/crudgen/crudgen/generator/emit/openapi"
	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/naming"
)

// Input is everything Generate needs. It carries bytes, not file handles.
type Input struct {
	// SpecPath names the spec in diagnostics; use the path as the user wrote it.
	SpecPath string
	// Spec is the content of the Markdown spec.
	Spec []byte
	// ModulePath is the Go import path of the output folder,
	// e.g. "github.com/crudgen/crudgen/examples/todo".
	ModulePath string
	// Entities limits the per-entity files to the named entities. Each name is
	// matched case-insensitively against the entity's Go name ("Task") or its
	// table ("tasks"). Shared files are always produced. Empty means all.
	Entities []string
	// GoGenerate, when set, is the command of a //go:generate line written into
	// the output's main.go (only when main.go is first created).
	GoGenerate string
	// OutDir is the output folder as the user wrote it, for diagnostics.
	OutDir string
	// Migrations holds the committed migration history: migrations/schema.json
	// and every SQL file under migrations/, by slash-separated path relative
	// to the output folder. Empty means none is committed yet.
	Migrations map[string][]byte
	// AllowDestructive confirms migrations that lose data (dropped tables and
	// columns, narrowed types, new NOT NULL constraints).
	AllowDestructive bool
	// APIVersion and APILicense are the version and licence name the API
	// documents state (crudgen.json's api.version and api.license).
	APIVersion, APILicense string
	// FormatCache, when not nil, keeps formatted Go files across runs, so
	// that a file generated as before is not formatted again.
	FormatCache FormatCache
}

// Result is the outcome of a generation run.
type Result struct {
	// Schema is the resolved schema; nil when the spec could not be parsed.
	Schema *ir.Schema
	// Files are the generated files, sorted by path. With Input.Entities set,
	// only the shared files and those of the named entities are present.
	Files []emit.File
	// Diagnostics holds every warning and error about the spec, sorted.
	Diagnostics diag.List
	// All is true when Files holds every file the spec produces (no entity
	// filter), so files on disk that are no longer produced are stale.
	All bool
}

// MigrationError reports a migration crudgen will not write although the spec
// is valid: a destructive change not confirmed, a NOT NULL column without a
// default on an existing table, or a history it cannot trust (a migration
// edited, removed or added after it was recorded). Its diagnostics are also
// in Result.Diagnostics.
type MigrationError struct {
	Diagnostics diag.List
}

func (e *MigrationError) Error() string {
	return strings.TrimSuffix(e.Diagnostics.String(), "\n")
}

// FormatCache keeps formatted Go files across runs (see emit.FormatCache).
type FormatCache = emit.FormatCache

// ErrNoEntities is returned (wrapped) when a spec defines no entity crudgen can
// generate code for.
var ErrNoEntities = errors.New("no entities found")

// UnknownEntityError reports an entity name on the command line that the spec
// does not define, or that gets no generated code.
type UnknownEntityError struct {
	Name       string   // the name as given
	Known      []string // Go names of the entities that get code, sorted
	Suggestion string   // closest known name, or ""
	Managed    string   // when Name is a managed entity: who manages it
}

func (e *UnknownEntityError) Error() string {
	var b strings.Builder
	if e.Managed != "" {
		fmt.Fprintf(&b, "entity %q is managed by %s: crudgen creates its table but generates no code for it", e.Name, e.Managed)
	} else {
		fmt.Fprintf(&b, "unknown entity %q", e.Name)
	}
	if len(e.Known) > 0 {
		fmt.Fprintf(&b, "; known entities: %s", strings.Join(e.Known, ", "))
	} else {
		b.WriteString("; the spec defines no entity that gets code")
	}
	if e.Suggestion != "" {
		fmt.Fprintf(&b, " (did you mean %s?)", e.Suggestion)
	}
	return b.String()
}

// Load parses and resolves a spec without emitting anything; list and validate
// use it. The schema is what crudgen understood even when the spec has
// errors (so `crudgen list` can show how far it got); it is nil only when
// there is no document at all. The diagnostics of both stages come back
// sorted.
func Load(path string, src []byte) (*ir.Schema, diag.List) {
	doc, diags := spec.Parse(path, src)
	if doc == nil {
		return nil, diags.Sort()
	}
	schema, more := ir.Resolve(doc)
	diags = append(diags, more...)
	return schema, diags.Sort()
}

// Generate runs the whole pipeline on in. Spec problems are returned both in
// Result.Diagnostics and, when any is an error, as a diag.ErrorList error. The
// result is never nil, so diagnostics can be printed whatever happened.
func Generate(in Input) (*Result, error) {
	schema, diags := Load(in.SpecPath, in.Spec)
	res := &Result{Schema: schema, Diagnostics: diags}
	if err := diags.Err(); err != nil {
		return res, err
	}
	if err := CheckEntities(in.SpecPath, schema); err != nil {
		return res, err
	}
	keep, err := selectEntities(schema, in.Entities)
	if err != nil {
		return res, err
	}
	migrations, more, err := sqlddl.Migrations(schema, sqlddl.History{
		Dir: in.OutDir, SpecPath: in.SpecPath, Files: in.Migrations, AllowDestructive: in.AllowDestructive,
	})
	if err != nil {
		return res, fmt.Errorf("%s: error: %w", in.SpecPath, err)
	}
	res.Diagnostics = append(res.Diagnostics, more...).Sort()
	if more.HasErrors() {
		return res, &MigrationError{Diagnostics: more}
	}
	files, err := emit.Emit(schema, emit.Options{ModulePath: in.ModulePath, GoGenerate: in.GoGenerate, Migrations: migrations,
		API: openapi.Info{Version: in.APIVersion, License: in.APILicense}, SpecName: path.Base(filepath.ToSlash(in.SpecPath)),
		FormatCache: in.FormatCache})
	if err != nil {
		return res, fmt.Errorf("%s: error: %w", in.SpecPath, err)
	}
	res.All = keep == nil
	for _, f := range files {
		if f.Entity == "" || keep == nil || keep[f.Entity] {
			res.Files = append(res.Files, f)
		}
	}
	slices.SortFunc(res.Files, func(a, b emit.File) int { return strings.Compare(a.Path, b.Path) })
	return res, nil
}

// CheckEntities returns an error wrapping ErrNoEntities, saying what to write,
// when s has no entity that gets code.
func CheckEntities(specPath string, s *ir.Schema) error {
	var others []string
	if s != nil {
		for _, e := range s.Entities {
			if e.CRUD {
				return nil
			}
			others = append(others, e.Table)
		}
	}
	if len(others) > 0 {
		return fmt.Errorf("%s: %w that get code: every table (%s) is managed elsewhere or has CRUD turned off", specPath, ErrNoEntities, strings.Join(others, ", "))
	}
	return fmt.Errorf("%s: %w: write each table as a \"### table_name\" heading followed by a Markdown table of columns (| Column | Type | Constraints |)", specPath, ErrNoEntities)
}

// selectEntities maps the names given by the user to Go entity names. It returns
// nil when names is empty (every entity).
func selectEntities(s *ir.Schema, names []string) (map[string]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var known []string
	for _, e := range s.Entities {
		if e.CRUD {
			known = append(known, e.Name)
		}
	}
	slices.Sort(known)
	keep := map[string]bool{}
	for _, name := range names {
		e := findEntity(s, name)
		if e != nil && e.CRUD {
			keep[e.Name] = true
			continue
		}
		err := &UnknownEntityError{Name: name, Known: known}
		if e != nil {
			err.Managed = e.ManagedBy
			if err.Managed == "" {
				err.Managed = "its spec (no CRUD)"
			}
		} else {
			err.Suggestion = suggest(s, name)
		}
		return nil, err
	}
	return keep, nil
}

func findEntity(s *ir.Schema, name string) *ir.Entity {
	for _, e := range s.Entities {
		if strings.EqualFold(e.Name, name) || strings.EqualFold(e.Table, name) {
			return e
		}
	}
	return nil
}

// suggest returns the CRUD entity whose Go or table name is closest to name,
// when it is close enough to be a typo.
func suggest(s *ir.Schema, name string) string {
	best, bestDist := "", 0
	for _, e := range s.Entities {
		if !e.CRUD {
			continue
		}
		for _, cand := range []string{e.Name, e.Table} {
			d := naming.Distance(strings.ToLower(name), strings.ToLower(cand))
			if d <= max(2, len(cand)/3) && (best == "" || d < bestDist) {
				best, bestDist = e.Name, d
			}
		}
	}
	return best
}
