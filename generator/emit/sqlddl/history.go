package sqlddl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/internal/jsonlayout"
)

// This file keeps the migration history. Migrations are history: each run
// that changes the schema writes a new numbered migration per dialect with
// only the change, and never modifies an earlier one. What the committed
// migrations produce is recorded in migrations/schema.json (the snapshot),
// with a SHA-256 sum of every migration file, so that crudgen needs no
// database to know the previous schema, and can tell when a migration was
// edited by hand after it was generated.

// SnapshotPath is the snapshot's path, relative to the output folder.
const SnapshotPath = "migrations/schema.json"

// snapshotFormat is the version of the snapshot's layout.
const snapshotFormat = 1

// History is the committed migration folder, as read from disk.
type History struct {
	// Dir is the output folder as the user wrote it, for diagnostics.
	Dir string
	// SpecPath names the spec in diagnostics about changes no line of it
	// holds any more (a removed table).
	SpecPath string
	// Files holds the snapshot and every SQL file under migrations/, by
	// slash-separated path relative to the output folder.
	Files map[string][]byte
	// AllowDestructive confirms changes that lose data: dropped tables and
	// columns, narrowed types, new NOT NULL constraints.
	AllowDestructive bool
}

// snapshot is the content of migrations/schema.json.
type snapshot struct {
	Generated  string             `json:"generated"`
	About      string             `json:"about"`
	Format     int                `json:"format"`
	Migrations []*migrationRecord `json:"migrations"`
	State
}

// migrationRecord is one generated migration: its version, the words of
// its file name, and the SHA-256 of its file per dialect folder.
type migrationRecord struct {
	Version int               `json:"version"`
	Name    string            `json:"name"`
	SHA256  map[string]string `json:"sha256"`
}

// file is the path of the record's migration in dialect d.
func (m *migrationRecord) file(d Dialect) string {
	return fmt.Sprintf("migrations/%s/%05d_%s.sql", d.Dir(), m.Version, m.Name)
}

const snapshotAbout = "The schema the migrations next to this file produce, and the SHA-256 of each of them. " +
	"crudgen compares the spec with it to write the next migration; edit neither by hand."

// Migrations returns the migration files for s: the recorded history as it
// is, a new migration per dialect when the spec's schema differs from the
// snapshot, and the snapshot. Problems with the history or with the change
// (a migration edited after it was generated, a destructive change not
// confirmed) are diagnostics; the error is for schemas no valid spec yields.
//
// The diagnostics also hold the warnings of IndexLint and RedundantIndexLint.
func Migrations(s *ir.Schema, h History) ([]File, diag.List, error) {
	files, ds, err := migrations(s, h)
	if err != nil {
		return nil, nil, err
	}
	ds = append(ds, IndexLint(s)...)
	return files, append(ds, RedundantIndexLint(s)...), nil
}

func migrations(s *ir.Schema, h History) ([]File, diag.List, error) {
	plan, err := planTables(s)
	if err != nil {
		return nil, nil, err
	}
	now, err := stateOf(plan)
	if err != nil {
		return nil, nil, err
	}
	raw, ok := h.Files[SnapshotPath]
	if !ok {
		return initialHistory(plan, now, h)
	}
	var snap snapshot
	if err := json.Unmarshal(raw, &snap); err != nil || snap.Format != snapshotFormat {
		msg := "not a crudgen migration snapshot"
		if err != nil {
			msg = err.Error()
		}
		return nil, diag.List{diag.Errorf(h.pos(SnapshotPath), "%s: %s; restore it from version control (git checkout %s)", SnapshotPath, msg, h.rel(SnapshotPath))}, nil
	}
	files, ds := h.recorded(&snap)
	if ds.HasErrors() {
		return nil, ds, nil
	}
	rn := renamesOf(s)
	ds = append(ds, checkChange(&snap.State, now, rn, s, h.SpecPath, h.AllowDestructive)...)
	if ds.HasErrors() {
		return nil, ds, nil
	}
	migs := map[Dialect]migration{}
	changed := false
	for _, d := range Dialects {
		m := diffStates(&snap.State, now, d, rn)
		migs[d] = m
		changed = changed || len(m.steps) > 0
	}
	if changed {
		rec := &migrationRecord{Version: h.nextVersion(&snap), Name: migrationName(migs), SHA256: map[string]string{}}
		rev := rn.reverse()
		for _, d := range Dialects {
			down := diffStates(now, &snap.State, d, rev)
			content := renderChange(rec, migs[d], down, d)
			rec.SHA256[d.Dir()] = sum(content)
			files = append(files, File{Path: rec.file(d), Content: content})
		}
		snap.Migrations = append(snap.Migrations, rec)
	}
	// Without a change of the SQL, what differs (notes, the spec's facts)
	// is recorded without a migration.
	snap.State = *now
	b, err := encodeSnapshot(&snap)
	if err != nil {
		return nil, nil, err
	}
	return append(files, File{Path: SnapshotPath, Content: b}), ds, nil
}

// initialHistory starts the history: 00001_init.sql creates every table.
// A generated 00001_init.sql already on disk without a snapshot was written
// by a crudgen that rewrote it on every run; it is rewritten once more, with
// a warning, and then kept.
func initialHistory(p *tablePlan, now *State, h History) ([]File, diag.List, error) {
	var ds diag.List
	rec := &migrationRecord{Version: 1, Name: "init", SHA256: map[string]string{}}
	var files []File
	for _, d := range Dialects {
		content := renderMigration(p, now, d)
		rec.SHA256[d.Dir()] = sum(content)
		files = append(files, File{Path: rec.file(d), Content: content})
		for name, old := range h.Files {
			if strings.HasPrefix(name, "migrations/"+d.Dir()+"/") && isGenerated(old) {
				if name != rec.file(d) {
					return nil, diag.List{diag.Errorf(h.pos(name), "%s was generated by crudgen but %s is missing, so crudgen cannot tell what the migrations produce; "+
						"restore %s from version control", h.rel(name), SnapshotPath, h.rel(SnapshotPath))}, nil
				}
				if !bytes.Equal(old, content) && d == Postgres {
					ds = append(ds, diag.Warnf(h.pos(SnapshotPath), "%s is missing: %s is rewritten from the spec and the history starts now; "+
						"from here on every spec change becomes a new migration next to it", h.rel(SnapshotPath), h.rel("migrations/*/"+path.Base(name))))
				}
			}
		}
	}
	snap := &snapshot{Migrations: []*migrationRecord{rec}, State: *now}
	b, err := encodeSnapshot(snap)
	if err != nil {
		return nil, nil, err
	}
	return append(files, File{Path: SnapshotPath, Content: b}), ds, nil
}

// recorded checks every migration the snapshot records against the files
// on disk and returns them unchanged. A generated migration the snapshot
// does not know, a recorded one that is missing, and one whose bytes changed
// are errors.
func (h History) recorded(snap *snapshot) ([]File, diag.List) {
	var files []File
	var ds diag.List
	known := map[string]bool{}
	for _, rec := range snap.Migrations {
		for _, d := range Dialects {
			name := rec.file(d)
			known[name] = true
			content, ok := h.Files[name]
			switch {
			case !ok:
				ds = append(ds, diag.Errorf(h.pos(SnapshotPath), "%s records migration %s, which is missing; restore it from version control (git checkout %s)",
					h.rel(SnapshotPath), h.rel(name), h.rel(name)))
			case sum(content) != rec.SHA256[d.Dir()]:
				ds = append(ds, diag.Errorf(h.pos(name), "%s was edited after crudgen generated it (its SHA-256 no longer matches %s): "+
					"databases that already applied it will not see the edit; restore it (git checkout %s) and change the spec instead, "+
					"so that the change becomes a new migration", h.rel(name), h.rel(SnapshotPath), h.rel(name)))
			default:
				files = append(files, File{Path: name, Content: content})
			}
		}
	}
	for _, name := range sortedKeys(h.Files) {
		if name != SnapshotPath && !known[name] && isGenerated(h.Files[name]) {
			ds = append(ds, diag.Errorf(h.pos(name), "%s was generated by crudgen but %s does not record it (two branches that each added a migration?); "+
				"keep one of them: delete the other and its record, merge the specs and run crudgen again", h.rel(name), h.rel(SnapshotPath)))
		}
	}
	return files, ds
}

// nextVersion is one more than the highest version of any migration file,
// hand-written ones included.
func (h History) nextVersion(snap *snapshot) int {
	v := 0
	for _, rec := range snap.Migrations {
		v = max(v, rec.Version)
	}
	for name := range h.Files {
		if n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0]); err == nil && strings.HasSuffix(name, ".sql") {
			v = max(v, n)
		}
	}
	return v + 1
}

// rel is the path of an output file as the user sees it.
func (h History) rel(name string) string {
	if h.Dir == "" || h.Dir == "." {
		return name
	}
	return path.Join(h.Dir, name)
}

// pos is the start of an output file, for diagnostics about it.
func (h History) pos(name string) diag.Pos { return diag.Pos{File: h.rel(name), Line: 1, Col: 1} }

// renamesOf collects the rename hints of the spec.
func renamesOf(s *ir.Schema) renames {
	rn := renames{tables: map[string]string{}, columns: map[string]map[string]string{}}
	for _, e := range s.Entities {
		if e.RenamedFrom != "" && e.RenamedFrom != e.Table {
			rn.tables[e.Table] = e.RenamedFrom
		}
		for _, f := range e.Fields {
			if f.RenamedFrom != "" && f.RenamedFrom != f.Column {
				if rn.columns[e.Table] == nil {
					rn.columns[e.Table] = map[string]string{}
				}
				rn.columns[e.Table][f.Column] = f.RenamedFrom
			}
		}
	}
	return rn
}

// migrationName makes the words of a new migration's file name from what it
// does: "add_tasks_excerpt", "add_notes_and_alter_tasks_priority".
func migrationName(migs map[Dialect]migration) string {
	var words []string
	for _, d := range Dialects {
		for _, st := range migs[d].steps {
			if st.what != "" && !slices.Contains(words, st.what) {
				words = append(words, st.what)
			}
		}
	}
	name := ""
	for i, w := range words {
		next := name
		if i > 0 {
			next += "_and_"
		}
		next += w
		if len(next) > 48 && i > 0 {
			name += "_and_more"
			break
		}
		name = next
	}
	name = strings.Trim(reNameChars.ReplaceAllString(strings.ToLower(name), "_"), "_")
	if name == "" {
		name = "change"
	}
	return name
}

var reNameChars = regexp.MustCompile(`[^a-z0-9_]+`)

// changeHeader is the comment at the top of every migration after the first.
const changeHeader = header.SQL + `
--
-- A change of the spec, generated by crudgen. Like every migration it
-- records, crudgen never rewrites this file: the next change of the spec
-- becomes the next migration. migrations/schema.json holds its SHA-256.
`

// renderChange writes a migration after the first.
func renderChange(rec *migrationRecord, up, down migration, d Dialect) []byte {
	var b strings.Builder
	rebuild := up.rebuild || down.rebuild
	if rebuild {
		b.WriteString("-- +goose NO TRANSACTION\n")
	}
	b.WriteString(changeHeader)
	b.WriteString(dialectNote(d))
	if rebuild {
		b.WriteString(`--
-- It rebuilds a table, which SQLite does with foreign keys off; they cannot
-- be turned off inside a transaction, so the migration opens its own.
`)
	}
	section := func(m migration) {
		if rebuild {
			b.WriteString("PRAGMA foreign_keys = OFF;\nBEGIN;\n")
		}
		for _, st := range m.steps {
			if st.sql != "" {
				writeStatement(&b, st.sql)
			}
		}
		if rebuild {
			b.WriteString("COMMIT;\nPRAGMA foreign_keys = ON;\n")
		}
	}
	b.WriteString("\n-- +goose Up\n")
	section(up)
	b.WriteString("\n-- +goose Down\n")
	section(down)
	return []byte(b.String())
}

// encodeSnapshot renders the snapshot as JSON laid out for reading (a
// column on a line, see package jsonlayout), without HTML escaping, so that
// SQL reads as written.
func encodeSnapshot(snap *snapshot) ([]byte, error) {
	snap.Generated = header.Marker
	snap.About = snapshotAbout
	snap.Format = snapshotFormat
	raw, err := json.Marshal(snap)
	if err == nil {
		raw, err = jsonlayout.Reformat(raw)
	}
	if err != nil {
		return nil, fmt.Errorf("migrations: snapshot: %w", err)
	}
	return raw, nil
}

// sum is the hex SHA-256 of b.
func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// isGenerated reports whether a file starts with crudgen's SQL header, after
// an optional goose annotation line.
func isGenerated(b []byte) bool {
	head := b[:min(len(b), 200)]
	return bytes.HasPrefix(head, []byte(header.SQL)) || bytes.Contains(head, []byte("\n"+header.SQL))
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
