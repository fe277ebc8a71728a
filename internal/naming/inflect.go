package naming

import "strings"

// irregular maps singular to plural for words English does not inflect by rule.
var irregular = map[string]string{
	"person": "people", "child": "children", "man": "men", "woman": "women",
	"mouse": "mice", "goose": "geese", "tooth": "teeth", "foot": "feet",
	"analysis": "analyses", "basis": "bases", "crisis": "crises", "thesis": "theses",
	"diagnosis": "diagnoses", "axis": "axes", "ox": "oxen", "leaf": "leaves",
	"knife": "knives", "life": "lives", "wife": "wives", "half": "halves",
	"shelf": "shelves", "wolf": "wolves", "thief": "thieves", "calf": "calves",
	"alias": "aliases", "quiz": "quizzes", "criterion": "criteria",
	"phenomenon": "phenomena", "index": "indexes", "matrix": "matrices",
	"vertex": "vertices", "appendix": "appendices", "die": "dice",
	"movie": "movies", "cookie": "cookies", "pie": "pies", "tie": "ties",
	"zombie": "zombies", "rookie": "rookies", "calorie": "calories",
	"selfie": "selfies", "hoodie": "hoodies", "species": "species",
	"series": "series", "status": "statuses", "bus": "buses", "bonus": "bonuses",
	"campus": "campuses", "virus": "viruses", "census": "censuses",
	"corpus": "corpora", "focus": "foci", "genus": "genera", "radius": "radii",
	"syllabus": "syllabi", "cactus": "cacti", "nucleus": "nuclei", "stimulus": "stimuli",
	"octopus": "octopuses", "surplus": "surpluses", "plus": "pluses",
	"canvas": "canvases", "gas": "gases", "lens": "lenses", "atlas": "atlases",
	"datum": "data", "medium": "media", "curriculum": "curricula",
}

// pluralToSingular is irregular inverted, built once.
var pluralToSingular = func() map[string]string {
	m := make(map[string]string, len(irregular))
	for s, p := range irregular {
		m[p] = s
	}
	// "data" and "media" are used as singular mass nouns in schemas.
	delete(m, "data")
	delete(m, "media")
	return m
}()

// uncountable words have the same singular and plural.
var uncountable = WordSet(`
	data media metadata information equipment news feedback sms analytics software hardware
	staff inventory money rice sheep fish deer aircraft audio series species progress access
	auth
`)

// Singular returns the singular of the last word of a snake_case, kebab-case or
// camelCase name, keeping the rest: "categories" -> "category",
// "task_tags" -> "task_tag", "people" -> "person", "statuses" -> "status".
func Singular(s string) string { return inflectLast(s, singularWord) }

// Plural returns the plural of the last word of a name: "category" ->
// "categories", "task_tag" -> "task_tags", "person" -> "people".
func Plural(s string) string { return inflectLast(s, pluralWord) }

// inflectLast applies f to the trailing run of letters of s, keeping its case
// when the word was capitalised or all upper case.
func inflectLast(s string, f func(string) string) string {
	end := len(s)
	start := end
	for start > 0 {
		c := s[start-1]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			break
		}
		// Stop at a camelCase boundary: the last word starts at the upper-case letter.
		start--
		if c >= 'A' && c <= 'Z' && start > 0 {
			p := s[start-1]
			if p >= 'a' && p <= 'z' {
				break
			}
		}
	}
	w := s[start:end]
	if w == "" {
		return s
	}
	lw := strings.ToLower(w)
	out := f(lw)
	switch {
	case w == strings.ToUpper(w) && len(w) > 1:
		out = strings.ToUpper(out)
	case w[0] >= 'A' && w[0] <= 'Z':
		out = strings.ToUpper(out[:1]) + out[1:]
	}
	return s[:start] + out
}

// known returns the form of w that the word tables decide: w itself when it
// is uncountable or a key of already (it has the wanted form), or its entry
// in to. It reports false for a word the tables do not know.
func known(w string, to, already map[string]string) (string, bool) {
	if uncountable[w] {
		return w, true
	}
	if s, ok := to[w]; ok {
		return s, true
	}
	if _, ok := already[w]; ok {
		return w, true
	}
	return "", false
}

func singularWord(w string) string {
	if s, ok := known(w, pluralToSingular, irregular); ok {
		return s
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

func pluralWord(w string) string {
	if p, ok := known(w, irregular, pluralToSingular); ok {
		return p
	}
	switch {
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

// IsPlural reports whether the last word of s looks plural, that is whether
// making it singular changes it.
func IsPlural(s string) bool { return Singular(s) != s }
