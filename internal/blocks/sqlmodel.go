package blocks

import (
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// SQLModel parses a ```python block of SQLModel classes.
//
// A class with table=True is a table; its fields come first from its base
// classes defined in the same block (TaskBase(SQLModel)), then from its own
// body, a redefined field replacing the inherited one in place. The table
// name is __tablename__ when set, else the lower-cased class name, as SQLModel
// does. Other classes (create/update DTOs, BaseModel classes) are ignored, and
// so are Relationship(...) attributes, methods, nested classes and ClassVar
// fields. A class deriving from Enum (str, Enum / IntEnum / StrEnum) is an
// enumeration: it is returned in Result.Enums and a field of that type gets
// an "enum(...)" phrase.
//
// A field's Type is its annotation with Optional[...], Union[..., None] and
// "| None" removed; an optional field gets "NULL", any other "NOT NULL"
// (nullable= and sa_column_kwargs override it; a primary key gets neither).
// Field(...) arguments map to phrases: primary_key -> PRIMARY KEY, unique ->
// UNIQUE, index -> index, max_length/le -> max N, min_length/ge -> min N,
// gt/lt -> CHECK, foreign_key + ondelete -> REFERENCES t(c) ON DELETE ...,
// default/default_factory -> DEFAULT (datetime.utcnow and friends become
// now(), uuid4 becomes gen_random_uuid()), description -> Comment.
// sa_column=Column(...) is read for its String(n) length, ForeignKey,
// nullable, unique, index, primary_key and defaults, and __table_args__ for
// UniqueConstraint, PrimaryKeyConstraint and Index.
func SQLModel(src string, start diag.Pos) (Result, diag.List) {
	p := &pyParser{src: src, pm: newPosMap(src, start)}
	p.parse()
	return p.res, p.diags
}

// pyParser holds the state of one Python block.
type pyParser struct {
	src   string
	pm    *posMap
	lines []pyLine
	res   Result
	diags diag.List
}

// pyClass is a class definition as written.
type pyClass struct {
	name      string
	nameTok   pyTok
	bases     []string
	table     bool
	enum      bool
	tablename string
	doc       string
	fields    []pyField
	members   []string // enum values
	// From __table_args__: UniqueConstraint, PrimaryKeyConstraint, Index.
	uniques    [][]string
	primaryKey []string
	indexes    []specdoc.Index
}

// pyField is one annotated attribute of a class body.
type pyField struct {
	name  string
	col   specdoc.Column
	skip  bool // Relationship or ClassVar
	class string
}

// pos returns the file position of t.
func (p *pyParser) pos(t pyTok) diag.Pos { return p.pm.pos(t.off) }

// text returns the source text of toks with whitespace collapsed.
func (p *pyParser) text(toks []pyTok) string {
	if len(toks) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(p.src[toks[0].off:toks[len(toks)-1].end]), " ")
}

// parse reads every class, then builds the enums and the tables.
func (p *pyParser) parse() {
	p.lines = lexPython(p.src)
	var classes []*pyClass
	byName := map[string]*pyClass{}
	for i := 0; i < len(p.lines); i++ {
		l := p.lines[i]
		if len(l.toks) < 2 || l.toks[0].text != "class" || l.toks[1].kind != pyName {
			continue
		}
		c := p.classHeader(l)
		// The body: following lines indented deeper than the class line.
		j := i + 1
		for j < len(p.lines) && p.lines[j].indent > l.indent {
			j++
		}
		p.classBody(c, p.lines[i+1:j])
		classes = append(classes, c)
		byName[c.name] = c
		// Nested classes (class Config:) are part of the body and skipped there.
		i = j - 1
	}
	enums := map[string][]string{}
	for _, c := range classes {
		if c.enum {
			enums[c.name] = c.members
			p.res.Enums = append(p.res.Enums, specdoc.Enum{Name: c.name, Values: c.members, Pos: p.pos(c.nameTok)})
		}
	}
	for _, c := range classes {
		if !c.table {
			continue
		}
		tbl := &specdoc.Table{Name: strings.ToLower(c.name), Pos: p.pos(c.nameTok), Source: specdoc.SourceSQLModel, Comment: c.doc}
		if tn := inheritedTablename(c, byName, 0); tn != "" {
			tbl.Name = tn
		}
		for _, f := range p.collectFields(c, byName, 0) {
			if f.skip {
				continue
			}
			col := f.col
			if vals, ok := enums[col.Type]; ok {
				col.Constraints = append(col.Constraints, specdoc.Phrase{Text: enumPhrase(vals), Pos: col.TypePos})
			}
			tbl.Columns = append(tbl.Columns, &col)
		}
		tbl.PrimaryKey = c.primaryKey
		tbl.Uniques = c.uniques
		if len(tbl.Columns) > 0 {
			p.res.Tables = append(p.res.Tables, tbl)
			for _, idx := range c.indexes {
				idx.Table = tbl.Name
				p.res.Indexes = append(p.res.Indexes, idx)
			}
		}
	}
}

// tableArgs reads the UniqueConstraint, PrimaryKeyConstraint and Index
// calls of a __table_args__ assignment.
func (p *pyParser) tableArgs(c *pyClass, t []pyTok) {
	for k := 0; k+1 < len(t); k++ {
		if t[k].kind != pyName || t[k+1].text != "(" {
			continue
		}
		var strs []string
		unique := false
		var name string
		for n, arg := range splitArgs(t[k+2:]) {
			switch {
			case len(arg) == 1 && arg[0].kind == pyString:
				if t[k].text == "Index" && n == 0 {
					name = pyStringValue(arg[0].text)
					continue
				}
				strs = append(strs, pyStringValue(arg[0].text))
			case len(arg) == 3 && arg[0].text == "unique" && arg[1].text == "=":
				unique = isTrue(arg[2:])
			case len(arg) == 3 && arg[0].text == "name" && arg[1].text == "=" && arg[2].kind == pyString:
				name = pyStringValue(arg[2].text)
			}
		}
		if len(strs) == 0 {
			continue
		}
		switch t[k].text {
		case "UniqueConstraint":
			c.uniques = append(c.uniques, strs)
		case "PrimaryKeyConstraint":
			c.primaryKey = strs
		case "Index":
			c.indexes = append(c.indexes, specdoc.Index{Name: name, Columns: strs, Unique: unique, Pos: p.pos(t[k])})
		}
	}
}

// inheritedTablename returns __tablename__ of c or of its nearest base.
func inheritedTablename(c *pyClass, byName map[string]*pyClass, depth int) string {
	if c.tablename != "" || depth > 10 {
		return c.tablename
	}
	for _, b := range c.bases {
		if bc, ok := byName[b]; ok && bc != c {
			if tn := inheritedTablename(bc, byName, depth+1); tn != "" {
				return tn
			}
		}
	}
	return ""
}

// collectFields returns the fields of c's bases defined in the block, then
// c's own, an own field replacing an inherited one of the same name in place.
func (p *pyParser) collectFields(c *pyClass, byName map[string]*pyClass, depth int) []pyField {
	var out []pyField
	if depth > 10 {
		return nil
	}
	for _, b := range c.bases {
		bc, ok := byName[b]
		if !ok || bc == c || bc.enum {
			continue
		}
		for _, f := range p.collectFields(bc, byName, depth+1) {
			out = mergeField(out, f)
		}
	}
	for _, f := range c.fields {
		out = mergeField(out, f)
	}
	return out
}

// mergeField adds f to fields, replacing a field of the same name in place.
func mergeField(fields []pyField, f pyField) []pyField {
	for k := range fields {
		if fields[k].name == f.name {
			fields[k] = f
			return fields
		}
	}
	return append(fields, f)
}

// classHeader reads `class Name(Base, table=True):`.
func (p *pyParser) classHeader(l pyLine) *pyClass {
	c := &pyClass{name: l.toks[1].text, nameTok: l.toks[1]}
	if len(l.toks) < 3 || l.toks[2].text != "(" {
		return c
	}
	for _, arg := range splitArgs(l.toks[3:]) {
		switch {
		case len(arg) >= 3 && arg[0].text == "table" && arg[1].text == "=":
			c.table = arg[2].text == "True"
		case len(arg) >= 2 && arg[1].text == "=":
			// metaclass=..., other keywords
		case len(arg) > 0:
			name := arg[len(arg)-1].text // enum.Enum -> Enum, sqlmodel.SQLModel -> SQLModel
			c.bases = append(c.bases, name)
			switch name {
			case "Enum", "StrEnum", "IntEnum":
				c.enum = true
			}
		}
	}
	return c
}

// splitArgs splits the tokens after an opening bracket into the top-level
// comma-separated arguments, stopping at the matching closing bracket.
func splitArgs(toks []pyTok) [][]pyTok {
	var args [][]pyTok
	var cur []pyTok
	depth := 0
	for _, t := range toks {
		if t.kind == pyOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					if len(cur) > 0 {
						args = append(args, cur)
					}
					return args
				}
				depth--
			case ",":
				if depth == 0 {
					if len(cur) > 0 {
						args = append(args, cur)
					}
					cur = nil
					continue
				}
			}
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		args = append(args, cur)
	}
	return args
}

// classBody reads the attribute lines of a class at the body's indentation.
func (p *pyParser) classBody(c *pyClass, body []pyLine) {
	if len(body) == 0 {
		return
	}
	indent := body[0].indent
	for k, l := range body {
		if l.indent != indent {
			continue // nested blocks: methods, class Config, ...
		}
		t := l.toks
		switch {
		case k == 0 && t[0].kind == pyString && len(t) == 1:
			c.doc = strings.Join(strings.Fields(pyStringValue(t[0].text)), " ")
		case t[0].text == "__tablename__":
			for _, x := range t[1:] {
				if x.kind == pyString {
					c.tablename = pyStringValue(x.text)
					break
				}
			}
		case t[0].text == "__table_args__":
			p.tableArgs(c, t[1:])
		case c.enum && len(t) >= 3 && t[0].kind == pyName && t[1].text == "=":
			v := t[0].text
			if t[2].kind == pyString {
				v = pyStringValue(t[2].text)
			}
			c.members = append(c.members, v)
		case len(t) >= 2 && t[0].kind == pyName && t[1].text == ":" && !c.enum:
			if t[0].text == "model_config" || strings.HasPrefix(t[0].text, "__") {
				continue
			}
			f, ok := p.field(t)
			if !ok {
				p.diags = append(p.diags, diag.Warnf(p.pos(t[0]), "skipped field %s of class %s: it has no type annotation", t[0].text, c.name))
				continue
			}
			f.class = c.name
			c.fields = append(c.fields, f)
		}
	}
}

// field reads `name: Annotation [= value]`.
func (p *pyParser) field(t []pyTok) (pyField, bool) {
	f := pyField{name: t[0].text}
	col := specdoc.Column{Name: t[0].text, Pos: p.pos(t[0])}
	eq := annotationEnd(t)
	ann := t[2:eq]
	if len(ann) == 0 {
		return f, false
	}
	typ, nullable, classVar := p.annotation(ann)
	if classVar {
		f.skip = true
		return f, true
	}
	col.Type = typ
	col.TypePos = p.pos(ann[0])
	fc := fieldColumn{col: &col, nullText: "NOT NULL", nullPos: col.TypePos}
	if nullable {
		fc.nullText = "NULL"
	}
	if eq < len(t)-1 && !p.fieldValue(&fc, t[eq+1:]) {
		f.skip = true
		return f, true
	}
	if !fc.primary {
		col.Constraints = append(col.Constraints, specdoc.Phrase{Text: fc.nullText, Pos: fc.nullPos})
	}
	col.Constraints = append(col.Constraints, fc.phrases...)
	f.col = col
	return f, true
}

// annotationEnd returns the index of the '=' that ends the annotation of the
// field statement t, or len(t) when it has no value.
func annotationEnd(t []pyTok) int {
	eq := len(t)
	depth := 0
	for k := 2; k < len(t); k++ {
		switch t[k].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case "=":
			if depth == 0 && eq == len(t) {
				eq = k
			}
		}
	}
	return eq
}

// fieldColumn collects what the value of a field says about its column.
type fieldColumn struct {
	col      *specdoc.Column
	phrases  []specdoc.Phrase // constraints that follow the null phrase
	primary  bool             // a primary key, which needs no null phrase
	nullText string           // NULL or NOT NULL
	nullPos  diag.Pos
}

// add adds the constraint text, at pos.
func (fc *fieldColumn) add(pos diag.Pos, text string) {
	fc.phrases = append(fc.phrases, specdoc.Phrase{Text: text, Pos: pos})
}

// fieldValue reads the value of a field after its '=': Field(...), a plain
// default, or another call, which is tried as a default expression. It
// reports false for Relationship(...), whose field is not a column.
func (p *pyParser) fieldValue(fc *fieldColumn, value []pyTok) bool {
	val := value
	callee := ""
	if len(val) >= 2 && val[0].kind == pyName {
		k := 0
		for k+2 < len(val) && val[k+1].text == "." && val[k+2].kind == pyName {
			k += 2
		}
		if k+1 < len(val) && val[k+1].text == "(" {
			callee = val[k].text
			val = val[k+2:]
		}
	}
	switch callee {
	case "Relationship":
		return false
	case "Field":
		p.fieldCall(fc, val)
	case "":
		if d, ok := p.pyDefault(val, false); ok {
			fc.add(p.pos(val[0]), "DEFAULT "+d)
		}
	default:
		// A call we do not know (Column(...) directly, a constructor): try it
		// as a default expression.
		if d, ok := p.pyDefault(value, false); ok {
			fc.add(p.pos(value[0]), "DEFAULT "+d)
		}
	}
	return true
}

// fieldCall reads the arguments of Field(...), args, after its '('.
func (p *pyParser) fieldCall(fc *fieldColumn, args []pyTok) {
	var onDelete string
	var refTok pyTok
	var ref string
	for n, arg := range splitArgs(args) {
		if len(arg) < 3 || arg[1].text != "=" {
			if n == 0 && len(arg) > 0 {
				if d, ok := p.pyDefault(arg, false); ok {
					fc.add(p.pos(arg[0]), "DEFAULT "+d)
				}
			}
			continue
		}
		key, v := arg[0], arg[2:]
		switch key.text {
		case "primary_key", "unique", "index":
			if isTrue(v) {
				fc.add(p.pos(key), flagPhrases[key.text])
				fc.primary = fc.primary || key.text == "primary_key"
			}
		case "nullable":
			fc.nullText, fc.nullPos = nullPhrase(v), p.pos(key)
		case "max_length", "le":
			fc.add(p.pos(key), "max "+p.text(v))
		case "min_length", "ge":
			fc.add(p.pos(key), "min "+p.text(v))
		case "gt":
			fc.add(p.pos(key), "CHECK ("+fc.col.Name+" > "+p.text(v)+")")
		case "lt":
			fc.add(p.pos(key), "CHECK ("+fc.col.Name+" < "+p.text(v)+")")
		case "default", "default_factory":
			if d, ok := p.pyDefault(v, key.text == "default_factory"); ok {
				fc.add(p.pos(key), "DEFAULT "+d)
			}
		case "foreign_key":
			if len(v) == 1 && v[0].kind == pyString {
				ref, refTok = pyStringValue(v[0].text), key
			}
		case "ondelete", "on_delete":
			if len(v) == 1 && v[0].kind == pyString {
				onDelete = normAction(pyStringValue(v[0].text))
			}
		case "description":
			if len(v) == 1 && v[0].kind == pyString {
				describe(fc.col, pyStringValue(v[0].text))
			}
		case "sa_column_kwargs":
			p.saColumnKwargs(fc, v)
		case "sa_column":
			r := p.saColumn(v, fc.col)
			fc.phrases = append(fc.phrases, r.phrases...)
			if r.nullSet {
				fc.nullText, fc.nullPos = r.nullText, r.nullPos
			}
			if r.primary {
				fc.primary = true
			}
		}
	}
	if ref != "" {
		fc.add(p.pos(refTok), dottedRefPhrase(ref, onDelete))
	}
}

// saColumnKwargs reads sa_column_kwargs={"nullable": ..., "unique": ...,
// "index": ..., "server_default": ...}, v.
func (p *pyParser) saColumnKwargs(fc *fieldColumn, v []pyTok) {
	for _, kv := range p.dictItems(v) {
		switch kv.key {
		case "nullable":
			fc.nullText, fc.nullPos = nullPhrase(kv.val), p.pos(kv.keyTok)
		case "unique", "index":
			if isTrue(kv.val) {
				fc.add(p.pos(kv.keyTok), flagPhrases[kv.key])
			}
		case "server_default":
			if d, ok := p.pyDefault(kv.val, false); ok {
				fc.add(p.pos(kv.keyTok), "DEFAULT "+d)
			}
		}
	}
}

// annotation unwraps a type annotation: Optional[X], Union[X, None], X | None,
// Annotated[X, ...] and quotes. It reports whether the type is optional and
// whether it is a ClassVar.
func (p *pyParser) annotation(ann []pyTok) (typ string, nullable, classVar bool) {
	for {
		if len(ann) == 0 {
			return "", nullable, false
		}
		head := ann[0].text
		// typing.Optional -> Optional
		k := 0
		for k+2 < len(ann) && ann[k+1].text == "." && ann[k+2].kind == pyName {
			k += 2
		}
		if k > 0 {
			head = ann[k].text
		}
		wrapped := k+1 < len(ann) && ann[k+1].text == "[" && ann[len(ann)-1].text == "]"
		switch {
		case head == "ClassVar" && wrapped:
			return "", false, true
		case head == "Optional" && wrapped:
			nullable = true
			ann = ann[k+2 : len(ann)-1]
			continue
		case (head == "Annotated" || head == "Mapped") && wrapped:
			args := splitArgs(ann[k+2:])
			if len(args) == 0 {
				return "", nullable, false
			}
			ann = args[0]
			continue
		case head == "Union" && wrapped:
			var keep [][]pyTok
			for _, a := range splitArgs(ann[k+2:]) {
				if len(a) == 1 && a[0].text == "None" {
					nullable = true
					continue
				}
				keep = append(keep, a)
			}
			if len(keep) == 1 {
				ann = keep[0]
				continue
			}
		}
		// X | None, None | X at the top level.
		var parts [][]pyTok
		var cur []pyTok
		depth := 0
		for _, t := range ann {
			depth += nesting(t.text)
			if t.text == "|" && depth == 0 {
				parts = append(parts, cur)
				cur = nil
				continue
			}
			cur = append(cur, t)
		}
		parts = append(parts, cur)
		if len(parts) > 1 {
			var keep [][]pyTok
			for _, a := range parts {
				if len(a) == 1 && a[0].text == "None" {
					nullable = true
					continue
				}
				keep = append(keep, a)
			}
			if len(keep) == 1 && len(keep[0]) > 0 {
				ann = keep[0]
				continue
			}
		}
		if len(ann) == 1 && ann[0].kind == pyString {
			return pyStringValue(ann[0].text), nullable, false
		}
		return p.text(ann), nullable, false
	}
}

// isTrue reports whether v is the literal True.
func isTrue(v []pyTok) bool { return len(v) == 1 && v[0].text == "True" }

// flagPhrases maps the keyword arguments that Field(...), sa_column_kwargs
// and Column(...) write as name=True to the phrase each adds.
var flagPhrases = map[string]string{"primary_key": "PRIMARY KEY", "unique": "UNIQUE", "index": "index"}

// nullPhrase is the phrase of nullable=v.
func nullPhrase(v []pyTok) string {
	if isTrue(v) {
		return "NULL"
	}
	return "NOT NULL"
}

// dottedRefPhrase is refPhrase for a "table.column" (or "table") reference
// as ForeignKey and foreign_key= write it.
func dottedRefPhrase(ref, onDelete string) string {
	table, column, _ := strings.Cut(ref, ".")
	var cols []string
	if column != "" {
		cols = []string{column}
	}
	return refPhrase(table, cols, onDelete)
}

// pyDefault renders a Python default value or factory as a SQL default
// expression in the phrase vocabulary. It reports false for None and for
// expressions it does not understand.
func (p *pyParser) pyDefault(v []pyTok, factory bool) (string, bool) {
	if len(v) == 0 {
		return "", false
	}
	if len(v) == 1 {
		t := v[0]
		switch {
		case t.kind == pyString && !factory:
			return "'" + strings.ReplaceAll(pyStringValue(t.text), "'", "''") + "'", true
		case t.kind == pyNumber && !factory:
			return strings.ReplaceAll(t.text, "_", ""), true
		case t.text == "True" && !factory:
			return "true", true
		case t.text == "False" && !factory:
			return "false", true
		case t.text == "None", t.text == "...":
			return "", false
		}
	}
	if len(v) == 2 && v[0].text == "-" && v[1].kind == pyNumber && !factory {
		return "-" + v[1].text, true
	}
	text := p.text(v)
	// Enum member: Priority.medium -> 'medium' (the member name; SQLModel
	// stores the value, which the caller's enum phrase lists).
	if len(v) == 3 && v[0].kind == pyName && v[1].text == "." && v[2].kind == pyName && !factory {
		if c := p.enumValue(v[0].text, v[2].text); c != "" {
			return "'" + strings.ReplaceAll(c, "'", "''") + "'", true
		}
	}
	names := map[string]bool{}
	for _, t := range v {
		if t.kind == pyName {
			names[strings.ToLower(t.text)] = true
		}
	}
	lower := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(text, "lambda:")))
	switch {
	case names["utcnow"] || names["now"] || names["current_timestamp"]:
		return "now()", true
	case names["uuid4"] || names["uuid1"] || names["uuid6"] || names["uuid7"] || names["gen_random_uuid"]:
		return "gen_random_uuid()", true
	case names["today"] || names["current_date"]:
		return "current_date", true
	case lower == "list" || lower == "[]":
		return "'[]'", true
	case lower == "dict" || lower == "{}":
		return "'{}'", true
	case len(v) == 4 && v[0].text == "text" && v[1].text == "(" && v[2].kind == pyString:
		return strings.ToLower(pyStringValue(v[2].text)), true // server_default=text("0")
	case len(v) == 3 && v[0].kind == pyName && v[1].text == "." && v[2].kind == pyName && !factory:
		return "'" + v[2].text + "'", true // a member of an enum defined elsewhere
	}
	return "", false
}

// enumValue returns the value of member m of the enum class named c defined
// in this block, or "".
func (p *pyParser) enumValue(c, m string) string {
	for _, mem := range p.enumMembers(c) {
		if mem.name == m {
			return mem.value
		}
	}
	return ""
}

// pyKV is one item of a dict literal with a string key.
type pyKV struct {
	key    string
	keyTok pyTok
	val    []pyTok
}

// dictItems reads {"k": v, ...} or dict(k=v, ...).
func (p *pyParser) dictItems(v []pyTok) []pyKV {
	var out []pyKV
	switch {
	case len(v) >= 2 && v[0].text == "{":
		for _, item := range splitArgs(v[1:]) {
			if len(item) >= 3 && item[0].kind == pyString && item[1].text == ":" {
				out = append(out, pyKV{key: pyStringValue(item[0].text), keyTok: item[0], val: item[2:]})
			}
		}
	case len(v) >= 3 && v[0].text == "dict" && v[1].text == "(":
		for _, item := range splitArgs(v[2:]) {
			if len(item) >= 3 && item[0].kind == pyName && item[1].text == "=" {
				out = append(out, pyKV{key: item[0].text, keyTok: item[0], val: item[2:]})
			}
		}
	}
	return out
}

// saResult is what sa_column=Column(...) contributes to a field.
type saResult struct {
	phrases  []specdoc.Phrase
	nullSet  bool
	nullText string
	nullPos  diag.Pos
	primary  bool
}

// saColumn reads sa_column=Column(Type, ForeignKey(...), nullable=..., ...).
func (p *pyParser) saColumn(v []pyTok, col *specdoc.Column) saResult {
	var r saResult
	k := 0
	for k+2 < len(v) && v[k+1].text == "." && v[k+2].kind == pyName {
		k += 2
	}
	if len(v) < k+2 || v[k].text != "Column" || v[k+1].text != "(" {
		return r
	}
	add := func(tok pyTok, text string) {
		r.phrases = append(r.phrases, specdoc.Phrase{Text: text, Pos: p.pos(tok)})
	}
	for _, arg := range splitArgs(v[k+2:]) {
		if len(arg) >= 3 && arg[1].text == "=" {
			key, val := arg[0], arg[2:]
			switch key.text {
			case "primary_key", "unique", "index":
				if isTrue(val) {
					add(key, flagPhrases[key.text])
					r.primary = r.primary || key.text == "primary_key"
				}
			case "nullable":
				r.nullSet, r.nullText, r.nullPos = true, nullPhrase(val), p.pos(key)
			case "default", "server_default":
				if d, ok := p.pyDefault(val, false); ok {
					add(key, "DEFAULT "+d)
				}
			case "comment":
				if len(val) == 1 && val[0].kind == pyString {
					describe(col, pyStringValue(val[0].text))
				}
			}
			continue
		}
		if len(arg) == 0 || arg[0].kind != pyName {
			continue
		}
		name := arg[0].text
		if len(arg) > 2 && arg[1].text == "." {
			name = arg[len(arg)-1].text
			if i := indexText(arg, "("); i > 0 {
				name = arg[i-1].text
			}
		}
		switch name {
		case "ForeignKey":
			i := indexText(arg, "(")
			if i < 0 {
				continue
			}
			fargs := splitArgs(arg[i+1:])
			if len(fargs) == 0 || len(fargs[0]) != 1 || fargs[0][0].kind != pyString {
				continue
			}
			ref := pyStringValue(fargs[0][0].text)
			var onDelete string
			for _, fa := range fargs[1:] {
				if len(fa) == 3 && fa[0].text == "ondelete" && fa[2].kind == pyString {
					onDelete = normAction(pyStringValue(fa[2].text))
				}
			}
			add(arg[0], dottedRefPhrase(ref, onDelete))
		case "String", "VARCHAR", "Unicode", "CHAR":
			if i := indexText(arg, "("); i > 0 && i+2 < len(arg) && arg[i+1].kind == pyNumber {
				add(arg[0], "max "+arg[i+1].text)
			}
		case "Enum", "SAEnum":
			if i := indexText(arg, "("); i > 0 && i+1 < len(arg) && arg[i+1].kind == pyName {
				if vals := p.enumValues(arg[i+1].text); len(vals) > 0 {
					add(arg[0], enumPhrase(vals))
				}
			}
		}
	}
	return r
}

// enumValues returns the member values of the enum class named c in this
// block.
func (p *pyParser) enumValues(c string) []string {
	var vals []string
	for _, mem := range p.enumMembers(c) {
		vals = append(vals, mem.value)
	}
	return vals
}

// pyMember is a member `name = value` of an enum class; value is the string
// it is assigned, or its name when it is assigned something else.
type pyMember struct{ name, value string }

// enumMembers returns the members of the enum classes named c in this
// block, in order.
func (p *pyParser) enumMembers(c string) []pyMember {
	var out []pyMember
	for i, l := range p.lines {
		if len(l.toks) < 2 || l.toks[0].text != "class" || l.toks[1].text != c {
			continue
		}
		for _, b := range p.lines[i+1:] {
			if b.indent <= l.indent {
				break
			}
			if len(b.toks) >= 3 && b.toks[0].kind == pyName && b.toks[1].text == "=" {
				mem := pyMember{name: b.toks[0].text, value: b.toks[0].text}
				if b.toks[2].kind == pyString {
					mem.value = pyStringValue(b.toks[2].text)
				}
				out = append(out, mem)
			}
		}
	}
	return out
}

// indexText returns the index of the first token with text s, or -1.
func indexText(toks []pyTok, s string) int {
	for i, t := range toks {
		if t.text == s {
			return i
		}
	}
	return -1
}
