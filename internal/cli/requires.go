package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
)

// requirements are the modules the generated code imports, at the versions
// crudgen's own go.mod pins (the committed examples/todo is built and tested
// with them in crudgen's module). TestRequirementsMatchGoMod keeps the two in step.
var requirements = []struct{ path, version string }{
	{"github.com/golang-jwt/jwt/v5", "v5.3.1"},
	{"github.com/jackc/pgx/v5", "v5.12.0"},
	{"github.com/pressly/goose/v3", "v3.30.0"},
	{"modernc.org/sqlite", "v1.62.0"},
}

// findGoMod returns the nearest go.mod at or above dir, or "" when there is none.
func findGoMod(dir string) (string, error) {
	for d := dir; ; {
		name := filepath.Join(d, "go.mod")
		_, err := os.Stat(name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// addRequirements adds to the go.mod above outDir a require line for every
// module the generated code imports that it lacks or requires at a lower
// version, and rewrites the file when that changed something. It returns the
// go.mod's name ("" when there is none) and the modules whose go.sum entry
// is missing, so the caller can say what to run.
func addRequirements(outDir string) (gomod string, added, unsummed []string, err error) {
	gomod, err = findGoMod(outDir)
	if gomod == "" || err != nil {
		return "", nil, nil, err
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", nil, nil, err
	}
	mf, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return "", nil, nil, err
	}
	have := map[string]string{}
	for _, r := range mf.Require {
		have[r.Mod.Path] = r.Mod.Version
	}
	sum, _ := os.ReadFile(filepath.Join(filepath.Dir(gomod), "go.sum"))
	for _, r := range requirements {
		if mf.Module != nil && mf.Module.Mod.Path == r.path {
			continue
		}
		v, ok := have[r.path]
		if !ok || semver.Compare(v, r.version) < 0 {
			if err := mf.AddRequire(r.path, r.version); err != nil {
				return "", nil, nil, err
			}
			added = append(added, r.path+" "+r.version)
			v = r.version
		}
		if !bytes.Contains(sum, []byte("\n"+r.path+" "+v+" h1:")) && !bytes.HasPrefix(sum, []byte(r.path+" "+v+" h1:")) {
			unsummed = append(unsummed, r.path)
		}
	}
	if len(added) == 0 {
		return gomod, nil, unsummed, nil
	}
	mf.Cleanup()
	out, err := mf.Format()
	if err != nil {
		return "", nil, nil, err
	}
	if err := writeFileAtomic(gomod, out); err != nil {
		return "", nil, nil, fmt.Errorf("updating %s: %w", gomod, err)
	}
	return gomod, added, unsummed, nil
}

// writeFileAtomic replaces name with data through a temporary file and a rename.
func writeFileAtomic(name string, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".crudgen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
