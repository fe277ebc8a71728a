package cli

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"golang.org/x/mod/modfile"
)

// starterSpec is the spec `crudgen init` writes when there is none: a small
// owned entity and the users table it references, read without warnings.
//
//go:embed starter/schema.md
var starterSpec []byte

// toolPath is the package a user's go.mod names in its tool directive.
const toolPath = "github.com/crudgen/crudgen/cmd/crudgen"

func newInitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Start a project: crudgen.json, a starter spec and a //go:generate line",
		Long: `init prepares the current folder, the root of a Go module, for crudgen:

  crudgen.json              {"spec": "specs/database/schema.md", "out": "."}
  specs/database/schema.md  a small example spec, when there is none
  generate.go               package main with the //go:generate line

The //go:generate line runs "go tool crudgen" when go.mod has the tool
directive (go get -tool ` + toolPath + `), else "crudgen"
(installed with go install). Existing files are never overwritten. The first
go generate writes main.go, which is yours from then on.`,
		Example: `  go mod init example.com/app
  go get -tool ` + toolPath + `
  go tool crudgen init
  go generate ./...`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error { return runInit(e) },
	}
}

func runInit(e *env) error {
	gomod := filepath.Join(e.dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if errors.Is(err, fs.ErrNotExist) {
		return usageErrorf("no go.mod in %s: run crudgen init at the root of a Go module (\"go mod init example.com/yourapp\" makes one)", e.dir)
	}
	if err != nil {
		return err
	}
	mf, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return usageError(err)
	}
	command := "crudgen"
	for _, t := range mf.Tool {
		if t.Path == toolPath {
			command = "go tool crudgen"
		}
	}
	files := []struct {
		name    string
		content []byte
	}{
		{ConfigFile, []byte("{\n  \"spec\": \"" + defaultSpec + "\",\n  \"out\": \".\"\n}\n")},
		{filepath.FromSlash(defaultSpec), starterSpec},
		{"generate.go", []byte("package main\n\n// Regenerate the backend from " + defaultSpec + " with go generate ./...\n\n//go:generate " + command + "\n")},
	}
	for _, f := range files {
		name := filepath.Join(e.dir, f.name)
		if _, err := os.Stat(name); err == nil {
			fmt.Fprintf(e.stdout, "kept %s\n", filepath.ToSlash(f.name))
			continue
		}
		if f.name == "generate.go" {
			if _, err := os.Stat(filepath.Join(e.dir, "main.go")); err == nil {
				fmt.Fprintf(e.stdout, "kept main.go; add this line to it: //go:generate %s\n", command)
				continue
			}
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, f.content, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(f.name))
	}
	fmt.Fprintln(e.stdout, "crudgen: edit the spec, then run: go generate ./...")
	return nil
}
