// Package outfs is the last stage of crudgen: it compares generated files with
// what is on disk, then writes them safely or prints how they differ.
//
// Plan reads the output folder and decides, per file, whether it is created,
// updated, unchanged, skipped (a write-once file that already exists), stale (a
// generated file that is no longer produced) or refused (a hand-written file in
// the way). Apply carries a plan out, every write atomic; Diff renders it as a
// unified diff for --check. Only files that carry crudgen's header are ever
// overwritten or deleted. This package generates nothing.
package outfs

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crudgen/crudgen/internal/header"
)

// Header is the first line of every generated Go file.
const Header = header.Go

// SQLHeader is the same marker for SQL files.
const SQLHeader = header.SQL

// marker is what both headers share.
const marker = header.Marker

// headerWindow is how far into a file the header is looked for.
const headerWindow = 1024

// File is one generated file.
type File struct {
	Path    string // slash-separated, relative to the output folder
	Content []byte
	Once    bool // written only when missing; the user owns it afterwards
	// KeepHandWritten keeps a file on disk that lacks our header (Skip)
	// instead of refusing the whole plan: for documents a project may
	// already have written by hand, such as specs/api/rest-endpoints.md.
	KeepHandWritten bool
}

// Action says what Apply does with a file.
type Action int

// The actions of a plan.
const (
	Unchanged Action = iota // bytes on disk are already right
	Create                  // missing on disk
	Update                  // on disk with our header, different bytes
	Skip                    // a write-once file that already exists, or a kept hand-written one
	Stale                   // on disk with our header, no longer generated: removed
	Refuse                  // on disk without our header: never overwritten
)

var actionNames = [...]string{"unchanged", "create", "update", "skip", "stale", "refuse"}

func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Change is the plan for one path.
type Change struct {
	Path   string // slash-separated, relative to the output folder
	Action Action
	Old    []byte // current content on disk (nil when missing)
	New    []byte // wanted content (nil for Stale)
	Mode   fs.FileMode
}

// Differs reports whether the change makes the disk differ from the generated
// output, i.e. whether --check counts it as drift.
func (c Change) Differs() bool {
	switch c.Action {
	case Create, Update, Stale, Refuse:
		return true
	}
	return false
}

// Options tune a plan.
type Options struct {
	// Prune looks for stale generated files: files carrying our header in the
	// folders that receive generated files, which are no longer generated.
	// Set it only when every entity was generated.
	Prune bool
}

// Plan is the set of changes for one output folder, sorted by path.
type Plan struct {
	Dir     string
	Changes []Change
}

// IsGenerated reports whether content carries crudgen's header near its top,
// as a Go (//) or SQL (--) comment, or any other line holding the marker.
func IsGenerated(content []byte) bool {
	head := content[:min(len(content), headerWindow)]
	for line := range bytes.Lines(head) {
		if bytes.Contains(line, []byte(marker)) {
			return true
		}
	}
	return false
}

// NewPlan compares files with the content of dir. It reads the disk and
// writes nothing. A missing dir is fine: every file is then created.
func NewPlan(dir string, files []File, opts Options) (*Plan, error) {
	p := &Plan{Dir: dir}
	wanted := map[string]bool{}
	dirs := map[string]bool{}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		if wanted[f.Path] {
			return nil, fmt.Errorf("file %s is generated twice", f.Path)
		}
		wanted[f.Path] = true
		if !f.Once {
			dirs[path.Dir(f.Path)] = true
		}
		c := Change{Path: f.Path, New: f.Content, Mode: 0o644}
		old, mode, err := readFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			c.Action = Create
		case err != nil:
			return nil, err
		case f.Once:
			c.Action, c.Old = Skip, old
		case bytes.Equal(old, f.Content):
			c.Action, c.Old, c.Mode = Unchanged, old, mode
		case f.KeepHandWritten && !IsGenerated(old):
			c.Action, c.Old = Skip, old
		case !IsGenerated(old) && IsGenerated(f.Content):
			c.Action, c.Old, c.Mode = Refuse, old, mode
		case !IsGenerated(old) && !isHeaderless(f.Path):
			c.Action, c.Old, c.Mode = Refuse, old, mode
		default:
			c.Action, c.Old, c.Mode = Update, old, mode
		}
		p.Changes = append(p.Changes, c)
	}
	if opts.Prune {
		for _, d := range slices.Sorted(maps.Keys(dirs)) {
			entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(d)))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				rel := path.Join(d, e.Name())
				if !e.Type().IsRegular() || wanted[rel] {
					continue
				}
				old, mode, err := readFile(filepath.Join(dir, filepath.FromSlash(rel)))
				if err != nil {
					return nil, err
				}
				if hasHeaderLine(old) {
					p.Changes = append(p.Changes, Change{Path: rel, Action: Stale, Old: old, Mode: mode})
				}
			}
		}
	}
	slices.SortFunc(p.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return p, nil
}

// isHeaderless reports whether files of this kind cannot carry a comment, so
// the generated content itself has no header (JSON). Such a file on disk is
// ours to overwrite only if it was generated by crudgen too, which for JSON is
// recognised by the marker anywhere near the top (in openapi.json, its x-generated member).
// Without it we still overwrite a JSON file that we generate, because there is
// no other way to tell; hand-written JSON at a generated path is unlikely.
func isHeaderless(p string) bool {
	return strings.HasSuffix(p, ".json")
}

// hasHeaderLine reports whether content starts with exactly one of our
// headers (after an optional build-constraint block), the strict test used
// before deleting a file.
func hasHeaderLine(content []byte) bool {
	for line := range bytes.Lines(content[:min(len(content), headerWindow)]) {
		l := strings.TrimRight(string(line), "\r\n")
		switch {
		case l == Header || l == SQLHeader:
			return true
		case l == "" || strings.HasPrefix(l, "//go:build") || strings.HasPrefix(l, "// +build"):
			continue
		}
		return false
	}
	return false
}

func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || strings.Contains(p, `\`) || path.Clean(p) != p || p == "." || strings.HasPrefix(p, "../") || p == ".." {
		return fmt.Errorf("generated path %q is not a clean relative path", p)
	}
	return nil
}

func readFile(name string) ([]byte, fs.FileMode, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s exists and is not a regular file", name)
	}
	b, err := os.ReadFile(name)
	return b, fi.Mode().Perm(), err
}

// Refused returns the paths that Apply would have to overwrite although they
// are not generated by crudgen.
func (p *Plan) Refused() []string {
	var out []string
	for _, c := range p.Changes {
		if c.Action == Refuse {
			out = append(out, c.Path)
		}
	}
	return out
}

// Err returns an error naming every hand-written file in the way, or nil.
func (p *Plan) Err() error {
	refused := p.Refused()
	if len(refused) == 0 {
		return nil
	}
	var b strings.Builder
	for _, r := range refused {
		fmt.Fprintf(&b, "\n\t%s", filepath.Join(p.Dir, filepath.FromSlash(r)))
	}
	return fmt.Errorf("refusing to overwrite %d file(s) that crudgen did not generate (no %q header); move them away or delete them:%s", len(refused), Header, b.String())
}

// Differing returns the changes that make the disk differ from the output.
func (p *Plan) Differing() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Differs() {
			out = append(out, c)
		}
	}
	return out
}

// Apply carries out the plan: it writes created and updated files, removes
// stale ones, and leaves every other file untouched (its modification time
// included). It refuses to do anything when the plan refuses a file.
// report, when not nil, is called for every change of the plan that was
// carried out, in path order, after the last one.
//
// Every write is atomic: a reader sees a file whole or not at all, and the
// old content until the new one is in place. An updated file is replaced
// (see [WriteFile]); a created file is linked in under its name only if that
// name is still free, so a file someone created since the plan is kept (and
// Apply fails on it). A folder that does not exist yet, the output folder
// of a fresh backend above all, is written whole under a temporary name
// beside it and renamed into place once complete: one rename instead of
// one per file, the other half of the cost of creating 450 files. The
// changes are carried out by a few goroutines, a folder each at a time, as
// files created in one folder contend for its lock.
func (p *Plan) Apply(report func(Change)) error {
	if err := p.Err(); err != nil {
		return err
	}
	a := applier{plan: p}
	if err := a.prepare(); err != nil {
		a.discard()
		return err
	}
	a.run()
	a.place()
	var first error
	for i, c := range p.Changes {
		if a.errs[i] != nil {
			first = cmp.Or(first, a.errs[i])
			continue
		}
		if report != nil {
			report(c)
		}
	}
	return first
}

// applier carries out one Apply.
type applier struct {
	plan   *Plan
	errs   []error         // by change
	exists map[string]bool // folders (slash paths under plan.Dir) known to exist or not
	// stages are the folders written whole: the topmost missing folder of
	// created files (slash path, "." for the output folder) and where it is
	// being written.
	stages map[string]*stage
	// byDir lists, per folder on disk (an OS path, in a stage or in place),
	// the changes carried out there.
	byDir map[string][]int
	// target is the OS path each change writes or removes; staged is true
	// for the files created in a stage.
	target []string
	staged []bool
}

type stage struct {
	dir     string // the temporary folder beside the final one
	changes []int
}

// prepare decides where each change is carried out and makes the folders.
func (a *applier) prepare() error {
	p := a.plan
	n := len(p.Changes)
	a.errs, a.exists, a.stages, a.byDir = make([]error, n), map[string]bool{}, map[string]*stage{}, map[string][]int{}
	a.target, a.staged = make([]string, n), make([]bool, n)
	var dirs []string // folders to make, in stages or in place
	for i, c := range p.Changes {
		if c.Action != Create && c.Action != Update && c.Action != Stale {
			continue
		}
		name := filepath.Join(p.Dir, filepath.FromSlash(c.Path))
		if c.Action == Create {
			root, err := a.missingRoot(path.Dir(c.Path))
			if err != nil {
				return err
			}
			if root != "" {
				st := a.stages[root]
				if st == nil {
					if st, err = a.newStage(root); err != nil {
						return err
					}
					a.stages[root] = st
				}
				st.changes = append(st.changes, i)
				a.staged[i] = true
				rel := c.Path
				if root != "." {
					rel = strings.TrimPrefix(c.Path, root+"/")
				}
				name = filepath.Join(st.dir, filepath.FromSlash(rel))
				dirs = append(dirs, filepath.Dir(name))
			}
		}
		a.target[i] = name
		a.byDir[filepath.Dir(name)] = append(a.byDir[filepath.Dir(name)], i)
	}
	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// missingRoot returns the topmost folder among dir and its parents (slash
// paths under the output folder) that does not exist, or "" when dir exists.
func (a *applier) missingRoot(dir string) (string, error) {
	root := ""
	for {
		ok, seen := a.exists[dir]
		if !seen {
			fi, err := os.Stat(filepath.Join(a.plan.Dir, filepath.FromSlash(dir)))
			switch {
			case err == nil && !fi.IsDir():
				return "", fmt.Errorf("%s is not a folder", filepath.Join(a.plan.Dir, filepath.FromSlash(dir)))
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return "", err
			}
			ok = err == nil
			a.exists[dir] = ok
		}
		if ok {
			return root, nil
		}
		root = dir
		if dir == "." {
			return root, nil
		}
		dir = path.Dir(dir)
	}
}

// newStage makes the temporary folder in which root is written, beside
// where root goes.
func (a *applier) newStage(root string) (*stage, error) {
	final := filepath.Clean(filepath.Join(a.plan.Dir, filepath.FromSlash(root)))
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(final) + ".crudgen-"
	RemoveOld(parent, prefix, abandonedAfter)
	for n := 0; ; n++ {
		dir := filepath.Join(parent, fmt.Sprintf("%s%d-%d", prefix, os.Getpid(), n))
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return &stage{dir: dir}, nil
		}
		if !errors.Is(err, fs.ErrExist) || n >= 100 {
			return nil, err
		}
	}
}

// abandonedAfter is the age from which a stage folder is taken for one a
// crudgen that was stopped mid-write left behind.
const abandonedAfter = time.Hour

// RemoveOld removes the entries of dir whose names start with prefix and
// that last changed more than age ago, as best it can: leftovers of earlier
// runs, such as the stage a killed crudgen left beside a backend's place.
func RemoveOld(dir, prefix string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// run carries out the changes, a folder per goroutine at a time, the
// largest folders first.
func (a *applier) run() {
	work := slices.SortedFunc(maps.Keys(a.byDir), func(x, y string) int {
		return cmp.Or(len(a.byDir[y])-len(a.byDir[x]), strings.Compare(x, y))
	})
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(len(work), max(runtime.GOMAXPROCS(0), 2), 4) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				for _, i := range a.byDir[d] {
					c := a.plan.Changes[i]
					switch {
					case a.staged[i]:
						a.errs[i] = createFile(a.target[i], c.New)
					case c.Action == Create:
						a.errs[i] = createAtomic(a.target[i], c.New)
					case c.Action == Update: // its folder exists: the file did
						a.errs[i] = replaceFile(a.target[i], c.New, c.Mode)
					case c.Action == Stale:
						a.errs[i] = os.Remove(a.target[i])
					}
				}
			}
		}()
	}
	for _, d := range work {
		next <- d
	}
	close(next)
	wg.Wait()
}

// place renames each complete stage into place; a stage with a failed
// write, or whose folder appeared meanwhile, is removed, its files unwritten.
func (a *applier) place() {
	for _, root := range slices.Sorted(maps.Keys(a.stages)) {
		st := a.stages[root]
		var err error
		for _, i := range st.changes {
			err = cmp.Or(err, a.errs[i])
		}
		if err == nil {
			err = os.Rename(st.dir, filepath.Join(a.plan.Dir, filepath.FromSlash(root)))
		}
		if err != nil {
			os.RemoveAll(st.dir)
			for _, i := range st.changes {
				a.errs[i] = cmp.Or(a.errs[i], err)
			}
		}
	}
}

// discard removes the stages of an Apply that did not start.
func (a *applier) discard() {
	for _, st := range a.stages {
		os.RemoveAll(st.dir)
	}
}

// createFile writes data to name, in a folder of its own that no reader
// sees yet, with the mode 0644 (not less the umask: a file linked into an
// existing folder, by way of writeTemp, gets the same mode).
func createFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err = f.Chmod(0o644); err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// createAtomic writes data to name, which must not exist, atomically: it
// writes a temporary file beside it and links it in under name, which fails
// if name has appeared meanwhile.
func createAtomic(name string, data []byte) error {
	tmp, err := writeTemp(name, data, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	return os.Link(tmp, name)
}

// WriteFile writes data to name atomically: it creates missing parent
// folders, writes a temporary file next to name, sets its mode and renames it
// over name, so readers see either the old or the new content, never a part.
// It does not wait for the data to reach the disk.
func WriteFile(name string, data []byte, mode fs.FileMode) error {
	if mode == 0 {
		mode = 0o644
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return replaceFile(name, data, mode)
}

// replaceFile is WriteFile in a folder that exists.
func replaceFile(name string, data []byte, mode fs.FileMode) error {
	tmp, err := writeTemp(name, data, mode)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data with mode to a new temporary file beside name and
// returns its path.
//
// No fsync: the rename or link is what readers see atomically, and generated
// files can always be written again; a sync per file made a 100-table
// generation wait on the disk about 400 times (gofmt and sqlc do not sync
// either).
func writeTemp(name string, data []byte, mode fs.FileMode) (_ string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".crudgen-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}
