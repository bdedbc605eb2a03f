package source

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// How elements become values of the compact tree (internal/tree), which
// the mapper writes directly, in one pass over the scanned elements:
//   - a known field maps by its table type (xml_kinds.go); an int or bool
//     field whose text is not a valid integer or exactly true/false keeps
//     the trimmed text as a string, for the schema rule to report;
//   - an element without child elements is its trimmed text; an empty
//     known object or array container is {} or [];
//   - an element with child elements is an object (or, for a known array
//     container, an array), whatever its field type says;
//   - an unknown element with children is a generic object in which a name
//     that repeats becomes an array;
//   - a child of a known array container that is not its item element
//     becomes the item {"<name>": value}, which the item schema rejects;
//   - a member's key is the element's local name where it is written; a
//     string is its text where it is written, or, when that text is not
//     its value verbatim (entity references, CDATA, line ends, a charset
//     converted), the decoded value, kept once;
//   - text mixed with child elements becomes the member "#text" of an
//     object, or a string item of an array;
//   - attributes are not part of the model (those that may be credentials
//     are kept aside in Document.Unmodelled, for plaintext-secret),
//     comments are kept aside, and names are local names (namespace
//     prefixes dropped).
// XML names cannot hold "/" or "~", so pointer tokens need no escaping.
// xmlSource.locate follows the same rules to find a pointer's element.

// xmlForm is what an element becomes.
type xmlForm uint8

const (
	xmlFormLeaf    xmlForm = iota // a string, number or bool from its text
	xmlFormArray                  // a known array container with children
	xmlFormObject                 // a known object with children
	xmlFormGeneric                // any other element with children
)

// formOf is what element idx of t becomes as field f.
func (t *xmlTree) formOf(idx int, f xmlField) xmlForm {
	for c := range t.kids(idx) {
		if t.nodes[c].kind == xmlElement {
			switch f.typ {
			case kinds.XMLArray:
				return xmlFormArray
			case kinds.XMLObject:
				return xmlFormObject
			}
			return xmlFormGeneric
		}
	}
	return xmlFormLeaf
}

var xmlAnyField = xmlField{typ: xmlAny}

// xmlDuplicate is a single-valued child element met more than once.
type xmlDuplicate struct {
	pointer       string
	name, parent  string  // as written
	first, second xmlSpan // their start tags
	count         int     // occurrences so far, the second included
}

// xmlStep is one pointer token: a member name, or an index when name is "".
type xmlStep struct {
	name  string
	index int
}

type xmlMapper struct {
	tree       *xmlTree
	src        []byte // the file: plain text and names are read from it by offset
	b          *tree.Builder
	path       []xmlStep // the pointer of the value being mapped
	duplicates []xmlDuplicate
	strays     map[string]bool // array items that are not the container's item element
	unmodelled []xmlUnmodelled
	// maxDups caps the duplicates recorded (0: no cap); moreDups counts
	// those past it.
	maxDups, moreDups int
	// seenFree are name indexes of objects already written, to reuse: an
	// index per object would be most of the mapper's garbage.
	seenFree []*xmlSeenNames
}

// seenNames returns an empty name index; putSeen gives it back.
func (m *xmlMapper) seenNames() *xmlSeenNames {
	if n := len(m.seenFree); n > 0 {
		s := m.seenFree[n-1]
		m.seenFree = m.seenFree[:n-1]
		return s
	}
	return &xmlSeenNames{}
}

func (m *xmlMapper) putSeen(s *xmlSeenNames) {
	clear(s.names)
	clear(s.seen) // no names or fields kept alive
	s.names, s.seen, s.index = s.names[:0], s.seen[:0], nil
	m.seenFree = append(m.seenFree, s)
}

// xmlUnmodelled is a value the data model leaves out, with the text it is
// at: an attribute's value, or an earlier duplicate's start tag.
type xmlUnmodelled struct {
	rules.Unmodelled
	from, to int
}

// newXMLMapper maps the scanned tree of the file src.
func newXMLMapper(xt *xmlTree, src []byte) *xmlMapper {
	// About two nodes per element (its key and its value), and most
	// elements have a start and an end tag: one node per "<". The nodes
	// the capacity has to spare are never touched, so they cost address
	// space, not memory.
	return &xmlMapper{tree: xt, src: src, b: tree.NewBuilder(src, bytes.Count(src, []byte("<")))}
}

// pointer spells the current path; pointers are only built when needed.
func (m *xmlMapper) pointer() string {
	var b strings.Builder
	for _, s := range m.path {
		b.WriteByte('/')
		if s.name != "" {
			b.WriteString(s.name)
		} else {
			b.WriteString(strconv.Itoa(s.index))
		}
	}
	return b.String()
}

// at writes element idx as field f under one more path step.
func (m *xmlMapper) at(step xmlStep, idx int, f xmlField) xmlForm {
	m.path = append(m.path, step)
	form := m.value(idx, f)
	m.path = m.path[:len(m.path)-1]
	return form
}

// value writes element idx as field f at the current path and returns
// what it became.
func (m *xmlMapper) value(idx int, f xmlField) xmlForm {
	start := m.tree.nodes[idx].start
	if as := m.tree.attrsOf(start); len(as) > 0 {
		ptr := m.pointer()
		for _, a := range as {
			m.unmodelled = append(m.unmodelled, xmlUnmodelled{rules.Unmodelled{Pointer: ptr + "/@" + a.name, Key: a.name, Value: a.value}, a.from, a.to})
		}
	}
	form := m.tree.formOf(idx, f)
	switch form {
	case xmlFormArray:
		m.array(idx, f)
	case xmlFormObject:
		m.object(idx, f.spec)
	case xmlFormGeneric:
		m.generic(idx)
	default:
		m.leaf(idx, f.typ)
	}
	// After the element, when its comments have all been read.
	if m.tree.wanted != nil {
		if _, ok := m.tree.wanted[start]; ok {
			m.tree.wanted[start] = m.pointer()
		}
	}
	return form
}

// attrsOf returns the kept attributes of the element starting at start.
func (t *xmlTree) attrsOf(start int) []xmlAttr {
	if len(t.attrs) == 0 {
		return nil
	}
	i := sort.Search(len(t.attrs), func(i int) bool { return t.attrs[i].at >= start })
	j := i
	for j < len(t.attrs) && t.attrs[j].at == start {
		j++
	}
	return t.attrs[i:j]
}

// leaf writes a leaf element by its field type: an int or bool field
// whose text is not a valid integer or exactly true/false keeps the text
// as a string, for the schema rule to report.
func (m *xmlMapper) leaf(idx int, t kinds.XMLType) {
	n := m.tree.nodes[idx]
	text, span, found := m.tree.text(idx)
	if !found {
		// No text: an empty value where the content would start.
		span = xmlSpan{n.tagEnd, n.tagEnd}
	}
	switch t {
	case kinds.XMLInt:
		if isJSONInteger(text) {
			if m.verbatim(span, text) {
				m.b.Number(span.from, span.to)
			} else {
				m.b.NumberValue(span.from, span.to, text)
			}
			return
		}
	case kinds.XMLBool:
		switch text {
		case "true", "false":
			m.b.Bool(span.from, span.to, text == "true")
			return
		}
	case kinds.XMLObject, kinds.XMLArray:
		if text == "" {
			if t == kinds.XMLObject {
				m.b.Object(n.start)
			} else {
				m.b.Array(n.start)
			}
			m.b.Close(n.end)
			return
		}
	}
	m.text(span, text)
}

// leafScalar is the text a leaf of type t with this text becomes when
// that value is a string or a number, as an earlier duplicate's value is
// kept (Document.Unmodelled).
func leafScalar(text string, t kinds.XMLType) (string, bool) {
	switch t {
	case kinds.XMLBool:
		return text, text != "true" && text != "false"
	case kinds.XMLObject, kinds.XMLArray:
		return text, text != ""
	}
	return text, true
}

// verbatim reports whether the file's bytes at span are text itself, so
// that the tree can read the value from the file instead of keeping it.
func (m *xmlMapper) verbatim(span xmlSpan, text string) bool {
	return span.to-span.from == len(text) && string(m.src[span.from:span.to]) == text
}

// text writes a string value written at span.
func (m *xmlMapper) text(span xmlSpan, text string) {
	if m.verbatim(span, text) {
		m.b.Text(span.from, span.to)
	} else {
		m.b.StringValue(span.from, span.to, text)
	}
}

// key writes the member name of child element ci: its local name where
// the start tag writes it.
func (m *xmlMapper) key(ci int) int {
	n := &m.tree.nodes[ci]
	off := n.start + 1
	if sp := m.tree.spaceOf(n.space); sp != "" {
		off += len(sp) + 1
	}
	if end := off + len(n.name); end <= n.tagEnd && string(m.src[off:end]) == n.name {
		return m.b.KeyText(off, end)
	}
	return m.b.KeyValue(n.start, n.tagEnd, n.name) // a name converted from another charset
}

// textMember writes the member "#text" of an element with text mixed with
// child elements; it is placed at the text.
func (m *xmlMapper) textMember(idx int) {
	text, span, _ := m.tree.text(idx)
	m.b.KeyValue(span.from, span.to, "#text")
	m.text(span, text)
}

// isJSONInteger reports whether s is an integer as JSON writes it, so that
// json.Number stays a valid JSON number ("007" and "+1" stay strings).
func isJSONInteger(s string) bool {
	d := strings.TrimPrefix(s, "-")
	if d == "" || len(d) > 1 && d[0] == '0' {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// xmlSeen is a child element name of one object: its first and latest
// occurrences, how many times it has appeared so far, and the key node of
// the latest, which a later one shadows.
type xmlSeen struct {
	first, prev, count int
	key                int
	f                  xmlField // the field the latest was mapped as
	form               xmlForm  // what the latest became
}

// xmlSeenNames indexes an object's child names. Objects are small: a
// linear scan is fastest, and a map takes over past a few dozen names, so
// that a hostile object with 50,000 distinct or repeated names stays
// linear.
type xmlSeenNames struct {
	names []string
	seen  []xmlSeen
	index map[string]int
}

const xmlSeenScan = 32

func (s *xmlSeenNames) get(name string) *xmlSeen {
	if s.index != nil {
		if i, ok := s.index[name]; ok {
			return &s.seen[i]
		}
		return nil
	}
	for i, n := range s.names {
		if n == name {
			return &s.seen[i]
		}
	}
	return nil
}

// add adds name and returns its entry, valid until the next add.
func (s *xmlSeenNames) add(name string, v xmlSeen) *xmlSeen {
	s.names = append(s.names, name)
	s.seen = append(s.seen, v)
	switch {
	case s.index != nil:
		s.index[name] = len(s.names) - 1
	case len(s.names) > xmlSeenScan:
		s.index = make(map[string]int, 2*len(s.names))
		for i, n := range s.names {
			s.index[n] = i
		}
	}
	return &s.seen[len(s.seen)-1]
}

// object writes an element of a known object type: every child element is
// a member, typed by spec or generic, and a repeated one is a duplicate
// whose last value wins (the earlier members are shadowed).
func (m *xmlMapper) object(idx int, spec xmlSpec) {
	m.b.Object(m.tree.nodes[idx].start)
	text := false
	seen := m.seenNames()
	defer m.putSeen(seen)
	for ci := range m.tree.kids(idx) {
		c := &m.tree.nodes[ci]
		switch c.kind {
		case xmlElement:
			f, ok := spec[c.name]
			if !ok {
				f = xmlAnyField
			}
			s := seen.get(c.name)
			if s != nil {
				s.count++
				m.duplicate(idx, s, ci)
				if prev := m.tree.nodes[s.prev]; s.form == xmlFormLeaf {
					t, _, _ := m.tree.text(s.prev)
					if v, ok := leafScalar(t, s.f.typ); ok && mayHoldSecret(c.name, v) {
						m.unmodelled = append(m.unmodelled, xmlUnmodelled{rules.Unmodelled{
							Pointer: m.pointer() + "/" + c.name, Key: c.name, Value: v, Earlier: true}, prev.start, prev.tagEnd})
					}
				}
				m.b.Shadow(s.key)
				s.prev, s.f = ci, f
				s.key = m.key(ci)
			} else {
				s = seen.add(c.name, xmlSeen{first: ci, prev: ci, count: 1, key: m.key(ci), f: f})
			}
			s.form = m.at(xmlStep{name: c.name}, ci, f)
		case xmlText:
			text = true
		}
	}
	if text {
		m.textMember(idx)
	}
	m.b.Close(m.tree.nodes[idx].end)
}

// generic writes an element no table describes: an object whose repeated
// child names become arrays, members in the order of their names' first
// occurrences.
func (m *xmlMapper) generic(idx int) {
	names := m.seenNames()
	defer m.putSeen(names)
	var groups [][]int // child elements by name
	text := false
	for ci := range m.tree.kids(idx) {
		switch c := &m.tree.nodes[ci]; c.kind {
		case xmlElement:
			if s := names.get(c.name); s != nil {
				groups[s.first] = append(groups[s.first], ci)
				continue
			}
			names.add(c.name, xmlSeen{first: len(groups)})
			groups = append(groups, []int{ci})
		case xmlText:
			text = true
		}
	}
	m.b.Object(m.tree.nodes[idx].start)
	for _, g := range groups {
		first := g[0]
		name := m.tree.nodes[first].name
		m.key(first)
		if len(g) == 1 {
			m.at(xmlStep{name: name}, first, xmlAnyField)
			continue
		}
		m.path = append(m.path, xmlStep{name: name})
		m.b.Array(m.tree.nodes[first].start)
		for k, ci := range g {
			m.at(xmlStep{index: k}, ci, xmlAnyField)
		}
		m.b.Close(m.tree.nodes[g[len(g)-1]].end)
		m.path = m.path[:len(m.path)-1]
	}
	if text {
		m.textMember(idx)
	}
	m.b.Close(m.tree.nodes[idx].end)
}

// array writes a known array container: item elements by the item spec,
// anything else as an item the schema rejects.
func (m *xmlMapper) array(idx int, f xmlField) {
	m.b.Array(m.tree.nodes[idx].start)
	item := xmlObjectOf(f.spec)
	n := 0 // the next item's index
	// Items are released once written: a long list is mapped as it is
	// scanned, an item at a time.
	for ci := idx + 1; m.tree.has(idx, ci); ci = m.tree.release(idx, ci) {
		switch c := &m.tree.nodes[ci]; c.kind {
		case xmlElement:
			if c.name == f.item {
				m.at(xmlStep{index: n}, ci, item)
				n++
				continue
			}
			m.path = append(m.path, xmlStep{index: n})
			if m.strays == nil {
				m.strays = map[string]bool{}
			}
			m.strays[m.pointer()] = true
			m.b.Object(c.start)
			m.key(ci)
			m.at(xmlStep{name: c.name}, ci, xmlAnyField)
			m.b.Close(m.tree.nodes[ci].end) // read after: scanning may move the nodes
			m.path = m.path[:len(m.path)-1]
			n++
		case xmlText:
			m.text(xmlSpan{c.start, c.end}, strings.Trim(c.name, " \t\r\n"))
			n++
		}
	}
	m.b.Close(m.tree.nodes[idx].end)
}

// duplicate records child element ci of element idx whose name an
// earlier sibling already used.
func (m *xmlMapper) duplicate(idx int, s *xmlSeen, ci int) {
	if m.maxDups > 0 && len(m.duplicates) >= m.maxDups {
		m.moreDups++
		return
	}
	c, first := &m.tree.nodes[ci], &m.tree.nodes[s.first]
	m.path = append(m.path, xmlStep{name: c.name})
	d := xmlDuplicate{pointer: m.pointer(), name: m.tree.qname(ci), parent: m.tree.qname(idx),
		first: xmlSpan{first.start, first.tagEnd}, second: xmlSpan{c.start, c.tagEnd}, count: s.count}
	m.path = m.path[:len(m.path)-1]
	m.duplicates = append(m.duplicates, d)
}

// text returns the text children of element idx joined and trimmed, and
// the span from the first to the last non-blank text.
func (t *xmlTree) text(idx int) (string, xmlSpan, bool) {
	if n := &t.nodes[idx]; n.next == idx+2 && t.nodes[idx+1].kind == xmlText { // the common case: one text node
		c := &t.nodes[idx+1]
		return strings.Trim(c.name, " \t\r\n"), xmlSpan{c.start, c.end}, true
	}
	var parts []string
	var span xmlSpan
	for i := range t.kids(idx) {
		if c := &t.nodes[i]; c.kind == xmlText {
			if len(parts) == 0 {
				span.from = c.start
			}
			span.to = c.end
			parts = append(parts, c.name)
		}
	}
	return strings.Trim(strings.Join(parts, ""), " \t\r\n"), span, len(parts) > 0
}
