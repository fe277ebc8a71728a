package ir

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crudgen/crudgen/internal/naming"
)

// Example values for the API documents (openapi.json, rest-endpoints.md):
// one value per field that a reader can copy into a request and that the
// server accepts.

// reSample finds a sample value the spec wrote in a description: "such as
// `#ff8800`", "e.g. "work"", "for example 'home'".
var reSample = regexp.MustCompile("(?i)(?:such as|e\\.g\\.,?|for example,?|example:|like)\\s*(?:`([^`]+)`|\"([^\"]+)\"|'([^']+)'|“([^”]+)”)")

// Example returns an example value of f, as JSON would carry it: a sample
// from its description when the spec gives one that keeps the field's
// rules, else its literal default, else a value made from its rules (type,
// format, enumeration, length and bounds).
func (f *Field) Example() any {
	if v, ok := f.sample(); ok {
		return v
	}
	if v, ok := f.DefaultJSON(); ok && f.Type != JSON {
		return v
	}
	if example := f.Type.Info().example; example != nil {
		return example(f)
	}
	return f.exampleText()
}

// exampleUUID is the example of uuid fields and uuid-formatted text.
const exampleUUID = "3f2b8c1e-7d4a-4e9b-a6c5-1b0d9e8f7a62"

// sample returns the first sample in f's description that f accepts.
func (f *Field) sample() (any, bool) {
	for _, m := range reSample.FindAllStringSubmatch(f.Description, -1) {
		v := m[1] + m[2] + m[3] + m[4]
		switch {
		case f.Type == Enum:
			if slices.Contains(f.Enum, v) {
				return v, true
			}
		case f.Type.Info().Text && f.Format == "":
			if f.fits(v) {
				return v, true
			}
		case f.Type == Int || f.Type == BigInt:
			if n, err := strconv.Atoi(v); err == nil && f.clamp(float64(n)) == float64(n) {
				return n, true
			}
		}
	}
	return nil, false
}

// fits reports whether text v keeps f's length rules.
func (f *Field) fits(v string) bool {
	n := utf8.RuneCountInString(v)
	if f.MaxLength > 0 && n > f.MaxLength || n < f.MinLength {
		return false
	}
	return !f.NotBlank || strings.TrimSpace(v) != ""
}

// clamp moves x inside f's bounds.
func (f *Field) clamp(x float64) float64 {
	if f.Min != nil && x < *f.Min {
		x = *f.Min
	}
	if f.Max != nil && x > *f.Max {
		x = *f.Max
	}
	return x
}

// exampleText is an example of a text field without a sample: by format,
// else "Example " and the field's name in words, cut or padded to its length
// rules.
func (f *Field) exampleText() string {
	switch {
	case f.Format == "email":
		return "alex@example.com"
	case f.Format == "url":
		return "https://example.com/"
	case f.Format == "uuid":
		return exampleUUID
	case f.Role == RoleOwner:
		return "user_8f3k2m"
	}
	words := strings.ToLower(strings.Join(naming.Words(f.JSON), " "))
	v := "Example " + words
	if f.MaxLength > 0 && utf8.RuneCountInString(v) > f.MaxLength {
		v = strings.TrimSpace(string([]rune(v)[:f.MaxLength]))
	}
	for utf8.RuneCountInString(v) < f.MinLength {
		v += "x"
	}
	return v
}

// reTitleSuffix matches the words of a spec's title that say it describes a
// schema: "— Database Schema", ": Data Model", "Schema".
var reTitleSuffix = regexp.MustCompile(`(?i)\s*(?:[-–—:|]\s*)?(?:the\s+)?(?:(?:database|db|data)\s+(?:schema|model|design)|data\s*model|database|schema|er\s+diagram)\s*$`)

// appTitle is the application's name in a spec title: the title without
// reTitleSuffix.
func appTitle(title string) string {
	t := strings.TrimSpace(reTitleSuffix.ReplaceAllString(title, ""))
	if t == "" {
		return strings.TrimSpace(title)
	}
	return t
}

// PatchExample is the field an example PATCH body changes, and its value:
// the first writable boolean (toggled) or enumeration, else the first
// writable field. It returns nil when e has no writable field.
func (e *Entity) PatchExample() (*Field, any) {
	writable := e.Writable()
	if len(writable) == 0 {
		return nil, nil
	}
	pick := writable[0]
	for _, f := range writable {
		if f.Type == Bool || f.Type == Enum {
			pick = f
			break
		}
	}
	v := pick.Example()
	if b, ok := v.(bool); ok {
		v = !b
	}
	return pick, v
}
