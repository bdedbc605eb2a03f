// Package fix applies the suggested fixes of findings to file texts: it
// picks, per file, the fixes that fit together, applies their edits and
// renders what they change as a unified diff. `lint --fix`, `--fix
// --dry-run` and the language server's code actions share it.
package fix

import (
	"sort"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// File is what a plan changes in one file.
type File struct {
	Edits []rules.Edit // sorted by offset, never overlapping
	Fixes int          // the findings they fix
}

// Plan returns, per file, the edits of the fixes that can be applied
// together, sorted by offset. Fixes are taken whole, in finding order; one
// that overlaps an edit already taken (or starts where one starts) waits
// for the next pass, after a re-lint. The same edit asked by two findings
// is made once. Suppressed findings are not fixed.
func Plan(fs []reported.Finding) map[string]*File {
	out := map[string]*File{}
	for _, f := range fs {
		if f.Fix == nil || len(f.Fix.Edits) == 0 || f.Suppressed != nil {
			continue
		}
		file := out[f.Path]
		if file == nil {
			file = &File{}
		}
		taken := file.Edits
		var add []rules.Edit
		fits := true
		for _, e := range f.Fix.Edits {
			if contains(taken, e) {
				continue
			}
			if conflicts(taken, e) || conflicts(add, e) {
				fits = false
				break
			}
			add = append(add, e)
		}
		if fits { // with nothing to add, the same edits of an earlier fix fix it too
			file.Edits = append(taken, add...)
			file.Fixes++
			out[f.Path] = file
		}
	}
	for _, file := range out {
		es := file.Edits
		sort.SliceStable(es, func(i, j int) bool { return es[i].Span.Start.Offset < es[j].Span.Start.Offset })
	}
	return out
}

func contains(es []rules.Edit, e rules.Edit) bool {
	for _, x := range es {
		if x.Span.Start.Offset == e.Span.Start.Offset && x.Span.End.Offset == e.Span.End.Offset && x.NewText == e.NewText {
			return true
		}
	}
	return false
}

// conflicts reports whether e overlaps one of es, or starts where one
// starts (two insertions at one place have no order).
func conflicts(es []rules.Edit, e rules.Edit) bool {
	a, b := e.Span.Start.Offset, e.Span.End.Offset
	for _, x := range es {
		xa, xb := x.Span.Start.Offset, x.Span.End.Offset
		if a == xa || (a < xb && xa < b) {
			return true
		}
	}
	return false
}

// Apply returns text with the sorted, non-overlapping edits made. It
// returns nil when an edit lies outside text.
func Apply(text []byte, edits []rules.Edit) []byte {
	out := make([]byte, 0, len(text))
	at := 0
	for _, e := range edits {
		from, to := e.Span.Start.Offset, e.Span.End.Offset
		if from < at || to < from || to > len(text) {
			return nil
		}
		out = append(out, text[at:from]...)
		out = append(out, e.NewText...)
		at = to
	}
	return append(out, text[at:]...)
}
