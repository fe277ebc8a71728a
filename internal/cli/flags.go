package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/spf13/pflag"
)

// onceString is a string flag that may be given once: a repeated --spec is a
// usage error rather than the last one silently winning.
type onceString struct {
	p   *string
	set bool
}

func (o *onceString) String() string {
	if o.p == nil {
		return ""
	}
	return *o.p
}

func (o *onceString) Set(v string) error {
	if o.set {
		return fmt.Errorf("given twice (first %q, then %q); give it once", *o.p, v)
	}
	o.set = true
	*o.p = v
	return nil
}

func (o *onceString) Type() string { return "string" }

func onceVar(fs *pflag.FlagSet, p *string, name, usage string) {
	fs.Var(&onceString{p: p}, name, usage)
}

// Diagnostic formats of --format.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github"
)

// outputFlags are --quiet and --format, shared by generate, list and validate.
type outputFlags struct {
	quiet  bool
	format string
}

func (o *outputFlags) add(fs *pflag.FlagSet) {
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print only errors (no per-file lines, summary, diff or warnings)")
	onceVar(fs, &o.format, "format", `how diagnostics are printed: "text" (path:line:col: severity: message, on stderr), "json" (one JSON object per line on stdout) or "github" (GitHub Actions ::error/::warning annotations on stdout)`)
}

func (o *outputFlags) validate() error {
	switch o.format {
	case "", formatText, formatJSON, formatGitHub:
		return nil
	}
	return usageErrorf("--format %q: want text, json or github", o.format)
}

// machine reports whether diagnostics are printed for a program to read, in
// which case the human lines of stdout are left out (json) so stdout stays parseable.
func (o *outputFlags) machine() bool { return o.format == formatJSON }

// jsonDiagnostic is one line of --format json.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// printDiagnostics writes the diagnostics in the chosen format: text to
// stderr, json and github to stdout. With --quiet, warnings are left out.
func printDiagnostics(e *env, o *outputFlags, l diag.List) {
	for _, d := range l {
		if o.quiet && d.Severity != diag.Error {
			continue
		}
		printDiagnostic(e, o, d)
	}
}

func printDiagnostic(e *env, o *outputFlags, d diag.Diagnostic) {
	switch o.format {
	case formatJSON:
		b, _ := json.Marshal(jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Message})
		fmt.Fprintf(e.stdout, "%s\n", b)
	case formatGitHub:
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+ghProperty(d.Pos.File))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		p := ""
		if len(props) > 0 {
			p = " " + strings.Join(props, ",")
		}
		fmt.Fprintf(e.stdout, "::%s%s::%s\n", d.Severity, p, ghData(d.Message))
	default:
		fmt.Fprintln(e.stderr, d.String())
	}
}

// ghData and ghProperty escape an annotation's message and property values
// as the GitHub Actions runner expects.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
