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
		if len(idx) <= max || doc == nil || doc.Source == nil {
			continue
		}
		if _, entities := doc.PointerOf(0); !entities {
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
	entity   bool   // the findings are not positioned yet
	at       string // the entity's pointer
}

// firstInOrder positions, among the findings idx of one document, enough
// of them that the first need in sorted order are among the positioned
// ones, and returns the others (left unpositioned).
func firstInOrder(fs []reported.Finding, idx []int, doc *rules.Document, run *Processing, need int) []int {
	entityOf := entityLookup(doc)
	inEntity := map[int][]int{} // entity index → findings
	var entities []int          // in order of their first finding
	var loose []int             // positioned already, or outside every entity
	for _, i := range idx {
		e, ok := -1, false
		if fs[i].Span.IsZero() {
			e, ok = entityOf(fs[i].Pointer)
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

	// Loose findings are placed in one pass; entities by their start (its
	// key span's or its value's, whichever comes first), only as far as
	// the walk below needs when they are the elements of one array (whose
	// order in the text is their index order), else all at once.
	probe := make([]reported.Finding, len(loose))
	for k, i := range loose {
		probe[k] = fs[i]
	}
	resolveSpans(probe, run.sources, workers.New(1))
	q := &unitQueue{}
	for k, i := range loose {
		fs[i].Span = probe[k].Span
		q.loose = append(q.loose, unit{start: probe[k].Span.Start, findings: []int{i}})
	}
	sort.SliceStable(q.loose, func(a, b int) bool { return before(q.loose[a].start, q.loose[b].start) })
	ordered := inOneArray(doc, entities)
	for _, e := range entities {
		at, _ := doc.PointerOf(e)
		q.entities = append(q.entities, unit{findings: inEntity[e], entity: true, at: at})
	}
	q.place = func(us []unit) { placeEntities(us, doc.Path, run) }
	if !ordered {
		q.place(q.entities)
		q.placed = len(q.entities)
		sort.SliceStable(q.entities, func(a, b int) bool { return before(q.entities[a].start, q.entities[b].start) })
	}

	// Take units in order of their start until need positioned findings
	// lie strictly before the start of the first unit not taken.
	var taken []unit
	counted := 0
	for {
		for counted < need {
			u, ok := q.pop()
			if !ok {
				break
			}
			if u.entity {
				positionFindings(fs, u.findings, run)
			}
			counted += len(u.findings)
			taken = append(taken, u)
		}
		next, ok := q.peek()
		if !ok {
			return nil
		}
		ahead := 0
		for _, u := range taken {
			for _, i := range u.findings {
				if before(fs[i].Span.Start, next.start) {
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
	for _, us := range [][]unit{q.loose, q.entities} {
		for _, u := range us {
			left = append(left, u.findings...)
		}
	}
	return left
}

// unitQueue yields units in order of their start: loose ones sorted, and
// entities in text order whose starts are placed a chunk at a time.
type unitQueue struct {
	loose    []unit
	entities []unit
	placed   int // entities[:placed] have their start
	chunk    int
	place    func([]unit)
}

func (q *unitQueue) peek() (unit, bool) {
	u, _, ok := q.first()
	return u, ok
}

func (q *unitQueue) pop() (unit, bool) {
	u, fromLoose, ok := q.first()
	switch {
	case !ok:
	case fromLoose:
		q.loose = q.loose[1:]
	default:
		q.entities, q.placed = q.entities[1:], q.placed-1
	}
	return u, ok
}

func (q *unitQueue) first() (u unit, fromLoose, ok bool) {
	if len(q.entities) > 0 && q.placed == 0 {
		q.chunk = max(2*q.chunk, 64) // few calls, and at most twice the entities needed
		n := min(q.chunk, len(q.entities))
		q.place(q.entities[:n])
		q.placed = n
	}
	switch {
	case len(q.loose) == 0 && len(q.entities) == 0:
		return unit{}, false, false
	case len(q.entities) == 0 || (len(q.loose) > 0 && before(q.loose[0].start, q.entities[0].start)):
		return q.loose[0], true, true
	}
	return q.entities[0], false, true
}

// placeEntities sets the start of each entity unit.
func placeEntities(us []unit, path string, run *Processing) {
	probe := make([]reported.Finding, 0, 2*len(us))
	for _, u := range us {
		probe = append(probe, reported.Finding{Finding: rules.Finding{Path: path, Pointer: u.at, Target: rules.TargetKey}},
			reported.Finding{Finding: rules.Finding{Path: path, Pointer: u.at, Target: rules.TargetValue}})
	}
	resolveSpans(probe, run.sources, workers.New(1))
	for k := range us {
		key, val := probe[2*k].Span, probe[2*k+1].Span
		us[k].start = val.Start
		if before(key.Start, val.Start) {
			us[k].start = key.Start
		}
		if val.IsZero() { // never expected: position its findings first
			us[k].start = rules.Position{}
		}
	}
}

// inOneArray reports whether the entities are elements of one array, and
// sorts them by index (their order in the text) when they are.
func inOneArray(doc *rules.Document, entities []int) bool {
	index := make(map[int]int, len(entities))
	array := ""
	for k, e := range entities {
		at, _ := doc.PointerOf(e)
		a, i, ok := rules.ElementIndex(at)
		if !ok || (k > 0 && a != array) {
			return false
		}
		array, index[e] = a, i
	}
	sort.SliceStable(entities, func(a, b int) bool { return index[entities[a]] < index[entities[b]] })
	return true
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

// entityLookup returns a function that finds the innermost entity of doc
// whose pointer is a given pointer or an ancestor of it (enclosing). When
// the entities are consecutive elements of one array (a big file's, or a
// window's of one), it parses the index: a map of every entity's pointer
// would cost more than the findings looked up in it. A big file's facts
// may list no Entities at all; their source knows each entity's pointer
// (rules.Document.PointerOf).
func entityLookup(doc *rules.Document) func(ptr string) (int, bool) {
	first, ok := doc.PointerOf(0)
	if !ok {
		return func(string) (int, bool) { return 0, false }
	}
	arr, base, ok := rules.ElementIndex(first)
	es := doc.Entities
	for k := 1; ok && k < len(es); k++ {
		a, i, isElem := rules.ElementIndex(es[k].Pointer)
		ok = isElem && a == arr && i == base+k
	}
	if !ok {
		entityAt := make(map[string]int, len(es))
		for i, e := range es {
			entityAt[e.Pointer] = i
		}
		return func(ptr string) (int, bool) { return enclosing(entityAt, ptr) }
	}
	return func(ptr string) (int, bool) {
		i, ok := rules.ElementOf(ptr, arr)
		if !ok || i < base {
			return 0, false
		}
		if _, ok := doc.PointerOf(i - base); !ok {
			return 0, false
		}
		return i - base, true
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
