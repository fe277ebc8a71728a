// Package jsonlayout writes JSON the way a person lays a document out for
// reading: indented by two spaces, with an object or array that fits in
// Width columns on one line, a long array of words filled line by line, and
// strings without HTML escapes. crudgen writes its JSON files with it (the
// OpenAPI document, the migrations' schema snapshot); it generates nothing
// and imports no other package of crudgen.
package jsonlayout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Object is a JSON object that keeps its members in insertion order.
type Object struct {
	members []member
	// index finds a member by key once there are many (paths, schemas);
	// small objects, nearly all of them, are searched in order.
	index map[string]int
}

// member is one key and value of an object.
type member struct {
	key string
	val any
}

// indexAbove is the number of members from which an object keeps an index.
const indexAbove = 16

// New builds an object from key, value pairs.
func New(kv ...any) *Object {
	o := &Object{members: make([]member, 0, len(kv)/2)}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// find returns the position of key's member, or -1.
func (o *Object) find(key string) int {
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i, m := range o.members {
		if m.key == key {
			return i
		}
	}
	return -1
}

// Set adds or replaces a member; a new member goes last.
func (o *Object) Set(key string, v any) *Object {
	if i := o.find(key); i >= 0 {
		o.members[i].val = v
		return o
	}
	o.members = append(o.members, member{key, v})
	switch {
	case o.index != nil:
		o.index[key] = len(o.members) - 1
	case len(o.members) > indexAbove:
		o.reindex()
	}
	return o
}

// reindex builds the index of o's members.
func (o *Object) reindex() {
	o.index = make(map[string]int, len(o.members))
	for i, m := range o.members {
		o.index[m.key] = i
	}
}

// Len is the number of o's members.
func (o *Object) Len() int { return len(o.members) }

// Get returns a member, or nil.
func (o *Object) Get(key string) any {
	if i := o.find(key); i >= 0 {
		return o.members[i].val
	}
	return nil
}

// Del removes a member if present.
func (o *Object) Del(key string) {
	i := o.find(key)
	if i < 0 {
		return
	}
	o.members = append(o.members[:i], o.members[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// Width is the line length up to which a JSON object or array is written
// on one line, as a person formats a document for reading: a $ref, a short
// enum or a small schema stays on its line, a long one is broken up.
const Width = 100

// Write writes v to b as JSON indented by two spaces per level, keeping an
// object or array that fits in Width on one line. It knows *Object, []any,
// string, bool, int, float64, json.Number, json.RawMessage and nil.
func Write(b *bytes.Buffer, v any) error {
	var flat bytes.Buffer
	return writeAt(b, &flat, v, "", 0)
}

// writeAt is write with the value starting in column col. flat is where it
// tries the value on one line; it is free again once writeAt has decided.
func writeAt(b, flat *bytes.Buffer, v any, indent string, col int) error {
	flat.Reset()
	if err := writeFlat(flat, v, Width-col); err != nil {
		return err
	}
	if flat.Len() <= Width-col-1 { // room for a trailing comma
		b.Write(flat.Bytes())
		return nil
	}
	inner := indent + "  "
	switch v := v.(type) {
	case *Object:
		b.WriteString("{\n")
		for i, m := range v.members {
			b.WriteString(inner)
			start := b.Len()
			writeString(b, m.key)
			b.WriteString(": ")
			if err := writeAt(b, flat, m.val, inner, len(inner)+b.Len()-start); err != nil {
				return err
			}
			if i < len(v.members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if scalars(v) {
			return fillArray(b, v, indent)
		}
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(inner)
			if err := writeAt(b, flat, x, inner, len(inner)); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		b.Write(flat.Bytes()) // a scalar longer than the line
	}
	return nil
}

// scalars reports whether every element of v is a string, number, bool or null.
func scalars(v []any) bool {
	for _, x := range v {
		switch x.(type) {
		case *Object, []any, json.RawMessage:
			return false
		}
	}
	return true
}

// fillArray writes an array of scalars too long for one line the way a
// person wraps a list of words: as many elements on each line as fit.
func fillArray(b *bytes.Buffer, v []any, indent string) error {
	inner := indent + "  "
	b.WriteString("[\n" + inner)
	col := len(inner)
	var item bytes.Buffer
	for i, x := range v {
		item.Reset()
		if err := writeFlat(&item, x, Width); err != nil {
			return err
		}
		if i > 0 {
			if col+2+item.Len()+1 > Width {
				b.WriteString(",\n" + inner)
				col = len(inner)
			} else {
				b.WriteString(", ")
				col += 2
			}
		}
		b.Write(item.Bytes())
		col += item.Len()
	}
	b.WriteString("\n" + indent + "]")
	return nil
}

// writeFlat writes v on one line; it stops early, leaving a partial value,
// once the line is longer than limit, since the caller then breaks it up.
// A container it is given no room for is not begun, so that trying a deep
// value on one line costs its first Width bytes, not its whole depth.
func writeFlat(b *bytes.Buffer, v any, limit int) error {
	start := b.Len()
	switch v := v.(type) {
	case *Object:
		if limit < 0 {
			return nil
		}
		b.WriteByte('{')
		for i, m := range v.members {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, m.key)
			b.WriteString(": ")
			if err := writeFlat(b, m.val, limit-(b.Len()-start)); err != nil {
				return err
			}
			if b.Len()-start > limit {
				return nil
			}
		}
		b.WriteByte('}')
	case []any:
		if limit < 0 {
			return nil
		}
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeFlat(b, x, limit-(b.Len()-start)); err != nil {
				return err
			}
			if b.Len()-start > limit {
				return nil
			}
		}
		b.WriteByte(']')
	case string:
		writeString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case json.Number:
		b.WriteString(v.String())
	case float64:
		out, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(out)
	case json.RawMessage:
		var c bytes.Buffer
		if err := json.Compact(&c, v); err != nil {
			return err
		}
		b.Write(c.Bytes())
	case nil:
		b.WriteString("null")
	default:
		return fmt.Errorf("cannot write %T", v)
	}
	return nil
}

// plain reports whether s is printable ASCII without a quote or a
// backslash: JSON text as it is, which is what nearly every string of the
// document is, so that writeString need not encode it.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// writeString writes s as a JSON string without HTML escaping, so that
// "<JWT>" stays readable, and with invisible characters (those of
// notBlankPattern) as \u escapes, so that they can be read.
func writeString(b *bytes.Buffer, s string) {
	if plain(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	writeEncoded(b, s)
}

// writeEncoded is writeString for any s, through encoding/json.
func writeEncoded(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	for _, r := range string(bytes.TrimSuffix(tmp.Bytes(), []byte("\n"))) {
		switch {
		case invisible(r) && r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, hi, lo)
			continue
		case invisible(r):
			fmt.Fprintf(b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
}

// invisible reports whether r is written as a \u escape in the JSON text:
// a character that cannot be seen or that is blank, other than the space.
func invisible(r rune) bool {
	return r != ' ' && (unicode.IsSpace(r) || !unicode.IsPrint(r) || strings.ContainsRune("\u180E\u200B\u200C\u200D\u2060\uFEFF", r))
}

// Reformat lays out the JSON document raw as [Write] does, keeping the
// order of object members, and ends it with a newline.
func Reformat(raw []byte) ([]byte, error) {
	p := parser{b: raw}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.space(); p.i < len(p.b) {
		return nil, errors.New("jsonlayout: data after the JSON value")
	}
	var b bytes.Buffer
	b.Grow(len(raw) + len(raw)/4)
	if err := Write(&b, v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// parser reads a JSON document into the values Write knows: *Object, []any,
// string, json.Number, bool and nil. It reads the bytes itself, about ten
// times faster than json.Decoder's Token; a string with an escape or bytes
// that are not plain UTF-8 text is decoded by encoding/json, so that it
// means what encoding/json makes of it.
type parser struct {
	b []byte
	i int
}

func (p *parser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// eat skips blanks and then c if it comes next, and says whether it did.
func (p *parser) eat(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("jsonlayout: offset %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *parser) value() (any, error) {
	p.space()
	if p.i >= len(p.b) {
		return nil, p.errorf("unexpected end of JSON")
	}
	switch c := p.b[p.i]; {
	case c == '{':
		p.i++
		o := New()
		if p.eat('}') {
			return o, nil
		}
		for {
			p.space()
			key, err := p.string()
			if err != nil {
				return nil, err
			}
			if !p.eat(':') {
				return nil, p.errorf("want : after an object key")
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			o.Set(key, v)
			if p.eat('}') {
				return o, nil
			}
			if !p.eat(',') {
				return nil, p.errorf("want , or } after an object member")
			}
		}
	case c == '[':
		p.i++
		a := []any{}
		if p.eat(']') {
			return a, nil
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			if p.eat(']') {
				return a, nil
			}
			if !p.eat(',') {
				return nil, p.errorf("want , or ] after an array element")
			}
		}
	case c == '"':
		return p.string()
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.b) && strings.IndexByte("+-.eE0123456789", p.b[p.i]) >= 0 {
			p.i++
		}
		n := p.b[start:p.i]
		if !json.Valid(n) {
			return nil, p.errorf("invalid number %q", n)
		}
		return json.Number(n), nil
	}
	for _, lit := range []struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if bytes.HasPrefix(p.b[p.i:], []byte(lit.text)) {
			p.i += len(lit.text)
			return lit.v, nil
		}
	}
	return nil, p.errorf("invalid character %q", p.b[p.i])
}

// string reads a JSON string.
func (p *parser) string() (string, error) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", p.errorf("want a string")
	}
	start, plain := p.i, true
	for p.i++; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '\\':
			plain = false
			p.i++
		case c < 0x20 || c >= utf8.RuneSelf:
			plain = false
		case c == '"':
			p.i++
			raw := p.b[start:p.i]
			if plain {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", fmt.Errorf("jsonlayout: offset %d: %w", start, err)
			}
			return s, nil
		}
	}
	return "", p.errorf("unterminated string")
}
