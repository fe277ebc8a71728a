package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/crudgen/crudgen/generator"
	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/spf13/cobra"
)

func newListCmd(e *env) *cobra.Command {
	var asJSON bool
	gf := &generateFlags{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Show what crudgen understood from the spec",
		Long: `list prints every entity of the spec: its table, route, owner, soft delete and
primary key, whether it gets CRUD code, and per field the column, logical type,
nullability, keys, default, reference, validation rules, role and spec line.

--json prints the resolved schema ({"entities":[...]}) that every generator stage reads.
Diagnostics go to stderr (or, with --format json|github, to stdout); the exit
code is 3 when the spec has errors.`,
		Example: `  crudgen list
  crudgen list --json --spec docs/schema.md | jq '.entities[].table'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, schema, diags, err := loadSchema(e, gf)
			if err != nil {
				return err
			}
			if schema == nil {
				schema = &ir.Schema{}
			}
			if schema.Entities == nil {
				schema.Entities = []*ir.Entity{}
			}
			if asJSON {
				b, err := json.MarshalIndent(schema, "", "  ")
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s\n", b)
			} else {
				printSchema(e.stdout, s.specShown, schema)
			}
			if diags.HasErrors() {
				return failed(exitSpec)
			}
			return nil
		},
	}
	addSpecFlag(cmd, gf)
	gf.output.add(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, `print the resolved schema as JSON: {"entities":[...]}`)
	return cmd
}

// printSchema writes the human listing of s.
func printSchema(w io.Writer, specName string, s *ir.Schema) {
	if len(s.Entities) == 0 {
		fmt.Fprintf(w, "%s: no entities found\n", specName)
		return
	}
	crud, managed := 0, 0
	for _, e := range s.Entities {
		if e.CRUD {
			crud++
		}
		if e.Managed {
			managed++
		}
	}
	fmt.Fprintf(w, "%s: %s (%d with CRUD", specName, plural(len(s.Entities), "entity", "entities"), crud)
	if managed > 0 {
		fmt.Fprintf(w, ", %d managed", managed)
	}
	fmt.Fprintln(w, ")")
	for _, e := range s.Entities {
		fmt.Fprintln(w)
		printEntity(w, specName, e)
	}
}

func printEntity(w io.Writer, specName string, e *ir.Entity) {
	line := e.Line
	if line == 0 {
		line = e.Pos.Line
	}
	title := fmt.Sprintf("%s (table %s", e.Name, e.Table)
	switch {
	case e.CRUD:
		title += ", routes /api/" + e.Route
	case e.Managed && e.ManagedBy != "":
		title += ", managed by " + e.ManagedBy + ", no CRUD"
	case e.Managed:
		title += ", managed, no CRUD"
	default:
		title += ", no CRUD"
	}
	title += ")"
	fmt.Fprintf(w, "%s  %s:%d\n", title, specName, line)
	if e.Description != "" {
		fmt.Fprintf(w, "  %s\n", oneLine(e.Description, 100))
	}
	var facts []string
	facts = append(facts, "primary key: "+orNone(strings.Join(e.PrimaryKey, ", ")))
	if e.OwnerField != "" {
		facts = append(facts, "owner: "+e.OwnerField+" (the signed-in user)")
	} else {
		facts = append(facts, "owner: none")
	}
	if e.SoftDelete {
		del := "deleted_at"
		for _, f := range e.Fields {
			if f.Role == ir.RoleDeletedAt {
				del = f.Column
			}
		}
		facts = append(facts, "soft delete: "+del)
	} else {
		facts = append(facts, "soft delete: no")
	}
	if e.Junction {
		facts = append(facts, "junction table")
	}
	if len(e.Sources) > 0 {
		facts = append(facts, "from: "+strings.Join(e.Sources, ", "))
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(facts, "; "))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  COLUMN\tTYPE\tNULL\tKEY\tDEFAULT\tREFERENCES\tRULES\tLINE")
	for _, f := range e.Fields {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			f.Column, fieldType(f), yesNo(f.Nullable), keys(f), orDash(defaultText(f.Default)),
			orDash(reference(f.References)), orDash(rules(f)), posLine(f.Pos))
	}
	tw.Flush()
	for _, ix := range e.Indexes {
		kind := "index"
		if ix.Unique {
			kind = "unique index"
		}
		fmt.Fprintf(w, "  %s %s (%s)", kind, ix.Name, strings.Join(ix.Columns, ", "))
		if ix.Pos.Line > 0 {
			fmt.Fprintf(w, "  line %d", ix.Pos.Line)
		}
		fmt.Fprintln(w)
	}
}

func fieldType(f *ir.Field) string {
	t := string(f.Type)
	if f.Type == ir.String && f.MaxLength > 0 {
		t += "(" + strconv.Itoa(f.MaxLength) + ")"
	}
	if f.AutoIncrement {
		t += ", auto"
	}
	return t
}

func keys(f *ir.Field) string {
	var k []string
	if f.PrimaryKey {
		k = append(k, "PK")
	}
	if f.Unique && !f.PrimaryKey {
		k = append(k, "UNIQUE")
	}
	if f.References != nil {
		k = append(k, "FK")
	}
	return orDash(strings.Join(k, ","))
}

func reference(r *ir.Reference) string {
	if r == nil {
		return ""
	}
	s := r.Table + "." + r.Column
	if r.OnDelete != "" {
		s += " on delete " + strings.ToLower(r.OnDelete)
	}
	return s
}

// flag is a word of the RULES column and whether it applies.
type flag struct {
	on   bool
	word string
}

// words returns the words of the flags that apply, in order.
func words(flags ...flag) []string {
	var ws []string
	for _, fl := range flags {
		if fl.on {
			ws = append(ws, fl.word)
		}
	}
	return ws
}

func rules(f *ir.Field) string {
	var r []string
	if f.Role != ir.RoleNone {
		r = append(r, "server-set "+string(f.Role))
	} else if f.ReadOnly {
		r = append(r, "read-only")
	}
	r = append(r, words(flag{f.WriteOnly, "write-only"}, flag{f.Required, "required"}, flag{f.NotBlank, "not blank"})...)
	if f.MinLength > 0 {
		r = append(r, fmt.Sprintf("min length %d", f.MinLength))
	}
	if f.MaxLength > 0 && f.Type != ir.String {
		r = append(r, fmt.Sprintf("max length %d", f.MaxLength))
	}
	if f.Min != nil {
		r = append(r, "min "+strconv.FormatFloat(*f.Min, 'g', -1, 64))
	}
	if f.Max != nil {
		r = append(r, "max "+strconv.FormatFloat(*f.Max, 'g', -1, 64))
	}
	if len(f.Enum) > 0 {
		r = append(r, "one of "+strings.Join(f.Enum, "|"))
	}
	if f.Format != "" {
		r = append(r, "format "+f.Format)
	}
	q := words(flag{f.Sortable, "sort"}, flag{f.Filterable, "filter"}, flag{f.Searchable, "search"})
	if len(q) > 0 {
		r = append(r, "list: "+strings.Join(q, "/"))
	}
	return strings.Join(r, "; ")
}

func posLine(p diag.Pos) string {
	if p.Line == 0 {
		return "-"
	}
	return strconv.Itoa(p.Line)
}

// defaultText is a default as the spec would write it, "" for none.
func defaultText(d *ir.Default) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		s = s[:max-3] + "..."
	}
	return s
}

func newValidateCmd(e *env) *cobra.Command {
	gf := &generateFlags{}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the spec and print every diagnostic",
		Long: `validate parses and resolves the spec and prints every diagnostic to stderr as
path:line:col: severity: message. It prints "ok: N entities" when there is no
error, and exits 3 when there is one (or when the spec defines no entity).
--format json or github prints the diagnostics for a program or for GitHub
Actions instead; -q leaves out the warnings and the ok line.`,
		Example: `  crudgen validate
  crudgen validate --spec docs/schema.md --format github`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, schema, diags, err := loadSchema(e, gf)
			if err != nil {
				return err
			}
			errs, warns := 0, 0
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs++
				} else {
					warns++
				}
			}
			if errs > 0 {
				if !gf.output.machine() {
					fmt.Fprintf(e.stderr, "crudgen: %s, %s\n", plural(errs, "error", "errors"), plural(warns, "warning", "warnings"))
				}
				return failed(exitSpec)
			}
			if err := generator.CheckEntities(s.specShown, schema); err != nil {
				return &exitError{code: exitSpec, err: err}
			}
			if gf.output.quiet || gf.output.machine() {
				return nil
			}
			n := len(schema.Entities)
			msg := "ok: " + plural(n, "entity", "entities")
			if warns > 0 {
				msg += ", " + plural(warns, "warning", "warnings")
			}
			fmt.Fprintln(e.stdout, msg)
			return nil
		},
	}
	addSpecFlag(cmd, gf)
	gf.output.add(cmd.Flags())
	return cmd
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print crudgen's version and the Go version it was built with",
		Example: "  crudgen version\n  crudgen --version",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(e.stdout, versionString())
			return nil
		},
	}
}

// versionString is "crudgen VERSION GOVERSION OS/ARCH", with the VCS revision
// when the build recorded one. VERSION is the main module's version: a tag
// when installed with go install ...@vX, "(devel)" in a checkout.
func versionString() string {
	version, extra := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			version = v
		}
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
		if rev != "" {
			extra = fmt.Sprintf(" (%s%s)", rev[:min(12, len(rev))], modified)
		}
	}
	return fmt.Sprintf("crudgen %s %s %s/%s%s", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, extra)
}

// loadSchema resolves the settings, reads the spec and resolves it into a
// schema, printing every diagnostic to stderr.
func loadSchema(e *env, f *generateFlags) (*settings, *ir.Schema, diag.List, error) {
	if err := f.output.validate(); err != nil {
		return nil, nil, nil, err
	}
	s, src, err := resolveSpec(e, f)
	if err != nil {
		return nil, nil, nil, err
	}
	schema, diags := generator.Load(s.specShown, src)
	printDiagnostics(e, &f.output, diags)
	return s, schema, diags, nil
}
