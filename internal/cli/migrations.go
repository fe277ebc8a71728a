package cli

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// readMigrations reads the committed migration history of the backend in
// outDir: migrations/schema.json and every SQL file under migrations/, by
// slash-separated path relative to outDir. A missing folder is no history.
func readMigrations(outDir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	root := filepath.Join(outDir, "migrations")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(outDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel != "migrations/schema.json" && path.Ext(rel) != ".sql" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}
