package source

import (
	"bytes"
	"sort"
	"strconv"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/rules"
)

// jsonSource is the SourceMap of a JSON document. It keeps only the text:
// Resolve rescans it once per call for the pointers asked for, so loading
// builds no per-value table and a clean document costs nothing here.
type jsonSource struct {
	data []byte
	// arrays, noted by the parser, lets Resolve decode only the elements of
	// a big array that its pointers lead into (nil: always rescan).
	arrays *jsonArrays

	mu    sync.Mutex
	lines *lineIndex // the parser's, or built on the first Resolve
	jumps int        // Resolve calls that used arrays, for the tests
}

// Resolve finds the pointers in one streaming pass, or in the elements of a
// noted array when they all lead there. With duplicate keys the last
// occurrence wins, as in the data model.
func (s *jsonSource) Resolve(pointers []string) map[string]rules.Place {
	return s.resolve(pointers, true)
}

// resolve is Resolve; with jump false it always makes the full pass, which
// the tests hold the jump to.
func (s *jsonSource) resolve(pointers []string, jump bool) map[string]rules.Place {
	out := make(map[string]rules.Place, len(pointers))
	root := newPointerTrie(pointers)
	if root == nil {
		return out
	}
	r := &jsonResolver{found: make(map[string][4]int, len(pointers))}
	jumped := jump && r.jump(s.data, s.arrays, root)
	if !jumped {
		base := 0
		if bytes.HasPrefix(s.data, byteOrderMark) {
			base = len(byteOrderMark)
		}
		r.reset(s.data[base:], base)
		_ = r.value(root, -1, -1) // places found before a (never expected) error still count
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if jumped {
		s.jumps++
	}
	if s.lines == nil {
		s.lines = newLineIndex(s.data)
	}
	pos := positionsOf(s.lines, r.found)
	for ptr, o := range r.found {
		out[ptr] = rules.Place{
			Key:   rules.Span{Start: pos[o[0]], End: pos[o[1]]},
			Value: rules.Span{Start: pos[o[2]], End: pos[o[3]]},
		}
	}
	return out
}

// jump resolves the pointers from t when each is the root, a noted array
// or leads into an existing element of one: the full pass finds those
// there and nowhere else (jsonParser.table leaves out arrays whose name is
// duplicated), and an element decoded alone yields the places it yields in
// the whole text, at its offset. The root and the arrays themselves are
// served from t because the engine asks for every ancestor of a pointer.
// Otherwise it records nothing and returns false.
func (r *jsonResolver) jump(data []byte, t *jsonArrays, root *pointerTrie) bool {
	if t == nil {
		return false
	}
	type element struct {
		n *pointerTrie
		a *jsonArrayIndex
		i int
	}
	var todo []element
	plan := func(n *pointerTrie, a *jsonArrayIndex) bool {
		for tok, c := range n.children {
			i, ok := elementIndex(tok, len(a.elems))
			if !ok {
				return false
			}
			todo = append(todo, element{c, a, i})
		}
		return true
	}
	if t.root != nil {
		if !plan(root, t.root) {
			return false
		}
	} else {
		for name, n := range root.children {
			if a := t.members[name]; a == nil || !plan(n, a) {
				return false
			}
		}
	}
	r.record(root, -1, -1, t.rootStart, t.rootEnd)
	if t.root == nil {
		for name, n := range root.children {
			a := t.members[name]
			r.record(n, a.keyStart, a.keyEnd, a.start, a.end)
		}
	}
	for _, e := range todo {
		start, end := int(e.a.elems[e.i]), e.a.end-1 // the last element ends before the ']'
		if e.i+1 < len(e.a.elems) {
			end = int(e.a.elems[e.i+1])
		}
		// Trim the separator: a value ends in none of these bytes.
		r.reset(bytes.TrimRight(data[start:end], " \t\r\n,"), start)
		_ = r.value(e.n, -1, -1) // an element of a loaded document is valid
	}
	return true
}

// elementIndex parses a reference token as an index below n: canonical
// decimal, as the full pass only matches those.
func elementIndex(tok string, n int) (int, bool) {
	if tok == "" || len(tok) > 10 || (tok[0] == '0' && len(tok) > 1) {
		return 0, false
	}
	i := 0
	for j := 0; j < len(tok); j++ {
		if tok[j] < '0' || tok[j] > '9' {
			return 0, false
		}
		i = 10*i + int(tok[j]-'0')
	}
	return i, i < n
}

// positionsOf converts every offset in increasing order, so that the index
// walks a long (minified) line once instead of once per offset.
func positionsOf(li *lineIndex, found map[string][4]int) map[int]rules.Position {
	offs := make([]int, 0, 4*len(found))
	for _, o := range found {
		offs = append(offs, o[:]...)
	}
	sort.Ints(offs)
	pos := make(map[int]rules.Position, len(offs))
	for _, off := range offs {
		if _, ok := pos[off]; !ok {
			pos[off] = li.position(off)
		}
	}
	return pos
}

// pointerTrie holds the reference tokens of the pointers asked for.
type pointerTrie struct {
	pointer  string // the pointer ending here, when want
	want     bool
	children map[string]*pointerTrie
}

// newPointerTrie parses RFC 6901 pointers; malformed ones are dropped (they
// cannot exist in the document). It returns nil when nothing is left.
func newPointerTrie(pointers []string) *pointerTrie {
	var root *pointerTrie
	for _, ptr := range pointers {
		tokens, ok := rules.SplitPointer(ptr)
		if !ok {
			continue
		}
		if root == nil {
			root = &pointerTrie{}
		}
		n := root
		for _, t := range tokens {
			c := n.children[t]
			if c == nil {
				if n.children == nil {
					n.children = make(map[string]*pointerTrie)
				}
				c = &pointerTrie{}
				n.children[t] = c
			}
			n = c
		}
		n.pointer, n.want = ptr, true
	}
	return root
}

// jsonResolver walks the token stream along the trie, reading every value
// off the trie whole (one call, no tokens).
type jsonResolver struct {
	dec   *jsontext.Decoder
	base  int
	found map[string][4]int // pointer -> key start, key end, value start, value end
	buf   []byte
}

func (r *jsonResolver) offset() int { return r.base + int(r.dec.InputOffset()) }

// reset makes r read text, which starts at offset base of the file.
func (r *jsonResolver) reset(text []byte, base int) {
	if r.dec == nil {
		r.dec = jsontext.NewDecoder(bytes.NewBuffer(text), jsontext.AllowDuplicateNames(true))
	} else {
		r.dec.Reset(bytes.NewBuffer(text), jsontext.AllowDuplicateNames(true))
	}
	r.base = base
}

// value reads the next value, which sits at trie node n; keyStart and keyEnd
// locate its member name (-1 for array elements and the root).
func (r *jsonResolver) value(n *pointerTrie, keyStart, keyEnd int) error {
	kind := r.dec.PeekKind()
	if len(n.children) == 0 || (kind != '{' && kind != '[') {
		raw, err := r.dec.ReadValue()
		if err != nil {
			return err
		}
		r.record(n, keyStart, keyEnd, r.offset()-len(raw), r.offset())
		return nil
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return err
	}
	start := r.offset() - 1
	for index := 0; ; index++ {
		switch r.dec.PeekKind() {
		case '}', ']':
			if _, err := r.dec.ReadToken(); err != nil {
				return err
			}
			r.record(n, keyStart, keyEnd, start, r.offset())
			return nil
		case 0:
			_, err := r.dec.ReadToken()
			return err
		}
		var child *pointerTrie
		ks, ke := -1, -1
		if kind == '{' {
			name, err := r.dec.ReadValue()
			if err != nil {
				return err
			}
			ks, ke = r.offset()-len(name), r.offset()
			child = r.member(n, name)
		} else {
			r.buf = strconv.AppendInt(r.buf[:0], int64(index), 10)
			child = n.children[string(r.buf)]
		}
		if child == nil {
			if err := r.dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		if err := r.value(child, ks, ke); err != nil {
			return err
		}
	}
}

// member looks up a raw member name among n's children.
func (r *jsonResolver) member(n *pointerTrie, name []byte) *pointerTrie {
	body := name[1 : len(name)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return n.children[string(body)]
	}
	var err error
	if r.buf, err = jsontext.AppendUnquote(r.buf[:0], name); err != nil {
		return nil
	}
	return n.children[string(r.buf)]
}

func (r *jsonResolver) record(n *pointerTrie, keyStart, keyEnd, start, end int) {
	if !n.want {
		return
	}
	if keyStart < 0 {
		keyStart, keyEnd = start, end
	}
	r.found[n.pointer] = [4]int{keyStart, keyEnd, start, end}
}
