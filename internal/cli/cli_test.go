package cli

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/mod/modfile"

	"github.com/crudgen/crudgen/internal/golden"
)

// oldTime is the modification time the oldtime command gives files, so a
// script can check that crudgen did not rewrite them.
var oldTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// TestScripts runs the CLI stories in testdata/script, each in its own temporary
// folder. Besides the testscript builtins they have:
//
//	crudgen ARGS...     run crudgen in-process in the current folder; fails on a non-zero exit unless negated
//	status N            the exit code of the last crudgen was N
//	oldtime FILE...     set the files' modification time to 2000-01-01
//	checkoldtime FILE...  the files still have that time (were not rewritten); negated: they were
func TestScripts(t *testing.T) {
	t.Setenv("CRUDGEN_CACHE", t.TempDir()) // stamps of the in-process runs
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: golden.Update(),
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"crudgen": func(ts *testscript.TestScript, neg bool, args []string) {
				code := run(ts.MkAbs("."), args, strings.NewReader(""), ts.Stdout(), ts.Stderr())
				ts.Setenv("CRUDGEN_EXIT", strconv.Itoa(code))
				switch {
				case neg && code == 0:
					ts.Fatalf("crudgen succeeded unexpectedly")
				case !neg && code != 0:
					ts.Fatalf("crudgen failed: exit %d", code)
				}
			},
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 || neg {
					ts.Fatalf("usage: status N")
				}
				if got := ts.Getenv("CRUDGEN_EXIT"); got != args[0] {
					ts.Fatalf("crudgen exited with %s, want %s", got, args[0])
				}
			},
			"oldtime": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					ts.Check(os.Chtimes(ts.MkAbs(a), oldTime, oldTime))
				}
			},
			"checkoldtime": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					fi, err := os.Stat(ts.MkAbs(a))
					ts.Check(err)
					if same := fi.ModTime().Equal(oldTime); same == neg {
						if neg {
							ts.Fatalf("%s was not rewritten", a)
						}
						ts.Fatalf("%s was rewritten (mtime %v)", a, fi.ModTime())
					}
				}
			},
		},
	})
}

func TestParseModuleLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"module example.com/m\n\ngo 1.26\n", "example.com/m"},
		{"// comment\nmodule   example.com/m // trailing\n", "example.com/m"},
		{"module \"example.com/quoted\"\n", "example.com/quoted"},
		{"module (\n\texample.com/block\n)\n", "example.com/block"},
		{"go 1.26\nmodule\texample.com/tab\n", "example.com/tab"},
		{"modulex example.com/no\n", ""},
		{"", ""},
	} {
		got, err := parseModuleLine([]byte(tc.in))
		if got != tc.want || (err == nil) != (tc.want != "") {
			t.Errorf("parseModuleLine(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestModulePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/go.mod", []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ out, want string }{
		{dir, "example.com/m"},
		{dir + "/backend", "example.com/m/backend"},
		{dir + "/a/b/c", "example.com/m/a/b/c"},
	} {
		got, err := modulePath(tc.out)
		if err != nil || got != tc.want {
			t.Errorf("modulePath(%s) = %q, %v; want %q", tc.out, got, err, tc.want)
		}
	}
	if _, err := os.Stat(dir + "/backend"); !os.IsNotExist(err) {
		t.Errorf("modulePath created the output folder")
	}
}

func TestHelpAndExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{[]string{"--help"}, 0, "Usage:\n  crudgen [ENTITY...] [flags]", ""},
		{[]string{"--nope"}, 2, "", "unknown flag: --nope"},
		{[]string{"list", "extra"}, 2, "", `crudgen list takes no arguments`},
		{[]string{"version", "--json"}, 2, "", "unknown flag: --json"},
		{[]string{"version"}, 0, "crudgen ", ""},
	} {
		var stdout, stderr bytes.Buffer
		code := run(t.TempDir(), tc.args, strings.NewReader(""), &stdout, &stderr)
		if code != tc.code || !strings.Contains(stdout.String(), tc.out) || !strings.Contains(stderr.String(), tc.err) {
			t.Errorf("crudgen %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tc.args, code, stdout.String(), stderr.String(), tc.code, tc.out, tc.err)
		}
	}
}

// TestRequirementsMatchGoMod checks that the modules crudgen adds to a user's
// go.mod are required by crudgen's own go.mod at the same versions: those are
// the versions the committed examples/todo is built and tested with.
func TestRequirementsMatchGoMod(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, r := range mf.Require {
		want[r.Mod.Path] = r.Mod.Version
	}
	for _, r := range requirements {
		if want[r.path] != r.version {
			t.Errorf("requirements has %s %s; crudgen's go.mod requires %q", r.path, r.version, want[r.path])
		}
	}
}
