package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/emit"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/outfs"
	"github.com/spf13/cobra"
)

// runGenerate is `crudgen [ENTITY...]`: generate, then write (or, with
// --check, diff) — the same plan either way.
func runGenerate(e *env, cmd *cobra.Command, f *generateFlags, entities []string) error {
	if err := f.output.validate(); err != nil {
		return err
	}
	s, src, err := resolveSpec(e, f)
	if err != nil {
		return err
	}
	if s.module == "" {
		if s.module, err = modulePath(s.outDir); err != nil {
			return usageError(err)
		}
	}
	history, err := readMigrations(s.outDir)
	if err != nil {
		return err
	}
	quiet := f.output.quiet || f.output.machine()
	stampAt, input := "", ""
	if len(entities) == 0 {
		if h, ok := inputHash(s, src, history, s.showOut(e, s.outDir), f.allowDestructive); ok {
			stampAt, input = stampFile(s.outDir), h
		}
	}
	if stampAt != "" {
		if st := upToDate(s.outDir, stampAt, input); st != nil {
			reportUpToDate(e, f, s, st)
			if f.check {
				return nil
			}
			return requireModules(e, s, quiet)
		}
	}
	cache := newFormatCache(s.outDir)
	res, err := generator.Generate(generator.Input{
		SpecPath:         s.specShown,
		Spec:             src,
		ModulePath:       s.module,
		Entities:         entities,
		GoGenerate:       s.goGen,
		OutDir:           s.showOut(e, s.outDir),
		Migrations:       history,
		AllowDestructive: f.allowDestructive,
		APIVersion:       s.api.Version,
		APILicense:       s.api.License,
		FormatCache:      formatCacheOrNil(cache),
	})
	if err == nil && cache != nil {
		cache.save(!res.All)
	}
	printDiagnostics(e, &f.output, res.Diagnostics)
	if err != nil {
		var unknown *generator.UnknownEntityError
		var list diag.ErrorList
		var migration *generator.MigrationError
		switch {
		case errors.As(err, &migration):
			return failed(exitFail)
		case errors.As(err, &unknown):
			if s := cmd.Root().SuggestionsFor(unknown.Name); len(s) > 0 && unknown.Suggestion == "" && unknown.Managed == "" {
				return usageErrorf("%v; or did you mean the command %q?", err, s[0])
			}
			return usageError(err)
		case errors.As(err, &list):
			return failed(exitSpec)
		case errors.Is(err, generator.ErrNoEntities):
			return &exitError{code: exitSpec, err: err}
		}
		return err
	}

	root, files := planFiles(s, res.Files)
	plan, err := outfs.NewPlan(root, files, outfs.Options{Prune: res.All})
	if err != nil {
		return err
	}
	show := func(p string) string { return s.showOut(e, filepath.Join(root, filepath.FromSlash(p))) }
	if f.check {
		err := check(e, &f.output, plan, show)
		if err == nil && res.All && stampAt != "" {
			writeStamp(stampAt, input, files, res.Diagnostics)
		}
		return err
	}
	if err := refused(plan, show); err != nil {
		return err
	}
	var counts [6]int
	err = plan.Apply(func(c outfs.Change) {
		counts[c.Action]++
		if !quiet {
			fmt.Fprintf(e.stdout, "%s %s\n", actionWords[c.Action].log, show(c.Path))
		}
	})
	if err != nil {
		return err
	}
	if res.All && stampAt != "" {
		// The run may have written a migration: the next run's input holds it.
		if now, err := readMigrations(s.outDir); err == nil {
			if input, ok := inputHash(s, src, now, s.showOut(e, s.outDir), f.allowDestructive); ok {
				writeStamp(stampAt, input, files, res.Diagnostics)
			}
		}
	}
	if err := requireModules(e, s, quiet); err != nil {
		return err
	}
	if quiet {
		return nil
	}
	var parts []string
	for _, a := range []outfs.Action{outfs.Create, outfs.Update, outfs.Unchanged, outfs.Stale, outfs.Skip} {
		if n := counts[a]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, actionWords[a].summary))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no files")
	}
	fmt.Fprintf(e.stdout, "crudgen: %s in %s\n", strings.Join(parts, ", "), outShown(e, s))
	return nil
}

// formatCacheOrNil returns c, or a nil interface (not a nil *formatCache)
// when there is none.
func formatCacheOrNil(c *formatCache) generator.FormatCache {
	if c != nil {
		return c
	}
	return nil
}

func outShown(e *env, s *settings) string {
	return s.showOut(e, s.outDir)
}

// check prints the files that differ and their unified diff, and fails when
// there is any.
// With --format json or github each differing file is also a diagnostic
// (an annotation in GitHub Actions); --quiet and json leave out the diff.
func check(e *env, o *outputFlags, plan *outfs.Plan, show func(string) string) error {
	differ := plan.Differing()
	quiet := o.quiet || o.machine()
	if len(differ) == 0 {
		if !quiet {
			fmt.Fprintf(e.stdout, "crudgen: %d files up to date\n", len(plan.Changes))
		}
		return nil
	}
	if o.format == formatJSON || o.format == formatGitHub {
		for _, c := range differ {
			printDiagnostic(e, o, diag.Diagnostic{Pos: diag.Pos{File: show(c.Path)}, Severity: diag.Error,
				Message: fmt.Sprintf("out of date (%s); run crudgen to update it", actionWords[c.Action].check)})
		}
	}
	if quiet {
		if err := refused(plan, show); err != nil {
			return err
		}
		return &exitError{code: exitFail, err: errors.New("generated files are out of date; run crudgen without --check to update them")}
	}
	noun := "files differ"
	if len(differ) == 1 {
		noun = "file differs"
	}
	fmt.Fprintf(e.stdout, "crudgen: %d %s:\n", len(differ), noun)
	for _, c := range differ {
		fmt.Fprintf(e.stdout, "  %-12s %s\n", actionWords[c.Action].check, show(c.Path))
	}
	fmt.Fprint(e.stdout, plan.Diff(show))
	if err := refused(plan, show); err != nil {
		return err
	}
	return &exitError{code: exitFail, err: errors.New("generated files are out of date; run crudgen without --check to update them")}
}

// refused returns an error naming, as shown to the user, every hand-written
// file the plan would have to overwrite.
func refused(plan *outfs.Plan, show func(string) string) error {
	paths := plan.Refused()
	if len(paths) == 0 {
		return nil
	}
	var b strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&b, "\n\t%s", show(p))
	}
	return fmt.Errorf("refusing to overwrite %s that crudgen did not generate (no %q line); move or delete them, then run crudgen again:%s",
		plural(len(paths), "file", "files"), outfs.Header, b.String())
}

// actionWords name each action of a plan in the per-file log, in the
// summary line and in the --check listing.
var actionWords = map[outfs.Action]struct{ log, summary, check string }{
	outfs.Unchanged: {"unchanged", "unchanged", "unchanged"},
	outfs.Create:    {"wrote", "created", "missing"},
	outfs.Update:    {"wrote", "updated", "modified"},
	outfs.Skip:      {"kept", "kept (written once)", "skip"},
	outfs.Stale:     {"removed", "removed", "stale"},
	outfs.Refuse:    {"unchanged", "unchanged", "hand-written"},
}

// requireModules adds the modules the generated code imports to the go.mod of
// the output, and says what to run when go.sum lacks their checksums.
func requireModules(e *env, s *settings, quiet bool) error {
	gomod, added, unsummed, err := addRequirements(s.outDir)
	if err != nil {
		return err
	}
	if !quiet {
		for _, a := range added {
			fmt.Fprintf(e.stdout, "require %s in %s\n", a, filepath.ToSlash(e.show(gomod)))
		}
	}
	if len(unsummed) > 0 {
		fmt.Fprintf(e.stderr, "crudgen: go.sum lacks checksums of the modules the generated code imports (%s); run: go mod tidy\n", strings.Join(unsummed, ", "))
	}
	return nil
}

// planFiles places the generated files on disk: the backend's under the
// output folder, the documents for people (emit.File.Docs) in the folder
// above the spec's when the spec is DIR/database/NAME.md inside the output's
// module (so specs/database/schema.md gets specs/api/rest-endpoints.md and
// specs/database/er.md); with any other layout they are not written. The
// paths are made relative to a folder holding both, which it returns, so
// that one plan writes and checks them all.
func planFiles(s *settings, generated []emit.File) (string, []outfs.File) {
	docsDir := ""
	specDir := filepath.Dir(s.specFile)
	if filepath.Base(specDir) == "database" {
		if mod, ok := moduleRoot(s.outDir); ok && within(mod, specDir) {
			docsDir = filepath.Dir(specDir)
		}
	}
	root := s.outDir
	if docsDir != "" {
		for !within(root, docsDir) {
			root = filepath.Dir(root)
		}
	}
	prefix := func(dir string) string {
		rel, _ := filepath.Rel(root, dir) // both are absolute, root above dir
		if rel == "." {
			return ""
		}
		return filepath.ToSlash(rel) + "/"
	}
	var files []outfs.File
	for _, gf := range generated {
		dir := s.outDir
		if gf.Docs {
			if docsDir == "" {
				continue
			}
			dir = docsDir
		}
		files = append(files, outfs.File{Path: prefix(dir) + gf.Path, Content: gf.Content, Once: gf.Once, KeepHandWritten: gf.Docs})
	}
	return root, files
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// moduleRoot returns the folder of the go.mod nearest above dir.
func moduleRoot(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
