package blocks

import (
	"cmp"
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
	"github.com/crudgen/crudgen/internal/naming"
	"github.com/crudgen/crudgen/internal/specdoc"
)

// Prisma parses a ```prisma block: model and enum blocks; datasource,
// generator, view and type blocks are skipped.
//
// A model is a table named by @@map, else by the model name as written. A
// scalar field is a column: Column.Name is its @map name when given (the
// database column, as for the other sources), and Comment then starts with
// "prisma: <field name>", followed by the field's /// doc comment if any.
// Type is the native type of @db.X when given (VarChar(200), Uuid,
// Timestamptz(6)), else the Prisma scalar (String, Int, DateTime, ...) or enum
// name, with "[]" for a list. A field marked ? gets "NULL", any other
// "NOT NULL" except an @id. Attributes map to phrases: @id -> PRIMARY KEY,
// @unique -> UNIQUE, @default(autoincrement()) -> AUTOINCREMENT,
// @default(now()) and @updatedAt -> DEFAULT now(), @default(uuid()) ->
// DEFAULT gen_random_uuid(), @default(x) -> DEFAULT x, @db.VarChar(n) ->
// max n, and an enum type adds "enum(...)".
//
// A relation field (its type is a model, or a list of one) is not a column;
// its @relation(fields: [...], references: [...], onDelete: ...) becomes a
// Table.ForeignKeys entry on the scalar fields' columns. @@id, @@unique and
// @@index become PrimaryKey, Uniques and Indexes.
func Prisma(src string, start diag.Pos) (Result, diag.List) {
	p := &prismaParser{src: src, pm: newPosMap(src, start), toks: lexSimple(src, "", nil, "//")}
	p.parse()
	return p.res, p.diags
}

// prismaParser holds the state of one Prisma block.
type prismaParser struct {
	src   string
	pm    *posMap
	toks  []sTok
	res   Result
	diags diag.List
}

// prismaModel is a model block as written.
type prismaModel struct {
	name    string
	nameTok sTok
	doc     string
	fields  []prismaField
	block   [][]sTok // @@ attribute lines
}

// prismaField is one field line of a model.
type prismaField struct {
	name    string
	nameTok sTok
	typ     string // base type name
	typeTok sTok
	list    bool
	opt     bool
	attrs   []prismaAttr
	doc     string
}

// prismaAttr is one @attribute with its argument tokens.
type prismaAttr struct {
	name string // "id", "default", "db.VarChar", "relation", ...
	tok  sTok
	args []sTok // tokens inside the parentheses, nil when none
}

var prismaScalars = naming.WordSet(`String Int BigInt Float Decimal Boolean DateTime Json Bytes Unsupported`)

// pos returns the file position of t.
func (p *prismaParser) pos(t sTok) diag.Pos { return p.pm.pos(t.off) }

// isDoc reports whether a comment token is a /// documentation comment.
func (p *prismaParser) isDoc(t sTok) bool { return strings.HasPrefix(p.src[t.off:], "///") }

// parse reads the model and enum blocks, then converts the models into
// tables once every model's table and column names are known.
func (p *prismaParser) parse() {
	var models []*prismaModel
	enums := map[string][]string{}
	var doc []string
	for i := 0; i < len(p.toks); {
		t := p.toks[i]
		if t.kind == sComment {
			if p.isDoc(t) {
				doc = append(doc, t.text)
			}
			i++
			continue
		}
		// keyword Name { ... }
		if t.kind == sWord && i+2 < len(p.toks) && p.toks[i+1].kind == sWord && p.toks[i+2].text == "{" {
			end := p.matchBrace(i + 2)
			body := p.toks[i+3 : end]
			switch t.text {
			case "model":
				m := p.model(p.toks[i+1], body)
				m.doc = strings.Join(doc, " ")
				models = append(models, m)
			case "enum":
				vals := enumValues(body)
				enums[p.toks[i+1].text] = vals
				p.res.Enums = append(p.res.Enums, specdoc.Enum{Name: p.toks[i+1].text, Values: vals, Pos: p.pos(p.toks[i+1])})
			}
			doc = nil
			i = end + 1
			continue
		}
		doc = nil
		i++
	}
	tableName := map[string]string{}
	columnName := map[string]map[string]string{}
	for _, m := range models {
		tableName[m.name] = m.name
		for _, line := range m.block {
			if len(line) >= 4 && line[1].text == "map" && line[2].text == "(" && line[3].kind == sString {
				tableName[m.name] = sStringValue(line[3].text)
			}
		}
		cols := map[string]string{}
		for _, f := range m.fields {
			cols[f.name] = f.name
			for _, a := range f.attrs {
				if a.name == "map" && len(a.args) > 0 && a.args[0].kind == sString {
					cols[f.name] = sStringValue(a.args[0].text)
				}
			}
		}
		columnName[m.name] = cols
	}
	for _, m := range models {
		cols := columnName[m.name]
		tbl := &specdoc.Table{Name: tableName[m.name], Pos: p.pos(m.nameTok), Source: specdoc.SourcePrisma, Comment: m.doc}
		for _, f := range m.fields {
			_, isModel := tableName[f.typ]
			_, isEnum := enums[f.typ]
			relation := isModel || hasAttr(f, "relation") || f.list && !prismaScalars[f.typ] && !isEnum
			if relation {
				if a, ok := attr(f, "relation"); ok {
					if fk, ok := p.relation(a, f.typ, cols, tableName, columnName); ok {
						tbl.ForeignKeys = append(tbl.ForeignKeys, &fk)
					}
				}
				continue
			}
			tbl.Columns = append(tbl.Columns, p.column(f, cols[f.name], enums))
		}
		for _, line := range m.block {
			if len(line) < 2 {
				continue
			}
			var fields []string
			if len(line) > 3 && line[2].text == "(" {
				fields = p.fieldList(line[3:], cols)
			}
			switch line[1].text {
			case "id":
				tbl.PrimaryKey = fields
			case "unique":
				if len(fields) > 0 {
					tbl.Uniques = append(tbl.Uniques, fields)
				}
			case "index":
				if len(fields) > 0 {
					idx := specdoc.Index{Table: tbl.Name, Columns: fields, Pos: p.pos(line[0])}
					if n, ok := namedArg(line[3:], "map"); ok {
						idx.Name = n
					} else if n, ok := namedArg(line[3:], "name"); ok {
						idx.Name = n
					}
					p.res.Indexes = append(p.res.Indexes, idx)
				}
			}
		}
		if len(tbl.Columns) > 0 {
			p.res.Tables = append(p.res.Tables, tbl)
		}
	}
}

// matchBrace returns the index of the '}' closing the '{' at i, or len(toks).
func (p *prismaParser) matchBrace(i int) int {
	depth := 0
	for k := i; k < len(p.toks); k++ {
		switch p.toks[k].text {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return len(p.toks)
}

// model splits a model body into field lines and @@ attribute lines.
func (p *prismaParser) model(name sTok, body []sTok) *prismaModel {
	m := &prismaModel{name: name.text, nameTok: name}
	var doc []string
	for k := 0; k < len(body); {
		t := body[k]
		if t.kind == sComment {
			if p.isDoc(t) {
				doc = append(doc, t.text)
			}
			k++
			continue
		}
		// A logical line: tokens on t's line, continued while parentheses
		// or brackets are open.
		j := k
		depth := 0
		for j < len(body) && (body[j].line == t.line || depth > 0) {
			if body[j].kind == sComment {
				break
			}
			depth += nesting(body[j].text)
			j++
		}
		line := body[k:j]
		k = j
		trailing := ""
		if k < len(body) && body[k].kind == sComment && body[k].line == line[len(line)-1].line {
			trailing = body[k].text
			k++
		}
		if trailing != "" {
			doc = append(doc, trailing)
		}
		if line[0].text == "@@" {
			m.block = append(m.block, line)
			doc = nil
			continue
		}
		if f, ok := p.field(line); ok {
			f.doc = strings.Join(doc, " ")
			m.fields = append(m.fields, f)
		} else if line[0].kind == sWord {
			p.diags = append(p.diags, diag.Warnf(p.pos(line[0]), "skipped field %s of model %s: it has no type", line[0].text, m.name))
		}
		doc = nil
	}
	return m
}

// field reads `name Type[?|[]] @attr(...) ...`.
func (p *prismaParser) field(line []sTok) (prismaField, bool) {
	if len(line) < 2 || line[0].kind != sWord || line[1].kind != sWord {
		return prismaField{}, false
	}
	f := prismaField{name: line[0].text, nameTok: line[0], typ: line[1].text, typeTok: line[1]}
	k := 2
	for k < len(line) {
		switch {
		case line[k].text == "?":
			f.opt = true
			k++
			continue
		case line[k].text == "[" && k+1 < len(line) && line[k+1].text == "]":
			f.list = true
			k += 2
			continue
		case line[k].text == "(" && f.typ == "Unsupported":
			for k < len(line) && line[k].text != ")" {
				k++
			}
			k++
			continue
		}
		break
	}
	for k < len(line) {
		if line[k].text != "@" || k+1 >= len(line) || line[k+1].kind != sWord {
			k++
			continue
		}
		a := prismaAttr{name: line[k+1].text, tok: line[k]}
		k += 2
		// @db.VarChar is lexed as db . VarChar
		for k+1 < len(line) && line[k].text == "." && line[k+1].kind == sWord {
			a.name += "." + line[k+1].text
			k += 2
		}
		if k < len(line) && line[k].text == "(" {
			depth := 0
			start := k + 1
			for k < len(line) {
				switch line[k].text {
				case "(":
					depth++
				case ")":
					depth--
				}
				k++
				if depth == 0 {
					break
				}
			}
			if depth == 0 {
				a.args = line[start : k-1]
			} // else the arguments are not closed: ignore them
		}
		f.attrs = append(f.attrs, a)
	}
	return f, true
}

// hasAttr reports whether field f carries the attribute @name.
func hasAttr(f prismaField, name string) bool {
	_, ok := attr(f, name)
	return ok
}

// attr returns the attribute @name of field f.
func attr(f prismaField, name string) (prismaAttr, bool) {
	for _, a := range f.attrs {
		if a.name == name {
			return a, true
		}
	}
	return prismaAttr{}, false
}

// column converts a scalar field.
func (p *prismaParser) column(f prismaField, name string, enums map[string][]string) *specdoc.Column {
	col := &specdoc.Column{Name: name, Pos: p.pos(f.nameTok), Type: f.typ, TypePos: p.pos(f.typeTok)}
	describe(col, f.doc)
	if name != f.name {
		col.SourceName = f.name
	}
	var phrases []specdoc.Phrase
	add := func(t sTok, text string) { phrases = append(phrases, specdoc.Phrase{Text: text, Pos: p.pos(t)}) }
	primary := false
	hasDefault := false
	for _, a := range f.attrs {
		switch {
		case a.name == "id":
			add(a.tok, "PRIMARY KEY")
			primary = true
		case a.name == "unique":
			add(a.tok, "UNIQUE")
		case a.name == "default":
			if d, ok := p.prismaDefault(a.args); ok {
				hasDefault = true
				if d == "autoincrement()" {
					add(a.tok, "AUTOINCREMENT")
				} else {
					add(a.tok, "DEFAULT "+d)
				}
			}
		case a.name == "updatedAt":
			if !hasDefault {
				add(a.tok, "DEFAULT now()")
			}
		case strings.HasPrefix(a.name, "db."):
			native := strings.TrimPrefix(a.name, "db.")
			col.Type = native
			if len(a.args) > 0 {
				col.Type += "(" + renderS(a.args) + ")"
			}
			switch strings.ToLower(native) {
			case "varchar", "char", "nvarchar", "nchar":
				if len(a.args) == 1 && a.args[0].kind == sWord {
					add(a.tok, "max "+a.args[0].text)
				}
			}
		}
	}
	if f.list {
		col.Type += "[]"
	}
	if !primary {
		null := "NOT NULL"
		if f.opt {
			null = "NULL"
		}
		col.Constraints = append(col.Constraints, specdoc.Phrase{Text: null, Pos: col.TypePos})
	}
	col.Constraints = append(col.Constraints, phrases...)
	if vals, ok := enums[f.typ]; ok {
		col.Constraints = append(col.Constraints, specdoc.Phrase{Text: enumPhrase(vals), Pos: col.TypePos})
	}
	return col
}

// prismaDefault renders the argument of @default(...).
func (p *prismaParser) prismaDefault(args []sTok) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	a := args[0]
	switch {
	case a.kind == sString && len(args) == 1:
		return "'" + strings.ReplaceAll(sStringValue(a.text), "'", "''") + "'", true
	case a.kind == sWord && len(args) == 1:
		switch {
		case a.text == "true" || a.text == "false" || isDigit(a.text[0]):
			return a.text, true
		default:
			return "'" + a.text + "'", true // an enum value
		}
	case a.text == "-" && len(args) == 2:
		return "-" + args[1].text, true
	case a.kind == sWord && len(args) >= 3 && args[1].text == "(":
		switch a.text {
		case "autoincrement":
			return "autoincrement()", true
		case "now":
			return "now()", true
		case "uuid":
			return "gen_random_uuid()", true
		case "cuid", "ulid", "nanoid":
			return a.text + "()", true
		case "dbgenerated":
			if args[2].kind == sString {
				return sStringValue(args[2].text), true
			}
		case "sequence":
			return "autoincrement()", true
		}
	case a.text == "[":
		return "'{}'", true // @default([]) on a scalar list
	}
	return "", false
}

// relation converts @relation(fields: [...], references: [...], onDelete: X)
// on a relation field of type model.
func (p *prismaParser) relation(a prismaAttr, model string, cols map[string]string, tableName map[string]string, columnName map[string]map[string]string) (specdoc.ForeignKey, bool) {
	fields, ok1 := listArg(a.args, "fields")
	refs, _ := listArg(a.args, "references")
	if !ok1 || len(fields) == 0 {
		return specdoc.ForeignKey{}, false
	}
	fk := specdoc.ForeignKey{RefTable: model, Pos: p.pos(a.tok)}
	if t, ok := tableName[model]; ok {
		fk.RefTable = t
	}
	for _, f := range fields {
		fk.Columns = append(fk.Columns, cmp.Or(cols[f], f))
	}
	for _, r := range refs {
		fk.RefColumns = append(fk.RefColumns, cmp.Or(columnName[model][r], r))
	}
	if v, ok := wordArg(a.args, "onDelete"); ok {
		fk.OnDelete = normAction(v)
	}
	return fk, true
}

// listArg returns the words of `name: [a, b]` in an argument list.
func listArg(args []sTok, name string) ([]string, bool) {
	for k := 0; k+2 < len(args); k++ {
		if args[k].text == name && args[k+1].text == ":" && args[k+2].text == "[" {
			return listWords(args[k+2:]), true
		}
	}
	return nil, false
}

// listWords returns the words at the top level of the bracketed list that
// toks starts with: a and b in [a, b(sort: Desc)].
func listWords(toks []sTok) []string {
	var out []string
	depth := 0
	for _, t := range toks {
		depth += nesting(t.text)
		if depth == 0 {
			break
		}
		if depth == 1 && t.kind == sWord {
			out = append(out, t.text)
		}
	}
	return out
}

// wordArg returns the word or string of `name: value` in an argument list.
func wordArg(args []sTok, name string) (string, bool) {
	for k := 0; k+2 < len(args); k++ {
		if args[k].text == name && args[k+1].text == ":" {
			if args[k+2].kind == sString {
				return sStringValue(args[k+2].text), true
			}
			return args[k+2].text, true
		}
	}
	return "", false
}

// namedArg returns the string of `name: "value"` in an argument list.
func namedArg(args []sTok, name string) (string, bool) {
	v, ok := wordArg(args, name)
	return v, ok
}

// fieldList reads the fields of @@id([a, b(sort: Desc)]) from the tokens
// after the attribute's '(' and maps them to column names.
func (p *prismaParser) fieldList(args []sTok, cols map[string]string) []string {
	if len(args) == 0 {
		return nil
	}
	var fields []string
	if args[0].text == "[" {
		fields = listWords(args)
	} else {
		// @@index(fields: [a, b])
		fields, _ = listArg(args, "fields")
	}
	var out []string
	for _, f := range fields {
		out = append(out, cmp.Or(cols[f], f))
	}
	return out
}

// enumValues returns the values of an enum body, skipping @map(...) and
// other attributes.
func enumValues(body []sTok) []string {
	var vals []string
	depth := 0
	for k, b := range body {
		switch {
		case b.text == "(":
			depth++
		case b.text == ")":
			depth--
		case b.kind == sWord && depth == 0 && (k == 0 || body[k-1].text != "@" && body[k-1].text != "@@" && body[k-1].text != "."):
			vals = append(vals, b.text)
		}
	}
	return vals
}

// renderS joins tokens without spaces: VarChar(200), Decimal(10,2).
func renderS(toks []sTok) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
	}
	return b.String()
}
