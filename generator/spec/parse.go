package spec

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/crudgen/crudgen/internal/diag"
)

// Parse reads the Markdown spec src, named path in positions, and returns the
// tables it describes as written. Diagnostics are about shapes Parse could not
// read (a malformed options line, an unreadable fenced block); whether the
// tables make sense is checked later by ir.Resolve.
func Parse(path string, src []byte) (*Document, diag.List) {
	p := &parser{path: path, src: src, doc: &Document{Path: path}}
	p.lineStarts = []int{0}
	for i, c := range src {
		if c == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	p.doc.Lines = len(p.lineStarts)
	if len(src) > 0 && src[len(src)-1] == '\n' {
		p.doc.Lines--
	}
	for i := 0; i < p.doc.Lines; i++ {
		end := len(src)
		if i+1 < len(p.lineStarts) {
			end = p.lineStarts[i+1] - 1
		}
		p.doc.lineLens = append(p.doc.lineLens, end-p.lineStarts[i])
	}
	p.findAuthProvider()
	md := goldmark.New(goldmark.WithExtensions(east.Table))
	root := md.Parser().Parse(text.NewReader(src))
	p.root = &section{level: 0, kind: kindSkip}
	p.cur = p.root
	p.blocks(root)
	p.closeSections(0)
	return p.doc, p.diags.Sort()
}

type parser struct {
	// label is a paragraph such as "**tasks**" or "**Table: `tasks`**" that
	// names the table or bullet list right after it.
	label      *label
	path       string
	src        []byte
	lineStarts []int
	doc        *Document
	diags      diag.List
	root, cur  *section
	// title is the section of the document's title heading while the
	// paragraphs under it are its overview.
	title *section
	// headings counts the headings met.
	headings int
	// skipTo is the offset up to which the source was read as code outside
	// a fence (a SQLModel class written as plain text); blocks starting
	// before it are not read again.
	skipTo int
}

// nodeStart returns the offset of the first byte of n's text, or -1.
func (p *parser) nodeStart(n ast.Node) int {
	if _, ok := n.(*ast.Document); ok {
		return -1
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := p.nodeStart(c); s >= 0 {
			return s
		}
	}
	return -1
}

// label is the name a short bold paragraph gives the next table.
type label struct {
	name     string
	explicit bool
	pos      Pos
	prose    bool // a word like "Notes": it may name a table, not a bullet list
}

// sectionKind says what a heading's content is taken as.
type sectionKind int

const (
	kindOther    sectionKind = iota // may hold an entity when its content looks like columns
	kindFields                      // "### Fields" under an entity heading: content belongs to the parent
	kindIndexes                     // index bullets
	kindRelation                    // relationship bullets
	kindProse                       // "Notes", "Constraints": entities from column tables only, not bullets
	kindSkip                        // no entity name: no entities from tables or bullets
)

// section is the content under one heading.
type section struct {
	level    int
	heading  string
	name     string // cleaned entity name, "" when the heading names none
	explicit bool
	pos      Pos
	kind     sectionKind
	parent   *section

	table       *Table   // the Markdown table or bullet list of columns found here
	blockTables []*Table // tables from fenced blocks in this section
	managed     string
	managedPos  Pos
	options     []Option
	optionsPos  Pos
	desc        string
	indexHint   bool // a paragraph like "**Indexes:**" was just seen
}

// target returns the section that owns content written under s: the parent
// entity section for a "Fields" sub-heading, else s.
func (s *section) target() *section {
	for t := s; t != nil; t = t.parent {
		if t.kind != kindFields && t.kind != kindIndexes {
			return t
		}
	}
	return s
}

func (p *parser) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(p.src) {
		off = len(p.src)
	}
	i := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > off }) - 1
	return Pos{File: p.path, Line: i + 1, Col: off - p.lineStarts[i] + 1}
}

// segText returns the raw text of a block's lines joined by newlines, and the
// offset of its first byte.
func (p *parser) segText(n ast.Node) (string, int) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return "", -1
	}
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.src))
	}
	return b.String(), lines.At(0).Start
}

// authProviders are the auth services whose tables crudgen treats as
// managed, with the lower-case spellings that name them.
var authProviders = []struct {
	needles []string
	name    string
}{
	{[]string{"better auth", "better-auth", "betterauth"}, "Better Auth"},
	{[]string{"auth0"}, "Auth0"},
	{[]string{"clerk"}, "Clerk"},
	{[]string{"supabase auth"}, "Supabase Auth"},
	{[]string{"nextauth", "next-auth", "auth.js"}, "Auth.js"},
	{[]string{"keycloak"}, "Keycloak"},
	{[]string{"cognito"}, "Cognito"},
}

// provider returns the first auth provider lower-case text l names, and where.
func provider(l string) (string, int) {
	name, at := "", -1
	for _, ap := range authProviders {
		for _, n := range ap.needles {
			if i := wordIndex(l, n); i >= 0 && (at < 0 || i < at) {
				name, at = ap.name, i
			}
		}
	}
	return name, at
}

// wordIndex returns the first index of needle in l that is not inside a
// longer word, or -1.
func wordIndex(l, needle string) int {
	from := 0
	for {
		i := strings.Index(l[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(needle)
		if (i == 0 || !isLetter(l[i-1])) && (end == len(l) || !isLetter(l[end])) {
			return i
		}
		from = i + 1
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *parser) findAuthProvider() {
	if name, at := provider(string(bytes.ToLower(p.src))); at >= 0 {
		p.doc.AuthProvider, p.doc.Auth = name, p.pos(at)
	}
}

// manageWords are the words that say a provider, not the app, owns a table.
var manageWords = []string{"manag", "maintain", "handled", "owned by", "provided by", "created by", "external", "controlled", "referenc", "(better"}

// managedBy returns the auth provider s says manages a table, or "".
func managedBy(s string) string {
	l := strings.ToLower(s)
	name, at := provider(l)
	if at < 0 {
		return ""
	}
	for _, w := range manageWords {
		if strings.Contains(l, w) {
			return name
		}
	}
	return ""
}

// blocks walks the children of a container node.
func (p *parser) blocks(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n)
	}
}

func (p *parser) block(n ast.Node) {
	if p.skipTo > 0 {
		if start := p.nodeStart(n); start >= 0 && start < p.skipTo {
			return // already read as part of an unfenced class
		}
	}
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *extast.Table, *ast.List:
	default:
		// A label paragraph names only the table or list right after it.
		p.label = nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		p.heading(n)
	case *extast.Table:
		p.table(n)
	case *ast.List:
		p.list(n)
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			lang = string(n.Info.Segment.Value(p.src))
		}
		p.fence(lang, n)
	case *ast.CodeBlock:
		p.fence("", n)
	case *ast.Paragraph, *ast.TextBlock:
		p.paragraph(n)
	case *ast.HTMLBlock:
		p.htmlBlock(n)
	case *ast.Blockquote:
		p.blocks(n)
	}
}

// closeSections ends every open section of level >= level.
func (p *parser) closeSections(level int) {
	for p.cur != nil && p.cur.level >= level && p.cur != p.root {
		p.finish(p.cur)
		p.cur = p.cur.parent
	}
	if level == 0 {
		p.finish(p.root)
	}
}

func (p *parser) heading(h *ast.Heading) {
	raw, off := p.segText(h)
	p.closeSections(h.Level)
	s := &section{level: h.Level, heading: strings.TrimSpace(raw), parent: p.cur, pos: p.pos(off)}
	s.name, s.explicit, s.kind = cleanHeading(raw)
	p.headings++
	p.title = nil
	if h.Level == 1 && p.headings == 1 {
		p.doc.Title = strings.Join(strings.Fields(strings.NewReplacer("*", "", "`", "", "_", " ").Replace(raw)), " ")
		p.doc.TitlePos = s.pos
		p.title = s
	}
	if m := managedBy(raw); m != "" {
		s.managed, s.managedPos = m, s.pos
	}
	p.cur = s
}

// finish attaches what a section said about its table (managed, options,
// description) to the tables found in it.
func (p *parser) finish(s *section) {
	var targets []*Table
	switch {
	case s.table != nil:
		targets = []*Table{s.table}
	case len(s.blockTables) == 1:
		targets = s.blockTables
	case len(s.blockTables) > 1 && s.name != "":
		// Several tables under one heading: package ir applies what the
		// heading says to the table it names.
		under := &Section{Name: s.name, Options: s.options, OptionsPos: s.optionsPos, Managed: s.managed, ManagedPos: s.managedPos, Description: s.desc}
		for _, t := range s.blockTables {
			t.Under = under
		}
		return
	}
	if len(s.options) > 0 && len(targets) == 0 {
		p.diags = append(p.diags, diag.Warnf(s.optionsPos, "crudgen options line is not under a table's heading; ignored"))
	}
	for _, t := range targets {
		if s.managed != "" && t.Managed == "" {
			t.Managed, t.ManagedPos = s.managed, s.managedPos
		}
		t.Options = append(t.Options, s.options...)
		if t.Description == "" {
			t.Description = s.desc
		}
	}
}

var (
	reNumbering   = regexp.MustCompile(`^\s*(\d+(\.\d+)*[.)]?|[ivx]+\.|[a-z]\))\s+`)
	reLeadWord    = regexp.MustCompile(`(?i)^\s*(table|entity|model|collection|schema)\s*[:\-–—]?\s+`)
	reTrailWords  = regexp.MustCompile(`(?i)\s+(table|tables|entity|model|schema|fields|columns|definition|structure|collection)\s*$`)
	reParenthesis = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	reLowerIdent  = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	// reHeadingWord is a word of a heading that names a table: letters of
	// any script, digits, underscores and inner hyphens ("task-items",
	// "Übungen"); package ir maps the name onto a SQL one.
	reHeadingWord = regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*$`)
	// reGroupHeading matches headings that group several tables ("Application Tables").
	reGroupHeading = regexp.MustCompile(`(?i)\s(tables|entities|models)$`)
)

var fieldsHeadings = map[string]bool{
	"fields": true, "columns": true, "attributes": true, "schema": true, "structure": true,
	"table structure": true, "properties": true, "definition": true, "field definitions": true,
	"column definitions": true, "columns and types": true, "table definition": true,
	"fields and types": true, "table schema": true,
}

var skipWords = regexp.MustCompile(`(?i)\b(overview|constraints?|migrations?|examples?|quer(y|ies)|security|notes?|summary|changelog|triggers?|views?|functions?|diagram|erd|enums?|enumerations?|seed|sample|requirements?|assumptions?|dependencies|performance|strategy|considerations?|validation|rules|story|scenarios?|criteria|purpose|scope|configuration|technology|principles?|api|endpoints?|invariants?|patterns?|policy|policies|backup|rollback|testing|future|potential|extensions?|enhancements?|proposed|planned|alternatives?|deprecated|legacy|decisions?|rationale|conventions?|naming|glossary|appendix|faq|todo|open\s+questions|non-goals|goals|requests?|responses?|payloads?|params|parameters|headers|dtos?|props|environment|(application|database|db|api|service)\s+level)\b`)

// notNameRune reports whether r cannot start or end a heading's name:
// emoji, bullets and other symbols people decorate headings with.
func notNameRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("`_\"'()[]", r)
}

// cleanHeading returns the entity name a heading gives, whether that name is a
// SQL table name as written, and what kind of section the heading opens.
func cleanHeading(raw string) (name string, explicit bool, kind sectionKind) {
	s := strings.TrimSpace(strings.NewReplacer("*", "", "_ ", " ").Replace(raw))
	lower := strings.ToLower(strings.Trim(s, " :`"))
	switch {
	case fieldsHeadings[lower]:
		return "", false, kindFields
	case strings.Contains(lower, "index") || strings.Contains(lower, "indices"):
		return "", false, kindIndexes
	case strings.Contains(lower, "relationship") || strings.Contains(lower, "relations") || strings.Contains(lower, "foreign key"):
		return "", false, kindRelation
	}
	if strings.Contains(lower, " vs ") || strings.Contains(lower, " vs. ") || strings.Contains(lower, " versus ") {
		return "", false, kindSkip
	}
	s = strings.TrimFunc(s, notNameRune)
	s = reNumbering.ReplaceAllString(s, "")
	s = reParenthesis.ReplaceAllString(s, " ")
	for _, sep := range []string{" · ", " | ", " — ", " – ", " - ", ": ", " -- "} {
		if i := strings.Index(s, sep); i > 0 {
			left := strings.TrimSpace(s[:i])
			if reLeadWord.MatchString(left + " ") {
				s = s[i+len(sep):]
			} else {
				s = left
			}
		}
	}
	s = reLeadWord.ReplaceAllString(s, "")
	s = strings.TrimRight(strings.TrimSpace(s), ":.")
	if reGroupHeading.MatchString(s) {
		return "", false, kindSkip
	}
	for {
		t := reTrailWords.ReplaceAllString(strings.TrimSpace(s), "")
		if t == strings.TrimSpace(s) {
			break
		}
		s = t
	}
	s = strings.Trim(strings.TrimSpace(s), ":.")
	if strings.HasPrefix(s, "`") && strings.HasSuffix(s, "`") && len(s) > 2 {
		explicit = true
	}
	s = strings.TrimFunc(strings.Trim(s, "`\"' "), notNameRune)
	if s == "" || strings.ContainsAny(s, ".`/") {
		return "", false, kindSkip
	}
	kind = kindOther
	if skipWords.MatchString(s) {
		// A one-word heading such as "Notes" or "Rules" may name an entity
		// when a column table follows; bullets under it are prose. Longer
		// headings ("Pipeline Configuration", "Example queries") are prose.
		if strings.ContainsAny(s, " \t") {
			return "", false, kindSkip
		}
		kind = kindProse
	}
	words := strings.Fields(s)
	if len(words) > 3 {
		return "", false, kindSkip
	}
	for _, w := range words {
		if !reHeadingWord.MatchString(w) {
			return "", false, kindSkip
		}
	}
	if len(words) == 1 && reLowerIdent.MatchString(s) {
		explicit = true
	}
	switch strings.ToLower(s) {
	case "tables", "entities", "database", "database schema", "data model", "models", "entity definitions", "schema", "data", "db", "core tables", "application tables", "tables overview":
		return "", false, kindSkip
	}
	return s, explicit, kind
}

var reTableName = regexp.MustCompile("(?i)^\\s*(?:\\*\\*|__)?table(?:[ _]name)?(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*)?\\s*`?\"?([A-Za-z_][A-Za-z0-9_]*)`?\"?\\s*(?:\\*\\*)?\\s*$")

// paragraph reads the prose that matters: options lines, "managed by" notes,
// "Table Name: x" lines, index hints, and the section's description.
func (p *parser) paragraph(n ast.Node) {
	raw, off := p.segText(n)
	if off < 0 {
		return
	}
	if (reSniffPy.MatchString(firstLine(raw)) || rePyStart.MatchString(raw)) && p.unfencedClass(off) {
		return
	}
	s := p.cur.target()
	if p.title != nil && p.cur == p.title {
		p.overview(raw)
	}
	p.label = p.readLabel(raw, off)
	lines := strings.Split(raw, "\n")
	lineOff := off
	for _, line := range lines {
		if p.optionsLine(line, lineOff, s) {
			lineOff += len(line) + 1
			continue
		}
		if m := reTableName.FindStringSubmatch(line); m != nil && s.kind == kindOther {
			s.name, s.explicit = m[1], true
			lineOff += len(line) + 1
			continue
		}
		lineOff += len(line) + 1
	}
	if m := managedBy(raw); m != "" && s.managed == "" && (s.kind == kindOther || s.kind == kindProse) && s.level > 0 {
		s.managed, s.managedPos = m, p.pos(off)
	}
	plain := strings.TrimSpace(strings.NewReplacer("*", "", "`", "", "\n", " ").Replace(raw))
	lp := strings.ToLower(strings.TrimRight(plain, ": "))
	p.cur.indexHint = strings.HasSuffix(lp, "indexes") || strings.HasSuffix(lp, "indices") || strings.HasSuffix(lp, "index")
	if s.desc == "" && s.table == nil && !strings.HasPrefix(lp, "crudgen:") && !strings.HasSuffix(plain, ":") {
		if len(plain) > 300 {
			plain = plain[:300]
		}
		s.desc = plain
	}
}

// overview adds a paragraph under the title heading to the document's
// overview, as Markdown on one line.
func (p *parser) overview(raw string) {
	para := strings.Join(strings.Fields(raw), " ")
	if para == "" || strings.HasPrefix(strings.ToLower(para), "crudgen:") {
		return
	}
	if p.doc.Overview != "" {
		p.doc.Overview += "\n\n"
	}
	p.doc.Overview += para
}

var reLabel = regexp.MustCompile("(?i)^\\s*(?:\\*\\*|__)\\s*(?:\\d+(?:\\.\\d+)*[.)]?\\s+)?(?:(?:table|entity|model)\\s*:?\\s*)?(`?)\"?([A-Za-z_][A-Za-z0-9_]*)\"?`?(?:\\s+(?:table|entity|model))?\\s*:?\\s*(?:\\*\\*|__)\\s*:?\\s*$")

// reLabelInline is a short line ending with a colon that names one table in
// bold or code: "The **tasks** table:", "Entity `Tag`:".
var reLabelInline = regexp.MustCompile("^[^*`_\\n]{0,30}?(?:\\*\\*|__)(`?)([A-Za-z_][A-Za-z0-9_]*)`?(?:\\*\\*|__)[^*`\\n]{0,20}:\\s*$|^[^*`_\\n]{0,30}?()`([A-Za-z_][A-Za-z0-9_]*)`[^*`\\n]{0,20}:\\s*$")

// readLabel reads a one-line bold paragraph that names a table: "**tasks**",
// "**Table: `tasks`**", "**`tasks` table**:".
func (p *parser) readLabel(raw string, off int) *label {
	if strings.Contains(strings.TrimSpace(raw), "\n") {
		return nil
	}
	m := reLabel.FindStringSubmatchIndex(raw)
	if m == nil {
		if m = reLabelInline.FindStringSubmatchIndex(raw); m != nil && m[4] < 0 {
			// The backquoted alternative: a SQL name as written.
			m = []int{m[0], m[1], m[6], m[6] + 1, m[8], m[9]}
		}
	}
	if m == nil {
		return nil
	}
	name := raw[m[4]:m[5]]
	if l := strings.ToLower(name); fieldsHeadings[l] || l == "table" || l == "tables" || strings.Contains(l, "index") || strings.Contains(l, "relation") {
		return nil
	}
	return &label{name: name, explicit: m[3] > m[2] || reLowerIdent.MatchString(name), pos: p.pos(off + m[4]), prose: skipWords.MatchString(name)}
}

var reHTMLComment = regexp.MustCompile(`(?s)<!--(.*?)-->`)

func (p *parser) htmlBlock(n *ast.HTMLBlock) {
	raw, off := p.segText(n)
	if off < 0 {
		return
	}
	for _, m := range reHTMLComment.FindAllStringSubmatchIndex(raw, -1) {
		body := raw[m[2]:m[3]]
		lead := len(body) - len(strings.TrimLeft(body, " \t\n"))
		p.optionsLine(strings.TrimSpace(body), off+m[2]+lead, p.cur.target())
	}
}

// optionsLine reads `crudgen: key=value key=v1,v2` into s.options and reports
// whether line was one.
func (p *parser) optionsLine(line string, off int, s *section) bool {
	trimmed := strings.TrimLeft(line, " \t>*_`")
	off += len(line) - len(trimmed)
	if len(trimmed) < 8 || !strings.EqualFold(trimmed[:8], "crudgen:") {
		return false
	}
	if len(s.options) == 0 {
		s.optionsPos = p.pos(off)
	}
	rest := trimmed[8:]
	base := off + 8
	last := -1
	i := 0
	for i < len(rest) {
		for i < len(rest) && strings.IndexByte(" \t,;`*", rest[i]) >= 0 {
			i++
		}
		if i >= len(rest) {
			break
		}
		j := i
		for j < len(rest) && strings.IndexByte(" \t;`", rest[j]) < 0 {
			j++
		}
		tok := rest[i:j]
		if k, v, ok := strings.Cut(tok, "="); ok {
			s.options = append(s.options, Option{
				Key: strings.TrimSpace(k), Value: v,
				Pos: p.pos(base + i), ValuePos: p.pos(base + i + len(k) + 1),
			})
			last = len(s.options) - 1
		} else if last >= 0 && strings.HasSuffix(strings.TrimSpace(rest[:i]), ",") && strings.HasSuffix(s.options[last].Value, ",") {
			s.options[last].Value += tok
		} else {
			s.options = append(s.options, Option{Key: strings.TrimRight(tok, ","), Pos: p.pos(base + i), ValuePos: p.pos(base + j)})
			last = len(s.options) - 1
		}
		i = j
	}
	for k := range s.options {
		s.options[k].Value = strings.Trim(s.options[k].Value, ", ")
	}
	return true
}

// cellText returns a table cell's raw text with Markdown emphasis and code
// marks blanked (so offsets still match the source) and its start offset.
func (p *parser) cellText(c ast.Node) (string, int) {
	lines := c.Lines()
	if lines == nil || lines.Len() == 0 {
		return "", -1
	}
	seg := lines.At(0)
	return blankMarkup(string(seg.Value(p.src))), seg.Start
}

// blankMarkup replaces Markdown code and emphasis marks, HTML line breaks and
// escapes with spaces, keeping every other byte where it was.
func blankMarkup(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '`':
			b[i] = ' '
		case '*':
			b[i] = ' '
		case '\\':
			if i+1 < len(b) && (b[i+1] == '|' || b[i+1] == '_' || b[i+1] == '*') {
				b[i] = ' '
			}
		case '<':
			if bytes.HasPrefix(bytes.ToLower(b[i:]), []byte("<br>")) {
				copy(b[i:], ",   ")
			} else if bytes.HasPrefix(bytes.ToLower(b[i:]), []byte("<br/>")) {
				copy(b[i:], ",    ")
			}
		}
	}
	return string(b)
}
