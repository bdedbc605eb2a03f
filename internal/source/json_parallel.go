package source

import (
	"bytes"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/rules"
)

// A big export is one long array of entities: the root array, or a member
// of the root object ("data" of a list, "items" of a bulk request). Building
// the model is most of the work of loading it, so the elements of such an
// array are built on several goroutines: the main parser reads the file
// with the sequential parser's code, and where one of those arrays opens it
// only reads the elements' raw text (ReadValue validates it, which is several
// times faster than building values) and hands runs of up to a megabyte to
// workers (jsonChunkSize). Each worker parses its runs with its
// own jsonParser, at the runs' absolute offsets and pointers, so the values
// and duplicate-key findings are those of the sequential parser; they are
// stitched back in document order. Anything unusual (a syntax error, a depth
// problem) abandons the attempt, and the sequential parser then makes the
// findings.

// parallelMinSize is the smallest input parsed in parallel (a variable, so
// that a test can lower it). Measured on 2 CPUs, the parallel parse is
// faster from 256 KB on; below 1 MB the gain is under 2 ms, not worth the
// extra work of the main parser's pass when other files load meanwhile.
var parallelMinSize = 1 << 20

const (
	maxParallelWorkers = 8
	// maxSplitArrays bounds the arrays split in one file: an envelope has a
	// few, and a root object of thousands of small arrays gains nothing.
	maxSplitArrays = 64
)

// jsonLoads counts the JSON loads in progress: they share the CPUs, so a
// load among several gets fewer workers, or none.
var jsonLoads atomic.Int32

// jsonWorkers returns how many workers parse an input of size bytes in
// parallel while loads loads are in progress (0: parse sequentially).
func jsonWorkers(size, loads int) int {
	n := min(runtime.GOMAXPROCS(0)/max(loads, 1), maxParallelWorkers)
	if n < 2 || size < parallelMinSize {
		return 0
	}
	return n
}

// jsonChunkSize returns the text handed to a worker at once: about a
// quarter of each worker's share, so that they finish together, but no
// more than 1 MB, and enough that handing it over is cheap.
func jsonChunkSize(size, workers int) int {
	return min(max(size/(4*max(workers, 1)), 64<<10), 1<<20)
}

// jsonSplit is the state of one parallel parse.
type jsonSplit struct {
	data      []byte
	maxDepth  int
	chunkSize int

	workers int // started on the first chunk: small arrays may have none
	started bool
	jobs    chan *jsonChunk
	wg      sync.WaitGroup
	failed  atomic.Bool // a worker met something unusual: parse sequentially

	arrays []*jsonSplitArray // in document order
	// offsets says whether the arrays note where their elements start (int32
	// offsets: the file is under 2 GiB), for jsonArrays.
	offsets bool
	index   *jsonArrays // set once the parse succeeded; nil: none to use
}

// jsonSplitArray stands in the model for a split array until its elements
// are built.
type jsonSplitArray struct {
	key    string // its member name; "" for the root array
	dupAt  int    // len(main parser's dups) when it was read: its elements' come there
	n      int    // number of elements
	chunks []*jsonChunk

	// For jsonArrays: where its text is, and whether it is the model's.
	keyOff     int     // offset of its member name; -1 for the root array
	start, end int     // from its '[' to just after its ']'
	starts     []int32 // where each element starts
	kept       bool    // it is in the model (no later member of its name replaced it)
}

// jsonChunk is a run of consecutive elements of one split array.
type jsonChunk struct {
	pointer    string // of the array
	depth      int    // containers open around the array
	first, n   int    // index of the first element, number of elements
	start, end int    // the elements' text, from the first's start to the last's end

	// Set by the worker.
	values []any
	dups   []jsonDup
}

// parseJSONParallel parses data with workers building the big arrays'
// elements. ok false means: parse sequentially.
func parseJSONParallel(name string, data []byte, maxDepth, workers, chunkSize int) (root any, dups []jsonDup, p *jsonParser, ok bool) {
	p = newJSONParser(name, data, maxDepth)
	p.split = newJSONSplit(p, workers, chunkSize)
	root, fail := p.parse()
	rootEnd := p.offset() // parse reads nothing after the root value
	root, dups, ok = p.split.finish(root, p.dups, fail == nil)
	if ok {
		p.split.index = p.split.table(skipJSONSpace(data, p.base), rootEnd, p.dups)
	}
	return root, dups, p, ok
}

func newJSONSplit(p *jsonParser, workers, chunkSize int) *jsonSplit {
	s := &jsonSplit{
		data:      p.data,
		maxDepth:  p.maxDepth,
		chunkSize: max(chunkSize, 1),
		workers:   workers,
		jobs:      make(chan *jsonChunk, 2*workers),
		offsets:   len(p.data) <= math.MaxInt32,
	}
	return s
}

// send hands a chunk to the workers.
func (s *jsonSplit) send(c *jsonChunk) {
	if !s.started {
		s.started = true
		for range s.workers {
			s.wg.Go(s.work)
		}
	}
	s.jobs <- c
}

// takes reports whether the array whose '[' p has just read is split: the
// root array or a member of the root object.
func (s *jsonSplit) takes(p *jsonParser) bool {
	n := len(p.stack)
	return (n == 0 || n == 1 && p.stack[0].object) && len(s.arrays) < maxSplitArrays
}

// array reads the elements of the array whose '[' p has just read, through
// its ']', and hands them to the workers in runs.
func (s *jsonSplit) array(p *jsonParser) (any, *rules.Finding) {
	a := &jsonSplitArray{dupAt: len(p.dups), keyOff: -1, start: p.offset() - 1}
	if len(p.stack) > 0 {
		m := p.members[len(p.members)-1]
		a.key, a.keyOff = m.key, m.keyOff
	}
	ptr, depth := p.pointer(), len(p.stack)
	var c *jsonChunk
	flush := func() {
		if c != nil {
			a.chunks = append(a.chunks, c)
			s.send(c)
			c = nil
		}
	}
	for index := 0; ; index++ {
		switch p.dec.PeekKind() {
		case ']':
			if _, err := p.dec.ReadToken(); err != nil {
				return nil, p.syntax(err)
			}
			flush()
			a.n, a.end = index, p.offset()
			s.arrays = append(s.arrays, a)
			return a, nil
		case 0, '}':
			_, err := p.dec.ReadToken() // PeekKind hides the error
			return nil, p.syntax(err)
		}
		raw, err := p.dec.ReadValue()
		if err != nil {
			return nil, p.syntax(err)
		}
		end := p.offset()
		start := end - len(raw)
		if s.offsets {
			a.starts = append(a.starts, int32(start))
		}
		if c != nil && len(raw) >= s.chunkSize {
			flush() // a big element goes alone, and is then parsed in place
		}
		if c == nil {
			if s.failed.Load() {
				return nil, errSplitAbandoned
			}
			c = &jsonChunk{pointer: ptr, depth: depth, first: index, start: start}
		}
		c.end = end
		c.n++
		if c.end-c.start >= s.chunkSize {
			flush()
		}
	}
}

// work builds the elements of chunks until there are none left.
func (s *jsonSplit) work() {
	defer func() {
		// A panic here would escape the caller's recover: give up instead,
		// and the sequential parse does what it always did. Keep draining,
		// so that the main parser never waits on a full channel.
		if recover() != nil {
			s.failed.Store(true)
			for range s.jobs {
			}
		}
	}()
	p := &jsonParser{
		data: s.data,
		dec:  jsontext.NewDecoder(bytes.NewBuffer(nil)),
		keys: make(map[string]string),
		strs: make(map[string]any),
		nums: make(map[string]any),
	}
	var scratch []byte
	for c := range s.jobs {
		if s.failed.Load() {
			continue // drain: the result is discarded
		}
		if !s.build(p, &scratch, c) {
			s.failed.Store(true)
		}
	}
}

// build parses the elements of c with p. A run of several elements is
// parsed as one array (a copy of the text in brackets); a single element in
// place. The parser's offsets, pointers and depth limit are shifted to
// those of the whole file.
func (s *jsonSplit) build(p *jsonParser, scratch *[]byte, c *jsonChunk) bool {
	if c.n == 1 {
		p.dec.Reset(bytes.NewBuffer(s.data[c.start:c.end]), jsontext.AllowDuplicateNames(true))
		p.base = c.start
		p.ptrBase, p.indexBase = rules.PointerJoin(c.pointer, c.first), 0
		p.maxDepth = s.maxDepth - c.depth - 1 // the array and what holds it
		v, fail := p.value()
		if fail != nil {
			return false
		}
		c.values = []any{v}
	} else {
		buf := append((*scratch)[:0], '[')
		buf = append(buf, s.data[c.start:c.end]...)
		buf = append(buf, ']')
		*scratch = buf
		p.dec.Reset(bytes.NewBuffer(buf), jsontext.AllowDuplicateNames(true))
		p.base = c.start - 1 // the '[' stands just before the first element
		p.ptrBase, p.indexBase = c.pointer, c.first
		p.maxDepth = s.maxDepth - c.depth // the brackets stand for the array
		v, fail := p.value()
		arr, ok := v.([]any)
		if fail != nil || !ok || len(arr) != c.n {
			return false
		}
		c.values = arr
	}
	c.dups, p.dups = p.dups, nil
	return true
}

// finish waits for the workers and, when the main parser succeeded (ok),
// puts the split arrays' elements into root and the workers' duplicate
// keys among the main parser's dups, in the sequential parser's order.
// ok false on return means: parse sequentially.
func (s *jsonSplit) finish(root any, dups []jsonDup, ok bool) (any, []jsonDup, bool) {
	if !ok {
		s.failed.Store(true) // workers skip what is left
	}
	close(s.jobs)
	s.wg.Wait()
	if s.failed.Load() {
		return nil, nil, false
	}
	if len(s.arrays) == 0 {
		return root, dups, true
	}
	var all []jsonDup
	from := 0
	for _, a := range s.arrays {
		all = append(all, dups[from:a.dupAt]...)
		from = a.dupAt
		for _, c := range a.chunks {
			all = append(all, c.dups...)
		}
	}
	all = append(all, dups[from:]...)

	switch r := root.(type) {
	case *jsonSplitArray:
		r.kept = true
		root = r.elements()
	case map[string]any:
		for _, a := range s.arrays {
			// A later member of the same name replaced it: the last wins.
			if v, ok := r[a.key].(*jsonSplitArray); ok && v == a {
				a.kept = true
				r[a.key] = a.elements()
			}
		}
	}
	return root, all, true
}

// elements joins the chunks' values into the array's value.
func (a *jsonSplitArray) elements() []any {
	out := make([]any, a.n)
	i := 0
	for _, c := range a.chunks {
		i += copy(out[i:], c.values)
	}
	return out
}

// errSplitAbandoned stops the main parser of a parallel parse early; the
// sequential parse that follows makes the real finding.
var errSplitAbandoned = &rules.Finding{RuleID: rules.IDSyntax, Message: "parallel parse abandoned"}

// jsonArrays locates the elements of the arrays a parallel load split, so
// that Resolve decodes only the elements its pointers lead into instead of
// the whole file. It costs 4 bytes per element.
type jsonArrays struct {
	rootStart, rootEnd int                        // the root value's text
	root               *jsonArrayIndex            // the root array, or nil
	members            map[string]*jsonArrayIndex // arrays among the root object's members, by name
}

// jsonArrayIndex is the text of one split array.
type jsonArrayIndex struct {
	keyStart, keyEnd int     // its member name (unused for the root array)
	start, end       int     // from its '[' to just after its ']'
	elems            []int32 // where each element starts
}

// table returns the split arrays' jsonArrays, or nil when there is none;
// rootStart and rootEnd locate the root value and dups are the main
// parser's duplicate keys. An array whose member name the root object holds
// more than once is left out: Resolve's full pass looks into every
// occurrence, and a pointer only the earlier one holds resolves there, which
// the elements of the last one cannot tell.
func (s *jsonSplit) table(rootStart, rootEnd int, dups []jsonDup) *jsonArrays {
	if !s.offsets || len(s.arrays) == 0 {
		return nil
	}
	t := &jsonArrays{rootStart: rootStart, rootEnd: rootEnd}
	for _, a := range s.arrays {
		if !a.kept {
			continue
		}
		x := &jsonArrayIndex{keyStart: a.keyOff, start: a.start, end: a.end, elems: a.starts}
		if a.keyOff < 0 {
			t.root = x
			continue
		}
		x.keyEnd = jsonStringEnd(s.data, a.keyOff)
		if t.members == nil {
			t.members = make(map[string]*jsonArrayIndex)
		}
		t.members[a.key] = x
	}
	for _, d := range dups {
		if t.members[d.key] != nil && d.pointer == rules.PointerJoin("", d.key) {
			delete(t.members, d.key) // a duplicate among the root object's members
		}
	}
	if t.root == nil && len(t.members) == 0 {
		return nil
	}
	return t
}
