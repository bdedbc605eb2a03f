package source

import (
	"strconv"
	"strings"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// xmlSource is the source map of an XML document. It keeps the tree with
// each node's offsets and finds a pointer's element by following the
// mapping rules of xml_model.go, so a large clean file costs no pointer
// strings and no map of places.
type xmlSource struct {
	tree            *xmlTree
	rootField       xmlField
	lines           *xmlLines
	commentPointers map[int]string     // node → pointer, for the nodes comments refer to
	attrs           map[string]xmlSpan // kept attributes' pointers (".../@name") → their values

	mu    sync.Mutex
	kids  map[int][]int // elements visited → their children
	items map[int][]int // array containers visited → their items
}

// xmlSpan is a range of file offsets.
type xmlSpan struct{ from, to int }

// Resolve implements rules.SourceMap.
func (s *xmlSource) Resolve(pointers []string) map[string]rules.Place {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]rules.Place, len(pointers))
	for _, p := range pointers {
		if val, ok := s.attrs[p]; ok {
			out[p] = rules.Place{Key: s.lines.span(val.from, val.to), Value: s.lines.span(val.from, val.to)}
			continue
		}
		if key, val, ok := s.locate(p); ok {
			out[p] = rules.Place{Key: s.lines.span(key.from, key.to), Value: s.lines.span(val.from, val.to)}
		}
	}
	return out
}

// xmlCursor is an element reached while following a pointer.
type xmlCursor struct {
	idx    int
	f      xmlField
	member bool // an object member: its key is its start tag
}

// locate returns the key and value spans of ptr.
func (s *xmlSource) locate(ptr string) (key, val xmlSpan, ok bool) {
	cur := xmlCursor{idx: 0, f: s.rootField}
	if ptr == "" {
		return s.place(cur)
	}
	if ptr[0] != '/' {
		return key, val, false
	}
	toks := strings.Split(ptr[1:], "/")
	for i := 0; i < len(toks); i++ {
		tok, last := toks[i], i == len(toks)-1
		switch s.tree.formOf(cur.idx, cur.f) {
		case xmlFormLeaf:
			return key, val, false
		case xmlFormArray:
			k, err := strconv.Atoi(tok)
			items := s.itemsOf(cur)
			if err != nil || k < 0 || k >= len(items) {
				return key, val, false
			}
			kid := items[k]
			switch c := s.tree.nodes[kid]; c.kind {
			case xmlText:
				return xmlSpan{c.start, c.end}, xmlSpan{c.start, c.end}, last
			case xmlElement:
				next := xmlCursor{idx: kid, f: xmlObjectOf(cur.f.spec)}
				if c.name != cur.f.item { // a stray item {"<name>": value}
					if last {
						return xmlSpan{c.start, c.end}, xmlSpan{c.start, c.end}, true
					}
					if toks[i+1] != c.name {
						return key, val, false
					}
					i++
					next.f, next.member = xmlAnyField, true
				}
				cur = next
			}
		default: // an object, known or generic
			if tok == "#text" {
				_, span, found := s.tree.text(cur.idx)
				return span, span, last && found
			}
			generic := s.tree.formOf(cur.idx, cur.f) == xmlFormGeneric
			children := s.childrenNamed(cur, tok)
			switch {
			case len(children) == 0:
				return key, val, false
			case !generic || len(children) == 1:
				kid := children[len(children)-1] // a duplicate's last value wins
				f, known := cur.f.spec[tok]
				if generic || !known {
					f = xmlAnyField
				}
				cur = xmlCursor{idx: kid, f: f, member: true}
			case last: // a repeated generic name: the array of them
				first, end := s.tree.nodes[children[0]], s.tree.nodes[children[len(children)-1]]
				return xmlSpan{first.start, first.tagEnd}, xmlSpan{first.start, end.end}, true
			default:
				k, err := strconv.Atoi(toks[i+1])
				if err != nil || k < 0 || k >= len(children) {
					return key, val, false
				}
				i++
				kid := children[k]
				cur = xmlCursor{idx: kid, f: xmlAnyField}
			}
		}
	}
	return s.place(cur)
}

// place is where the value of an element lies: its text for a leaf with
// text, else the whole element; the key is the start tag for a member.
func (s *xmlSource) place(c xmlCursor) (key, val xmlSpan, ok bool) {
	n := s.tree.nodes[c.idx]
	val = xmlSpan{n.start, n.end}
	if s.tree.formOf(c.idx, c.f) == xmlFormLeaf {
		if _, span, found := s.tree.text(c.idx); found {
			val = span
		}
	}
	key = val
	if c.member {
		key = xmlSpan{n.start, n.tagEnd}
	}
	return key, val, true
}

// kidsOf lists, once per element, its children's nodes.
func (s *xmlSource) kidsOf(c xmlCursor) []int {
	if kids, ok := s.kids[c.idx]; ok {
		return kids
	}
	var kids []int
	for k := range s.tree.kids(c.idx) {
		kids = append(kids, k)
	}
	if s.kids == nil {
		s.kids = map[int][]int{}
	}
	s.kids[c.idx] = kids
	return kids
}

// itemsOf lists, once per container, the children that became array items:
// elements and text, not comments.
func (s *xmlSource) itemsOf(c xmlCursor) []int {
	if items, ok := s.items[c.idx]; ok {
		return items
	}
	var items []int
	for _, k := range s.kidsOf(c) {
		if s.tree.nodes[k].kind != xmlCommentNode {
			items = append(items, k)
		}
	}
	if s.items == nil {
		s.items = map[int][]int{}
	}
	s.items[c.idx] = items
	return items
}

// childrenNamed lists the child elements named name.
func (s *xmlSource) childrenNamed(c xmlCursor, name string) []int {
	var out []int
	for _, k := range s.kidsOf(c) {
		if n := &s.tree.nodes[k]; n.kind == xmlElement && n.name == name {
			out = append(out, k)
		}
	}
	return out
}

// XMLComment is a comment of an XML document, kept for in-file directives
// such as <!-- rbaclint:ignore RULE reason -->.
type XMLComment struct {
	Text string     // between "<!--" and "-->", trimmed
	Span rules.Span // the whole comment
	// Pointer is the element the comment annotates: the next sibling
	// element, else the enclosing element; "" (the root) outside the root.
	Pointer string
}

// XMLComments returns the comments of a document loaded from XML in document
// order, and nil for any other document.
func XMLComments(doc *rules.Document) []XMLComment {
	s, ok := doc.Source.(*xmlSource)
	if !ok || len(s.tree.comments) == 0 {
		return nil
	}
	out := make([]XMLComment, 0, len(s.tree.comments))
	for _, c := range s.tree.comments {
		ptr := ""
		switch {
		case c.next >= 0:
			ptr = s.commentPointers[c.next]
		case c.parent >= 0:
			ptr = s.commentPointers[c.parent]
		}
		out = append(out, XMLComment{
			Text:    strings.TrimSpace(c.text),
			Span:    s.lines.span(c.start, c.end),
			Pointer: ptr,
		})
	}
	return out
}
