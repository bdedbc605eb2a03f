package engine

import (
	"sort"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// resolveSpans fills the spans of findings (and their related locations) that
// rules reported by pointer, asking each document's source map once for all
// the pointers it needs.
func resolveSpans(fs []reported.Finding, docs map[string]*rules.Document, budget *workers.Budget) {
	want := map[string]map[string]bool{}
	need := func(path, ptr string) {
		if docs[path] == nil {
			return
		}
		if want[path] == nil {
			want[path] = map[string]bool{}
		}
		// Ancestors too: a pointer that does not resolve falls back to the
		// nearest enclosing value rather than losing its position.
		for {
			want[path][ptr] = true
			if ptr == "" {
				break
			}
			ptr = rules.ParentPointer(ptr)
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.Span.IsZero() {
			need(f.Path, f.Pointer)
		}
		for j := range f.Related {
			r := &f.Related[j]
			if r.Path == "" {
				r.Path = f.Path
			}
			if r.Span.IsZero() {
				need(r.Path, r.Pointer)
			}
		}
	}
	paths := make([]string, 0, len(want))
	for p := range want {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	places := make([]map[string]rules.Place, len(paths))
	budget.Each(len(paths), func(i int) {
		doc := docs[paths[i]]
		if doc.Source == nil {
			return
		}
		ptrs := make([]string, 0, len(want[paths[i]]))
		for p := range want[paths[i]] {
			ptrs = append(ptrs, p)
		}
		sort.Strings(ptrs)
		places[i] = doc.Source.Resolve(ptrs)
	})
	byPath := make(map[string]map[string]rules.Place, len(paths))
	for i, p := range paths {
		byPath[p] = places[i]
	}
	pick := func(path, ptr string, t rules.Target) rules.Span {
		for {
			pl, ok := byPath[path][ptr]
			if ok {
				if t == rules.TargetKey && !pl.Key.IsZero() {
					return pl.Key
				}
				return pl.Value
			}
			if ptr == "" {
				return rules.Span{}
			}
			ptr, t = rules.ParentPointer(ptr), rules.TargetValue
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.Span.IsZero() {
			f.Span = pick(f.Path, f.Pointer, f.Target)
		}
		for j := range f.Related {
			r := &f.Related[j]
			if r.Span.IsZero() {
				r.Span = pick(r.Path, r.Pointer, r.Target)
			}
		}
	}
}
