package engine

import (
	"sort"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// positions resolves the spans of the findings the per-file cap can keep.
// In a file with more findings than the cap, only the first max+1 in
// sorted order are needed (the last one places the "N more" note), and
// sorted order starts with the position. Positions come from pointers, and
// every position inside an entity lies at or after the entity's start, so
// the entities holding findings are ordered by their start and positioned
// one after another until max+1 positioned findings lie strictly before the
// next entity's start: no finding left out can sort before them. The
// findings left out are dropped here, never positioned, fingerprinted or
// formatted; the cap counts them (Processing.overflow).
type positions struct{ max int }

func (p positions) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	max := p.max
	if max <= 0 {
		max = DefaultMaxFindings
	}
	byPath := map[string][]int{}
	var paths []string
	for i := range fs {
		if byPath[fs[i].Path] == nil {
			paths = append(paths, fs[i].Path)
		}
		byPath[fs[i].Path] = append(byPath[fs[i].Path], i)
	}
	drop := make([]bool, len(fs))
	for _, path := range paths {
		idx := byPath[path]
		doc := run.sources[path]
		if len(idx) <= max || doc == nil || doc.Source == nil || len(doc.Entities) == 0 {
			continue
		}
		for _, i := range firstInOrder(fs, idx, doc, run, max+1) {
			drop[i] = true
		}
	}
	out := fs[:0]
	for i := range fs {
		if !drop[i] {
			out = append(out, fs[i])
			continue
		}
		run.overflow[fs[i].Path]++
		run.countCapped(fs[i])
	}
	resolveSpans(out, run.sources, run.budget)
	return out
}

// unit is a group of one file's findings that sort after a known start: the
// findings inside one entity (start: the entity's), or one finding already
// positioned or outside every entity (start: its own, once resolved).
type unit struct {
	start    rules.Position
	findings []int
	entity   bool // the findings are not positioned yet
}

// firstInOrder positions, among the findings idx of one document, enough
// of them that the first need in sorted order are among the positioned
// ones, and returns the others (left unpositioned).
func firstInOrder(fs []reported.Finding, idx []int, doc *rules.Document, run *Processing, need int) []int {
	entityAt := make(map[string]int, len(doc.Entities))
	for i, e := range doc.Entities {
		entityAt[e.Pointer] = i
	}
	inEntity := map[int][]int{} // entity index → findings
	var entities []int          // in order of their first finding
	var loose []int             // positioned already, or outside every entity
	for _, i := range idx {
		e, ok := -1, false
		if fs[i].Span.IsZero() {
			e, ok = enclosing(entityAt, fs[i].Pointer)
		}
		if !ok {
			loose = append(loose, i)
			continue
		}
		if inEntity[e] == nil {
			entities = append(entities, e)
		}
		inEntity[e] = append(inEntity[e], i)
	}

	// One pass places the loose findings and the start of every entity
	// (its key span's or its value's, whichever comes first).
	probe := make([]reported.Finding, 0, len(loose)+2*len(entities))
	for _, i := range loose {
		probe = append(probe, fs[i])
	}
	for _, e := range entities {
		ptr := doc.Entities[e].Pointer
		probe = append(probe, reported.Finding{Finding: rules.Finding{Path: doc.Path, Pointer: ptr, Target: rules.TargetKey}},
			reported.Finding{Finding: rules.Finding{Path: doc.Path, Pointer: ptr, Target: rules.TargetValue}})
	}
	resolveSpans(probe, run.sources, workers.New(1))
	units := make([]unit, 0, len(loose)+len(entities))
	for k, i := range loose {
		fs[i].Span = probe[k].Span
		units = append(units, unit{start: probe[k].Span.Start, findings: []int{i}})
	}
	for k, e := range entities {
		key, val := probe[len(loose)+2*k].Span, probe[len(loose)+2*k+1].Span
		start := val.Start
		if before(key.Start, start) {
			start = key.Start
		}
		if val.IsZero() { // never expected: position its findings first
			start = rules.Position{}
		}
		units = append(units, unit{start: start, findings: inEntity[e], entity: true})
	}
	sort.SliceStable(units, func(a, b int) bool { return before(units[a].start, units[b].start) })

	// Take units in order of their start until need positioned findings
	// lie strictly before the start of the first unit not taken.
	taken, counted := 0, 0
	for taken < len(units) {
		for taken < len(units) && counted < need {
			u := units[taken]
			if u.entity {
				positionFindings(fs, u.findings, run)
			}
			counted += len(u.findings)
			taken++
		}
		if taken == len(units) {
			break
		}
		next, ahead := units[taken].start, 0
		for _, u := range units[:taken] {
			for _, i := range u.findings {
				if before(fs[i].Span.Start, next) {
					ahead++
				}
			}
		}
		if ahead >= need {
			break
		}
		counted = ahead // take at least one more unit
	}
	var left []int
	for _, u := range units[taken:] {
		left = append(left, u.findings...)
	}
	return left
}

// positionFindings resolves the spans of the findings idx of fs.
func positionFindings(fs []reported.Finding, idx []int, run *Processing) {
	sub := make([]reported.Finding, len(idx))
	for k, i := range idx {
		sub[k] = fs[i]
	}
	resolveSpans(sub, run.sources, workers.New(1))
	for k, i := range idx {
		fs[i] = sub[k]
	}
}

// enclosing returns the innermost entity whose pointer is ptr or an
// ancestor of it.
func enclosing(entityAt map[string]int, ptr string) (int, bool) {
	for {
		if e, ok := entityAt[ptr]; ok {
			return e, true
		}
		if ptr == "" {
			return 0, false
		}
		ptr = rules.ParentPointer(ptr)
	}
}

// before reports whether a sorts before b: by line, then column.
func before(a, b rules.Position) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}
