package source

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

var byteOrderMark = []byte("\xEF\xBB\xBF")

// loadJSON parses a JSON file into the compact tree (Document.Data),
// written as the tokens come: strings, keys and numbers by their offsets
// in the text, escaped ones decoded once. It makes no position map: the
// document's Source resolves pointers from the tree's offsets.
func loadJSON(name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	if f, ok := utf16Finding(name, data); ok {
		return nil, []rules.Finding{f}
	}
	p := newJSONParser(name, data, opts.maxDepth())
	p.opts = opts
	root, fail := p.parse()
	if fail != nil {
		return nil, []rules.Finding{*fail}
	}
	findings := p.dupFindings(p.dups)
	doc := newTreeDocument(name, rules.FormatJSON, root, opts)
	doc.Unmodelled = p.unmodelled(p.dups)
	doc.MoreDuplicates = p.dupCount.more
	// The parser's line index, if findings made one, serves the source map.
	doc.Source = &jsonSource{data: data, root: root, lines: p.lines}
	return doc, findings
}

// newTreeDocument wraps a compact tree and classifies it, or applies a
// forced kind.
func newTreeDocument(name string, format rules.Format, data tree.Value, opts Options) *rules.Document {
	kind, shape := opts.Kind, ShapeOf(opts.Kind, data)
	if kind == "" {
		kind, shape = Detect(data)
	}
	return &rules.Document{
		Path:     name,
		Kind:     kind,
		Shape:    shape,
		Format:   format,
		Data:     data,
		Entities: Entities(kind, shape, data),
	}
}

// jsonParser writes the compact tree from a token stream with an explicit
// stack, so hostile nesting costs one frame per level up to the limit and
// no Go recursion at all.
type jsonParser struct {
	name     string
	data     []byte // the whole file, for positions
	base     int    // bytes skipped before the JSON text (a BOM)
	gap      span   // text the decoder does not read (Stream's envelope parse)
	maxDepth int
	dec      *jsontext.Decoder
	b        *tree.Builder

	stack   []jsonFrame
	members []jsonMember // members of every open object, innermost last
	keys    *keyCache    // shared member names
	seen    map[string]struct{}
	buf     []byte

	// dups are the duplicate keys met, turned into findings once parsing
	// succeeds.
	dups []jsonDup
	// dupCount counts the findings built and those past the per-file cap,
	// not kept.
	dupCount dupCount
	opts     Options
	lines    *lineIndex
	// firstKeys caches where first occurrences of duplicated keys are, so
	// that a key repeated 50,000 times is located once, and the line index
	// is asked for second occurrences in increasing order.
	firstKeys map[int]rules.Span
}

// jsonFrame is one open object or array.
type jsonFrame struct {
	object  bool
	start   int  // offset of the opening bracket in data
	first   int  // index of this object's first member in members
	elems   int  // an array's elements so far
	haveKey bool // an object member's name was read, its value not yet

	// The container's place in its parent, for pointers in findings.
	inObject bool
	key      string
	index    int
}

// jsonMember is one member of an open object: its key for duplicates, the
// key's node to shadow, and its value's text to compare and report.
type jsonMember struct {
	key              string
	slot             uint8 // key's slot in the keyCache, equal for equal keys
	keyOff           int
	keyNode          int
	valStart, valEnd int
	valKind          byte // the value's first byte: '{', '[', '"', '0' (a number), 't', 'f', 'n'
}

// slotFiltered is the most members whose duplicates are sought through
// their keyCache slots; bigger objects use a set.
const slotFiltered = 64

// jsontextMaxDepth is the decoder's own fixed nesting limit; a configured
// limit above it is capped so that the finding stays ours.
const jsontextMaxDepth = 10000

func newJSONParser(name string, data []byte, maxDepth int) *jsonParser {
	base := 0
	if bytes.HasPrefix(data, byteOrderMark) {
		base = len(byteOrderMark)
	}
	return &jsonParser{
		name:     name,
		data:     data,
		base:     base,
		maxDepth: min(maxDepth, jsontextMaxDepth),
		// Room for a node per 8 bytes, more than exports need, so that the
		// arena is never copied to grow; the pages past what is written are
		// never touched, so they cost no memory.
		b:    tree.NewBuilder(data, len(data)/8),
		keys: new(keyCache),
		// No decoder: parse tries the fast path first (json_fast.go).
	}
}

// restart forgets what the fast path wrote and readies the decoder, which
// reads the text again from the start.
func (p *jsonParser) restart() {
	p.b = tree.NewBuilder(p.data, len(p.data)/8)
	p.stack, p.members, p.dups, p.dupCount, p.firstKeys = p.stack[:0], p.members[:0], nil, dupCount{}, nil
	clear(p.seen)
	p.dec = jsontext.NewDecoder(bytes.NewBuffer(p.data[p.base:]),
		jsontext.AllowDuplicateNames(true)) // duplicates are reported here, with positions
}

// offset is the absolute offset just after the last token read.
func (p *jsonParser) offset() int {
	off := p.base + int(p.dec.InputOffset())
	if off > p.gap.start && p.gap.end > p.gap.start {
		off += p.gap.end - p.gap.start
	}
	return off
}

// parse reads one top-level value and checks that nothing follows it. A
// non-nil finding means the file is not usable. Without a decoder it tries
// the fast path first, and the decoder reads the text only if that gives
// up.
func (p *jsonParser) parse() (tree.Value, *rules.Finding) {
	if p.dec == nil {
		if end, ok := p.fastValue(p.base, len(p.data)); ok && skipJSONSpace(p.data, end) == len(p.data) {
			return p.b.Finish().Root(), nil
		}
		p.restart()
	}
	if fail := p.value(); fail != nil {
		return tree.Value{}, fail
	}
	if f := p.trailing(); f != nil {
		return tree.Value{}, f
	}
	return p.b.Finish().Root(), nil
}

// value reads one whole value into the tree.
func (p *jsonParser) value() *rules.Finding {
	for {
		switch kind := p.dec.PeekKind(); kind {
		case '{', '[':
			if _, err := p.dec.ReadToken(); err != nil {
				return p.syntax(err)
			}
			if len(p.stack) >= p.maxDepth {
				return p.depthFinding(p.offset() - 1)
			}
			p.open(kind == '{', p.offset()-1)
			continue
		case '}', ']':
			if _, err := p.dec.ReadToken(); err != nil {
				return p.syntax(err)
			}
			start, open := p.close()
			p.done(start, p.offset(), open)
		case '"':
			raw, err := p.dec.ReadValue()
			if err != nil {
				return p.syntax(err)
			}
			end := p.offset()
			start := end - len(raw)
			escaped := bytes.IndexByte(raw, '\\') >= 0
			if n := len(p.stack); n > 0 && p.stack[n-1].object && !p.stack[n-1].haveKey {
				p.member(raw, start, end, escaped)
				continue
			}
			if escaped {
				p.b.StringValue(start, end, string(p.unescape(raw)))
			} else {
				p.b.String(start, end)
			}
			p.done(start, end, '"')
		case '0', 't', 'f', 'n':
			raw, err := p.dec.ReadValue()
			if err != nil {
				return p.syntax(err)
			}
			end := p.offset()
			start := end - len(raw)
			switch kind {
			case '0':
				p.b.Number(start, end)
			case 'n':
				p.b.Null(start, end)
			default:
				p.b.Bool(start, end, kind == 't')
			}
			p.done(start, end, byte(kind))
		default:
			// PeekKind hides the error; the read reports it.
			_, err := p.dec.ReadToken()
			return p.syntax(err)
		}
		if len(p.stack) == 0 {
			return nil
		}
	}
}

// member notes the name, raw at [start, end), of the innermost object's
// next member.
func (p *jsonParser) member(raw []byte, start, end int, escaped bool) {
	p.stack[len(p.stack)-1].haveKey = true
	key, slot := p.key(raw)
	var node int
	if escaped {
		node = p.b.KeyValue(start, end, key)
	} else {
		node = p.b.Key(start, end)
	}
	p.members = append(p.members, jsonMember{key: key, slot: slot, keyOff: start, keyNode: node})
}

// open starts an object or an array whose bracket is at start.
func (p *jsonParser) open(obj bool, start int) {
	if obj {
		p.b.Object(start)
	} else {
		p.b.Array(start)
	}
	p.push(jsonFrame{object: obj, start: start, first: len(p.members)})
}

// push opens a container, noting where it sits in its parent.
func (p *jsonParser) push(f jsonFrame) {
	if n := len(p.stack); n > 0 {
		if parent := p.stack[n-1]; parent.object {
			f.inObject, f.key = true, p.members[len(p.members)-1].key
		} else {
			f.index = p.elementIndex(n)
		}
	}
	p.stack = append(p.stack, f)
}

// elementIndex is the index of the next element of the array open at
// p.stack[n-1].
func (p *jsonParser) elementIndex(n int) int { return p.stack[n-1].elems }

// done notes a finished value, whose text is [start, end), in the
// innermost open container.
func (p *jsonParser) done(start, end int, kind byte) {
	n := len(p.stack)
	if n == 0 {
		return
	}
	top := &p.stack[n-1]
	if !top.object {
		top.elems++
		return
	}
	top.haveKey = false
	m := &p.members[len(p.members)-1]
	m.valStart, m.valEnd, m.valKind = start, end, kind
}

// close pops the innermost container, shadowing the earlier members of
// keys written twice, and returns its start and opening bracket.
func (p *jsonParser) close() (int, byte) { return p.closeAt(p.offset()) }

// closeAt is close for a container whose text ends at end.
func (p *jsonParser) closeAt(end int) (int, byte) {
	top := p.stack[len(p.stack)-1]
	open := byte('[')
	if top.object {
		open = '{'
		ms := p.members[top.first:]
		if p.hasDuplicate(ms) {
			p.duplicates(ms)
		}
		clear(ms)
		p.members = p.members[:top.first]
	}
	p.b.Close(end)
	p.stack = p.stack[:len(p.stack)-1]
	return top.start, open
}

// hasDuplicate reports whether a key comes twice among ms. Equal keys
// share a keyCache slot, so for the objects of an export (a few dozen
// members) a bitmap of slots finds the candidates and only those are
// compared; a big object uses a set, so colliding slots cannot make it
// quadratic.
func (p *jsonParser) hasDuplicate(ms []jsonMember) bool {
	if len(ms) <= slotFiltered {
		var seen [keySlots / 64]uint64
		for i, m := range ms {
			w, bit := m.slot/64, uint64(1)<<(m.slot%64)
			if seen[w]&bit != 0 {
				for j := range i {
					if ms[j].key == m.key {
						return true
					}
				}
			}
			seen[w] |= bit
		}
		return false
	}
	if p.seen == nil {
		p.seen = make(map[string]struct{}, len(ms))
	}
	defer clear(p.seen)
	for _, m := range ms {
		if _, ok := p.seen[m.key]; ok {
			return true
		}
		p.seen[m.key] = struct{}{}
	}
	return false
}

// duplicates reports every member of ms whose key an earlier one has, and
// shadows the member it replaces: the last one wins, as in a map.
func (p *jsonParser) duplicates(ms []jsonMember) {
	// Each key's first and latest member.
	firsts, lasts := make(map[string]int, len(ms)), make(map[string]int, len(ms))
	for i, m := range ms {
		f, ok := firsts[m.key]
		if !ok {
			firsts[m.key], lasts[m.key] = i, i
			continue
		}
		l := lasts[m.key]
		p.b.Shadow(ms[l].keyNode)
		p.duplicate(ms[f], ms[f+1], ms[l], m, l == f)
		lasts[m.key] = i
	}
}

// key returns a member name, shared through a table: an export repeats the
// same keys for every entity. Its slot in the table is the same for equal
// names (hasDuplicate's filter).
func (p *jsonParser) key(raw []byte) (string, uint8) {
	body := p.unescape(raw)
	if len(body) == 0 {
		return "", 0
	}
	h := uint8(keyHash(body) % keySlots)
	slot := &p.keys[h]
	if *slot == string(body) {
		return *slot, h
	}
	*slot = string(body)
	return *slot, h
}

// keyCache holds the member names read lately, one per slot: the entities
// of a list repeat a few dozen names, and a slot found by a few bytes of
// the name costs less than a map lookup, which hashes all of it. A name
// that shares a slot is stored again, so the cache's size bounds it
// whatever the input.
type keyCache [keySlots]string

const keySlots = 256

// keyHash mixes a name's length with its first, middle and last bytes.
func keyHash(b []byte) uint32 {
	n := len(b)
	h := uint32(n)*0x9E3779B1 ^ uint32(b[0])<<16 ^ uint32(b[n/2])<<8 ^ uint32(b[n-1])
	return (h * 0x85EBCA6B) >> 24
}

// unescape returns a string token's text, decoding escapes into a scratch
// buffer (valid until the next call).
func (p *jsonParser) unescape(raw []byte) []byte {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return body
	}
	p.buf, _ = jsontext.AppendUnquote(p.buf[:0], raw) // already validated by the decoder
	return p.buf
}

// scalar is a member's value as text when it is a string or a number (a
// numeric PIN), not a boolean, null or container.
func (p *jsonParser) scalar(m jsonMember) (string, bool) {
	raw := p.data[m.valStart:m.valEnd]
	switch m.valKind {
	case '"':
		return string(p.unescape(raw)), true
	case '0':
		return string(raw), true
	}
	return "", false
}

// sameValue reports whether two members' values are equal in the data
// model (json.Number by its text, objects with the last of duplicate keys).
func (p *jsonParser) sameValue(a, b jsonMember) bool {
	ra, rb := p.data[a.valStart:a.valEnd], p.data[b.valStart:b.valEnd]
	switch {
	case a.valKind != b.valKind:
		return false
	case bytes.Equal(ra, rb):
		return true
	case a.valKind == '"':
		sa, _ := p.scalar(a)
		sb, _ := p.scalar(b)
		return sa == sb
	case a.valKind != '{' && a.valKind != '[':
		return false // numbers by their text; true, false, null are equal by kind, so equal raw
	}
	return reflect.DeepEqual(decodeModel(ra), decodeModel(rb))
}

// decodeModel decodes validated JSON text into the map data model.
func decodeModel(raw []byte) any {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	_ = d.Decode(&v)
	return v
}

// index returns the position index, built on first use (only for findings).
func (p *jsonParser) index() *lineIndex {
	if p.lines == nil {
		p.lines = newLineIndex(p.data)
	}
	return p.lines
}

// containerPointer is the pointer of the innermost open container.
func (p *jsonParser) containerPointer() string {
	tokens := make([]any, 0, len(p.stack))
	for _, f := range p.stack[min(1, len(p.stack)):] {
		if f.inObject {
			tokens = append(tokens, f.key)
		} else {
			tokens = append(tokens, f.index)
		}
	}
	return rules.PointerJoin("", tokens...)
}

// pointer is the pointer of the value being read: the innermost container
// plus its pending member name or next index.
func (p *jsonParser) pointer() string {
	n := len(p.stack)
	if n == 0 {
		return ""
	}
	switch top := p.stack[n-1]; {
	case top.object && top.haveKey:
		return rules.PointerJoin(p.containerPointer(), p.members[len(p.members)-1].key)
	case !top.object:
		return rules.PointerJoin(p.containerPointer(), p.elementIndex(n))
	}
	return p.containerPointer()
}
