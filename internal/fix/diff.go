package fix

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// context is the number of unchanged lines shown around a change, as diff -u.
const context = 3

// Diff renders the sorted edits on text as a unified diff of path (a/ and b/
// prefixes, as git writes them: `git apply` and `patch -p1` take it).
// Each hunk spans only the lines the edits touch plus context, so a large
// file with a few fixes costs no more than its edits.
func Diff(path string, text []byte, edits []rules.Edit) string {
	if len(edits) == 0 {
		return ""
	}
	starts := lineStarts(text)
	lineOf := func(off int) int { // 0-based line holding off
		lo, hi := 0, len(starts)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	nlines := len(starts)
	if len(text) > 0 && text[len(text)-1] == '\n' {
		nlines-- // the empty "line" after the final newline
	}
	lineEnd := func(l int) int { // offset after line l, its newline included
		if l+1 < len(starts) {
			return starts[l+1]
		}
		return len(text)
	}

	// Group edits into hunks whose changed lines are close enough that
	// their context would touch.
	type group struct {
		first, last int // 0-based lines touched
		edits       []rules.Edit
	}
	var groups []group
	for _, e := range edits {
		first, last := lineOf(e.Span.Start.Offset), lineOf(max(e.Span.End.Offset-1, e.Span.Start.Offset))
		if n := len(groups); n > 0 && first-groups[n-1].last <= 2*context+1 {
			g := &groups[n-1]
			g.last = max(g.last, last)
			g.edits = append(g.edits, e)
			continue
		}
		groups = append(groups, group{first: first, last: last, edits: []rules.Edit{e}})
	}

	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", path, path)
	delta := 0 // new lines minus old lines so far
	for _, g := range groups {
		from, to := starts[g.first], lineEnd(g.last)
		region := text[from:to]
		shifted := make([]rules.Edit, len(g.edits))
		for i, e := range g.edits {
			e.Span.Start.Offset -= from
			e.Span.End.Offset -= from
			shifted[i] = e
		}
		oldLines, newLines := splitLines(region), splitLines(Apply(region, shifted))
		before := max(0, g.first-context)
		after := min(nlines-1, g.last+context)
		var body strings.Builder
		oldN, newN := 0, 0
		for l := before; l < g.first; l++ {
			writeLine(&body, ' ', text[starts[l]:lineEnd(l)])
			oldN, newN = oldN+1, newN+1
		}
		for _, op := range lineDiff(oldLines, newLines) {
			writeLine(&body, op.kind, op.line)
			if op.kind != '+' {
				oldN++
			}
			if op.kind != '-' {
				newN++
			}
		}
		for l := g.last + 1; l <= after; l++ {
			writeLine(&body, ' ', text[starts[l]:lineEnd(l)])
			oldN, newN = oldN+1, newN+1
		}
		oldStart, newStart := before+1, before+1+delta
		if oldN == 0 {
			oldStart--
		}
		if newN == 0 {
			newStart--
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", oldStart, oldN, newStart, newN)
		b.WriteString(body.String())
		delta += newN - oldN
	}
	return b.String()
}

func writeLine(b *strings.Builder, kind byte, line []byte) {
	b.WriteByte(kind)
	b.Write(line)
	if !bytes.HasSuffix(line, []byte("\n")) {
		b.WriteString("\n\\ No newline at end of file\n")
	}
}

func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// splitLines splits text after each newline; the last line may lack one.
func splitLines(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			return append(out, text)
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

type lineOp struct {
	kind byte // ' ', '-' or '+'
	line []byte
}

// lineDiff is a longest-common-subsequence diff of two short line lists
// (the lines of one hunk).
func lineDiff(a, b [][]byte) []lineOp {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if bytes.Equal(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []lineOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && bytes.Equal(a[i], b[j]):
			ops = append(ops, lineOp{' ', a[i]})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, lineOp{'+', b[j]})
			j++
		default:
			ops = append(ops, lineOp{'-', a[i]})
			i++
		}
	}
	// Show removals before additions, as diff does.
	for k := 0; k+1 < len(ops); k++ {
		if ops[k].kind == '+' && ops[k+1].kind == '-' {
			ops[k], ops[k+1] = ops[k+1], ops[k]
			if k > 0 {
				k -= 2
			}
		}
	}
	return ops
}
