package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/outfs"
)

// This file makes the up-to-date case cheap. After a run that generated
// every entity, crudgen records a stamp: a hash of everything the output
// depends on (this crudgen binary, the spec, the settings, the migration
// history) and the SHA-256 of every file it wrote. The next run with the
// same inputs only reads the output files back and compares their sums,
// instead of parsing, resolving, rendering and formatting: a hand edit, a
// deleted file or any change of an input still takes the full path.
//
// The stamp lives in the user's cache folder (os.UserCacheDir()/crudgen, or
// the folder CRUDGEN_CACHE names; CRUDGEN_CACHE=off turns stamps off), not
// in the project: it names a binary of this machine, so committing it would
// make no sense on another. A fresh clone therefore takes the full path
// once. The one thing only the full path finds is a stray file carrying
// crudgen's header that no spec produces (it is removed as stale).

// stampFormat is the version of the stamp's layout.
const stampFormat = 1

// stamp is what a full run records about its output.
type stamp struct {
	Format int    `json:"format"`
	Input  string `json:"input"`
	// Files maps the path of every generated file to the SHA-256 of its
	// content; Once lists the files written once and the user's since.
	Files       map[string]string `json:"files"`
	Once        []string          `json:"once,omitempty"`
	Diagnostics diag.List         `json:"diagnostics,omitempty"`
}

// cacheDir returns crudgen's cache folder, or "" when CRUDGEN_CACHE=off or
// there is no cache folder.
func cacheDir() string {
	dir := os.Getenv("CRUDGEN_CACHE")
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "crudgen")
	}
	return dir
}

// stampFile returns where the stamp of the output folder outDir is kept,
// or "" when there is no cache folder.
func stampFile(outDir string) string {
	dir := cacheDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "stamps", folderKey(outDir)+".json")
}

// folderKey names the cache files of the output folder outDir.
func folderKey(outDir string) string {
	key := sha256.Sum256([]byte(outDir))
	return hex.EncodeToString(key[:12])
}

// inputHash hashes everything a full run's output depends on: the running
// executable (its path, size and modification time: a rebuilt crudgen is
// another generator), the version, the spec, the settings and the
// committed migrations. ok is false when the executable cannot be found.
func inputHash(s *settings, src []byte, history map[string][]byte, shownOut string, allowDestructive bool) (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	field := func(b []byte) {
		h.Write([]byte(strconv.Itoa(len(b)) + ":"))
		h.Write(b)
	}
	for _, v := range []string{exe, strconv.FormatInt(fi.Size(), 10), strconv.FormatInt(fi.ModTime().UnixNano(), 10), versionString(),
		s.specShown, s.module, s.goGen, s.outDir, shownOut, strconv.FormatBool(allowDestructive)} {
		field([]byte(v))
	}
	field(src)
	names := make([]string, 0, len(history))
	for name := range history {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		field([]byte(name))
		field(history[name])
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// upToDate returns the stamp recorded for outDir when input matches it and
// every generated file still has the recorded content; nil otherwise.
func upToDate(outDir, file, input string) *stamp {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var st stamp
	if json.Unmarshal(b, &st) != nil || st.Format != stampFormat || st.Input != input {
		return nil
	}
	for p, sum := range st.Files {
		content, err := os.ReadFile(filepath.Join(outDir, filepath.FromSlash(p)))
		if err != nil {
			return nil
		}
		got := sha256.Sum256(content)
		if hex.EncodeToString(got[:]) != sum {
			return nil
		}
	}
	for _, p := range st.Once {
		if _, err := os.Stat(filepath.Join(outDir, filepath.FromSlash(p))); err != nil {
			return nil
		}
	}
	return &st
}

// writeStamp records the files of a full run whose output is now on disk.
// A stamp that cannot be written only costs the next run its shortcut.
func writeStamp(file, input string, files []outfs.File, ds diag.List) {
	st := stamp{Format: stampFormat, Input: input, Files: map[string]string{}, Diagnostics: ds}
	for _, f := range files {
		if f.Once {
			st.Once = append(st.Once, f.Path)
			continue
		}
		sum := sha256.Sum256(f.Content)
		st.Files[f.Path] = hex.EncodeToString(sum[:])
	}
	b, err := json.Marshal(&st)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	_ = outfs.WriteFile(file, b, 0o644)
}

// reportUpToDate prints what a run that found its stamp up to date prints
// after a full run that changed nothing.
func reportUpToDate(e *env, f *generateFlags, s *settings, st *stamp) {
	printDiagnostics(e, &f.output, st.Diagnostics)
	if f.output.quiet || f.output.machine() {
		return
	}
	n := len(st.Files) + len(st.Once)
	if f.check {
		fmt.Fprintf(e.stdout, "crudgen: %d files up to date\n", n)
		return
	}
	show := func(p string) string { return s.showOut(e, filepath.Join(s.outDir, filepath.FromSlash(p))) }
	paths := make([]string, 0, n)
	for p := range st.Files {
		paths = append(paths, p)
	}
	paths = append(paths, st.Once...)
	slices.Sort(paths)
	for _, p := range paths {
		word := "unchanged"
		if slices.Contains(st.Once, p) {
			word = "kept"
		}
		fmt.Fprintf(e.stdout, "%s %s\n", word, show(p))
	}
	summary := fmt.Sprintf("%d unchanged", len(st.Files))
	if len(st.Once) > 0 {
		summary += fmt.Sprintf(", %d kept (written once)", len(st.Once))
	}
	fmt.Fprintf(e.stdout, "crudgen: %s in %s\n", summary, outShown(e, s))
}
