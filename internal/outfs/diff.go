package outfs

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around each change.
const context = 3

// maxEditDistance bounds the Myers search (memory grows with its square);
// beyond it the differing middle is shown as removed and re-added whole,
// which is still a correct diff.
const maxEditDistance = 2000

type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

type op struct {
	kind opKind
	line string // with its "\n", if it had one
}

// Unified returns a unified diff (diff -u, as git and patch read it) from old to
// new with three lines of context, or "" when they are equal. oldName and
// newName go on the ---/+++ lines, e.g. "a/x.go" and "b/x.go", or "/dev/null"
// for a created or removed file.
func Unified(oldName, newName string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	ops := diffLines(splitLines(string(old)), splitLines(string(new)))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	// Walk the ops, cutting hunks around runs of changes.
	oldLine, newLine := 1, 1 // line numbers of ops[i]
	i := 0
	for i < len(ops) {
		// Find the next change.
		j := i
		for j < len(ops) && ops[j].kind == opEqual {
			j++
		}
		if j == len(ops) {
			break
		}
		skip := max(0, j-i-context)
		for _, o := range ops[i : i+skip] {
			advance(o, &oldLine, &newLine)
		}
		start := i + skip
		// Extend the hunk while the gap between changes is small.
		end := j
		for {
			for end < len(ops) && ops[end].kind != opEqual {
				end++
			}
			gap := end
			for gap < len(ops) && ops[gap].kind == opEqual {
				gap++
			}
			if gap < len(ops) && gap-end <= 2*context {
				end = gap
				continue
			}
			end = min(end+context, len(ops))
			break
		}
		hunkOld, hunkNew := oldLine, newLine
		nOld, nNew := 0, 0
		var body strings.Builder
		for _, o := range ops[start:end] {
			if o.kind != opInsert {
				nOld++
			}
			if o.kind != opDelete {
				nNew++
			}
			body.WriteByte(byte(o.kind))
			body.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
			advance(o, &oldLine, &newLine)
		}
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(hunkOld, nOld), hunkRange(hunkNew, nNew))
		b.WriteString(body.String())
		i = end
	}
	return b.String()
}

func advance(o op, oldLine, newLine *int) {
	if o.kind != opInsert {
		*oldLine++
	}
	if o.kind != opDelete {
		*newLine++
	}
}

// hunkRange formats one side of a hunk header as GNU diff does: "start,count",
// "start" alone when count is 1, and the line before the hunk when count is 0.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// splitLines splits s after each "\n"; the last line may lack one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns a shortest edit script from a to b (Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986), after trimming the common
// prefix and suffix.
func diffLines(a, b []string) []op {
	var pre, suf int
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]op, 0, len(a)+len(b))
	for _, l := range a[:pre] {
		ops = append(ops, op{opEqual, l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{opEqual, l})
	}
	return ops
}

func myers(a, b []string) []op {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return replaceAll(a, b)
	}
	maxD := min(n+m, maxEditDistance)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	// trace[d] holds v[k] for k in [-d-1, d+1] as it was before step d.
	var trace [][]int
	found := false
	for d := 0; d <= maxD && !found; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if !found {
		return replaceAll(a, b)
	}
	// Backtrack from (n, m), collecting ops in reverse.
	rev := make([]op, 0, n+m)
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		tv := trace[d]
		at := func(k int) int { return tv[k+d+1] }
		k := x - y
		var prevK int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, op{opEqual, a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, op{opInsert, b[y-1]})
			} else {
				rev = append(rev, op{opDelete, a[x-1]})
			}
			x, y = prevX, prevY
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func replaceAll(a, b []string) []op {
	ops := make([]op, 0, len(a)+len(b))
	for _, l := range a {
		ops = append(ops, op{opDelete, l})
	}
	for _, l := range b {
		ops = append(ops, op{opInsert, l})
	}
	return ops
}

// Diff returns the unified diff of every differing file in the plan, in path
// order. name maps a plan path to the path shown after "a/" and "b/" (for
// example relative to the current directory); nil shows plan paths as they are.
func (p *Plan) Diff(name func(string) string) string {
	if name == nil {
		name = func(s string) string { return s }
	}
	var b strings.Builder
	for _, c := range p.Differing() {
		oldName, newName := "a/"+name(c.Path), "b/"+name(c.Path)
		switch c.Action {
		case Create:
			oldName = "/dev/null"
		case Stale:
			newName = "/dev/null"
		}
		b.WriteString(Unified(oldName, newName, c.Old, c.New))
	}
	return b.String()
}
