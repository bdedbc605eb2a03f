package source

import (
	"bytes"
	"encoding/xml"
	"io"
	"unicode/utf8"
	"unsafe"
)

// The fast scanner reads the common subset of XML that encoding/xml's strict
// RawToken accepts: an XML declaration at the very start, elements with
// ASCII names and quoted attributes, text with the predefined and numeric
// character references, comments. It builds exactly the tree scanXML builds
// (through the same xmlScanner methods) at a small part of the cost: no
// token values, no copies of names or verbatim text (views of the input,
// which outlives the tree as textOf says). Anything else, every error
// included, makes it decline (ok false), and the encoding/xml scan runs as
// before, so that every problem and message stays that scan's. It declines
// rather than guesses: CDATA sections, processing instructions other than
// the declaration, markup declarations, non-ASCII names, names with two
// colons, unknown references.

// scanXMLFast scans in as scanXML does; ok false: not sure, scan with
// encoding/xml.
func scanXMLFast(in *xmlInput, maxDepth int, lines *xmlLines) (*xmlTree, bool) {
	tree, p := newXMLFastScan(in, maxDepth, lines, bytes.Count(in.text, []byte("<"))).complete()
	return tree, p == nil
}

// newXMLFastScan returns the tree of in, to be read while the fast scanner
// scans it; nodes is a capacity hint.
func newXMLFastScan(in *xmlInput, maxDepth int, lines *xmlLines, nodes int) *xmlTree {
	s := &xmlScanner{in: in, lines: lines, tree: &xmlTree{nodes: make([]xnode, 0, nodes)}, declines: true}
	s.tree.scan = s
	text := in.text
	i := -1 // before the XML declaration
	s.step = func() bool {
		if i < 0 {
			i = 0
			if bytes.HasPrefix(text, []byte("<?xml")) {
				end := bytes.Index(text, []byte("?>"))
				if end < 0 || !xmlFastDeclOK(text[:end+2], s.in.acceptCharset) {
					s.declined = true
					return false
				}
				i = end + 2
			}
			return true
		}
		if i >= len(text) {
			return false
		}
		if i = s.fastToken(text, i, maxDepth); i < 0 {
			s.declined = true
			return false
		}
		return true
	}
	return s.tree
}

// fastToken builds the tree from the token at text[i:] and returns where
// the next one starts; -1: not sure.
func (s *xmlScanner) fastToken(text []byte, i, maxDepth int) int {
	if text[i] != '<' {
		j := bytes.IndexByte(text[i:], '<')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		if !s.fastText(text, i, j) {
			return -1
		}
		return j
	}
	if i+1 >= len(text) {
		return -1
	}
	switch text[i+1] {
	case '/':
		return s.fastEndTag(text, i)
	case '!':
		return s.fastComment(text, i)
	case '?':
		return -1
	}
	return s.fastStartTag(text, i, maxDepth)
}

// xmlFastDeclOK reports whether encoding/xml reads decl, the text up to the
// first "?>", as an XML declaration and nothing else.
func xmlFastDeclOK(decl []byte, accept func(string) bool) bool {
	dec := newXMLDecoder(decl, accept)
	tok, err := dec.RawToken()
	if err != nil {
		return false
	}
	if pi, ok := tok.(xml.ProcInst); !ok || pi.Target != "xml" {
		return false
	}
	_, err = dec.RawToken()
	return err == io.EOF
}

// fastText adds the text text[from:to] (up to a "<" or the end).
func (s *xmlScanner) fastText(text []byte, from, to int) bool {
	raw := text[from:to]
	plain := true // most text (indentation, a value) has none of these
	for _, c := range raw {
		if c == '&' || c == '\r' || c == '>' {
			plain = false
			break
		}
	}
	if plain {
		return s.addText(raw, from, to, true) == nil
	}
	if bytes.Contains(raw, []byte("]]>")) {
		return false
	}
	t, ok := xmlFastDecode(raw)
	return ok && s.addText(t, from, to, true) == nil
}

// fastComment reads the comment at text[i:] ("<!"); -1: not sure.
func (s *xmlScanner) fastComment(text []byte, i int) int {
	if !bytes.HasPrefix(text[i:], []byte("<!--")) {
		return -1
	}
	body := i + 4
	k := bytes.Index(text[body:], []byte("--"))
	if k < 0 || body+k+2 >= len(text) || text[body+k+2] != '>' {
		return -1 // unclosed, or "--" inside: encoding/xml's error
	}
	end := body + k + 3
	s.comment(xmlView(text[body:body+k]), i, end)
	return end
}

// fastEndTag reads the end tag at text[i:] ("</"); -1: not sure.
func (s *xmlScanner) fastEndTag(text []byte, i int) int {
	name, j, ok := xmlFastName(text, i+2)
	if !ok {
		return -1
	}
	j = xmlSkipSpace(text, j)
	if j >= len(text) || text[j] != '>' {
		return -1
	}
	if s.end(name, i, j+1) != nil {
		return -1
	}
	return j + 1
}

// xmlFastAttr is an attribute of the start tag being read.
type xmlFastAttr struct {
	name     xml.Name
	raw      []byte // the name as written
	value    []byte // decoded
	from, to int    // the value between its quotes
}

// fastStartTag reads the start tag at text[i:] ("<" and a name); -1: not
// sure.
func (s *xmlScanner) fastStartTag(text []byte, i, maxDepth int) int {
	name, j, ok := xmlFastName(text, i+1)
	if !ok {
		return -1
	}
	var buf [8]xmlFastAttr
	attrs := buf[:0]
	empty := false
	for {
		j = xmlSkipSpace(text, j)
		if j >= len(text) {
			return -1
		}
		if c := text[j]; c == '/' {
			if j+1 >= len(text) || text[j+1] != '>' {
				return -1
			}
			empty = true
			j += 2
			break
		} else if c == '>' {
			j++
			break
		}
		an, k, ok := xmlFastName(text, j)
		if !ok {
			return -1
		}
		a := xmlFastAttr{name: an, raw: text[j:k]}
		k = xmlSkipSpace(text, k)
		if k >= len(text) || text[k] != '=' {
			return -1
		}
		k = xmlSkipSpace(text, k+1)
		if k >= len(text) || text[k] != '"' && text[k] != '\'' {
			return -1
		}
		q := bytes.IndexByte(text[k+1:], text[k])
		if q < 0 {
			return -1
		}
		a.from, a.to = k+1, k+1+q
		raw := text[a.from:a.to]
		if bytes.IndexByte(raw, '<') >= 0 {
			return -1
		}
		if a.value, ok = xmlFastDecode(raw); !ok {
			return -1
		}
		attrs = append(attrs, a)
		j = a.to + 1
	}
	if s.open(name, i, j, maxDepth) != nil {
		return -1
	}
	idx := len(s.tree.nodes) - 1
	for _, a := range attrs {
		if a.name.Space == "xmlns" || a.name.Space == "" && a.name.Local == "xmlns" || !mayHoldSecret(a.name.Local, xmlView(a.value)) {
			continue
		}
		s.tree.attrs = append(s.tree.attrs, xmlAttr{at: s.tree.nodes[idx].start, name: xmlView(a.raw), value: xmlView(a.value),
			from: s.in.fileOffset(a.from), to: s.in.fileOffset(a.to)})
	}
	if empty && s.end(name, j, j) != nil {
		return -1
	}
	return j
}

// xmlFastName reads the name at text[i:] as encoding/xml's nsname does,
// ASCII only, and returns it and where it ends; ok false: no name, or one
// the fast scanner does not read.
func xmlFastName(text []byte, i int) (name xml.Name, end int, ok bool) {
	if i >= len(text) {
		return name, i, false
	}
	if c := text[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
		return name, i, false
	}
	colon := -1
	j := i + 1
	for ; j < len(text); j++ {
		c := text[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.' {
			continue
		}
		if c == ':' {
			if colon >= 0 {
				return name, j, false // two colons: an error
			}
			colon = j
			continue
		}
		if c >= utf8.RuneSelf {
			return name, j, false // a non-ASCII name
		}
		break
	}
	if colon < 0 || colon == j-1 {
		name.Local = xmlView(text[i:j])
	} else {
		name.Space, name.Local = xmlView(text[i:colon]), xmlView(text[colon+1:j])
	}
	return name, j, true
}

// xmlFastDecode decodes text or an attribute value as encoding/xml's text
// does: character references, and CR LF or CR as LF. Without either it
// returns raw itself. ok false: a reference it does not know, or one that
// is an error.
func xmlFastDecode(raw []byte) ([]byte, bool) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return raw, true
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, false
			}
			r, ok := xmlFastRef(raw[i+1 : i+semi])
			if !ok {
				return nil, false
			}
			out = utf8.AppendRune(out, r)
			i += semi
		default:
			out = append(out, c)
		}
	}
	return out, true
}

// xmlFastRef is the character the reference &ref; stands for.
func xmlFastRef(ref []byte) (rune, bool) {
	switch string(ref) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var n rune
	for _, c := range digits {
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		n = n*base + d
	}
	// encoding/xml's isInCharacterRange: anything else is an error.
	ok := n == 0x09 || n == 0x0A || n == 0x0D || n >= 0x20 && n <= 0xD7FF ||
		n >= 0xE000 && n <= 0xFFFD || n >= 0x10000 && n <= 0x10FFFF
	return n, ok
}

// xmlView is b as a string without a copy; b is the input text (which
// outlives the tree, see textOf) or a buffer no one else writes.
func xmlView(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
