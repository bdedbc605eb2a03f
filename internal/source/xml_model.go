package source

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/beevik/etree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// How elements become data-model values:
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

func formOf(e *etree.Element, f xmlField) xmlForm {
	for _, t := range e.Child {
		if _, ok := t.(*etree.Element); ok {
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
	name, parent  string // as written
	first, second int    // nodes
	count         int    // occurrences so far, the second included
}

// xmlStep is one pointer token: a member name, or an index when name is "".
type xmlStep struct {
	name  string
	index int
}

type xmlMapper struct {
	tree       *xmlTree
	path       []xmlStep // the pointer of the value being mapped
	duplicates []xmlDuplicate
	strays     map[string]bool   // array items that are not the container's item element
	want       map[int]string    // nodes comments refer to → their pointers
	budget     *workers.Budget   // its workers map the items of a big array (xml_parallel.go)
	attrs      map[int][]xmlAttr // node → its kept attributes (read-only, shared by workers)
	unmodelled []xmlUnmodelled
	// maxDups caps the duplicates recorded (0: no cap); moreDups counts
	// those past it.
	maxDups, moreDups int
}

// xmlUnmodelled is a value the data model leaves out, with the text it is
// at: an attribute's value, or an earlier duplicate's start tag.
type xmlUnmodelled struct {
	rules.Unmodelled
	from, to int
}

func newXMLMapper(tree *xmlTree) *xmlMapper {
	m := &xmlMapper{tree: tree}
	for _, a := range tree.attrs {
		if m.attrs == nil {
			m.attrs = map[int][]xmlAttr{}
		}
		m.attrs[a.node] = append(m.attrs[a.node], a)
	}
	for _, c := range tree.comments {
		for _, n := range []int{c.parent, c.next} {
			if n >= 0 {
				if m.want == nil {
					m.want = map[int]string{}
				}
				m.want[n] = ""
			}
		}
	}
	return m
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

// at maps element e (node idx) as field f under one more path step.
func (m *xmlMapper) at(step xmlStep, e *etree.Element, idx int, f xmlField) any {
	m.path = append(m.path, step)
	v := m.value(e, idx, f)
	m.path = m.path[:len(m.path)-1]
	return v
}

// value maps element e (node idx) as field f at the current path.
func (m *xmlMapper) value(e *etree.Element, idx int, f xmlField) any {
	if m.want != nil {
		if _, ok := m.want[idx]; ok {
			m.want[idx] = m.pointer()
		}
	}
	if m.attrs != nil {
		if as, ok := m.attrs[idx]; ok {
			ptr := m.pointer()
			for _, a := range as {
				m.unmodelled = append(m.unmodelled, xmlUnmodelled{rules.Unmodelled{Pointer: ptr + "/@" + a.name, Key: a.name, Value: a.value}, a.from, a.to})
			}
		}
	}
	switch formOf(e, f) {
	case xmlFormArray:
		return m.array(e, idx, f)
	case xmlFormObject:
		return m.object(e, idx, f.spec)
	case xmlFormGeneric:
		return m.generic(e, idx)
	}
	text, _, _ := m.tree.text(e, idx)
	return typed(text, f.typ)
}

// typed converts a leaf's text by its field type.
func typed(text string, t kinds.XMLType) any {
	switch t {
	case kinds.XMLInt:
		if isJSONInteger(text) {
			return json.Number(text)
		}
	case kinds.XMLBool:
		switch text {
		case "true":
			return true
		case "false":
			return false
		}
	case kinds.XMLObject:
		if text == "" {
			return map[string]any{}
		}
	case kinds.XMLArray:
		if text == "" {
			return []any{}
		}
	}
	return text
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

// object maps an element of a known object type: every child element is a
// member, typed by spec or generic, and a repeated one is a duplicate whose
// last value wins.
func (m *xmlMapper) object(e *etree.Element, idx int, spec xmlSpec) map[string]any {
	obj := make(map[string]any, len(spec))
	text := false
	// seen tracks first occurrences and counts once a duplicate appears:
	// most objects have none, and a hostile one with 50,000 repeats must
	// stay linear.
	var seen map[string]*xmlSeen
	i := idx + 1
	for _, t := range e.Child {
		ci := i
		i = m.tree.nodes[i].next
		switch c := t.(type) {
		case *etree.Element:
			if _, dup := obj[c.Tag]; dup {
				if seen == nil {
					seen = m.seenBefore(e, idx, ci)
				}
				s := seen[c.Tag]
				s.count++
				m.duplicate(e, c, s, ci)
				if v, ok := scalarText(obj[c.Tag]); ok && mayHoldSecret(c.Tag, v) {
					n := m.tree.nodes[s.prev]
					m.unmodelled = append(m.unmodelled, xmlUnmodelled{rules.Unmodelled{
						Pointer: m.pointer() + "/" + c.Tag, Key: c.Tag, Value: v, Earlier: true}, n.start, n.tagEnd})
				}
				s.prev = ci
			} else if seen != nil {
				seen[c.Tag] = &xmlSeen{first: ci, prev: ci, count: 1}
			}
			f, ok := spec[c.Tag]
			if !ok {
				f = xmlAnyField
			}
			obj[c.Tag] = m.at(xmlStep{name: c.Tag}, c, ci, f)
		case *etree.CharData:
			text = true
		}
	}
	if text {
		obj["#text"], _, _ = m.tree.text(e, idx)
	}
	return obj
}

// generic maps an element no table describes: an object whose repeated
// child names become arrays.
func (m *xmlMapper) generic(e *etree.Element, idx int) map[string]any {
	counts := map[string]int{}
	text := false
	for _, t := range e.Child {
		switch c := t.(type) {
		case *etree.Element:
			counts[c.Tag]++
		case *etree.CharData:
			text = true
		}
	}
	obj := make(map[string]any, len(counts))
	i := idx + 1
	for _, t := range e.Child {
		ci := i
		i = m.tree.nodes[i].next
		c, ok := t.(*etree.Element)
		if !ok {
			continue
		}
		if counts[c.Tag] == 1 {
			obj[c.Tag] = m.at(xmlStep{name: c.Tag}, c, ci, xmlAnyField)
			continue
		}
		list, _ := obj[c.Tag].([]any)
		m.path = append(m.path, xmlStep{name: c.Tag})
		obj[c.Tag] = append(list, m.at(xmlStep{index: len(list)}, c, ci, xmlAnyField))
		m.path = m.path[:len(m.path)-1]
	}
	if text {
		obj["#text"], _, _ = m.tree.text(e, idx)
	}
	return obj
}

// array maps a known array container: item elements by the item spec,
// anything else as an item the schema rejects.
func (m *xmlMapper) array(e *etree.Element, idx int, f xmlField) []any {
	if m.budget.Spare() && m.want == nil && len(e.Child) >= xmlParallelItems {
		if list, ok := m.arrayParallel(e, idx, f); ok {
			return list
		}
	}
	return m.items(e.Child, idx+1, 0, make([]any, 0, len(e.Child)), f)
}

// items maps the children kids of a known array container, the first at
// node i, appending them to list; base+len(list) is the next item's index.
func (m *xmlMapper) items(kids []etree.Token, i, base int, list []any, f xmlField) []any {
	item := xmlObjectOf(f.spec)
	for _, t := range kids {
		ci := i
		i = m.tree.nodes[i].next
		switch c := t.(type) {
		case *etree.Element:
			if c.Tag == f.item {
				list = append(list, m.at(xmlStep{index: base + len(list)}, c, ci, item))
				continue
			}
			m.path = append(m.path, xmlStep{index: base + len(list)})
			if m.strays == nil {
				m.strays = map[string]bool{}
			}
			m.strays[m.pointer()] = true
			list = append(list, map[string]any{c.Tag: m.at(xmlStep{name: c.Tag}, c, ci, xmlAnyField)})
			m.path = m.path[:len(m.path)-1]
		case *etree.CharData:
			list = append(list, strings.Trim(c.Data, " \t\r\n"))
		}
	}
	return list
}

// duplicate records child c (node ci) of e (node idx) whose name an earlier
// sibling already used.
func (m *xmlMapper) duplicate(e, c *etree.Element, s *xmlSeen, ci int) {
	if m.maxDups > 0 && len(m.duplicates) >= m.maxDups {
		m.moreDups++
		return
	}
	m.path = append(m.path, xmlStep{name: c.Tag})
	d := xmlDuplicate{pointer: m.pointer(), name: c.FullTag(), parent: e.FullTag(), first: s.first, second: ci, count: s.count}
	m.path = m.path[:len(m.path)-1]
	m.duplicates = append(m.duplicates, d)
}

// xmlSeen is the first occurrence of a child element name and how many
// times it has appeared so far.
type xmlSeen struct {
	first, count int
	prev         int // the node of the latest occurrence
}

// seenBefore indexes the child elements of e (node idx) that come before
// node stop.
func (m *xmlMapper) seenBefore(e *etree.Element, idx, stop int) map[string]*xmlSeen {
	seen := map[string]*xmlSeen{}
	i := idx + 1
	for _, t := range e.Child {
		if i == stop {
			break
		}
		if c, ok := t.(*etree.Element); ok {
			if s := seen[c.Tag]; s != nil {
				s.count++
				s.prev = i
			} else {
				seen[c.Tag] = &xmlSeen{first: i, prev: i, count: 1}
			}
		}
		i = m.tree.nodes[i].next
	}
	return seen
}

// text returns the text children of element e (node idx) joined and
// trimmed, and the span from the first to the last non-blank text.
func (t *xmlTree) text(e *etree.Element, idx int) (string, xmlSpan, bool) {
	if len(e.Child) == 1 { // the common case: one text node
		if cd, ok := e.Child[0].(*etree.CharData); ok {
			n := t.nodes[idx+1]
			return strings.Trim(cd.Data, " \t\r\n"), xmlSpan{n.start, n.end}, true
		}
	}
	var parts []string
	var span xmlSpan
	i := idx + 1
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok {
			n := t.nodes[i]
			if len(parts) == 0 {
				span.from = n.start
			}
			span.to = n.end
			parts = append(parts, cd.Data)
		}
		i = t.nodes[i].next
	}
	return strings.Trim(strings.Join(parts, ""), " \t\r\n"), span, len(parts) > 0
}
