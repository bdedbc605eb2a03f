package tree

// Builder writes a tree in document pre-order, as a parser meets the
// values: open a container, add its members (a key, then its value) or
// elements, close it. Offsets are byte offsets into the source; a source
// of 4 GiB or more cannot be described (loaders refuse such files first).
type Builder struct {
	t    *Tree
	open []uint32 // the open containers, innermost last
	// recent are recently copied texts' places in the buffer (copyText).
	recent *[recentSlots]recentText
	copies int // texts copied before recent was made
}

// NewBuilder starts a tree over src. nodes is a capacity hint (about one
// node per 24 bytes of JSON text).
func NewBuilder(src []byte, nodes int) *Builder {
	return &Builder{t: &Tree{src: src, nodes: make([]node, 0, max(nodes, 1))}}
}

func (b *Builder) add(n node) int {
	b.t.nodes = append(b.t.nodes, n)
	if k := len(b.open); k > 0 {
		// Count the container's entries: members are counted at their key,
		// so a member's value is not counted twice.
		c := &b.t.nodes[b.open[k-1]]
		if c.kind() == Array || n.kind() == kindKey {
			if cnt := c.meta >> countShift; cnt < countMax {
				c.meta += 1 << countShift
			}
		}
	}
	return len(b.t.nodes) - 1
}

func (b *Builder) owned(s string) uint32 {
	b.t.strs = append(b.t.strs, s)
	return uint32(len(b.t.strs))
}

// leaf adds a scalar or key node: meta is its kind and flags, aux 0 or
// its owned string's index.
func (b *Builder) leaf(meta uint32, off, end int, aux uint32) int {
	return b.add(node{off: uint32(off), end: uint32(end), aux: aux, meta: meta})
}

// Object opens an object whose text starts at off.
func (b *Builder) Object(off int) int { return b.container(Object, off) }

// Array opens an array whose text starts at off.
func (b *Builder) Array(off int) int { return b.container(Array, off) }

func (b *Builder) container(k Kind, off int) int {
	i := b.add(node{off: uint32(off), meta: uint32(k)})
	b.open = append(b.open, uint32(i))
	return i
}

// Close closes the innermost open container; its text ends at end.
func (b *Builder) Close(end int) {
	i := b.open[len(b.open)-1]
	b.open = b.open[:len(b.open)-1]
	n := &b.t.nodes[i]
	n.end = uint32(end)
	n.aux = uint32(len(b.t.nodes))
}

// Key adds a member name written as a JSON string without escapes at
// [off, end), quotes included.
func (b *Builder) Key(off, end int) int {
	return b.leaf(uint32(kindKey)|flagQuoted, off, end, 0)
}

// KeyText adds a member name that is the text [off, end) verbatim (an XML
// element name).
func (b *Builder) KeyText(off, end int) int {
	return b.leaf(uint32(kindKey), off, end, 0)
}

// KeyValue adds a member name whose text at [off, end) is not its value
// verbatim (escaped), or that has no text.
func (b *Builder) KeyValue(off, end int, name string) int {
	return b.leaf(uint32(kindKey), off, end, b.owned(name))
}

// Shadow marks the member whose key is node key as overridden by a later
// member of the same name: Get and Members skip it, as a map would.
func (b *Builder) Shadow(key int) { b.t.nodes[key].meta |= flagShadowed }

// String adds a JSON string without escapes at [off, end), quotes included.
func (b *Builder) String(off, end int) int {
	return b.leaf(uint32(String)|flagQuoted, off, end, 0)
}

// Text adds a string that is the text [off, end) verbatim (XML text).
func (b *Builder) Text(off, end int) int {
	return b.leaf(uint32(String), off, end, 0)
}

// StringValue adds a string whose text at [off, end) is not its value
// verbatim (escaped), or that has no text.
func (b *Builder) StringValue(off, end int, s string) int {
	return b.leaf(uint32(String), off, end, b.owned(s))
}

// Number adds a number written at [off, end).
func (b *Builder) Number(off, end int) int {
	return b.leaf(uint32(Number), off, end, 0)
}

// NumberValue adds a number whose text is s (json.Number's form).
func (b *Builder) NumberValue(off, end int, s string) int {
	return b.leaf(uint32(Number), off, end, b.owned(s))
}

// Bool adds true or false written at [off, end).
func (b *Builder) Bool(off, end int, v bool) int {
	k := False
	if v {
		k = True
	}
	return b.leaf(uint32(k), off, end, 0)
}

// Null adds null written at [off, end).
func (b *Builder) Null(off, end int) int {
	return b.leaf(uint32(Null), off, end, 0)
}

// Finish returns the tree; containers still open are closed at the end of
// the source. The builder must not be used after.
func (b *Builder) Finish() *Tree {
	for len(b.open) > 0 {
		b.Close(len(b.t.src))
	}
	t := b.t
	b.t = nil
	return t
}
