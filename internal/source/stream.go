package source

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Stream is a big JSON list (a root array of entities, or an envelope whose
// "data" member is one) read a window of entities at a time: the engine
// checks each window as a document of its own, so a file's memory is a
// window's tree plus what outlives it, not the whole file's tree.
//
// OpenStream only finds where the elements are (a scan of strings and
// brackets) and parses the envelope around them; each window's elements
// are parsed by the same parser as a whole load. Anything a whole load
// would report (a syntax error, a duplicate key, nesting past the limit)
// makes OpenStream or Window fail: the caller then loads the file whole,
// and the findings are the whole load's.
type Stream struct {
	name  string
	data  []byte
	kind  rules.Kind
	shape rules.Shape
	lines *lineIndex

	skeleton tree.Value // the envelope, with the first element in its array
	hole     tree.Value // the array of entities in skeleton
	elems    []span     // each element's text
	depth    int        // the containers around an element
	maxDepth int
	passed   func(from, to int) // OpenStream's
}

type span struct{ start, end int }

// OpenStream returns data as a Stream when it is a JSON list whose kind
// (forced by kind, else detected) is one of streamed, of the list or array
// shape, whose elements are all objects: nil otherwise, and then the file
// is to be loaded whole. Opening reads the whole text; passed, when not
// nil, is told of each stretch [from, to) it has done with (a mapped file
// can let those pages go).
func OpenStream(name string, data []byte, kind rules.Kind, maxDepth int, streamed func(rules.Kind) bool, passed func(from, to int)) *Stream {
	if passed == nil {
		passed = func(int, int) {}
	}
	if _, utf16 := utf16Finding(name, data); utf16 || sniff(name, data) != rules.FormatJSON {
		return nil
	}
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	sc := scanner{data: data, passed: passed}
	if bytes.HasPrefix(data, byteOrderMark) {
		sc.at = len(byteOrderMark)
	}
	sc.base = sc.at
	arr, depth, elems, end, ok := sc.findList()
	if !ok || len(elems) == 0 || depth >= maxDepth {
		return nil
	}
	// The envelope and the first element, parsed as a whole load parses
	// them (the rest of the array is skipped): kind detection reads the
	// envelope and the first entity, and the windows copy the envelope.
	gap := span{elems[0].end, end - 1}
	// As newJSONParser, with room for what is parsed, not the whole file:
	// an arena sized for the file counts against the collector's goal even
	// untouched.
	p := &jsonParser{name: name, data: data, base: sc.base, maxDepth: min(maxDepth, jsontextMaxDepth),
		b: tree.NewBuilder(data, (len(data)-(gap.end-gap.start))/8), keys: new(keyCache)}
	p.dec = jsontext.NewDecoder(io.MultiReader(bytes.NewReader(data[p.base:gap.start]), bytes.NewReader(data[gap.end:])),
		jsontext.AllowDuplicateNames(true))
	p.gap = gap
	root, fail := p.parse()
	if fail != nil || len(p.dups) > 0 {
		return nil
	}
	hole := root
	if root.IsObject() {
		hole = root.Get("data")
	}
	if start, _ := hole.Span(); !hole.IsArray() || start != arr || hole.Len() != 1 {
		return nil // the "data" found is not the one a load keeps
	}
	shape := ShapeOf(kind, root)
	if kind == "" {
		kind, shape = Detect(root)
	}
	s := kinds.Of(kind)
	if s == nil || !streamed(kind) {
		return nil
	}
	first := hole.Index(0)
	switch {
	case shape == rules.ShapeArray && root.IsArray():
	case shape == rules.ShapeList && root.IsObject():
		if e := s.EnvelopeOf(shape); e == nil || e.Member != "data" || e.Item != "" || e.Single {
			return nil
		}
	default:
		return nil
	}
	if s.IsEntity == nil || !s.IsEntity(first) {
		// Detection went by more than the first element: a whole load
		// might read the others.
		return nil
	}
	lines := newLineIndexPassing(data, passed)
	return &Stream{name: name, data: data, kind: kind, shape: shape, lines: lines,
		skeleton: root, hole: hole, elems: elems, depth: depth, maxDepth: p.maxDepth, passed: passed}
}

// Positions converts offsets in the file's text to positions, from the
// stream's line index (not read again). It is not safe for concurrent use.
func (s *Stream) Positions() func(off int) rules.Position { return s.lines.fork().position }

// Len is the number of entities.
func (s *Stream) Len() int { return len(s.elems) }

// Kind is the kind of the stream's documents.
func (s *Stream) Kind() rules.Kind { return s.kind }

// Text is the bytes [start, end) of entities i..j-1, with what lies
// between them.
func (s *Stream) Text(i, j int) (start, end int) { return s.elems[i].start, s.elems[j-1].end }

// Windows splits the entities into runs of about size bytes of text each
// (at least one entity a run), as [i, j) pairs in order.
func (s *Stream) Windows(size int) [][2]int {
	var out [][2]int
	for i := 0; i < len(s.elems); {
		j := i + 1
		for j < len(s.elems) && s.elems[j].end-s.elems[i].start <= size {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// Window parses entities i..j-1 into a document: the envelope around
// them, with the file's pointers, positions and entity numbering
// (Document.EntityBase). It returns nil when a whole load would report
// something about them (see Stream).
func (s *Stream) Window(i, j int) *rules.Document {
	if doc := s.window(i, j, true); doc != nil {
		return doc
	}
	return s.window(i, j, false)
}

// window is Window by the fast path (json_fast.go) or by the decoder.
func (s *Stream) window(i, j int, fast bool) *rules.Document {
	n := s.elems[j-1].end - s.elems[i].start
	b := tree.NewBuilder(s.data, n/8)
	p := &jsonParser{name: s.name, data: s.data, maxDepth: s.maxDepth - s.depth, b: b, keys: new(keyCache)}
	_, ok := b.CopyAround(s.skeleton, s.hole, i, func() bool {
		for k := i; k < j; k++ {
			e := s.elems[k]
			if fast {
				if end, ok := p.fastValue(e.start, e.end); !ok || len(p.dups) > 0 || end != e.end {
					return false
				}
				continue
			}
			if p.dec == nil {
				p.dec = jsontext.NewDecoder(bytes.NewReader(s.data[e.start:e.end]), jsontext.AllowDuplicateNames(true))
			} else {
				p.dec.Reset(bytes.NewReader(s.data[e.start:e.end]), jsontext.AllowDuplicateNames(true))
			}
			p.base = e.start
			if fail := p.value(); fail != nil || len(p.dups) > 0 || p.offset() != e.end {
				return false
			}
		}
		return true
	})
	if !ok {
		return nil
	}
	root := b.Finish().Root()
	return &rules.Document{
		Path: s.name, Kind: s.kind, Shape: s.shape, Format: rules.FormatJSON,
		Data: root, Entities: Entities(s.kind, s.shape, root), EntityBase: i,
		Source: &jsonSource{data: s.data, root: root, lines: s.lines.fork()},
	}
}

// Facts builds the document the set-level rules read: the envelope around
// the entities fill adds to the builder it is given, in order (CopyFacts):
// copies that never read the file's text, with its offsets, so the
// document still positions what it holds. A fill that adds nothing makes
// facts that list no entities (kinds.FactKeep's nil keep), whose source
// still reads them (rules.Document.Whole, PointerOf). It returns false
// when fill does.
func (s *Stream) Facts(fill func(b *tree.Builder) bool) (*rules.Document, bool) {
	b := tree.NewBuilder(nil, 0)
	if _, ok := b.CopyAround(s.skeleton, s.hole, 0, func() bool { return fill(b) }); !ok {
		return nil, false
	}
	root := b.Finish().Root()
	lines := s.lines.fork()
	lines.passed = s.passed
	prefix := ""
	if s.shape == rules.ShapeList {
		prefix = "/data"
	}
	return &rules.Document{
		Path: s.name, Kind: s.kind, Shape: s.shape, Format: rules.FormatJSON,
		Data: root, Entities: Entities(s.kind, s.shape, root),
		Source: &factsSource{jsonSource: jsonSource{data: s.data, root: root, lines: lines}, s: s, prefix: prefix},
	}, true
}

// factsSource is the source of a big file's facts, which hold only some
// members of each entity (none, for a kind whose set-level rules read a
// summary): a pointer the facts do not hold is placed, and an entity read
// whole, from the file's text again, one entity at a time. Every element
// of the stream's array is an entity, so entity i is element i.
type factsSource struct {
	jsonSource
	s      *Stream
	prefix string // the pointer of the entities' array
}

// Pointer is entity i's pointer, as its window gave it.
func (f *factsSource) Pointer(i int) (string, bool) {
	if i < 0 || i >= f.s.Len() {
		return "", false
	}
	return f.prefix + "/" + strconv.Itoa(i), true
}

// Whole parses entity i again, as its window did, into a copy that does
// not read the file's text (see reread).
func (f *factsSource) Whole(i int) (rules.Entity, bool) {
	if i < 0 || i >= f.s.Len() {
		return rules.Entity{}, false
	}
	var e rules.Entity
	ok := f.reread(i, func(doc *rules.Document) {
		b := tree.NewBuilder(nil, 0)
		b.Copy(doc.Entities[0].Data)
		e = rules.Entity{Pointer: doc.Entities[0].Pointer, Data: b.Finish().Root()}
	})
	return e, ok
}

// reread parses entity i again and hands it to use, then passes its text
// (OpenStream's passed, which lets a mapped file's pages go: the engine's
// releases what reading it brought in, mapped.ReleaseRead). A few thousand
// entities read again over a big export would bring most of it back, so
// nothing that use keeps may view the text. It returns false
// when the entity no longer parses (the file changed since its window).
func (f *factsSource) reread(i int, use func(*rules.Document)) bool {
	doc := f.s.Window(i, i+1)
	if doc != nil && len(doc.Entities) == 1 {
		use(doc)
	}
	e := f.s.elems[i]
	f.s.passed(e.start, e.end)
	return doc != nil && len(doc.Entities) == 1
}

// Resolve places what the facts hold from their tree, and the rest from
// the entities that hold it, parsed again.
func (f *factsSource) Resolve(pointers []string) map[string]rules.Place {
	out := f.jsonSource.Resolve(pointers)
	byEntity := map[int][]string{}
	var order []int
	for _, p := range pointers {
		if _, ok := out[p]; ok {
			continue
		}
		i, ok := rules.ElementOf(p, f.prefix)
		if !ok || i >= f.s.Len() {
			continue
		}
		if _, seen := byEntity[i]; !seen {
			order = append(order, i)
		}
		byEntity[i] = append(byEntity[i], p)
	}
	for _, i := range order {
		f.reread(i, func(doc *rules.Document) {
			for p, place := range doc.Source.Resolve(byEntity[i]) {
				out[p] = place
			}
		})
	}
	return out
}

// CopyFacts adds to b what keep accepts of each of a window's entities
// (kinds.FactKeep).
func CopyFacts(b *tree.Builder, doc *rules.Document, keep func(key string) bool) {
	for _, e := range doc.Entities {
		b.CopyMembers(e.Data, keep)
	}
}

// scanner finds the entity array of a JSON list and its elements' bounds
// without building anything: strings are skipped to their closing quote,
// containers to their closing bracket. It only locates; the parser that
// reads the elements afterwards checks the syntax.
type scanner struct {
	data []byte
	at   int
	base int // where the text starts (past a byte order mark)

	passed func(from, to int)
	told   int // passed knows of data[:told]
}

// passedStep is how much text the scanner reads between telling passed.
const passedStep = 4 << 20

func (sc *scanner) space() {
	for sc.at < len(sc.data) {
		switch sc.data[sc.at] {
		case ' ', '\t', '\n', '\r':
			sc.at++
		default:
			return
		}
	}
}

// findList returns the offset of the entity array's '[', how many
// containers hold its elements (the array included), the elements' bounds
// (see elements) and the offset past the array: the root array, or the
// array of the root object's "data" member (written without escapes, and
// only once). The text is read once.
func (sc *scanner) findList() (arr, depth int, elems []span, end int, ok bool) {
	sc.space()
	if sc.at >= len(sc.data) {
		return 0, 0, nil, 0, false
	}
	switch sc.data[sc.at] {
	case '[':
		arr := sc.at
		elems, end, ok := sc.elements(arr)
		return arr, 1, elems, end, ok
	case '{':
	default:
		return 0, 0, nil, 0, false
	}
	sc.at++
	found := -1
	for {
		sc.space()
		if sc.at >= len(sc.data) || sc.data[sc.at] != '"' {
			if sc.at < len(sc.data) && sc.data[sc.at] == '}' && found >= 0 {
				return found, 2, elems, end, true
			}
			return 0, 0, nil, 0, false
		}
		keyStart := sc.at
		if !sc.skipString() {
			return 0, 0, nil, 0, false
		}
		key := sc.data[keyStart:sc.at]
		sc.space()
		if sc.at >= len(sc.data) || sc.data[sc.at] != ':' {
			return 0, 0, nil, 0, false
		}
		sc.at++
		sc.space()
		if string(key) == `"data"` {
			if found >= 0 {
				return 0, 0, nil, 0, false // written twice: the whole load reports it
			}
			found = sc.at
			if sc.at < len(sc.data) && sc.data[sc.at] == '[' {
				if elems, end, ok = sc.elements(found); !ok {
					return 0, 0, nil, 0, false
				}
				sc.at = end
			} else if !sc.skipValue() {
				return 0, 0, nil, 0, false
			}
		} else if !sc.skipValue() {
			return 0, 0, nil, 0, false
		}
		sc.space()
		if sc.at < len(sc.data) && sc.data[sc.at] == ',' {
			sc.at++
			continue
		}
		if sc.at < len(sc.data) && sc.data[sc.at] == '}' && found >= 0 && sc.data[found] == '[' {
			return found, 2, elems, end, true
		}
		return 0, 0, nil, 0, false
	}
}

// elements returns the bounds of the elements of the array at arr, all
// objects, and the offset just after the array's ']'.
func (sc *scanner) elements(arr int) ([]span, int, bool) {
	sc.at = arr + 1
	var out []span
	for {
		sc.space()
		if sc.at >= len(sc.data) {
			return nil, 0, false
		}
		if sc.data[sc.at] == ']' && len(out) == 0 {
			return nil, 0, false // empty: nothing to stream
		}
		if sc.data[sc.at] != '{' {
			return nil, 0, false
		}
		start := sc.at
		if !sc.skipValue() {
			return nil, 0, false
		}
		out = append(out, span{start, sc.at})
		if sc.at-sc.told >= passedStep {
			sc.passed(sc.told, sc.at)
			sc.told = sc.at
		}
		sc.space()
		if sc.at >= len(sc.data) {
			return nil, 0, false
		}
		switch sc.data[sc.at] {
		case ',':
			sc.at++
		case ']':
			return out, sc.at + 1, true
		default:
			return nil, 0, false
		}
	}
}

// skipString moves past the string that starts at sc.at.
func (sc *scanner) skipString() bool {
	i := sc.at + 1
	for {
		q := bytes.IndexByte(sc.data[i:], '"')
		if q < 0 {
			return false
		}
		i += q
		n := 0 // backslashes before the quote: an odd count escapes it
		for k := i - 1; k > sc.at && sc.data[k] == '\\'; k-- {
			n++
		}
		i++
		if n%2 == 0 {
			sc.at = i
			return true
		}
	}
}

// structural marks the bytes of x (read little-endian) that skipValue
// stops at: a quote or a bracket. Its lowest set bit is the high bit of
// the first; bits above it may be wrong. A zero byte of x xor c marks a c
// (the "has a zero byte" test, Hacker's Delight 6-1); the brackets are
// found as '{' and '}' in x with 0x20 set in every byte, which makes '['
// and ']' of them and of no other byte.
func structural(x uint64) uint64 {
	zero := func(v uint64) uint64 { return (v - wordOnes) &^ v & wordHighs }
	y := x | wordOnes*0x20
	return zero(x^(wordOnes*'"')) | zero(y^(wordOnes*'{')) | zero(y^(wordOnes*'}'))
}

// skipValue moves past the value that starts at sc.at: a string, a
// container with everything in it, or a scalar up to the next delimiter.
func (sc *scanner) skipValue() bool {
	if sc.at >= len(sc.data) {
		return false
	}
	switch sc.data[sc.at] {
	case '"':
		return sc.skipString()
	case '{', '[':
	default:
		for sc.at < len(sc.data) {
			switch sc.data[sc.at] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return true
			}
			sc.at++
		}
		return true
	}
	depth := 0
	for sc.at < len(sc.data) {
		// Indentation, numbers and punctuation eight bytes at a time.
		for sc.at+8 <= len(sc.data) {
			if m := structural(binary.LittleEndian.Uint64(sc.data[sc.at:])); m != 0 {
				sc.at += bits.TrailingZeros64(m) >> 3
				break
			}
			sc.at += 8
		}
		if sc.at >= len(sc.data) {
			break
		}
		switch sc.data[sc.at] {
		case '"':
			if !sc.skipString() {
				return false
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				sc.at++
				return true
			}
		}
		sc.at++
	}
	return false
}
