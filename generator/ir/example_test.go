package ir

import (
	"encoding/json"
	"testing"
)

func TestAppTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Todo App — Database Schema": "Todo App",
		"Blog: Data Model":           "Blog",
		"Inventory Schema":           "Inventory",
		"Shop database":              "Shop",
		"Schema":                     "Schema",
		"Orders API":                 "Orders API",
		"":                           "",
	} {
		if got := appTitle(in); got != want {
			t.Errorf("appTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFieldExample(t *testing.T) {
	one, ten := 1.0, 10.0
	for _, tt := range []struct {
		name string
		f    Field
		want string
	}{
		{"sample in the description", Field{JSON: "color", Type: String, MaxLength: 7, Description: "Display color such as `#ff8800`"}, `"#ff8800"`},
		{"sample too long", Field{JSON: "code", Type: String, MaxLength: 3, Description: "e.g. \"ABCD\""}, `"Exa"`},
		{"enum sample", Field{JSON: "size", Type: Enum, Enum: []string{"s", "m"}, Description: "for example 'm'"}, `"m"`},
		{"default", Field{JSON: "priority", Type: Enum, Enum: []string{"low", "medium"}, Default: &Default{Kind: DefaultLiteral, Value: "medium"}}, `"medium"`},
		{"bounded int", Field{JSON: "stars", Type: Int, Min: &ten, Max: &ten}, `10`},
		{"bounded float", Field{JSON: "ratio", Type: Float, Max: &one}, `1`},
		{"email", Field{JSON: "email", Type: String, Format: "email"}, `"alex@example.com"`},
		{"words of the name", Field{JSON: "dueNote", Type: Text}, `"Example due note"`},
		{"min length", Field{JSON: "pin", Type: String, MinLength: 12}, `"Example pinx"`},
		{"json", Field{JSON: "meta", Type: JSON}, `{"key":"value"}`},
	} {
		got, err := json.Marshal(tt.f.Example())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s: Example() = %s, want %s", tt.name, got, tt.want)
		}
	}
}
