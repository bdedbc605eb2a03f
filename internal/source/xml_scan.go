package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/rbaclint/rbaclint/rules"
)

// The scanned tree is one array of nodes in document pre-order, built
// token by token from one encoding/xml pass: an element, a run of text or
// a comment inside the root element, each with where it lies in the file.
// An element's children are the nodes from the next one to its next
// (xmlTree.kids). The mapper (xml_model.go) writes the compact tree from
// it, and the source map (xml_source.go) follows pointers through it.

// xnode is one token of the tree and where it lies in the file (byte
// offsets).
type xnode struct {
	start, end int // an element, a comment, or a text run trimmed of spaces
	tagEnd     int // elements: the end of the start tag
	next       int // the index of the first node after this one's subtree
	kind       xmlNodeKind
	space      uint32 // elements: the namespace prefix as written (xmlTree.spaceOf)
	name       string // elements: the local name; text: the decoded text, untrimmed
}

type xmlNodeKind uint8

const (
	xmlElement xmlNodeKind = iota
	xmlText
	xmlCommentNode
)

// qname is element idx's name as written, with its prefix.
func (t *xmlTree) qname(idx int) string {
	n := &t.nodes[idx]
	return xmlQName(xml.Name{Space: t.spaceOf(n.space), Local: n.name})
}

// spaceOf is the prefix of an xnode's space: 0 is none, i the prefix
// spaces[i-1] (a prefix per node would make every node 16 bytes longer).
func (t *xmlTree) spaceOf(i uint32) string {
	if i == 0 {
		return ""
	}
	return t.spaces[i-1]
}

// spaceID is the space of prefix, added to the tree's on first use.
func (s *xmlScanner) spaceID(prefix string) uint32 {
	if prefix == "" {
		return 0
	}
	if i, ok := s.spaceIDs[prefix]; ok {
		return i
	}
	if s.spaceIDs == nil {
		s.spaceIDs = map[string]uint32{}
	}
	s.tree.spaces = append(s.tree.spaces, prefix)
	i := uint32(len(s.tree.spaces))
	s.spaceIDs[prefix] = i
	return i
}

// kids iterates over the children of element idx: their node indices. A
// child is yielded once it has started; moving past it waits for its end.
func (t *xmlTree) kids(idx int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := idx + 1; t.has(idx, i); i = t.after(i) {
			if !yield(i) {
				return
			}
		}
	}
}

// A tree can be read while it is scanned (scan non-nil): the mapper asks
// for nodes, and the scanner reads the file only as far as the answer
// needs. A child of an element whose nodes end the tree can then be
// dropped once it is written (release), so that loading a long list holds
// one item's nodes at a time rather than the whole file's.

// has reports whether element idx has a child at node i, the node after
// its previous child's subtree (or after idx), scanning on to know.
func (t *xmlTree) has(idx, i int) bool {
	for {
		if next := t.nodes[idx].next; next != 0 {
			return i < next
		}
		if i < len(t.nodes) {
			return true // made while idx is open, after its previous child ended
		}
		if !t.more() {
			return false
		}
	}
}

// after returns the node after node i's subtree, scanning on to its end
// (the end of the nodes when the scan ended inside it).
func (t *xmlTree) after(i int) int {
	for !t.closed(i) && t.more() {
	}
	if t.closed(i) {
		return t.nodes[i].next
	}
	return len(t.nodes)
}

// closed reports whether node i's subtree is complete: text and comments
// always are, an element once its end tag is read.
func (t *xmlTree) closed(i int) bool { return t.nodes[i].next != 0 }

// release is after for the mapper of a known array, which uses no node
// index of an item once the item is written: while the tree is read as it
// is scanned, child i is dropped when it ends the nodes so far and its
// parent idx is still open, and the next child is scanned into its place.
func (t *xmlTree) release(idx, i int) int {
	next := t.after(i)
	if t.scan != nil && next == len(t.nodes) && t.closed(i) && !t.closed(idx) {
		t.nodes = t.nodes[:i]
		return i
	}
	return next
}

// more scans one more token of a tree read while it is scanned; false once
// the scan has ended (or the tree is complete).
func (t *xmlTree) more() bool {
	s := t.scan
	if s == nil || s.ended {
		return false
	}
	if !s.step() {
		s.ended = true
		return false
	}
	return true
}

// started reports whether the root element has started, scanning on to
// know: node 0 is always the root (nothing outside it is a node).
func (t *xmlTree) started() bool {
	for len(t.nodes) == 0 {
		if !t.more() {
			return false
		}
	}
	return true
}

// xmlDeclined ends a fast or parallel scan that is not sure.
var xmlDeclined = &xmlProblem{msg: "declined"}

// end scans the rest of a tree read while it is scanned and reports how
// the scan ended: nil when it read one whole document, else its problem,
// or xmlDeclined from the fast or parallel scan, which leave every
// problem to the encoding/xml scan.
func (t *xmlTree) end() *xmlProblem {
	s := t.scan
	if s == nil {
		return nil
	}
	for t.more() {
	}
	if s.declined {
		return xmlDeclined
	}
	if s.prob != nil {
		return s.prob
	}
	if _, p := s.atEOF(); p != nil {
		if s.declines {
			return xmlDeclined
		}
		return p
	}
	return nil
}

// complete scans all of t and returns it as a complete tree.
func (t *xmlTree) complete() (*xmlTree, *xmlProblem) {
	if p := t.end(); p != nil {
		return nil, p
	}
	t.scan = nil
	return t, nil
}

// xmlComment is one comment, kept for in-file directives. The elements it
// refers to are named by where they start, as their nodes may be gone by
// the time the comment is read (xmlTree.release).
type xmlComment struct {
	text       string
	start, end int // file offsets
	parent     int // the start of the enclosing element; -1 outside the root
	next       int // the start of the next sibling element; -1 when none follows
}

// xmlTree is a scanned document.
type xmlTree struct {
	rooted   bool        // the root element has started (it is node 0)
	scan     *xmlScanner // nil: complete; else read while it is scanned
	nodes    []xnode
	comments []xmlComment
	attrs    []xmlAttr // the attributes that may be credentials, in document order
	spaces   []string  // the elements' namespace prefixes, in order of first use
	// wanted are the elements comments refer to, by start offset, each
	// with its pointer once the mapper has written it.
	wanted map[int]string
}

// want marks the element starting at off as one a comment refers to.
func (t *xmlTree) want(off int) {
	if t.wanted == nil {
		t.wanted = map[int]string{}
	}
	t.wanted[off] = ""
}

// xmlAttr is an attribute kept for plaintext-secret (mayHoldSecret): the
// data model has no attributes.
type xmlAttr struct {
	at       int    // the start of its element
	name     string // as written, with its prefix
	value    string // decoded
	from, to int    // the value between its quotes (file offsets)
}

// xmlProblem stops loading: a syntax error or an exceeded limit, at a range
// of file offsets.
type xmlProblem struct {
	rule     string
	from, to int
	msg      string
}

// errXMLCharset marks a charset the decoder asked for that newXMLInput did not
// prepare; it can only come from a misplaced XML declaration.
var errXMLCharset = errors.New("charset not prepared")

// scanXML reads the whole input. Hostile constructs stop it at the token
// where they start, before anything is built from them: a DOCTYPE or any
// other declaration is rejected as a token and never interpreted, so
// entities are never expanded and nothing outside the file is read.
func scanXML(in *xmlInput, maxDepth int, lines *xmlLines) (*xmlTree, *xmlProblem) {
	// A capacity hint: every element has a "<", and most have at most one
	// text node, so the slice rarely grows.
	return newXMLDecoderScan(in, maxDepth, lines, bytes.Count(in.text, []byte("<"))).complete()
}

// newXMLDecoderScan returns the tree of in, to be read while encoding/xml
// scans it; nodes is a capacity hint.
func newXMLDecoderScan(in *xmlInput, maxDepth int, lines *xmlLines, nodes int) *xmlTree {
	s := &xmlScanner{in: in, lines: lines, tree: &xmlTree{nodes: make([]xnode, 0, nodes)}}
	s.tree.scan = s
	dec := newXMLDecoder(in.text, in.acceptCharset)
	s.step = func() bool {
		done, p := s.token(dec, 0, maxDepth)
		s.prob = p
		return !done && p == nil
	}
	return s.tree
}

// newXMLDecoder is a strict decoder of text whose CharsetReader lets
// through the charsets accept approves: the text is already UTF-8.
func newXMLDecoder(text []byte, accept func(string) bool) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(text))
	dec.Strict = true
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if accept(charset) {
			return r, nil
		}
		return nil, errXMLCharset
	}
	return dec
}

// run builds the tree from dec's tokens until the end of its input; shift
// is where that input starts in s.in.text (the parallel scan reads the
// file in parts).
func (s *xmlScanner) run(dec *xml.Decoder, shift, maxDepth int) *xmlProblem {
	for {
		if done, p := s.token(dec, shift, maxDepth); done || p != nil {
			return p
		}
	}
}

// token builds the tree from dec's next token; done at the end of its
// input.
func (s *xmlScanner) token(dec *xml.Decoder, shift, maxDepth int) (done bool, p *xmlProblem) {
	off0 := shift + int(dec.InputOffset())
	tok, err := dec.RawToken()
	off1 := shift + int(dec.InputOffset())
	if err == io.EOF {
		return true, nil
	}
	if err != nil {
		return false, s.decodeError(err, off0, off1)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		p = s.start(t, off0, off1, maxDepth)
	case xml.EndElement:
		p = s.end(t.Name, off0, off1)
	case xml.CharData:
		p = s.text(t, off0, off1)
	case xml.Comment:
		s.comment(string(t), off0, off1)
	case xml.ProcInst:
		if t.Target == "xml" && off0 != 0 {
			p = s.problem(rules.IDSyntax, off0, off0+5, "the XML declaration <?xml ...?> must be at the very start of the file")
		}
	case xml.Directive:
		p = s.rejectDecl(off0)
	}
	return false, p
}

// xmlScanner builds the tree from the token stream.
type xmlScanner struct {
	in      *xmlInput
	lines   *xmlLines
	tree    *xmlTree
	stack   []int  // the open elements' nodes
	closed  string // the root's name once it is closed
	pending []int  // comments waiting for their next sibling element
	// spaceIDs are the spaces of tree.spaces.
	spaceIDs map[string]uint32
	// outer is the start of the element that stack entries below 0 stand
	// for (xmlListNode, in a parallel run).
	outer int

	// A scan read while the tree is (xmlTree.scan): step reads on (false:
	// the end, or a problem or doubt), then ended is set.
	step     func() bool
	ended    bool
	declines bool        // the fast or parallel scan: it declines instead of reporting
	declined bool        // it is not sure
	prob     *xmlProblem // what stopped the scan
}

// startOf is the start offset of the open element stack entry e.
func (s *xmlScanner) startOf(e int) int {
	if e < 0 {
		return s.outer
	}
	return s.tree.nodes[e].start
}

func (s *xmlScanner) problem(rule string, from, to int, msg string) *xmlProblem {
	return &xmlProblem{rule: rule, from: s.in.fileOffset(from), to: s.in.fileOffset(to), msg: msg}
}

// at is where an element starts, "line:column", for messages that must
// not name it.
func (s *xmlScanner) at(node int) string {
	p := s.lines.position(s.tree.nodes[node].start)
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

func (s *xmlScanner) start(t xml.StartElement, off0, off1, maxDepth int) *xmlProblem {
	if p := s.open(t.Name, off0, off1, maxDepth); p != nil {
		return p
	}
	if len(t.Attr) > 0 {
		s.attributes(t.Attr, len(s.tree.nodes)-1, off0, off1)
	}
	return nil
}

// open adds the element name whose start tag is text[off0:off1].
func (s *xmlScanner) open(name xml.Name, off0, off1, maxDepth int) *xmlProblem {
	if s.tree.rooted && len(s.stack) == 0 {
		return s.problem(rules.IDSyntax, off0, off1, fmt.Sprintf(
			"a second root element <%s> after </%s>; an XML file has exactly one root element", xmlQName(name), s.closed))
	}
	if len(s.stack) >= maxDepth {
		return s.problem(rules.IDLimit, off0, off1, fmt.Sprintf(
			"elements are nested more than %d levels deep; the file is not read further (raise limits.maxDepth in .rbaclint.yaml or --max-depth if this is a real export)", maxDepth))
	}
	s.tree.rooted = true
	idx := len(s.tree.nodes)
	start := s.in.fileOffset(off0)
	s.tree.nodes = append(s.tree.nodes, xnode{start: start, tagEnd: s.in.fileOffset(off1),
		kind: xmlElement, space: s.spaceID(name.Space), name: name.Local})
	if len(s.pending) > 0 {
		for _, c := range s.pending {
			s.tree.comments[c].next = start
		}
		s.tree.want(start)
		s.pending = s.pending[:0]
	}
	s.stack = append(s.stack, idx)
	return nil
}

// attributes keeps the attributes of the start tag text[off0:off1] (node
// idx) that may be credentials, with where their values are written.
// Namespace declarations are never credentials.
func (s *xmlScanner) attributes(attrs []xml.Attr, idx, off0, off1 int) {
	var at []int // value offsets in the tag, two per attribute, found on first need
	for i, a := range attrs {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" || !mayHoldSecret(a.Name.Local, a.Value) {
			continue
		}
		if at == nil {
			at = xmlAttrValues(s.in.text[off0:off1])
		}
		if 2*i+1 >= len(at) {
			return // cannot happen: the decoder read these attributes from this text
		}
		s.tree.attrs = append(s.tree.attrs, xmlAttr{at: s.tree.nodes[idx].start, name: xmlQName(a.Name), value: a.Value,
			from: s.in.fileOffset(off0 + at[2*i]), to: s.in.fileOffset(off0 + at[2*i+1])})
	}
}

// xmlAttrValues returns, for each attribute of a well-formed start tag (as
// the strict decoder accepted it), the offsets of its value between the
// quotes.
func xmlAttrValues(tag []byte) []int {
	var out []int
	i := 1
	for i < len(tag) && !isXMLSpace(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++ // the element's name
	}
	for i < len(tag) {
		switch c := tag[i]; {
		case c == '"' || c == '\'':
			end := i + 1
			for end < len(tag) && tag[end] != c {
				end++
			}
			out = append(out, i+1, end)
			i = end + 1
		default:
			i++
		}
	}
	return out
}

func (s *xmlScanner) end(name xml.Name, off0, off1 int) *xmlProblem {
	if len(s.stack) == 0 {
		return s.problem(rules.IDSyntax, off0, off1, "this end tag has no matching start tag")
	}
	top := s.stack[len(s.stack)-1]
	if n := &s.tree.nodes[top]; s.tree.spaceOf(n.space) != name.Space || n.name != name.Local {
		// No names: a "<" inside a value (a password) reads as a tag, so
		// either name may be text of a secret.
		return s.problem(rules.IDSyntax, off0, off1, fmt.Sprintf(
			`this end tag does not match the start tag at %s; a "<" in text must be written as &lt;`, s.at(top)))
	}
	n := &s.tree.nodes[top]
	n.end = s.in.fileOffset(off1)
	n.next = len(s.tree.nodes)
	s.stack = s.stack[:len(s.stack)-1]
	s.pending = s.pending[:0]
	if len(s.stack) == 0 {
		s.closed = s.tree.qname(top)
	}
	return nil
}

func (s *xmlScanner) text(t xml.CharData, off0, off1 int) *xmlProblem {
	return s.addText(t, off0, off1, false)
}

// addText adds t, the decoded text of text[off0:off1]. own: t is the input
// or a buffer no one writes again (the fast scanner's), kept as it is
// where the decoder's, which it reuses, is copied unless verbatim.
func (s *xmlScanner) addText(t []byte, off0, off1 int, own bool) *xmlProblem {
	if xmlBlank(t) {
		return nil // indentation: not part of the tree
	}
	from, to := xmlTrim(s.in.text, off0, off1)
	if len(s.stack) == 0 {
		msg := "text before the root element; an XML file holds one root element and nothing else"
		if s.tree.rooted {
			msg = fmt.Sprintf("text after the root element </%s>; an XML file holds one root element and nothing else", s.closed)
		}
		return s.problem(rules.IDSyntax, from, to, msg)
	}
	name := xmlView(t)
	if !own {
		name = s.textOf(t, off0, off1)
	}
	idx := len(s.tree.nodes)
	s.tree.nodes = append(s.tree.nodes, xnode{start: s.in.fileOffset(from), end: s.in.fileOffset(to), next: idx + 1,
		kind: xmlText, name: name})
	return nil
}

// textOf returns the decoded text t of the text token at text[off0:off1]:
// a view of the input when it is written verbatim (no entity reference,
// no CDATA, no CR), as most text is, so that it costs no copy. The input
// outlives the tree (the compact tree reads the same text).
func (s *xmlScanner) textOf(t xml.CharData, off0, off1 int) string {
	if raw := s.in.text[off0:off1]; len(raw) > 0 && bytes.Equal(t, raw) {
		return unsafe.String(&raw[0], len(raw))
	}
	return string(t)
}

func (s *xmlScanner) comment(text string, off0, off1 int) {
	c := xmlComment{text: text, start: s.in.fileOffset(off0), end: s.in.fileOffset(off1), parent: -1, next: -1}
	if len(s.stack) == 0 {
		if !s.tree.rooted {
			s.pending = append(s.pending, len(s.tree.comments))
		}
	} else {
		idx := len(s.tree.nodes)
		s.tree.nodes = append(s.tree.nodes, xnode{start: c.start, end: c.end, next: idx + 1, kind: xmlCommentNode})
		c.parent = s.startOf(s.stack[len(s.stack)-1])
		s.tree.want(c.parent)
		s.pending = append(s.pending, len(s.tree.comments))
	}
	s.tree.comments = append(s.tree.comments, c)
}

func (s *xmlScanner) atEOF() (*xmlTree, *xmlProblem) {
	end := len(s.in.text)
	if len(s.stack) > 0 {
		return nil, s.problem(rules.IDSyntax, end, end, s.eofMessage(nil))
	}
	if !s.tree.rooted {
		return nil, s.problem(rules.IDSyntax, 0, 0, "the file has no root element")
	}
	return s.tree, nil
}

func xmlQName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func xmlBlank(b []byte) bool {
	for _, c := range b {
		if !isXMLSpace(c) {
			return false
		}
	}
	return true
}

// xmlTrim returns the range of text[from:to] without leading and trailing
// white space.
func xmlTrim(text []byte, from, to int) (int, int) {
	for from < to && isXMLSpace(text[from]) {
		from++
	}
	for to > from && isXMLSpace(text[to-1]) {
		to--
	}
	return from, to
}
