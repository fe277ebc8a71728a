package ir

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/naming"
)

// Resolve turns a parsed spec into a Schema. It works in passes, each over
// the whole document, so later passes can rely on what earlier ones decided:
//
//  1. read: every table description's columns are interpreted (types mapped,
//     constraint phrases and descriptions read by one interpreter);
//  2. declare and merge: descriptions of the same entity (same singular
//     snake_case name: "tasks", "Task", "### Tasks Table", "class Task") are
//     merged in the order met; on a conflict the first definition wins and a
//     warning names both lines;
//  3. resolve: names, primary keys, indexes, relationship bullets and
//     references to other entities;
//  4. infer: managed tables, owner, timestamps, soft delete, required fields,
//     list capabilities, formats; then the `crudgen:` options line overrides;
//  5. validate: defaults against types, enum values, name collisions.
//
// Diagnostics are sorted; warnings do not stop generation, errors do. When the
// document defines no entity at all, Resolve reports one error at the top of
// the file showing the smallest spec crudgen accepts.
func Resolve(doc *spec.Document) (*Schema, diag.List) {
	r := &resolver{doc: doc, byKey: map[string]*draft{}, enums: map[string][]string{}}
	for _, e := range doc.Enums {
		r.enums[enumKey(e.Name)] = e.Values
	}
	r.applySections()
	r.read()
	r.dropContextTables()
	r.declare()
	// Untyped columns: infer from well-known names, or warn.
	for _, d := range r.drafts {
		for _, dc := range d.cols {
			if !dc.typSet {
				r.untyped(d, dc)
			}
		}
	}
	if len(r.drafts) == 0 {
		r.errorf(Pos{File: doc.Path, Line: 1, Col: 1}, "%s", noEntities)
		return &Schema{Entities: []*Entity{}}, r.diags.Sort()
	}
	r.resolveNames()
	r.eachDraft(r.applyNameOptions)
	r.eachDraft(r.ensurePrimaryKey)
	r.eachDraft(r.keyEnums)
	r.resolveIndexes()
	r.resolveRelations()
	r.resolveReferences()
	r.eachDraft(r.infer)
	r.eachDraft(r.applyOptions)
	r.betterAuthUserIDs()
	r.eachDraft(r.checkEvents)
	r.checkOutboxName()
	r.eachDraft(r.applyPolicy)
	r.eachDraft(r.finish)
	r.warnUnowned()
	r.validate()
	s := &Schema{Title: appTitle(doc.Title), Description: doc.Overview}
	for _, d := range r.drafts {
		s.Entities = append(s.Entities, d.e)
	}
	s.index()
	r.warnJunctions(s)
	for i := range r.diags {
		r.diags[i].Pos = r.clamp(r.diags[i].Pos)
	}
	return s, r.diags.Sort()
}

// noEntities is the message for a spec without entities; it shows the
// smallest spec crudgen accepts.
const noEntities = "no entities found; describe each table under its own heading, for example:\n\n" +
	"    ## tasks\n\n" +
	"    | Column | Type | Constraints |\n" +
	"    |---|---|---|\n" +
	"    | id | integer | primary key |\n" +
	"    | title | varchar(200) | not null |\n\n" +
	"  (bullets such as `- title: string, required`, ```sql CREATE TABLE blocks, SQLModel classes,\n" +
	"  Mermaid erDiagram and Prisma models work too; see specs/README.md)"

type resolver struct {
	doc    *spec.Document
	diags  diag.List
	tables []*readTable
	drafts []*draft
	byKey  map[string]*draft
	enums  map[string][]string
}

func (r *resolver) errorf(pos Pos, format string, args ...any) {
	r.diags = append(r.diags, diag.Errorf(pos, format, args...))
}

func (r *resolver) warnf(pos Pos, format string, args ...any) {
	r.diags = append(r.diags, diag.Warnf(pos, format, args...))
}

// clamp keeps a position inside the file, for diagnostics computed from
// offsets into text that the parser normalised.
func (r *resolver) clamp(p Pos) Pos {
	if p.Line < 0 {
		p.Line = 0
	}
	return r.doc.Clamp(p)
}

// readTable is one spec.Table with its columns interpreted.
type readTable struct {
	t    *spec.Table
	key  string
	cols []*draftCol
	// dups are the columns named twice in this description: the first
	// definition and the repeat, which is not in cols.
	dups [][2]*draftCol
}

// draftCol is one column as the descriptions read so far say it is.
type draftCol struct {
	name    string
	pos     Pos
	typ     Type
	typSet  bool
	typText string
	typPos  Pos
	maxLen  int
	f       facts
	desc    string
	descPos Pos
	source  string
	// phrases is the constraint text as written, for enum values an enum
	// type leaves to a parenthesised list.
	phrases string
	// unmarkedNullable is what an unmarked column means in its source:
	// nullable in SQL, NOT NULL in SQLModel, and for Markdown whatever the
	// other columns of the table imply.
	unmarkedNullable bool
	field            *Field
	// opt holds the list capabilities an options line set: 1 on, -1 off.
	opt struct{ sortable, filterable, searchable, writeOnly int }
	// authUser is set when the column references the auth provider's users
	// table, which the spec does not describe (the reference is dropped).
	authUser bool
}

// draft is an entity being built.
type draft struct {
	key        string
	name       string // first name as written
	table      string // first explicit SQL table name, or ""
	pos        Pos
	sources    []string
	cols       []*draftCol
	colByKey   map[string]*draftCol
	pk         []string
	pkPos      Pos
	uniques    [][]string
	fks        []*spec.ForeignKey
	managed    string
	managedPos Pos
	options    []spec.Option
	eventsPos  Pos // where events=… was written
	desc       string
	indexes    []*Index
	e          *Entity
	// ownerNone is set by `crudgen: owner=none`.
	ownerNone bool
	// writeOnlyNone is set by `crudgen: writeonly=none`: no column is
	// write-only unless the option names it.
	writeOnlyNone bool
}

func colKey(name string) string { return naming.Snake(name) }

func tableKey(name string) string { return naming.TableKey(name) }

func enumKey(name string) string { return strings.ReplaceAll(naming.Snake(name), "_", "") }

// read interprets every column of every table description.
func (r *resolver) read() {
	for _, t := range r.doc.Tables {
		key := tableKey(t.Name)
		if key == "" {
			continue
		}
		rt := &readTable{t: t, key: key}
		seen := map[string]*draftCol{}
		for _, c := range t.Columns {
			dc := r.readColumn(t, c)
			if dc == nil {
				continue
			}
			if prev := seen[colKey(dc.name)]; prev != nil {
				rt.dups = append(rt.dups, [2]*draftCol{prev, dc})
				continue
			}
			seen[colKey(dc.name)] = dc
			rt.cols = append(rt.cols, dc)
		}
		// Decide what an unmarked column means in this description.
		marked, markedNull, markedNotNull := 0, 0, 0
		for _, dc := range rt.cols {
			switch dc.f.nullable {
			case nullYes:
				markedNull++
			case nullNo:
				markedNotNull++
			}
		}
		marked = markedNull + markedNotNull
		unmarked := false
		switch t.Source {
		case spec.SourceSQL, spec.SourceMermaid:
			unmarked = true
		case spec.SourceSQLModel, spec.SourcePrisma:
			unmarked = false
		default:
			unmarked = marked > 0 && markedNull == 0
		}
		for _, dc := range rt.cols {
			dc.unmarkedNullable = unmarked
		}
		// Bullet lists are often prose; keep them only when most items have a type.
		if t.Source == spec.SourceBullets {
			typed := 0
			for _, dc := range rt.cols {
				if _, wk := wellKnownType(dc.name); dc.typSet || dc.f.pk || wk {
					typed++
				}
			}
			if typed*2 < len(rt.cols) || typed == 0 {
				continue
			}
		}
		if len(rt.cols) == 0 && !t.Alter && len(t.PrimaryKey) == 0 {
			continue
		}
		r.tables = append(r.tables, rt)
	}
}

// wellKnownTypes gives a type to columns people often list without one.
func wellKnownType(name string) (Type, bool) {
	n := colKey(name)
	switch {
	case n == "id":
		return Int, true
	case strings.HasSuffix(n, "_at") || n == "created" || n == "updated" || strings.HasSuffix(n, "_on"):
		return Timestamp, true
	case strings.HasPrefix(n, "is_") || strings.HasPrefix(n, "has_") || n == "completed" || n == "done" || n == "active":
		return Bool, true
	case n == "email" || n == "name" || n == "title" || strings.HasSuffix(n, "_url"):
		return String, true
	case n == "description" || n == "content" || n == "body" || n == "notes":
		return Text, true
	}
	return "", false
}

func (r *resolver) untyped(d *draft, dc *draftCol) {
	if len(dc.f.enum) > 0 {
		dc.typ, dc.typSet = Enum, true
		return
	}
	if t, ok := wellKnownType(dc.name); ok {
		r.warnf(dc.pos, "column `%s` of `%s` has no type; assuming %s from its name (write it as `%s: %s`)", dc.name, d.name, t, dc.name, t)
		dc.typ, dc.typSet = t, true
		return
	}
	if dc.f.ref != nil || dc.f.fk {
		// The referenced key's type is filled in when references are resolved.
		return
	}
	r.warnf(dc.pos, "column `%s` of `%s` has no type; assuming text (write it as `%s: string`)", dc.name, d.name, dc.name)
	dc.typ, dc.typSet = Text, true
}

// readColumn interprets one column description.
func (r *resolver) readColumn(t *spec.Table, c *spec.Column) *draftCol {
	name := strings.Trim(c.Name, "\"'` ")
	if name == "" {
		return nil
	}
	dc := &draftCol{name: name, pos: c.Pos, source: t.Source, desc: c.Description, descPos: c.DescPos}
	phrases := c.Constraints
	if c.Type != "" {
		r.readType(dc, c.Type, c.TypePos, true)
	} else {
		// Bullets: the type is the first phrase segment that reads as one.
		for pi, ph := range phrases {
			segs := splitTopLevel(ph.Text)
			for _, sg := range segs {
				pt := parseType(ph.Text[sg[0]:sg[1]])
				if _, isEnum := r.enums[enumKey(strings.TrimSpace(pt.unknown))]; !pt.ok && !(isEnum && pt.unknown != "") {
					continue
				}
				r.readType(dc, ph.Text[sg[0]:sg[1]], offsetPos(ph.Pos, sg[0]), false)
				rest := ph.Text[:sg[0]] + strings.Repeat(" ", sg[1]-sg[0]) + ph.Text[sg[1]:]
				phrases = append(slices.Clone(phrases[:pi]), append([]spec.Phrase{{Text: rest, Pos: ph.Pos}}, phrases[pi+1:]...)...)
				break
			}
			if dc.typSet {
				break
			}
		}
		if !dc.typSet && len(phrases) > 0 {
			r.misspeltBulletType(dc, phrases[0])
		}
	}
	for _, ph := range phrases {
		dc.phrases += " " + ph.Text
		unknown := interpret(ph.Text, ph.Pos, &dc.f, modeConstraints)
		if t.Source == spec.SourceTable {
			for _, w := range unknown {
				lw := strings.ToLower(w.word)
				if s := suggest(lw, vocabulary, 2); s != "" && len(w.word) >= 5 && !strings.HasPrefix(lw, s) && !strings.HasPrefix(s, lw) {
					r.warnf(w.pos, "unknown constraint `%s`; did you mean `%s`?", w.word, s)
				}
			}
		}
	}
	if c.Description != "" {
		var df facts
		interpret(c.Description, c.DescPos, &df, modeDescription)
		mergeDescription(&dc.f, &df)
		if reDescPK.MatchString(c.Description) {
			dc.f.pk = true
		}
	}
	return dc
}

// reOneWord is a bullet's first phrase when it is a single word.
var reOneWord = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9]*)\s*$`)

// misspeltBulletType reports a bullet whose first phrase is one word a
// letter away from a type (`- name: strin`), the same error a type cell
// gets: guessing would choose the column's storage for good.
func (r *resolver) misspeltBulletType(dc *draftCol, ph spec.Phrase) {
	seg := splitTopLevel(ph.Text)[0]
	m := reOneWord.FindStringSubmatch(ph.Text[seg[0]:seg[1]])
	if m == nil || len(m[1]) < 4 || strings.EqualFold(m[1], dc.name) {
		return
	}
	s := suggest(strings.ToLower(m[1]), typeVocabulary, 1)
	if s == "" {
		return
	}
	r.errorf(offsetPos(ph.Pos, seg[0]), "unknown type `%s`; did you mean `%s`?", m[1], s)
	dc.typ, dc.typSet, dc.typText, dc.typPos = Text, true, m[1], offsetPos(ph.Pos, seg[0])
}

// reDescPK matches a description that starts by calling the column the
// primary key ("Primary key", "UUID primary key").
var reDescPK = regexp.MustCompile(`(?i)^\s*(the\s+)?((uuid|serial|integer|auto-?increment(ing|ed)?|unique|surrogate)\s+)?(primary\s+key|pk)\b`)

// readType maps a written type onto a logical type. strict reports unknown
// types (a type cell); bullets only try.
func (r *resolver) readType(dc *draftCol, text string, pos Pos, strict bool) {
	pt := parseType(text)
	if !pt.ok {
		word := strings.TrimSpace(pt.unknown)
		if vals, ok := r.enums[enumKey(word)]; ok && word != "" {
			dc.typ, dc.typSet, dc.typText, dc.typPos = Enum, true, word, pos
			dc.f.enum = slices.Clone(vals)
			return
		}
		if !strict {
			return
		}
		wpos := offsetPos(pos, pt.unknownAt)
		if word == "" {
			r.warnf(wpos, "cannot read the type of column `%s`; assuming text", dc.name)
		} else if s := suggest(strings.ToLower(word), typeVocabulary, 2); s != "" {
			r.errorf(wpos, "unknown type `%s`; did you mean `%s`?", word, s)
		} else {
			r.warnf(wpos, "unknown type `%s` for column `%s`; treating it as text (use one of: %s)", word, dc.name, strings.Join(typeOrder, ", "))
		}
		dc.typ, dc.typSet, dc.typText, dc.typPos = Text, true, word, pos
		return
	}
	dc.typ, dc.typSet, dc.typText, dc.typPos = pt.typ, true, strings.TrimSpace(text[:pt.restOff]), pos
	dc.maxLen = pt.maxLen
	if len(pt.enum) > 0 {
		dc.f.enum, dc.f.enumPos = pt.enum, pos
	}
	if pt.nullable && dc.f.nullable == 0 {
		dc.f.nullable, dc.f.nullPos = nullYes, pos
	}
	if pt.autoInc {
		dc.f.autoInc = true
	}
	if pt.format != "" {
		dc.f.format = pt.format
	}
	if strings.TrimSpace(pt.rest) != "" {
		interpret(pt.rest, offsetPos(pos, pt.restOff), &dc.f, modeConstraints)
	}
}

// mergeDescription keeps from a description only what prose states clearly.
func mergeDescription(f, d *facts) {
	if len(f.enum) == 0 && len(d.enum) > 0 {
		f.enum, f.enumPos = d.enum, d.enumPos
	}
	if f.lenMax == 0 {
		f.lenMax = d.lenMax
	}
	if f.lenMin == 0 {
		f.lenMin = d.lenMin
	}
	if f.ref == nil && d.ref != nil {
		f.ref = d.ref
		f.fk = true
	}
	if f.onDelete == "" {
		f.onDelete = d.onDelete
	}
	f.notBlank = f.notBlank || d.notBlank
	f.serverManaged = f.serverManaged || d.serverManaged
	if f.format == "" {
		f.format = d.format
	}
}

// splitTopLevel returns the [start,end) spans of s between top-level commas.
func splitTopLevel(s string) [][2]int {
	var out [][2]int
	depth, start := 0, 0
	unquoted(s, 0, func(i int) bool {
		switch c := s[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			out = append(out, trimSpan(s, start, i))
			start = i + 1
		}
		return true
	})
	out = append(out, trimSpan(s, start, len(s)))
	return out
}

// unquoted calls visit with the offset of every byte of s from from on that
// is outside '...' and "..." (the quotes themselves included), until visit
// returns false.
func unquoted(s string, from int, visit func(i int) bool) {
	var quote byte
	for i := from; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		default:
			if !visit(i) {
				return
			}
		}
	}
}

func trimSpan(s string, a, b int) [2]int {
	for a < b && (s[a] == ' ' || s[a] == '\t') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\t') {
		b--
	}
	return [2]int{a, b}
}

func offsetPos(p Pos, off int) Pos {
	if p.Line > 0 && p.Col > 0 {
		p.Col += off
	}
	return p
}

func posString(p Pos) string { return p.String() }

// declare merges the read tables into drafts, one per entity key.
func (r *resolver) declare() {
	type pendingCheck struct {
		d   *draft
		cf  checkFact
		pos Pos
	}
	var pending []pendingCheck
	defer func() {
		for _, p := range pending {
			if dc := p.d.colByKey[colKey(p.cf.column)]; dc != nil {
				mergeFacts(&dc.f, p.cf.f)
			} else {
				r.warnf(p.pos, "CHECK names column `%s`, which `%s` does not have", p.cf.column, p.d.name)
			}
		}
	}()
	// Partial tables (ALTER TABLE, constraint tables) add to entities that
	// may be described further down: merge them after every definition.
	ordered := make([]*readTable, 0, len(r.tables))
	for _, alter := range []bool{false, true} {
		for _, rt := range r.tables {
			if rt.t.Alter == alter {
				ordered = append(ordered, rt)
			}
		}
	}
	for _, rt := range ordered {
		t := rt.t
		d := r.byKey[rt.key]
		if d == nil {
			if t.Alter {
				var names []string
				for _, o := range r.tables {
					if !o.t.Alter {
						names = append(names, o.t.Name)
					}
				}
				what := "ALTER TABLE names"
				if t.Source != spec.SourceSQL {
					what = fmt.Sprintf("the constraints under %q name", t.Heading)
				}
				msg := fmt.Sprintf("%s table `%s`, which the spec does not define; ignored", what, t.Name)
				if s := suggest(t.Name, names, 3); s != "" {
					msg += fmt.Sprintf(" (did you mean `%s`?)", s)
				}
				r.warnf(t.Pos, "%s", msg)
				continue
			}
			d = &draft{key: rt.key, name: t.Name, pos: t.Pos, colByKey: map[string]*draftCol{}}
			r.byKey[rt.key] = d
			r.drafts = append(r.drafts, d)
		}
		if t.Explicit && d.table == "" && !t.Alter {
			d.table = t.Name
		}
		if !t.Alter && !slices.Contains(d.sources, t.Source) {
			d.sources = append(d.sources, t.Source)
		}
		if t.Managed != "" && d.managed == "" {
			d.managed, d.managedPos = t.Managed, t.ManagedPos
		}
		if d.desc == "" {
			d.desc = t.Description
		}
		d.options = append(d.options, t.Options...)
		if len(t.PrimaryKey) > 0 {
			if d.pk == nil {
				d.pk, d.pkPos = t.PrimaryKey, t.PKPos
			} else if !slices.Equal(keysOf(d.pk), keysOf(t.PrimaryKey)) {
				r.warnf(t.PKPos, "primary key (%s) of `%s` conflicts with the definition at %s; keeping the first", strings.Join(t.PrimaryKey, ", "), t.Name, posString(d.pkPos))
			}
		}
		d.uniques = append(d.uniques, t.Uniques...)
		d.fks = append(d.fks, t.ForeignKeys...)
		for _, ch := range t.Checks {
			var f facts
			interpret(ch.Text, ch.Pos, &f, modeConstraints)
			for _, cf := range f.checks {
				// The column may come from a later description: apply after merging.
				pending = append(pending, pendingCheck{d, cf, ch.Pos})
			}
		}
		for _, dc := range rt.cols {
			r.mergeColumn(d, t, dc)
		}
	}
}

func keysOf(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = colKey(c)
	}
	return out
}

// mergeColumn adds dc to d, or merges it into the column already there.
func (r *resolver) mergeColumn(d *draft, t *spec.Table, dc *draftCol) {
	// Column-level CHECKs that name other columns.
	for _, cf := range dc.f.checks {
		if colKey(cf.column) == colKey(dc.name) {
			mergeFacts(&dc.f, cf.f)
		}
	}
	k := colKey(dc.name)
	old := d.colByKey[k]
	if old == nil {
		d.colByKey[k] = dc
		d.cols = append(d.cols, dc)
		for _, cf := range dc.f.checks {
			if o := d.colByKey[colKey(cf.column)]; o != nil && o != dc {
				mergeFacts(&o.f, cf.f)
			}
		}
		return
	}
	conflict := func(what string) {
		r.warnf(dc.pos, "column `%s.%s`: %s conflicts with the definition at %s; keeping the first", d.name, dc.name, what, posString(old.pos))
	}
	switch {
	case !old.typSet && dc.typSet:
		old.typ, old.typSet, old.typText, old.typPos, old.maxLen = dc.typ, true, dc.typText, dc.typPos, dc.maxLen
	case old.typSet && dc.typSet && !compatible(old.typ, dc.typ) && !(old.typ == Enum && dc.typ == String) && !(old.typ == String && dc.typ == Enum):
		if strings.EqualFold(dc.typText, string(dc.typ)) || dc.typText == "" {
			conflict(fmt.Sprintf("type `%s` here", dc.typ))
		} else {
			conflict(fmt.Sprintf("type `%s` (%s) here", dc.typText, dc.typ))
		}
	case old.maxLen == 0:
		old.maxLen = dc.maxLen
	}
	if old.f.nullable == 0 {
		old.f.nullable, old.f.nullPos = dc.f.nullable, dc.f.nullPos
	} else if dc.f.nullable != 0 && dc.f.nullable != old.f.nullable && !old.f.pk && !dc.f.pk {
		conflict(map[int]string{nullYes: "NULL here", nullNo: "NOT NULL here"}[dc.f.nullable])
	}
	if old.f.def == nil {
		old.f.def = dc.f.def
	} else if dc.f.def != nil && !old.f.def.Same(dc.f.def) {
		conflict(fmt.Sprintf("default %s here", dc.f.def))
	}
	if old.f.ref == nil {
		old.f.ref = dc.f.ref
	} else if dc.f.ref != nil && tableKey(dc.f.ref.table) != tableKey(old.f.ref.table) {
		conflict(fmt.Sprintf("reference to `%s` here", dc.f.ref.table))
	}
	mergeFacts(&old.f, &dc.f)
	if old.desc == "" {
		old.desc, old.descPos = dc.desc, dc.descPos
	}
}

// mergeFacts fills what a says with what b adds, never overriding a.
func mergeFacts(a, b *facts) {
	a.pk = a.pk || b.pk
	if a.pkPos.Line == 0 {
		a.pkPos = b.pkPos
	}
	a.unique = a.unique || b.unique
	a.index = a.index || b.index
	a.autoInc = a.autoInc || b.autoInc
	a.fk = a.fk || b.fk
	a.readOnly = a.readOnly || b.readOnly
	a.serverManaged = a.serverManaged || b.serverManaged
	a.notBlank = a.notBlank || b.notBlank
	if a.ref == nil {
		a.ref = b.ref
	}
	if a.nullable == 0 {
		a.nullable, a.nullPos = b.nullable, b.nullPos
	}
	if a.onDelete == "" {
		a.onDelete = b.onDelete
	}
	if len(a.enum) == 0 {
		a.enum, a.enumPos = b.enum, b.enumPos
	}
	if !a.hasMaxN {
		a.maxN, a.hasMaxN = b.maxN, b.hasMaxN
	}
	if !a.hasMinN {
		a.minN, a.hasMinN = b.minN, b.hasMinN
	}
	if a.lenMax == 0 {
		a.lenMax = b.lenMax
	}
	if a.lenMin == 0 {
		a.lenMin = b.lenMin
	}
	if a.numMin == nil {
		a.numMin, a.minExclusive = b.numMin, b.minExclusive
	}
	if a.numMax == nil {
		a.numMax, a.maxExclusive = b.numMax, b.maxExclusive
	}
	if a.format == "" {
		a.format = b.format
	}
	if a.def == nil {
		a.def = b.def
	}
}

// compatible reports whether two descriptions of a column's type agree
// closely enough not to warn: string and text, int and bigint.
func compatible(a, b Type) bool {
	family := func(t Type) Type {
		switch t {
		case Text:
			return String
		case BigInt:
			return Int
		case Decimal:
			return Float
		}
		return t
	}
	return family(a) == family(b)
}

// eachDraft runs pass on every draft, in spec order.
func (r *resolver) eachDraft(pass func(*draft)) {
	for _, d := range r.drafts {
		pass(d)
	}
}
