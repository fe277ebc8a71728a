package outfs

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/crudgen/crudgen/internal/golden"
)

// TestUnifiedGolden diffs the "old" and "new" sections of each
// testdata/diff/*.txtar and compares with its "diff" section. The goldens were
// first produced by GNU diff -u, so they pin the exact format.
func TestUnifiedGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/diff/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/diff/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string][]byte{}
			for _, f := range ar.Files {
				sec[f.Name] = f.Data
			}
			got := Unified("a/x.go", "b/x.go", sec["old"], sec["new"])
			if golden.Update() {
				for i := range ar.Files {
					if ar.Files[i].Name == "diff" {
						ar.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(sec["diff"]), got); diff != "" {
				t.Errorf("Unified mismatch (-want +got):\n%s", diff)
			}
			checkApplies(t, sec["old"], sec["new"], got)
		})
	}
}

func TestUnifiedEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"created", "", "a\nb\n", "--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"emptied", "a\nb\n", "", "--- a/x\n+++ b/x\n@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"no newline added", "a\nb", "a\nb\n", "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"no newline both", "a\nb", "a\nc", "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("a/x", "b/x", []byte(tc.old), []byte(tc.new))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkApplies(t, []byte(tc.old), []byte(tc.new), got)
		})
	}
}

// TestUnifiedRandom checks, on random line edits, that the diff applies back
// to the new text and that it is minimal (as many changed lines as the longest
// common subsequence allows).
func TestUnifiedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		old := randomLines(r, r.IntN(40))
		newLines := mutate(r, old)
		a, b := strings.Join(old, ""), strings.Join(newLines, "")
		got := Unified("a/x", "b/x", []byte(a), []byte(b))
		if !checkApplies(t, []byte(a), []byte(b), got) {
			t.Fatalf("case %d: old %q new %q diff:\n%s", i, a, b, got)
		}
		changed := 0
		for _, l := range strings.Split(got, "\n") {
			if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
				changed++
			}
		}
		if want := len(old) + len(newLines) - 2*lcs(old, newLines); changed != want {
			t.Fatalf("case %d: %d changed lines, minimal is %d; old %q new %q diff:\n%s", i, changed, want, a, b, got)
		}
	}
}

func TestUnifiedFallbackOnHugeDiffs(t *testing.T) {
	var a, b strings.Builder
	for i := range 2*maxEditDistance + 10 {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	got := Unified("a/x", "b/x", []byte(a.String()), []byte(b.String()))
	checkApplies(t, []byte(a.String()), []byte(b.String()), got)
}

func randomLines(r *rand.Rand, n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = string(rune('a'+r.IntN(5))) + "\n"
	}
	return lines
}

func mutate(r *rand.Rand, in []string) []string {
	out := append([]string(nil), in...)
	for range r.IntN(6) {
		switch p := r.IntN(len(out) + 1); r.IntN(3) {
		case 0:
			out = append(out[:p], append([]string{string(rune('a'+r.IntN(7))) + "\n"}, out[p:]...)...)
		case 1:
			if p < len(out) {
				out = append(out[:p], out[p+1:]...)
			}
		case 2:
			if p < len(out) {
				out[p] = "z\n"
			}
		}
	}
	return out
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

var hunkRe = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// checkApplies applies diff to old the way patch(1) would, strictly (context
// must match, hunk counts must be right), and reports whether it yields new.
func checkApplies(t *testing.T, old, new []byte, diff string) bool {
	t.Helper()
	if diff == "" {
		if string(old) != string(new) {
			t.Errorf("empty diff for different texts")
			return false
		}
		return true
	}
	src := splitLines(string(old))
	lines := strings.SplitAfter(diff, "\n")
	if !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Errorf("diff does not start with ---/+++ lines:\n%s", diff)
		return false
	}
	var out []string
	pos := 0 // next unread line of src
	atoi := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	for i := 2; i < len(lines) && lines[i] != ""; {
		m := hunkRe.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
		if m == nil {
			t.Errorf("bad hunk header %q", lines[i])
			return false
		}
		oldStart, oldCount := atoi(m[1], 0), atoi(m[2], 1)
		newCount := atoi(m[4], 1)
		first := oldStart - 1
		if oldCount == 0 {
			first = oldStart
		}
		if first < pos {
			t.Errorf("hunk %q overlaps the previous one", lines[i])
			return false
		}
		out = append(out, src[pos:first]...)
		pos = first
		i++
		gotOld, gotNew := 0, 0
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			text := l[1:]
			if i < len(lines) && strings.HasPrefix(lines[i], `\ No newline`) {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(src) || src[pos] != text {
					t.Errorf("context/removed line %q does not match old line %d", text, pos+1)
					return false
				}
				pos++
				gotOld++
				if l[0] == ' ' {
					out = append(out, text)
					gotNew++
				}
			case '+':
				out = append(out, text)
				gotNew++
			default:
				t.Errorf("bad diff line %q", l)
				return false
			}
		}
		if gotOld != oldCount || gotNew != newCount {
			t.Errorf("hunk %s counts -%d +%d, body has -%d +%d", m[0], oldCount, newCount, gotOld, gotNew)
			return false
		}
	}
	out = append(out, src[pos:]...)
	if got := strings.Join(out, ""); got != string(new) {
		t.Errorf("patched text differs (-want +got):\n%s", cmp.Diff(string(new), got))
		return false
	}
	return true
}

// FuzzUnified checks that any diff applies back exactly.
func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("", "x")
	f.Add("x\ny", "x\ny\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		if len(old)+len(new) > 1<<12 {
			return
		}
		checkApplies(t, []byte(old), []byte(new), Unified("a/x", "b/x", []byte(old), []byte(new)))
	})
}
