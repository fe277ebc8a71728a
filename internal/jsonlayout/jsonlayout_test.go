package jsonlayout

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestWriteStringPlain checks that the shortcut writeString takes for plain
// strings writes what encoding them does, for every ASCII character and a
// few strings that need escapes.
func TestWriteStringPlain(t *testing.T) {
	cases := []string{"", "GET /api/tasks/{id}", `a "quoted" word`, `C:\path`, "<JWT> & more", "tab\there", "é", "\u2028", "\x7f", "\xff"}
	for c := range 0x80 {
		cases = append(cases, "x"+string(rune(c))+"y")
	}
	for _, s := range cases {
		var got, want bytes.Buffer
		writeString(&got, s)
		writeEncoded(&want, s)
		if got.String() != want.String() {
			t.Errorf("writeString(%q) = %s, want %s", s, got.String(), want.String())
		}
		if !json.Valid(got.Bytes()) {
			t.Errorf("writeString(%q) = %s, not JSON", s, got.String())
		}
	}
}

// TestReformat checks the layout of a decoded document: member order kept,
// numbers as written, short containers on one line, long ones broken up
// and a long array of words filled.
func TestReformat(t *testing.T) {
	words := make([]string, 30)
	for i := range words {
		words[i] = "word" + strings.Repeat("x", i%4)
	}
	wordsJSON, _ := json.Marshal(words)
	raw := `{"z": 1, "a": {"name": "id", "type": "bigint", "n": 1.50, "ok": true, "none": null},
	"long": {"description": "` + strings.Repeat("a", 90) + `", "k": "v"}, "words": ` + string(wordsJSON) + `, "empty": [], "nested": [{"x": []}]}`
	got, err := Reformat([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "z": 1,
  "a": {"name": "id", "type": "bigint", "n": 1.50, "ok": true, "none": null},
  "long": {
    "description": "` + strings.Repeat("a", 90) + `",
    "k": "v"
  },
  "words": [
    "word", "wordx", "wordxx", "wordxxx", "word", "wordx", "wordxx", "wordxxx", "word", "wordx",
    "wordxx", "wordxxx", "word", "wordx", "wordxx", "wordxxx", "word", "wordx", "wordxx", "wordxxx",
    "word", "wordx", "wordxx", "wordxxx", "word", "wordx", "wordxx", "wordxxx", "word", "wordx"
  ],
  "empty": [],
  "nested": [{"x": []}]
}
`
	if string(got) != want {
		t.Errorf("Reformat =\n%s\nwant\n%s", got, want)
	}
	var a, b any
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatalf("Reformat wrote invalid JSON: %v", err)
	}
	if _, err := Reformat([]byte(`{"a": 1} {"b": 2}`)); err == nil {
		t.Error("Reformat accepted two documents")
	}
	if _, err := Reformat([]byte(`{"a": `)); err == nil {
		t.Error("Reformat accepted a truncated document")
	}
}

// FuzzReformat checks Reformat's own reading of JSON against json.Decoder's:
// the same layout for every document encoding/json accepts, and an error
// for every one it refuses.
func FuzzReformat(f *testing.F) {
	for _, seed := range []string{
		`{"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {}, "c": []}`,
		`"caf\u00e9 \ud83d\ude00 <b>"`, "\"\xff\"", `{"a": 1, "a": 2}`, `[1,]`, `{"a" 1}`, `01`, `-`, ` [ ] `,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := Reformat(raw)
		want, werr := decoderReformat(raw)
		if (err == nil) != json.Valid(raw) {
			t.Fatalf("Reformat(%q) error = %v; json.Valid says %v", raw, err, json.Valid(raw))
		}
		if err == nil && (werr != nil || !bytes.Equal(got, want)) {
			t.Fatalf("Reformat(%q) =\n%s\njson.Decoder reading gives (error %v)\n%s", raw, got, werr, want)
		}
	})
}

// decoderReformat is Reformat reading the document with json.Decoder.
func decoderReformat(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var decode func() (any, error)
	decode = func() (any, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch tok {
		case json.Delim('{'):
			o := New()
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decode()
				if err != nil {
					return nil, err
				}
				o.Set(key.(string), v)
			}
			_, err := dec.Token()
			return o, err
		case json.Delim('['):
			a := []any{}
			for dec.More() {
				v, err := decode()
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			return a, err
		}
		return tok, nil
	}
	v, err := decode()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := Write(&b, v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
