package source

import (
	"bytes"
	"encoding/json"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

var byteOrderMark = []byte("\xEF\xBB\xBF")

// loadJSON parses a JSON file into the data model. It makes no position map:
// the document's Source rescans the text only for the pointers asked for,
// jumping straight to the elements of the big arrays the parser noted.
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
	doc := newDataDocument(name, rules.FormatJSON, root, opts)
	doc.Unmodelled = p.unmodelled(p.dups)
	doc.MoreDuplicates = p.dupCount.more
	// The parser's line index, if findings made one, serves the source map.
	doc.Source = &jsonSource{data: data, lines: p.lines, arrays: p.table()}
	return doc, findings
}

// newDataDocument wraps a data model and classifies it, or applies a forced kind.
// The kinds detect on the compact model, so the tree is built here, once
// (AttachTree leaves it).
func newDataDocument(name string, format rules.Format, root any, opts Options) *rules.Document {
	var data tree.Value
	if root != nil {
		data = tree.FromAny(root).Root()
	}
	kind, shape := opts.Kind, ShapeOf(opts.Kind, data)
	if kind == "" {
		kind, shape = Detect(data)
	}
	doc := &rules.Document{
		Path:     name,
		Kind:     kind,
		Shape:    shape,
		Format:   format,
		Root:     root,
		Data:     data,
		Entities: Entities(kind, shape, root),
	}
	attachEntities(doc)
	return doc
}

// jsonParser builds the data model from a token stream with an explicit
// stack, so hostile nesting costs one frame per level up to the limit and
// no Go recursion at all.
type jsonParser struct {
	name     string
	data     []byte // the whole file, for positions
	base     int    // bytes skipped before the JSON text (a BOM)
	maxDepth int
	dec      *jsontext.Decoder

	stack   []jsonFrame
	members []jsonMember      // pending members of every open object, innermost last
	items   []any             // pending elements of every open array, innermost last
	keys    map[string]string // shared member names
	strs    map[string]any    // shared boxed short strings
	nums    map[string]any    // shared boxed short numbers
	buf     []byte

	// dups are the duplicate keys met, turned into findings once parsing
	// succeeds.
	dups []jsonDup
	// dupCount counts the findings built and those past the per-file cap,
	// not kept; rootDups names every duplicated member of the root
	// object, kept or not, for the array table.
	dupCount dupCount
	rootDups map[string]bool
	opts     Options
	lines    *lineIndex
	// firstKeys caches where first occurrences of duplicated keys are, so
	// that a key repeated 50,000 times is located once, and the line index
	// is asked for second occurrences in increasing order.
	firstKeys map[int]rules.Span

	// noted are the big arrays whose elements' offsets the parser notes
	// for the source map (json_arrays.go), in document order.
	noted   []*jsonArrayIndex
	rootEnd int // just after the root value
}

// jsonFrame is one open object or array.
type jsonFrame struct {
	object  bool
	start   int  // offset of the opening bracket in data
	first   int  // index of this container's first entry in members or items
	haveKey bool // an object member's name was read, its value not yet
	noted   int  // 1 + its index in the parser's noted arrays; 0: not noted

	// The container's place in its parent, for pointers in findings.
	inObject bool
	key      string
	index    int
}

// jsonMember is one object member; the key offset serves duplicate findings.
type jsonMember struct {
	key    string
	keyOff int
	value  any
}

// internLimit bounds the string table: keys and short values repeat across
// the entities of an export, long or unique strings only fill it.
const (
	internLimit  = 1 << 14
	internMaxLen = 32
)

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
		dec: jsontext.NewDecoder(bytes.NewBuffer(data[base:]),
			jsontext.AllowDuplicateNames(true)), // reported here, with positions
		keys: make(map[string]string, 64),
		strs: make(map[string]any, 64),
		nums: make(map[string]any, 64),
	}
}

// offset is the absolute offset just after the last token read.
func (p *jsonParser) offset() int { return p.base + int(p.dec.InputOffset()) }

// parse reads one top-level value and checks that nothing follows it. A
// non-nil finding means the file is not usable.
func (p *jsonParser) parse() (any, *rules.Finding) {
	v, fail := p.value()
	if fail != nil {
		return nil, fail
	}
	p.rootEnd = p.offset()
	if f := p.trailing(); f != nil {
		return nil, f
	}
	return v, nil
}

// value reads one whole value.
func (p *jsonParser) value() (any, *rules.Finding) {
	for {
		var v any
		switch p.dec.PeekKind() {
		case '{', '[':
			tok, err := p.dec.ReadToken()
			if err != nil {
				return nil, p.syntax(err)
			}
			if len(p.stack) >= p.maxDepth {
				return nil, p.depthFinding(p.offset() - 1)
			}
			start := p.offset() - 1
			p.element(start)
			obj := tok.Kind() == '{'
			first := len(p.items)
			if obj {
				first = len(p.members)
			}
			p.push(jsonFrame{object: obj, start: start, first: first, noted: p.note(obj, start)})
			continue
		case '}', ']':
			if _, err := p.dec.ReadToken(); err != nil {
				return nil, p.syntax(err)
			}
			v = p.close()
		case '"':
			raw, err := p.dec.ReadValue()
			if err != nil {
				return nil, p.syntax(err)
			}
			if n := len(p.stack); n > 0 && p.stack[n-1].object && !p.stack[n-1].haveKey {
				p.stack[n-1].haveKey = true
				p.members = append(p.members, jsonMember{key: p.key(raw), keyOff: p.offset() - len(raw)})
				continue
			}
			p.element(p.offset() - len(raw))
			v = p.shared(p.strs, p.unescape(raw), boxString)
		case '0':
			raw, err := p.dec.ReadValue()
			if err != nil {
				return nil, p.syntax(err)
			}
			p.element(p.offset() - len(raw))
			v = p.shared(p.nums, raw, boxNumber)
		case 't', 'f', 'n':
			raw, err := p.dec.ReadValue()
			if err != nil {
				return nil, p.syntax(err)
			}
			p.element(p.offset() - len(raw))
			switch raw[0] {
			case 't':
				v = true
			case 'f':
				v = false
			}
		default:
			// PeekKind hides the error; the read reports it.
			_, err := p.dec.ReadToken()
			return nil, p.syntax(err)
		}
		if len(p.stack) == 0 {
			return v, nil
		}
		p.add(v)
	}
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
func (p *jsonParser) elementIndex(n int) int {
	return len(p.items) - p.stack[n-1].first
}

// add stores a finished value in the innermost open container.
func (p *jsonParser) add(v any) {
	top := &p.stack[len(p.stack)-1]
	if top.object {
		top.haveKey = false
		p.members[len(p.members)-1].value = v
		return
	}
	p.items = append(p.items, v)
}

// close pops the innermost container and builds its value at its exact size.
func (p *jsonParser) close() any {
	top := p.stack[len(p.stack)-1]
	if top.noted > 0 {
		p.noted[top.noted-1].end = p.offset()
	}
	if !top.object {
		arr := make([]any, len(p.items)-top.first)
		copy(arr, p.items[top.first:])
		clear(p.items[top.first:]) // let the collector free what the model no longer shares
		p.items = p.items[:top.first]
		p.stack = p.stack[:len(p.stack)-1]
		return arr
	}
	ms := p.members[top.first:]
	obj := make(map[string]any, len(ms))
	// Built on the first duplicate (most objects have none): each key's
	// first and latest member.
	var firsts, lasts map[string]int
	for i, m := range ms {
		n := len(obj)
		obj[m.key] = m.value // the last wins
		if len(obj) == n {   // the key was there: one hash per member, not two
			if firsts == nil {
				firsts, lasts = make(map[string]int, i), make(map[string]int, i)
				for j := i - 1; j >= 0; j-- {
					firsts[ms[j].key] = j
					if _, ok := lasts[ms[j].key]; !ok {
						lasts[ms[j].key] = j
					}
				}
			}
			f, l := firsts[m.key], lasts[m.key]
			p.duplicate(ms[f], ms[f+1], ms[l], m, l == f)
			lasts[m.key] = i
		} else if firsts != nil {
			firsts[m.key], lasts[m.key] = i, i
		}
	}
	clear(ms)
	p.members = p.members[:top.first]
	p.stack = p.stack[:len(p.stack)-1]
	return obj
}

// key returns a member name, shared through a table: an export repeats the
// same keys for every entity.
func (p *jsonParser) key(raw []byte) string {
	body := p.unescape(raw)
	if s, ok := p.keys[string(body)]; ok {
		return s
	}
	s := string(body)
	if len(p.keys) < internLimit {
		p.keys[s] = s
	}
	return s
}

// shared returns v boxed, reusing the box of an earlier equal short value:
// enum values, names and small numbers repeat across entities, and a
// shared box saves both the text and the interface allocation.
func (p *jsonParser) shared(table map[string]any, text []byte, box func(string) any) any {
	if len(text) > internMaxLen {
		return box(string(text))
	}
	if v, ok := table[string(text)]; ok {
		return v
	}
	v := box(string(text))
	if len(table) < internLimit {
		table[string(text)] = v
	}
	return v
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

func boxString(s string) any { return s }
func boxNumber(s string) any { return json.Number(s) }

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
