package ir

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

// facts is what the constraint phrases of one column say. Every source of a
// column (a Markdown table row, a bullet, a SQL column, a SQLModel field) is
// read into facts by the same interpreter, so "FK → users.id",
// "REFERENCES users(id)" and "foreign key -> users.id" all mean one thing.
type facts struct {
	nullable int // 0 not said, nullYes, nullNo
	nullPos  Pos
	pk       bool
	pkPos    Pos
	unique   bool
	index    bool
	autoInc  bool
	fk       bool // "FK" without a target
	readOnly bool // GENERATED ALWAYS AS (...)
	// serverManaged is "server-managed", "read-only" or "set by the
	// server": the application, not the client, writes the column.
	serverManaged bool

	def *Default // the first default written; decided by validateDefault

	ref      *refFact
	onDelete string

	enum    []string
	enumPos Pos

	maxN, minN       int // "max 200": a length for text, a bound for numbers
	hasMaxN, hasMinN bool
	lenMax, lenMin   int // explicitly a length ("1-200 characters", max_length)
	numMin, numMax   *float64
	minExclusive     bool // numMin was written "> n" and stored as n+1
	maxExclusive     bool // numMax was written "< n" and stored as n-1
	notBlank         bool
	format           string
	checks           []checkFact // CHECK constraints naming other columns
	renamedFrom      string      // "renamed from body": the column's previous name
}

const (
	nullYes = 1
	nullNo  = 2
)

type refFact struct {
	// schema is the schema a qualified target names ("auth" of auth.users).
	schema, table, column string
	pos                   Pos
}

// qualified returns the target table as written, with its schema.
func (r *refFact) qualified() string {
	if r.schema != "" {
		return r.schema + "." + r.table
	}
	return r.table
}

// checkFact is a CHECK that names a column, to be applied to that column.
type checkFact struct {
	column string
	f      *facts
}

// mode restricts what the interpreter reads: descriptions are prose, so only
// unmistakable patterns count there.
type mode int

const (
	modeConstraints mode = iota
	modeDescription
)

// rule is one pattern of the constraint vocabulary. apply returns how many
// bytes of the lower-cased input at offset i it consumed (0 when it does not
// apply after all).
type rule struct {
	re    *regexp.Regexp
	desc  bool // also read in descriptions
	apply func(in *input, f *facts, m []int) int
}

// input is the text being read, with its lower-case twin and position.
type input struct {
	s, l string
	i    int
	pos  Pos
	desc bool
}

func (in *input) at(off int) Pos {
	p := in.pos
	if p.Line > 0 {
		p.Col += off
	}
	return p
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + s + `)`) }

var rules []rule

// reParenList matches values quoted in parentheses: ("pending", "completed").
var reParenList = re(`\(\s*["'][A-Za-z0-9_ -]+["'](\s*(,|\||or)\s*["'][A-Za-z0-9_ -]+["'])+\s*\)`)

func init() {
	rules = []rule{
		{re: re(`check\s*\(`), apply: func(in *input, f *facts, m []int) int {
			open := in.i + m[1] - 1
			end := matchClose(in.s, open)
			readCheck(in.s[open+1:max(end-1, open+1)], f)
			return end - in.i
		}},
		{re: re(`nullable\s*=\s*false|not\s+null(able)?\b|non[- ]?null(able)?\b|nonnull\b|required\b|mandatory\b|not\s+optional\b|cannot\s+be\s+null\b|must\s+not\s+be\s+null\b|must\s+be\s+set\b|nn\b`), apply: func(in *input, f *facts, m []int) int {
			f.nullable, f.nullPos = nullNo, in.at(in.i)
			return m[1]
		}},
		{re: re(`nullable\s*=\s*true|nullable\b|null\b|optional\b|allow(s)?\s+null\b|can\s+be\s+null\b|may\s+be\s+null\b`), apply: func(in *input, f *facts, m []int) int {
			f.nullable, f.nullPos = nullYes, in.at(in.i)
			return m[1]
		}},
		{re: re(`primary[\s_]+key(\s*=\s*true)?\b|pk\b|primary\b|pri\b`), apply: func(in *input, f *facts, m []int) int {
			f.pk, f.pkPos = true, in.at(in.i)
			return m[1]
		}},
		{re: re(`unique(\s*=\s*true)?(\s+(key|constraint|index))?\b|uniq\b|uk\b|uq\b|uni\b`), apply: func(in *input, f *facts, m []int) int {
			f.unique = true
			return m[1]
		}},
		{re: re(`index(ed)?(\s*=\s*true)?\b|idx\b|mul\b`), apply: func(in *input, f *facts, m []int) int {
			f.index = true
			return m[1]
		}},
		{re: re(`auto[\s_-]?increment(ing|ed|s)?\b|autoincrement\b|auto[\s_-]?inc\b|identity\b|generated\s+(always|by\s+default)\s+as\s+identity\b|serial\b|auto\b|auto[\s_-]?generated\b`), apply: func(in *input, f *facts, m []int) int {
			f.autoInc = true
			return m[1]
		}},
		{re: re("renamed\\s+from\\s+[`'\"]?([A-Za-z_][A-Za-z0-9_]*)[`'\"]?"), apply: func(in *input, f *facts, m []int) int {
			f.renamedFrom = in.s[in.i+m[2] : in.i+m[3]]
			return m[1]
		}},
		{re: re(`server[\s_-]?managed\b|managed\s+by\s+the\s+(server|backend|application|app)\b|read[\s_-]?only\b|(set|maintained|updated|computed)\s+(only\s+)?by\s+the\s+(server|backend|application|app)\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.serverManaged = true
			return m[1]
		}},
		{re: re(`generated\s+always\s+as\s*\(`), apply: func(in *input, f *facts, m []int) int {
			end := matchClose(in.s, in.i+m[1]-1)
			f.readOnly = true
			return end - in.i
		}},
		{re: re(`gen_random_uuid\(\)|uuid_generate_v4\(\)|default_factory\s*=\s*(uuid\.)?uuid4|newid\(\)`), apply: func(in *input, f *facts, m []int) int {
			f.setDefault(DefaultUUID, "", in.at(in.i))
			return m[1]
		}},
		{re: re(`(server_)?default(s)?(\s+to|\s+value)?(_factory)?\s*[:=]?\s*`), apply: readDefault},
		{re: re(`on\s+delete\s+(cascade|set\s+null|set\s+default|restrict|no\s+action)`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.onDelete = strings.ToUpper(strings.Join(strings.Fields(in.l[in.i+m[2]:in.i+m[3]]), " "))
			return m[1]
		}},
		{re: re(`cascad(e|es|ing)(\s+on)?\s+delete(s|d)?\b|cascade\b|delete\s+cascade\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			if in.desc && !strings.Contains(in.l[in.i:in.i+m[1]], "delete") {
				return 0
			}
			if f.onDelete == "" {
				f.onDelete = "CASCADE"
			}
			return m[1]
		}},
		{re: re(`on\s+update\s+(cascade|set\s+null|set\s+default|restrict|no\s+action|current_timestamp(\(\))?|now\(\))`), apply: func(in *input, f *facts, m []int) int {
			return m[1]
		}},
		{re: re(`foreign_key\s*=\s*["']`), apply: readRef},
		{re: re(`(foreign[\s_]+key|fk)\b`), desc: true, apply: readRef},
		{re: re(`(references?|referencing|refers\s+to|refs?|links?\s+to|points?\s+to|belongs\s+to|→|->|=>)`), desc: true, apply: readRef},
		{re: re(`(enum|one\s+of|allowed(\s+values)?|values|choices|options|either)\s*[:=]?\s*`), desc: true, apply: readEnum},
		{re: re(`in\s*\(`), apply: readEnum},
		{re: re(`(\d+)\s*(-|–|to|\.\.)\s*(\d+)\s*(chars?|characters?|symbols?|letters?)\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.lenMin, _ = strconv.Atoi(in.l[in.i+m[2] : in.i+m[3]])
			f.lenMax, _ = strconv.Atoi(in.l[in.i+m[6] : in.i+m[7]])
			return m[1]
		}},
		{re: re(`(max(imum)?[\s_]*(length|len|chars|characters)|maxlength|max_len|length\s*(<=|≤|max))\s*[:=]?\s*(\d+)`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.lenMax, _ = strconv.Atoi(in.l[in.i+m[10] : in.i+m[11]])
			return m[1]
		}},
		{re: re(`(min(imum)?[\s_]*(length|len|chars|characters)|minlength|min_len|length\s*(>=|≥|min))\s*[:=]?\s*(\d+)`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.lenMin, _ = strconv.Atoi(in.l[in.i+m[10] : in.i+m[11]])
			return m[1]
		}},
		{re: re(`(max(imum)?|up\s+to|at\s+most|<=|≤|no\s+more\s+than|limit(ed)?\s+to)\s*[:=]?\s*(\d+)(\s*(chars?|characters?|symbols?|letters?)\b)?`), desc: true, apply: lengthOrValue(4, func(f *facts) (*int, *int, *bool) { return &f.lenMax, &f.maxN, &f.hasMaxN })},
		{re: re(`(min(imum)?|at\s+least|>=|≥|no\s+less\s+than)\s*[:=]?\s*(\d+)(\s*(chars?|characters?|symbols?|letters?)\b)?`), desc: true, apply: lengthOrValue(3, func(f *facts) (*int, *int, *bool) { return &f.lenMin, &f.minN, &f.hasMinN })},
		{re: re(`between\s+(-?\d+(\.\d+)?)\s+and\s+(-?\d+(\.\d+)?)`), apply: func(in *input, f *facts, m []int) int {
			lo, _ := strconv.ParseFloat(in.l[in.i+m[2]:in.i+m[3]], 64)
			hi, _ := strconv.ParseFloat(in.l[in.i+m[6]:in.i+m[7]], 64)
			f.numMin, f.numMax = &lo, &hi
			return m[1]
		}},
		{re: re(`(not|non|never)[\s-]+(blank|empty)\b|cannot\s+be\s+(blank|empty)\b|must\s+not\s+be\s+(blank|empty)\b|no\s+blank\b|nonblank\b|nonempty\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.notBlank = true
			return m[1]
		}},
		{re: re(`(valid\s+)?(email|e-mail)\s+(format|address\s+format)\b|valid\s+email\b|format\s*[:=]\s*email\b|email\s+validation\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.format = "email"
			return m[1]
		}},
		{re: re(`valid\s+(url|uri)\b|(url|uri)\s+format\b|format\s*[:=]\s*(url|uri)\b`), desc: true, apply: func(in *input, f *facts, m []int) int {
			f.format = "url"
			return m[1]
		}},
		{re: reParenList, desc: true, apply: func(in *input, f *facts, m []int) int {
			// ("pending", "completed"): quoted values in parentheses.
			if len(f.enum) == 0 {
				for _, q := range reQuotedVal.FindAllStringSubmatch(in.s[in.i:in.i+m[1]], -1) {
					f.enum = append(f.enum, q[1])
				}
				f.enumPos = in.at(in.i)
			}
			return m[1]
		}},
		{re: re(`["']?[A-Za-z0-9_-]+["']?(\s*\|\s*["']?[A-Za-z0-9_-]+["']?)+`), desc: true, apply: func(in *input, f *facts, m []int) int {
			vals := splitLiterals(in.s[in.i : in.i+m[1]])
			if len(vals) < 2 || len(f.enum) > 0 {
				return 0
			}
			f.enum, f.enumPos = vals, in.at(in.i)
			return m[1]
		}},
	}
}

// vocabulary is the list "did you mean" suggestions for constraint words are
// drawn from.
var vocabulary = []string{
	"primary", "key", "unique", "nullable", "null", "not", "required", "optional", "default",
	"references", "foreign", "index", "indexed", "autoincrement", "serial", "cascade", "check",
	"blank", "empty", "max", "min", "enum",
}

// interpret reads text, written at pos, into f. In modeConstraints it
// returns the words it did not understand.
func interpret(text string, pos Pos, f *facts, md mode) []wordAt {
	in := &input{s: text, l: asciiLower(text), pos: pos}
	var unknown []wordAt
	for in.i < len(in.s) {
		c := in.s[in.i]
		if c == '(' && reParenList.MatchString(in.s[in.i:]) {
			// Handled by the parenthesised-values rule below.
		} else if c == ' ' || c == '\t' || c == ',' || c == ';' || c == '(' || c == ')' || c == '/' || c == '+' || c == '&' || c == ':' || c == '.' || c == '[' || c == ']' || c == '\n' || c == '"' || c == '\'' || c == '|' || c == '{' || c == '}' {
			in.i++
			continue
		}
		matched := false
		for _, r := range rules {
			if md == modeDescription && !r.desc {
				continue
			}
			m := r.re.FindStringSubmatchIndex(in.l[in.i:])
			if m == nil {
				continue
			}
			in.desc = md == modeDescription
			if n := r.apply(in, f, m); n > 0 {
				in.i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		// Skip one word (or one other character).
		j := in.i
		for j < len(in.s) && isWord(in.s[j]) {
			j++
		}
		if j == in.i {
			j++
			for j < len(in.s) && in.s[j] >= 0x80 && in.s[j] < 0xC0 { // stay on rune boundaries
				j++
			}
		} else {
			unknown = append(unknown, wordAt{in.s[in.i:j], in.at(in.i)})
		}
		in.i = j
	}
	return unknown
}

type wordAt struct {
	word string
	pos  Pos
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

var (
	reNowDefault  = regexp.MustCompile(`^\(?\s*(now\(\)|now|current_timestamp(\(\))?|current\s+timestamp|localtimestamp|getdate\(\)|getutcdate\(\)|sysdatetime\(\)|sysutcdatetime\(\)|datetime\.(utc)?now(\(\))?|func\.now\(\)|utcnow(\(\))?|datetime\('now'\)|current_date|current\s+date|today|timezone\('utc',\s*now\(\)\)|now\(\)\s+at\s+time\s+zone\s+'utc'|@default\(now\(\)\)|new\s+date\(\)|date\.now\(\))\s*\)?`)
	reUUIDDefault = regexp.MustCompile(`^(gen_random_uuid\(\)|uuid_generate_v[147]\(\)|uuid\.uuid4(\(\))?|uuid4(\(\))?|uuid\(\)|newid\(\)|newsequentialid\(\)|cuid\(\)|random_uuid\(\)|uuidv[47]\(\)|uuid_v4\(\)|uuid\b|random\s+uuid\b)`)
	reAutoDefault = regexp.MustCompile(`^(autoincrement\(\)|nextval\()`)
	reBareDefault = regexp.MustCompile(`^-?[A-Za-z0-9_.+]+`)
)

// readDefault reads "DEFAULT <expr>" and normalises the literal: quotes
// dropped, now()/CURRENT_TIMESTAMP become "now", UUID generators "uuid".
func readDefault(in *input, f *facts, m []int) int {
	j := in.i + m[1]
	if j >= len(in.s) {
		return 0
	}
	pos := in.at(j)
	l := in.l[j:]
	var val string
	kind := DefaultLiteral
	n := 0
	switch {
	case reNowDefault.MatchString(l):
		n = len(reNowDefault.FindString(l))
		kind = DefaultNow
	case reUUIDDefault.MatchString(l):
		n = len(reUUIDDefault.FindString(l))
		kind = DefaultUUID
	case reAutoDefault.MatchString(l):
		n = matchClose(in.s, j+len(reAutoDefault.FindString(l))-1) - j
		if !strings.HasSuffix(reAutoDefault.FindString(l), "(") {
			n = len(reAutoDefault.FindString(l))
		}
		f.autoInc = true
		return j + n - in.i
	case in.s[j] == '\'' || in.s[j] == '"' || in.s[j] == '`':
		q := in.s[j]
		k := j + 1
		var b strings.Builder
		for k < len(in.s) {
			if in.s[k] == q {
				if k+1 < len(in.s) && in.s[k+1] == q {
					b.WriteByte(q)
					k += 2
					continue
				}
				k++
				break
			}
			b.WriteByte(in.s[k])
			k++
		}
		val, n = b.String(), k-j
	case in.s[j] == '(':
		end := matchClose(in.s, j)
		inner := &facts{}
		sub := &input{s: "default " + in.s[j+1:max(end-1, j+1)], pos: pos}
		sub.l = asciiLower(sub.s)
		readDefault(sub, inner, []int{0, 8})
		if inner.def == nil {
			return 0
		}
		kind, val, n = inner.def.Kind, inner.def.Value, end-j
	case strings.HasPrefix(l, "[]") || strings.HasPrefix(l, "{}"):
		val, n = in.s[j:j+2], 2
	default:
		w := reBareDefault.FindString(in.s[j:])
		if w == "" {
			return 0
		}
		n = len(w)
		if n < len(in.s)-j && in.s[j+n] == '(' {
			n = matchClose(in.s, j+n) - j
		}
		val = in.s[j : j+n]
		if strings.HasSuffix(val, ")") {
			kind = DefaultExpr // a function call: nextval('s'), lower(name)
		}
		switch strings.ToLower(val) {
		case "true", "false":
			val = strings.ToLower(val)
		case "null", "none":
			if f.nullable == 0 {
				f.nullable, f.nullPos = nullYes, pos
			}
			return j + n - in.i
		}
	}
	// Drop a PostgreSQL cast: 'x'::text.
	k := j + n
	if strings.HasPrefix(in.s[k:], "::") {
		k += 2
		for k < len(in.s) && (isWord(in.s[k]) || in.s[k] == ' ' && false) {
			k++
		}
		n = k - j
	}
	f.setDefault(kind, val, pos)
	return j + n - in.i
}

// setDefault records a default unless one was read before.
func (f *facts) setDefault(kind DefaultKind, value string, pos Pos) {
	if f.def == nil {
		f.def = &Default{Kind: kind, Value: value, Pos: pos}
	}
}

var (
	reRefConnector = regexp.MustCompile(`^[\s(]*(to\b|→|->|=>|:|=|references?\b|referencing\b|on\b|the\b|\s)*[\s(]*`)
	reRefTarget    = regexp.MustCompile(`^["'` + "`" + `]?([A-Za-z_][A-Za-z0-9_]*)["'` + "`" + `]?(?:\s*\.\s*["'` + "`" + `]?([A-Za-z_][A-Za-z0-9_]*)|\s*\(\s*["'` + "`" + `]?([A-Za-z_][A-Za-z0-9_]*)["'` + "`" + `]?\s*\))?`)
	// reSchemaRef is a schema-qualified target with its column:
	// auth.users(id), auth.users.id.
	reSchemaRef = regexp.MustCompile(`^["'` + "`" + `]?([A-Za-z_][A-Za-z0-9_]*)["'` + "`" + `]?\s*\.\s*["'` + "`" + `]?[A-Za-z_][A-Za-z0-9_]*["'` + "`" + `]?\s*(\(|\.\s*["'` + "`" + `]?[A-Za-z_])`)
	reRefEnd    = regexp.MustCompile(`^(\s*$|\s*[,;)\]"'` + "`" + `]|\s+on\b|\s+table\b|\s+\(|\s+-|\s+with\b)`)
)

// readRef reads a reference target after "REFERENCES", "FK →", "foreign key
// to", "foreign_key=": "users(id)", "users.id" or "users".
func readRef(in *input, f *facts, m []int) int {
	j := in.i + m[1]
	c := reRefConnector.FindStringIndex(in.l[j:])
	k := j + c[1]
	schema := ""
	if sm := reSchemaRef.FindStringSubmatchIndex(in.s[k:]); sm != nil {
		schema = in.s[k+sm[2] : k+sm[3]]
		k += strings.IndexByte(in.s[k:], '.') + 1
		for k < len(in.s) && in.s[k] == ' ' {
			k++
		}
	}
	t := reRefTarget.FindStringSubmatchIndex(in.s[k:])
	lowKw := ""
	if t != nil {
		lowKw = in.l[k+t[2] : k+t[3]]
	}
	if t == nil || refNotTable[lowKw] {
		if in.desc {
			return 0
		}
		f.fk = true
		return m[1]
	}
	end := k + t[1]
	hasCol := t[4] >= 0 || t[6] >= 0
	if kw := in.l[in.i : in.i+m[1]]; !hasCol && (kw == "→" || kw == "->" || kw == "=>") {
		return 0 // a bare arrow to a bare word is prose ("authRef → customerId")
	}
	if !hasCol && !reRefEnd.MatchString(in.s[end:]) {
		if in.desc {
			return 0
		}
		f.fk = true
		return m[1]
	}
	if kw := in.l[in.i : in.i+m[1]]; in.desc && !hasCol && !strings.Contains(kw, "ref") && !strings.Contains(kw, "foreign") && !strings.HasPrefix(kw, "fk") {
		return 0
	}
	r := &refFact{schema: schema, table: in.s[k+t[2] : k+t[3]], pos: in.at(k + t[2])}
	switch {
	case t[4] >= 0:
		r.column = in.s[k+t[4] : k+t[5]]
	case t[6] >= 0:
		r.column = in.s[k+t[6] : k+t[7]]
	}
	if f.ref == nil {
		f.ref = r
	}
	f.fk = true
	if end < len(in.s) && (in.s[end] == '"' || in.s[end] == '\'') {
		end++
	}
	return end - in.i
}

// refNotTable are words that follow "foreign key" or "references" in prose
// without naming a table.
var refNotTable = naming.WordSet(`
	key constraint to reference references table column field id the a an relationship
	relation linking link from with external valid existing parent this that which
`)

var enumStop = naming.WordSet(`
	default not null nullable required optional unique index indexed max min primary check
	references foreign fk pk the a an is for with
`)

var reEnumWord = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*`)

// readEnum reads a list of values: enum('a','b'), one of: a, b, c, IN (...).
func readEnum(in *input, f *facts, m []int) int {
	j := in.i + m[1]
	var vals []string
	closer := byte(0)
	if j < len(in.s) && (in.s[j] == '(' || in.s[j] == '[' || in.s[j] == '{') {
		closer = map[byte]byte{'(': ')', '[': ']', '{': '}'}[in.s[j]]
		j++
	} else if j > 0 && in.s[j-1] == '(' {
		closer = ')'
	}
	for {
		k := skipSpace(in.s, j)
		if k >= len(in.s) {
			j = k
			break
		}
		var v string
		c := in.s[k]
		if c == '\'' || c == '"' || c == '`' {
			e := strings.IndexByte(in.s[k+1:], c)
			if e < 0 {
				break
			}
			v = in.s[k+1 : k+1+e]
			k += e + 2
		} else {
			w := reEnumWord.FindString(in.s[k:])
			if w == "" || enumStop[strings.ToLower(w)] {
				break
			}
			after := skipSpace(in.s, k+len(w))
			if after < len(in.s) && !strings.ContainsRune(",|/)]};.", rune(in.s[after])) && !strings.HasPrefix(in.l[after:], "or ") {
				// A word followed by more words is prose, unless it is the last value.
				if len(vals) == 0 || closer != 0 {
					break
				}
			}
			v = w
			k += len(w)
		}
		vals = append(vals, v)
		j = k
		k = skipSpace(in.s, j)
		switch {
		case k < len(in.s) && (in.s[k] == ',' || in.s[k] == '|' || in.s[k] == '/'):
			j = k + 1
			continue
		case strings.HasPrefix(in.l[k:], "or "):
			j = k + 3
			continue
		}
		break
	}
	if closer != 0 {
		if k := skipSpace(in.s, j); k < len(in.s) && in.s[k] == closer {
			j = k + 1
		}
	}
	if len(vals) == 0 || (in.desc && len(vals) < 2) {
		return 0
	}
	if len(f.enum) == 0 {
		f.enum, f.enumPos = vals, in.at(in.i)
	}
	return j - in.i
}

var (
	reCheckIn      = regexp.MustCompile(`(?i)"?([A-Za-z_][A-Za-z0-9_]*)"?\s+in\s*\(([^)]*)\)`)
	reCheckLen     = regexp.MustCompile(`(?i)(?:char_length|length|len)\s*\(\s*(trim\s*\(\s*)?"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\)?\s*\)\s*(>=|>|<=|<|=)\s*(\d+)`)
	reCheckBlank   = regexp.MustCompile(`(?i)(?:trim\s*\(\s*)?"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\)?\s*(<>|!=)\s*''`)
	reCheckCompare = regexp.MustCompile(`(?i)(?:^|[\s(])"?([A-Za-z_][A-Za-z0-9_]*)"?\s*(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?)`)
	reCheckBetween = regexp.MustCompile(`(?i)"?([A-Za-z_][A-Za-z0-9_]*)"?\s+between\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)`)
)

// readCheck reads what a CHECK expression says about columns: IN lists,
// length bounds, non-blank strings and numeric ranges.
func readCheck(expr string, f *facts) {
	get := func(col string) *facts {
		for _, c := range f.checks {
			if strings.EqualFold(c.column, col) {
				return c.f
			}
		}
		cf := &facts{}
		f.checks = append(f.checks, checkFact{col, cf})
		return cf
	}
	for _, m := range reCheckIn.FindAllStringSubmatch(expr, -1) {
		get(m[1]).enum = splitLiterals(m[2])
	}
	for _, m := range reCheckLen.FindAllStringSubmatch(expr, -1) {
		cf := get(m[2])
		n, _ := strconv.Atoi(m[4])
		switch m[3] {
		case ">":
			if n == 0 && m[1] != "" {
				cf.notBlank = true
			} else {
				cf.lenMin = n + 1
			}
		case ">=":
			if n == 1 && m[1] != "" {
				cf.notBlank = true
			} else {
				cf.lenMin = n
			}
		case "<=":
			cf.lenMax = n
		case "<":
			cf.lenMax = n - 1
		}
	}
	for _, m := range reCheckBlank.FindAllStringSubmatch(expr, -1) {
		get(m[1]).notBlank = true
	}
	stripped := reCheckLen.ReplaceAllString(expr, "")
	for _, m := range reCheckCompare.FindAllStringSubmatch(stripped, -1) {
		cf := get(m[1])
		v, _ := strconv.ParseFloat(m[3], 64)
		switch m[2] {
		case ">=":
			cf.numMin = &v
		case ">":
			w := v + 1
			cf.numMin = &w
			cf.minExclusive = true
		case "<=":
			cf.numMax = &v
		case "<":
			w := v - 1
			cf.numMax = &w
			cf.maxExclusive = true
		}
	}
	for _, m := range reCheckBetween.FindAllStringSubmatch(expr, -1) {
		cf := get(m[1])
		lo, _ := strconv.ParseFloat(m[2], 64)
		hi, _ := strconv.ParseFloat(m[3], 64)
		cf.numMin, cf.numMax = &lo, &hi
	}
}

// lengthOrValue is the apply func of "max 200 [chars]" and "min 3 [chars]":
// the number is submatch group; with a unit (the next group) it bounds the
// length, else, outside a description, the value. bound picks the facts.
func lengthOrValue(group int, bound func(f *facts) (length, n *int, has *bool)) func(*input, *facts, []int) int {
	return func(in *input, f *facts, m []int) int {
		n, _ := strconv.Atoi(in.l[in.i+m[2*group] : in.i+m[2*group+1]])
		length, val, has := bound(f)
		switch {
		case m[2*group+2] >= 0:
			*length = n
		case in.desc:
			return 0
		default:
			*val, *has = n, true
		}
		return m[1]
	}
}
