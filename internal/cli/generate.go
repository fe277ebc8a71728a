package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/outfs"
	"github.com/spf13/cobra"
)

// runGenerate is `crudgen [ENTITY...]`: generate, then write (or, with
// --check, diff) — the same plan either way.
func runGenerate(e *env, cmd *cobra.Command, f *generateFlags, entities []string) error {
	s, src, err := resolveSpec(e, f)
	if err != nil {
		return err
	}
	if s.module == "" {
		if s.module, err = modulePath(s.outDir); err != nil {
			return err
		}
	}
	history, err := readMigrations(s.outDir)
	if err != nil {
		return err
	}
	res, err := generator.Generate(generator.Input{
		SpecPath:         s.specShown,
		Spec:             src,
		ModulePath:       s.module,
		Entities:         entities,
		GoGenerate:       s.goGen,
		OutDir:           s.showOut(e, s.outDir),
		Migrations:       history,
		AllowDestructive: f.allowDestructive,
	})
	printDiagnostics(e, res.Diagnostics)
	if err != nil {
		var unknown *generator.UnknownEntityError
		var list diag.ErrorList
		switch {
		case errors.As(err, &unknown):
			if s := cmd.Root().SuggestionsFor(unknown.Name); len(s) > 0 && unknown.Suggestion == "" && unknown.Managed == "" {
				return usageErrorf("%v; or did you mean the command %q?", err, s[0])
			}
			return usageError(err)
		case errors.As(err, &list):
			return failed(exitFail)
		}
		return err
	}

	files := make([]outfs.File, len(res.Files))
	for i, gf := range res.Files {
		files[i] = outfs.File{Path: gf.Path, Content: gf.Content, Once: gf.Once}
	}
	plan, err := outfs.NewPlan(s.outDir, files, outfs.Options{Prune: res.All})
	if err != nil {
		return err
	}
	show := func(p string) string { return s.showOut(e, filepath.Join(s.outDir, filepath.FromSlash(p))) }
	if f.check {
		return check(e, plan, show)
	}
	if err := refused(plan, show); err != nil {
		return err
	}
	var counts [6]int
	err = plan.Apply(func(c outfs.Change) {
		counts[c.Action]++
		fmt.Fprintf(e.stdout, "%s %s\n", actionWords[c.Action].log, show(c.Path))
	})
	if err != nil {
		return err
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

func outShown(e *env, s *settings) string {
	return s.showOut(e, s.outDir)
}

// check prints the files that differ and their unified diff, and fails when
// there is any.
func check(e *env, plan *outfs.Plan, show func(string) string) error {
	differ := plan.Differing()
	if len(differ) == 0 {
		fmt.Fprintf(e.stdout, "crudgen: %d files up to date\n", len(plan.Changes))
		return nil
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

// printDiagnostics writes every diagnostic to stderr, one per line, as
// path:line:col: severity: message.
func printDiagnostics(e *env, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(e.stderr, d.String())
	}
}
