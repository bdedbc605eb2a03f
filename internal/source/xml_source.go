package source

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// xmlSource is the source map of an XML document. It finds a pointer's
// value in the compact tree, whose nodes hold the offsets of what the
// mapper (xml_model.go) wrote them from, and reads the few offsets nodes do
// not keep (a member's start tag, a text-less element's end) from the
// file, so that a large clean file costs no pointer strings, no map of
// places and no scanned tree kept beside the compact one.
type xmlSource struct {
	src             []byte     // the file
	root            tree.Value // the document's data
	lines           *xmlLines
	comments        []xmlComment
	commentPointers map[int]string     // elements comments refer to, by start → their pointers
	attrs           map[string]xmlSpan // kept attributes' pointers (".../@name") → their values

	mu sync.Mutex // the line index is not safe for concurrent use
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

// locate returns the key and value spans of ptr. The compact tree has the
// mapping's shape, so that following the pointer's tokens through it finds
// the element the mapping wrote there: an object's member by name (the
// last of duplicates), an array's item by number.
func (s *xmlSource) locate(ptr string) (key, val xmlSpan, ok bool) {
	v := s.root
	if ptr != "" {
		if ptr[0] != '/' {
			return key, val, false
		}
		toks := strings.Split(ptr[1:], "/")
		for i, tok := range toks {
			switch v.Kind() {
			case tree.Object:
				if v = v.Get(tok); !v.Exists() {
					return key, val, false
				}
				if tok == "#text" { // text mixed with child elements: placed at the text
					from, to := v.Span()
					return xmlSpan{from, to}, xmlSpan{from, to}, i == len(toks)-1
				}
			case tree.Array:
				k, err := strconv.Atoi(tok)
				if err != nil || k < 0 {
					return key, val, false
				}
				if v = v.Index(k); !v.Exists() {
					return key, val, false
				}
			default:
				return key, val, false
			}
		}
	}
	from, to := v.Span()
	val = xmlSpan{from, to}
	if from == to && v.Kind() != tree.Object && v.Kind() != tree.Array {
		// A leaf without text is written where its content would start:
		// its place is the whole element.
		val = xmlSpan{bytes.LastIndexByte(s.src[:from], '<'), xmlLeafEnd(s.src, from)}
	}
	key = val
	if off, _, member := v.KeySpan(); member {
		// The key is the member's element name (or, converted from
		// another charset, its start tag): its place is the start tag.
		start := bytes.LastIndexByte(s.src[:off+1], '<')
		end, _ := xmlSkimTag(s.src[start:])
		key = xmlSpan{start, start + end}
	}
	return key, val, true
}

// xmlLeafEnd returns the end of the element whose start tag ends at tagEnd
// and which holds no element and no text, only white space, comments,
// processing instructions and blank CDATA sections (or is empty, <a/>).
// The document is well-formed: the first end tag outside those is its own.
func xmlLeafEnd(src []byte, tagEnd int) int {
	if tagEnd >= 2 && src[tagEnd-2] == '/' {
		return tagEnd
	}
	for i := tagEnd; ; {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return len(src) // cannot happen: the element is closed
		}
		i += j
		open, close := "</", ">"
		for _, oc := range [][2]string{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}} {
			if bytes.HasPrefix(src[i:], []byte(oc[0])) {
				open, close = oc[0], oc[1]
			}
		}
		k := bytes.Index(src[i+len(open):], []byte(close))
		if k < 0 {
			return len(src)
		}
		i += len(open) + k + len(close)
		if open == "</" {
			return i
		}
	}
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
	if !ok || len(s.comments) == 0 {
		return nil
	}
	out := make([]XMLComment, 0, len(s.comments))
	for _, c := range s.comments {
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
