package tree

import "slices"

// Copies let a big file be checked a window of entities at a time: what
// outlives the window (an entity's facts for the set-level rules, a
// window's entities) is copied out of the file's tree into a small one
// that never reads the file's text, so the pages of the text can be
// released.

// ArrayFrom opens an array whose text starts at off and whose elements are
// numbered from first: Elems yields first, first+1, ...; Index and At take
// those numbers; Len is first plus the elements added. It holds a window of
// a bigger array's elements (first..first+k-1) under their own pointers.
func (b *Builder) ArrayFrom(off, first int) int {
	i := b.container(Array, off)
	if first > 0 {
		b.t.nodes[i].meta |= flagBased
		b.t.bases = append(b.t.bases, arrayBase{uint32(i), first})
	}
	return i
}

// Size is how many nodes and bytes of copied text the builder holds: what
// Reserve is told of, by extrapolation, for a tree built in parts.
func (b *Builder) Size() (nodes, bytes int) { return len(b.t.nodes), len(b.t.buf) }

// Reserve makes room for at least nodes more nodes and bytes more bytes of
// copied text at once: a big copy made by many calls grows its arrays by a
// quarter at a time otherwise, each growth a copy of everything so far.
func (b *Builder) Reserve(nodes, bytes int) {
	b.t.nodes = reserve(b.t.nodes, nodes)
	b.t.buf = reserve(b.t.buf, bytes)
}

// reserve returns s with room for n more elements. slices.Grow clears the
// new room in one pass that the collector cannot interrupt, so the run's
// other goroutines wait at the next collection, and the pass faults in
// every page of the room at once; make clears a big array in preemptible
// chunks, and not at all when the memory comes fresh from the system, so
// pages become resident as they are written.
func reserve[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	t := make([]T, len(s), len(s)+n)
	copy(t, s)
	return t
}

// Copy appends a deep copy of v, a value of another tree, and returns its
// node: every node keeps its offsets (Span, KeySpan and so positions stay
// those of v's text), shadowed members stay shadowed (Members and Written
// answer as on v), a based array keeps its numbering, and every string,
// key and number is copied into the new tree's own buffer, so the new tree
// never reads v's text. Raw is empty on the new tree. An absent v appends
// nothing and returns -1.
func (b *Builder) Copy(v Value) int {
	if !v.Exists() {
		return -1
	}
	return b.copyNodes(v.t, v.i, v.t.after(v.i))
}

// CopyMembers appends an object with obj's offsets that holds copies (as
// Copy makes them) of the members of obj whose key keep accepts, every
// occurrence of a key written twice with its shadowing, and returns its
// node. A value other than an object is copied whole.
func (b *Builder) CopyMembers(obj Value, keep func(key string) bool) int {
	if obj.Kind() != Object {
		return b.Copy(obj)
	}
	t, n := obj.t, obj.n()
	at := b.container(Object, int(n.off))
	for i, stop := obj.i+1, n.aux; i < stop; {
		next := t.after(i + 1)
		if keep(t.text(&t.nodes[i])) {
			b.copyNodes(t, i, next)
		}
		i = next
	}
	b.Close(int(n.end))
	b.t.copied = true
	return at
}

// copyNodes appends copies of t's nodes [first, stop), a run of whole
// subtrees, in one pass: the run is contiguous in pre-order, so a
// container's end moves by the distance between the two places.
func (b *Builder) copyNodes(t *Tree, first, stop uint32) int {
	dst := b.t
	dst.copied = true
	dst.nodes = slices.Grow(dst.nodes, int(stop-first))
	at := len(dst.nodes)
	shift := uint32(at) - first // modular: adds at - first to an index
	for i := first; i < stop; i++ {
		n := t.nodes[i]
		switch n.kind() {
		case Object, Array:
			n.aux += shift
			if n.meta&flagBased != 0 {
				dst.bases = append(dst.bases, arrayBase{i + shift, t.base(i)})
			}
		case String, Number, kindKey:
			s := t.text(&n)
			n.meta &= kindMask | flagShadowed
			if len(s) <= countMax {
				n.meta |= flagOwned | uint32(len(s))<<countShift
				n.aux = b.copyText(s)
			} else {
				dst.strs = append(dst.strs, s)
				n.aux = uint32(len(dst.strs))
			}
		}
		if i == first {
			b.add(n) // counted in its container, as any added node
			continue
		}
		dst.nodes = append(dst.nodes, n)
	}
	return at
}

// copyText stores s in the tree's buffer and returns its aux. Text copied
// lately is stored once: a list's entities repeat the same few keys, role
// names and tenant ids, while their e-mails and ids are unique, so a small
// cache of recent text keeps the repeats without a map entry per unique
// value (nor a map lookup per key).
func (b *Builder) copyText(s string) uint32 {
	if len(s) == 0 {
		return uint32(len(b.t.buf)) + 1
	}
	if b.recent == nil {
		if b.copies < cacheAfter {
			// A small copy (a big file's entity read again) would spend
			// more on the cache than it could save.
			b.copies++
			aux := uint32(len(b.t.buf)) + 1
			b.t.buf = append(b.t.buf, s...)
			return aux
		}
		b.recent = new([recentSlots]recentText)
	}
	slot := &b.recent[recentHash(s)%recentSlots]
	if slot.aux != 0 && int(slot.n) == len(s) && string(b.t.buf[slot.aux-1:slot.aux-1+slot.n]) == s {
		return slot.aux
	}
	aux := uint32(len(b.t.buf)) + 1
	b.t.buf = append(b.t.buf, s...)
	*slot = recentText{aux: aux, n: uint32(len(s))}
	return aux
}

// cacheAfter is how many texts a builder copies before it caches them.
const cacheAfter = 64

// recentSlots is the size of the cache of recent copied text: a few
// thousand distinct repeated keys and values (role names, tenant and
// organization ids) stay in it while unique ones pass through.
const recentSlots = 4096

// recentHash mixes a text's length and its first, middle and last 8
// bytes: a few instructions whatever the length, and the same from run to
// run, so a run's memory does not vary with a random seed.
func recentHash(s string) uint32 {
	var a, m, z uint64
	if n := len(s); n >= 8 {
		a, m, z = le64(s[:8]), le64(s[n/2-4:]), le64(s[n-8:])
	} else {
		for i := 0; i < n; i++ {
			a = a<<8 | uint64(s[i])
		}
	}
	h := (a*0x9E3779B97F4A7C15 ^ m) * 0xC2B2AE3D27D4EB4F
	h = (h ^ z ^ uint64(len(s))) * 0x165667B19E3779F9
	return uint32(h >> 32)
}

// le64 reads 8 bytes of s as a little-endian number (the compiler makes
// this one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// recentText is a copied text's place in the buffer (aux as copyText
// returns it, 0 for an empty slot) and length.
type recentText struct{ aux, n uint32 }

// CopyWith appends a deep copy of v as Copy makes it, except that each
// object for which members returns a non-nil keep is copied as
// CopyMembers(obj, keep) (and not entered further), and returns its node:
// a document whose entities keep only some of their members, the rest as
// it was. An absent v appends nothing and returns -1.
func (b *Builder) CopyWith(v Value, members func(obj Value) (keep func(key string) bool)) int {
	if !v.Exists() {
		return -1
	}
	return b.copyWith(v.t, v.i, members)
}

func (b *Builder) copyWith(t *Tree, i uint32, members func(Value) func(string) bool) int {
	n := t.nodes[i]
	k := n.kind()
	if k != Object && k != Array {
		return b.copyNodes(t, i, i+1)
	}
	if k == Object {
		if keep := members(Value{t, i}); keep != nil {
			return b.CopyMembers(Value{t, i}, keep)
		}
	}
	var at int
	if k == Array {
		at = b.ArrayFrom(int(n.off), t.base(i))
	} else {
		at = b.Object(int(n.off))
	}
	for j := i + 1; j < n.aux; j = t.after(j) {
		if k == Object {
			b.copyNodes(t, j, j+1) // the key, shadowed or not
			j++
		}
		b.copyWith(t, j, members)
	}
	b.Close(int(n.end))
	b.t.copied = true
	return at
}

// CopyAround appends a copy of v, as Copy makes it, in which the array
// hole (v itself or a value inside it) is replaced by an array with hole's
// offsets whose elements, numbered from first, are what fill adds; it
// returns the copy's node. A window of a big list is its envelope around a
// few of its elements. When fill returns false the copy stops there and
// CopyAround returns false: the builder is then unusable.
func (b *Builder) CopyAround(v, hole Value, first int, fill func() bool) (int, bool) {
	if !v.Exists() || hole.t != v.t || hole.Kind() != Array {
		return -1, false
	}
	return b.copyAround(v.t, v.i, hole.i, first, fill)
}

func (b *Builder) copyAround(t *Tree, i, hole uint32, first int, fill func() bool) (int, bool) {
	n := t.nodes[i]
	if i == hole {
		at := b.ArrayFrom(int(n.off), first)
		if !fill() {
			return at, false
		}
		b.Close(int(n.end))
		return at, true
	}
	if k := n.kind(); k != Object && k != Array || hole < i || hole >= n.aux {
		return b.copyNodes(t, i, t.after(i)), true // the hole is not inside
	}
	var at int
	if n.kind() == Array {
		at = b.ArrayFrom(int(n.off), t.base(i))
	} else {
		at = b.Object(int(n.off))
	}
	for j := i + 1; j < n.aux; j = t.after(j) {
		if n.kind() == Object {
			b.copyNodes(t, j, j+1) // the key
			j++
		}
		if _, ok := b.copyAround(t, j, hole, first, fill); !ok {
			return at, false
		}
	}
	b.Close(int(n.end))
	b.t.copied = true
	return at, true
}
