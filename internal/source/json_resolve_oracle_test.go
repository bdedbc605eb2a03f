package source

import (
	"bytes"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/rules"
)

// The resolver the JSON source map had before it read the tree: one pass
// over the token stream along the pointer trie, recording each occurrence
// of a pointer, so the last in the text wins. It is the tests' oracle for
// jsonSource.Resolve, independent of the tree.

// fullPassResolve places pointers in data by the pass over the text.
func fullPassResolve(data []byte, pointers []string) map[string]rules.Place {
	out := make(map[string]rules.Place, len(pointers))
	root := newPointerTrie(pointers)
	if root == nil {
		return out
	}
	r := &jsonResolver{found: make(map[string][4]int, len(pointers))}
	base := 0
	if bytes.HasPrefix(data, byteOrderMark) {
		base = len(byteOrderMark)
	}
	r.reset(data[base:], base)
	_ = r.value(root, -1, -1) // places found before a (never expected) error still count
	pos := positionsOf(newLineIndex(data), r.found)
	for ptr, o := range r.found {
		out[ptr] = rules.Place{
			Key:   rules.Span{Start: pos[o[0]], End: pos[o[1]]},
			Value: rules.Span{Start: pos[o[2]], End: pos[o[3]]},
		}
	}
	return out
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
