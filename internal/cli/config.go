package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ConfigFile is the name of crudgen's configuration file.
const ConfigFile = "crudgen.json"

const defaultSpec = "specs/database/schema.md"

// config is the content of crudgen.json. Paths are relative to the file.
type config struct {
	// Spec is the Markdown schema spec.
	Spec string `json:"spec,omitempty"`
	// Out is the folder of the generated backend.
	Out string `json:"out,omitempty"`
	// Module overrides the import path derived from go.mod for Out.
	Module string `json:"module,omitempty"`
	// GoGenerate is the command of the //go:generate line put in Out's main.go
	// when it is first written (only when generating into Out).
	GoGenerate string `json:"go_generate,omitempty"`
	// API describes the API in its documents (openapi.json).
	API apiConfig `json:"api,omitzero"`

	dir string // folder holding the file
}

// apiConfig is the "api" object of crudgen.json.
type apiConfig struct {
	// Version is the API's version (openapi.json's info.version).
	Version string `json:"version,omitempty"`
	// License names the API's licence (info.license.name), such as MIT.
	License string `json:"license,omitempty"`
}

// findConfig looks for crudgen.json in dir and its parents and loads the first
// one found. It returns nil when there is none.
func findConfig(dir string) (*config, error) {
	for d := dir; ; {
		name := filepath.Join(d, ConfigFile)
		data, err := os.ReadFile(name)
		switch {
		case err == nil:
			return parseConfig(name, data)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, nil
		}
		d = parent
	}
}

func parseConfig(name string, data []byte) (*config, error) {
	var c config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %v (known keys: spec, out, module, go_generate, api)", name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: unexpected data after the JSON object", name)
	}
	c.dir = filepath.Dir(name)
	return &c, nil
}

// generateFlags are the flags of the root command; list and validate use
// --spec and the output flags from it.
type generateFlags struct {
	spec, out, module string
	check             bool
	allowDestructive  bool
	output            outputFlags
}

// settings are flags and configuration resolved against the working directory.
type settings struct {
	specFile  string // to open
	specShown string // in messages: as the user wrote it, or relative to the working directory
	outDir    string // absolute
	outAbs    bool   // --out was given as an absolute path: show output paths absolute too
	module    string // Go import path of outDir; "" until resolved
	goGen     string
	api       apiConfig
}

// resolve merges flags over crudgen.json over defaults.
func resolve(e *env, f *generateFlags) (*settings, error) {
	cfg, err := findConfig(e.dir)
	if err != nil {
		return nil, usageError(err)
	}
	s := &settings{}
	if cfg != nil {
		s.api = cfg.API
	}
	switch {
	case f.spec != "":
		s.specShown = f.spec
		s.specFile = abs(e.dir, f.spec)
	case cfg == nil || cfg.Spec == "":
		s.specShown = defaultSpec
		s.specFile = abs(e.dir, defaultSpec)
	default:
		s.specFile = abs(cfg.dir, cfg.Spec)
		s.specShown = e.show(s.specFile)
	}
	switch {
	case f.out != "":
		s.outDir = abs(e.dir, f.out)
		s.outAbs = filepath.IsAbs(f.out)
	case cfg != nil && cfg.Out != "":
		s.outDir = abs(cfg.dir, cfg.Out)
	default:
		s.outDir = e.dir
	}
	if cfg != nil && cfg.Out != "" && s.outDir == abs(cfg.dir, cfg.Out) {
		// The configuration's module and go:generate line belong to its output folder.
		s.goGen = cfg.GoGenerate
		s.module = cfg.Module
	}
	if f.module != "" {
		s.module = f.module
	}
	return s, nil
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// show returns name relative to the working directory, as a user would type
// it, or name itself when it has no relative form.
func (e *env) show(name string) string {
	rel, err := filepath.Rel(e.dir, name)
	if err != nil {
		return name
	}
	return rel
}

// showOut returns how to name a path under the output folder in messages:
// relative to the working directory, unless --out was absolute.
func (s *settings) showOut(e *env, name string) string {
	if s.outAbs {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(e.show(name))
}

// resolveSpec resolves the settings and reads the spec they name.
func resolveSpec(e *env, f *generateFlags) (*settings, []byte, error) {
	s, err := resolve(e, f)
	if err != nil {
		return nil, nil, err
	}
	src, err := readSpec(s)
	return s, src, err
}

// readSpec reads the spec named by s.
func readSpec(s *settings) ([]byte, error) {
	src, err := os.ReadFile(s.specFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("spec %s not found: pass --spec PATH, or put a %s with {\"spec\": ...} in this folder or a parent", s.specShown, ConfigFile)
		}
		return nil, usageError(err)
	}
	return src, nil
}

// modulePath returns the Go import path of dir: the module path in the nearest
// go.mod at or above dir, joined with dir's path below it. It creates nothing.
func modulePath(dir string) (string, error) {
	for d := dir; ; {
		name := filepath.Join(d, "go.mod")
		data, err := os.ReadFile(name)
		if err == nil {
			mod, err := parseModuleLine(data)
			if err != nil {
				return "", fmt.Errorf("%s: %v", name, err)
			}
			rel, err := filepath.Rel(d, dir)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return mod, nil
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod found in %s or any parent folder: the generated packages import each other, so the output must live in a Go module; run \"go mod init example.com/yourapp\" there first (or pass --module)", dir)
		}
		d = parent
	}
}

// parseModuleLine returns the path of the module directive of a go.mod file:
// `module example.com/m` or `module "example.com/m"`, or the block form.
func parseModuleLine(data []byte) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	inBlock := false
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		var rest string
		switch {
		case inBlock && line == ")":
			inBlock = false
			continue
		case inBlock:
			rest = line
		case line == "module (":
			inBlock = true
			continue
		case strings.HasPrefix(line, "module") && len(line) > len("module") && strings.ContainsAny(line[len("module"):len("module")+1], " \t\""):
			rest = strings.TrimSpace(line[len("module"):])
		default:
			continue
		}
		if rest == "" {
			continue
		}
		if rest[0] == '"' || rest[0] == '`' {
			mod, err := strconv.Unquote(rest)
			if err != nil {
				return "", fmt.Errorf("bad module path %s", rest)
			}
			return mod, nil
		}
		return rest, nil
	}
	return "", errors.New("no module directive")
}
