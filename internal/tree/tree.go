// Package tree is rbaclint's compact document model: every value of a JSON,
// YAML or XML document as one small node in a flat arena, in document
// pre-order, with the byte offsets of its text. Rules, kind specs and the
// schema checker read it through Value's typed accessors; strings and
// numbers are read from the source text without a copy per value.
//
// It replaces a map[string]any model that cost about twice the text in
// memory and most of a run's garbage collection (../shared/perf-study.md
// §3). Value.Any builds that form for the one entity at a time that still
// needs it (the JSON Schema library's input).
package tree

import (
	"strconv"
	"sync"
	"unsafe"
)

// Kind is a value's JSON type.
type Kind uint8

// Value kinds. A member name is a node of its own (kindKey) that only the
// package sees.
const (
	Invalid Kind = iota // an absent value
	Null
	False
	True
	Number
	String
	Object
	Array
	kindKey
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case False, True:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// node is one value or member name: 16 bytes.
//
// off and end are the value's text, [off, end): a JSON string with its
// quotes, a container with its brackets, an XML element or its text. aux is
// a container's end (the index just past its subtree) or, for a string,
// number or key whose text is not its value verbatim (escaped, or built
// without a text), 1 + the index of its value in Tree.strs; for a copied
// one (flagOwned), 1 + the offset of its value in Tree.buf, whose length
// is then in the count bits.
type node struct {
	off, end uint32
	aux      uint32
	meta     uint32 // kind (bits 0-3) | flags (bits 4-7) | element or member count (bits 8-31)
}

const (
	kindMask = 0xf

	// flagQuoted: the text is a JSON string, its value between the quotes.
	flagQuoted = 1 << 4
	// flagShadowed: a member whose key comes again later in its object;
	// the later one wins, as in a map.
	flagShadowed = 1 << 5
	// flagOwned: a copied string, number or key whose value is in
	// Tree.buf (see Builder.Copy), never in the source.
	flagOwned = 1 << 6
	// flagBased: an array whose elements are numbered from a base other
	// than 0, kept in Tree.bases (see Builder.ArrayFrom).
	flagBased = 1 << 7

	countShift = 8
	countMax   = 1<<24 - 1 // a count that does not fit is counted on demand
)

func (n *node) kind() Kind { return Kind(n.meta & kindMask) }

// Tree is one document's arena. It is read-only once built; a Tree is safe
// for concurrent readers.
type Tree struct {
	src   []byte
	nodes []node
	strs  []string
	buf   []byte      // the values of copied nodes (flagOwned)
	bases []arrayBase // the based arrays (flagBased), by node index
	// copied: the tree holds nodes copied from another tree, whose offsets
	// are not into src.
	copied bool

	mu    sync.Mutex
	elems map[uint32][]uint32 // the element starts of long arrays Index met
}

// arrayBase is the number of the first element of a based array.
type arrayBase struct {
	node uint32
	base int
}

// base returns the number of a based array's first element.
func (t *Tree) base(i uint32) int {
	lo, hi := 0, len(t.bases)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.bases[m].node < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.bases) && t.bases[lo].node == i {
		return t.bases[lo].base
	}
	return 0
}

// indexMin is the subtree size (in nodes) past which Index lists an
// array's elements once instead of walking them on each call.
const indexMin = 64

// elements returns the node indexes of an array's elements, listed once.
func (t *Tree) elements(v Value) []uint32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if starts, ok := t.elems[v.i]; ok {
		return starts
	}
	starts := make([]uint32, 0, v.held())
	for i, stop := v.i+1, t.nodes[v.i].aux; i < stop; i = t.after(i) {
		starts = append(starts, i)
	}
	if t.elems == nil {
		t.elems = map[uint32][]uint32{}
	}
	t.elems[v.i] = starts
	return starts
}

// Root returns the document's top-level value; absent for an empty tree.
func (t *Tree) Root() Value {
	if t == nil || len(t.nodes) == 0 {
		return Value{}
	}
	return Value{t, 0}
}

// Value is one value of a tree: two words, passed by value. The zero Value
// is absent: every accessor on it reports false or nothing.
type Value struct {
	t *Tree
	i uint32
}

func (v Value) n() *node { return &v.t.nodes[v.i] }

// Exists reports whether v is a value (not absent).
func (v Value) Exists() bool { return v.t != nil }

// Kind returns v's type; Invalid when absent.
func (v Value) Kind() Kind {
	if v.t == nil {
		return Invalid
	}
	return v.n().kind()
}

// IsNull reports whether v is JSON null.
func (v Value) IsNull() bool { return v.Kind() == Null }

// IsObject reports whether v is an object.
func (v Value) IsObject() bool { return v.Kind() == Object }

// IsArray reports whether v is an array.
func (v Value) IsArray() bool { return v.Kind() == Array }

// text returns the value text of a string, number or key node.
func (t *Tree) text(n *node) string {
	if n.aux != 0 {
		if n.meta&flagOwned != 0 {
			return t.ownedText(n)
		}
		return t.strs[n.aux-1]
	}
	off, end := n.off, n.end
	if n.meta&flagQuoted != 0 {
		off, end = off+1, end-1
	}
	if off >= end {
		return ""
	}
	// The source is never modified while the tree lives (loaders own it),
	// so a view saves a copy per value.
	return unsafe.String(&t.src[off], end-off)
}

// ownedText returns a copied node's value, a view of Tree.buf (which is
// only ever appended to).
func (t *Tree) ownedText(n *node) string {
	l := n.meta >> countShift
	if l == 0 {
		return ""
	}
	return unsafe.String(&t.buf[n.aux-1], l)
}

// Str returns v as a string.
func (v Value) Str() (string, bool) {
	if v.Kind() != String {
		return "", false
	}
	return v.t.text(v.n()), true
}

// Bool returns v as a boolean.
func (v Value) Bool() (bool, bool) {
	switch v.Kind() {
	case True:
		return true, true
	case False:
		return false, true
	}
	return false, false
}

// Number returns a number's text as written (json.Number's form).
func (v Value) Number() (string, bool) {
	if v.Kind() != Number {
		return "", false
	}
	return v.t.text(v.n()), true
}

// Numbers yields the text of every number in v's subtree, v included, in
// document order. It reads the nodes in one run rather than member by
// member, so it also yields the numbers of members a later member of the
// same name overrides (which Members and Get skip): it answers "is any
// number written here like this" cheaply, not what the document holds.
func (v Value) Numbers() func(yield func(string) bool) {
	return func(yield func(string) bool) {
		t := v.t
		if t == nil {
			return
		}
		for i, end := v.i, t.after(v.i); i < end; i++ {
			if n := &t.nodes[i]; n.kind() == Number && !yield(t.text(n)) {
				return
			}
		}
	}
}

// Int returns v as an integer: a number whose text is a 64-bit integer (as
// json.Number.Int64 accepts it).
func (v Value) Int() (int64, bool) {
	s, ok := v.Number()
	if !ok {
		return 0, false
	}
	return parseInt(s)
}

// Len returns the number of an object's members or an array's elements; 0
// for any other value. A based array (Builder.ArrayFrom) counts the
// elements before its first too: Len is one past its last element's number.
func (v Value) Len() int {
	if v.t == nil {
		return 0
	}
	n := v.n()
	switch n.kind() {
	case Array:
		if c := n.meta >> countShift; c != countMax && n.meta&flagBased == 0 {
			return int(c)
		}
		c := v.held()
		if n.meta&flagBased != 0 {
			c += v.t.base(v.i)
		}
		return c
	case Object:
		// Counted, not read from the node: a shadowed duplicate is not a
		// member, as in a map, and objects are small.
		c := 0
		for range v.Members() {
			c++
		}
		return c
	}
	return 0
}

// held returns the number of elements an array holds.
func (v Value) held() int {
	n := v.n()
	if c := n.meta >> countShift; c != countMax {
		return int(c)
	}
	c := 0
	for i, stop := v.i+1, n.aux; i < stop; i = v.t.after(i) {
		c++
	}
	return c
}

// Get returns the member named key of an object; absent when v is not an
// object or has no such member. When a key is written twice the last one
// counts.
func (v Value) Get(key string) Value {
	t := v.t
	if t == nil {
		return Value{}
	}
	nodes := t.nodes
	o := &nodes[v.i]
	if o.kind() != Object {
		return Value{}
	}
	// Rules look members up by name on every entity of a big list, so the
	// key comparison is written out (no call per member): a key read from
	// the source is told apart by its length and first byte before its
	// text is compared.
	src := t.src
	for i, stop := v.i+1, o.aux; i < stop; {
		k := &nodes[i]
		if k.meta&flagShadowed == 0 {
			if k.aux != 0 {
				if t.text(k) == key {
					return Value{t, i + 1}
				}
			} else {
				off, end := int(k.off), int(k.end)
				if k.meta&flagQuoted != 0 {
					off, end = off+1, end-1
				}
				if end-off == len(key) && (len(key) == 0 || src[off] == key[0] && string(src[off:end]) == key) {
					return Value{t, i + 1}
				}
			}
		}
		i = t.after(i + 1)
	}
	return Value{}
}

// after returns the index just past node i's subtree.
func (t *Tree) after(i uint32) uint32 {
	n := &t.nodes[i]
	if k := Kind(n.meta & kindMask); k == Object || k == Array {
		return n.aux
	}
	return i + 1
}

// Lookup is Get with a presence flag.
func (v Value) Lookup(key string) (Value, bool) {
	m := v.Get(key)
	return m, m.Exists()
}

// Has reports whether an object has a member named key.
func (v Value) Has(key string) bool { return v.Get(key).Exists() }

// Index returns an array's element numbered i (the i-th, or for a based
// array the one Elems numbers i); absent when out of range. A long array
// is indexed on first use, so that looking up many of its elements
// (positions, fix edits) costs one pass, not one each.
func (v Value) Index(i int) Value {
	if v.Kind() != Array || i < 0 {
		return Value{}
	}
	t, n := v.t, v.n()
	if n.meta&flagBased != 0 {
		if i -= t.base(v.i); i < 0 {
			return Value{}
		}
	}
	if n.aux-v.i > indexMin {
		starts := t.elements(v)
		if i >= len(starts) {
			return Value{}
		}
		return Value{t, starts[i]}
	}
	for j, stop := v.i+1, n.aux; j < stop; j = t.after(j) {
		if i == 0 {
			return Value{t, j}
		}
		i--
	}
	return Value{}
}

// Elems iterates over an array's elements in order, numbered from 0 (from
// its base for a based array); nothing for any other value.
func (v Value) Elems() func(yield func(int, Value) bool) {
	return func(yield func(int, Value) bool) {
		if v.Kind() != Array {
			return
		}
		t, n := v.t, v.n()
		j := 0
		if n.meta&flagBased != 0 {
			j = t.base(v.i)
		}
		for i, stop := v.i+1, n.aux; i < stop; j++ {
			if !yield(j, Value{t, i}) {
				return
			}
			i = t.after(i)
		}
	}
}

// Members iterates over an object's members in document order, a key
// written twice once (its last value, at its last place); nothing for any
// other value.
func (v Value) Members() func(yield func(string, Value) bool) {
	return v.members(flagShadowed)
}

// members iterates over an object's members but those whose meta has a
// flag of skip.
func (v Value) members(skip uint32) func(yield func(string, Value) bool) {
	return func(yield func(string, Value) bool) {
		if v.Kind() != Object {
			return
		}
		t := v.t
		for i, stop := v.i+1, v.n().aux; i < stop; {
			k := &t.nodes[i]
			if k.meta&skip == 0 && !yield(t.text(k), Value{t, i + 1}) {
				return
			}
			i = t.after(i + 1)
		}
	}
}

// Keys returns an object's member names in document order.
func (v Value) Keys() []string {
	var keys []string
	for k := range v.Members() {
		keys = append(keys, k)
	}
	return keys
}

// Span returns the byte range of v's text, [off, end): a string with its
// quotes, a container with its brackets. Both are 0 for a tree built from
// values.
func (v Value) Span() (off, end int) {
	if v.t == nil {
		return 0, 0
	}
	n := v.n()
	return int(n.off), int(n.end)
}

// KeySpan returns the byte range of the member name before v when v is an
// object member, with ok false otherwise.
func (v Value) KeySpan() (off, end int, ok bool) {
	if v.t == nil || v.i == 0 {
		return 0, 0, false
	}
	k := &v.t.nodes[v.i-1]
	if k.kind() != kindKey {
		return 0, 0, false
	}
	return int(k.off), int(k.end), true
}

// Same reports whether a and b are the same node of the same tree.
func Same(a, b Value) bool { return a.t == b.t && a.i == b.i }

// Raw returns v's text as written in the source; empty for a tree built
// from values or holding copies (Builder.Copy), whose offsets are another
// tree's.
func (v Value) Raw() []byte {
	if v.t == nil || v.t.src == nil || v.t.copied {
		return nil
	}
	n := v.n()
	return v.t.src[n.off:n.end]
}

// parseInt parses a number's text as json.Number.Int64 does.
func parseInt(s string) (int64, bool) {
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}
