package source

import (
	"sort"
	"sync"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// jsonSource is the SourceMap of a JSON document. It places pointers from
// the tree's node offsets (a value's Span, a member's KeySpan) and a line
// index: loading builds no per-pointer table, and resolving rescans no
// text.
type jsonSource struct {
	data []byte
	root tree.Value

	mu    sync.Mutex
	lines *lineIndex // the parser's, or built on the first Resolve
}

// Resolve places the pointers. With duplicate keys the last occurrence in
// the text that holds a pointer wins, as a pass over the text finds it:
// the earlier members of a key are walked too (tree.Value.Written).
func (s *jsonSource) Resolve(pointers []string) map[string]rules.Place {
	out := make(map[string]rules.Place, len(pointers))
	root := newPointerTrie(pointers)
	if root == nil {
		return out
	}
	found := make(map[string][4]int, len(pointers))
	placeIn(found, root, s.root, false)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lines == nil {
		s.lines = newLineIndex(s.data)
	}
	pos := positionsOf(s.lines, found)
	for ptr, o := range found {
		out[ptr] = rules.Place{
			Key:   rules.Span{Start: pos[o[0]], End: pos[o[1]]},
			Value: rules.Span{Start: pos[o[2]], End: pos[o[3]]},
		}
	}
	return out
}

// placeIn records the offsets of v, which sits at trie node n (member says
// it is an object member, whose key is placed too), and walks n's
// children into it in document order, so a later occurrence overwrites an
// earlier one.
func placeIn(found map[string][4]int, n *pointerTrie, v tree.Value, member bool) {
	if n.want {
		start, end := v.Span()
		ks, ke := start, end
		if member {
			ks, ke, _ = v.KeySpan()
		}
		found[n.pointer] = [4]int{ks, ke, start, end}
	}
	if len(n.children) == 0 {
		return
	}
	switch v.Kind() {
	case tree.Object:
		for k, m := range v.Written() {
			if c := n.children[k]; c != nil {
				placeIn(found, c, m, true)
			}
		}
	case tree.Array:
		// Each wanted element by index: a long array is indexed once
		// (tree.Index), where a walk from its start for each call would
		// cost a big list's length per finding placed one entity at a time.
		for tok, c := range n.children {
			if i, ok := elementIndex(tok, v.Len()); ok {
				if e := v.Index(i); e.Exists() {
					placeIn(found, c, e, false)
				}
			}
		}
	}
}

// elementIndex parses a reference token as an index below n: canonical
// decimal, as a pass over the text matches only those.
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
	told := -1 // passed knows of the text before told (see lineIndex.passed)
	for _, off := range offs {
		if _, ok := pos[off]; !ok {
			pos[off] = li.position(off)
		}
		if li.passed == nil {
			continue
		}
		// A position reads back to its mark (or its line's start).
		if read := max(off-lineStride, 0); told < 0 {
			told = read
		} else if read-told >= passedStep {
			li.passed(told, read)
			told = read
		}
	}
	if li.passed != nil && len(offs) > 0 {
		li.passed(told, offs[len(offs)-1])
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
