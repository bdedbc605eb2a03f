package source

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// xmlInput is the text the tokenizer reads, UTF-8 without a byte-order mark,
// and what is needed to map its offsets back to the bytes of the file.
type xmlInput struct {
	text []byte // what encoding/xml reads
	base int    // bytes dropped from the front of the file (a BOM)
	// wide holds, in order, the text offsets of the two-byte sequences that
	// stand for one high Latin-1 byte of the file.
	wide []int
	// charset is the declared encoding the text was converted from, lower
	// case, or "" when the file is UTF-8.
	charset string
}

// fileOffset maps a text offset back to a byte offset in the file.
func (in *xmlInput) fileOffset(off int) int {
	if len(in.wide) == 0 {
		return in.base + off
	}
	return in.base + off - sort.SearchInts(in.wide, off)
}

// syntaxAt is a syntax problem at file (or text) offsets from-to.
func syntaxAt(from, to int, msg string) *xmlProblem {
	return &xmlProblem{rule: rules.IDSyntax, from: from, to: to, msg: msg}
}

// newXMLInput prepares data for encoding/xml: it drops a UTF-8 BOM, honours
// the encoding the XML declaration names (UTF-8, US-ASCII or ISO-8859-1,
// which it converts) and rejects bytes XML never allows, so that the
// tokenizer's own errors, which carry no column, are rare.
func newXMLInput(data []byte) (*xmlInput, *xmlProblem) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) ||
		bytes.HasPrefix(data, []byte{'<', 0}) || bytes.HasPrefix(data, []byte{0, '<'}) {
		return nil, syntaxAt(0, min(2, len(data)), "the file is encoded as UTF-16; save it as UTF-8")
	}
	in := &xmlInput{text: data}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		in.base = 3
		in.text = data[3:]
	}
	decl, ok := xmlDeclaration(in.text)
	if ok && decl.version != "" && decl.version != "1.0" {
		return nil, syntaxAt(in.base+decl.versionAt, in.base+decl.versionAt+len(decl.version),
			fmt.Sprintf("XML version %q is not supported; use version \"1.0\"", decl.version))
	}
	if ok && decl.encoding != "" {
		enc := strings.ToLower(decl.encoding)
		at := in.base + decl.encodingAt
		switch {
		case enc == "utf-8" || enc == "utf8":
		case enc == "us-ascii" || enc == "ascii":
			if i := xmlFirstHighByte(in.text); i >= 0 {
				return nil, syntaxAt(in.base+i, in.base+i+1, fmt.Sprintf(
					"byte 0x%02X is not US-ASCII, but the XML declaration says encoding=%q; declare UTF-8 or ISO-8859-1", in.text[i], decl.encoding))
			}
			in.charset = enc
		case latin1Charset(enc):
			in.charset = enc
			in.text, in.wide = latin1ToUTF8(in.text)
		default:
			return nil, syntaxAt(at, at+len(decl.encoding), fmt.Sprintf(
				"encoding %q is not supported; save the file as UTF-8 (or ISO-8859-1) and declare that encoding", decl.encoding))
		}
	}
	if p := xmlIllegalChar(in.text); p != nil {
		p.from, p.to = in.fileOffset(p.from), in.fileOffset(p.to)
		return nil, p
	}
	return in, nil
}

func latin1Charset(enc string) bool {
	switch enc {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		return true
	}
	return false
}

// acceptCharset is the decoder's CharsetReader: the text is already UTF-8,
// so the encoding the declaration names passes through unchanged.
func (in *xmlInput) acceptCharset(charset string) bool {
	enc := strings.ToLower(charset)
	return enc == in.charset || enc == "utf8" || enc == "utf-8"
}

func xmlFirstHighByte(b []byte) int {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// latin1ToUTF8 converts ISO-8859-1 text (every byte is the code point of the
// same value) and returns where each two-byte sequence starts.
func latin1ToUTF8(b []byte) ([]byte, []int) {
	n := 0
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	if n == 0 {
		return b, nil
	}
	out := make([]byte, 0, len(b)+n)
	wide := make([]int, 0, n)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		wide = append(wide, len(out))
		out = utf8.AppendRune(out, rune(c))
	}
	return out, wide
}

// xmlIllegalChar finds the first byte sequence XML 1.0 forbids anywhere in a
// document: invalid UTF-8, NUL and other control characters, U+FFFE, U+FFFF.
func xmlIllegalChar(b []byte) *xmlProblem {
	for i := 0; i < len(b); {
		// Eight bytes at a time while they are ASCII without control
		// characters: the test for a byte below 0x20 is exact for bytes
		// below 0x80, and a false alarm only costs the byte-wise path.
		if i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			if w&0x8080808080808080 == 0 && (w-0x2020202020202020)&^w&0x8080808080808080 == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				msg := fmt.Sprintf("control character U+%04X is not allowed in XML", c)
				if c == 0 {
					msg = "NUL byte (0x00) is not allowed in XML"
				}
				return syntaxAt(i, i+1, msg)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return syntaxAt(i, i+1, fmt.Sprintf(
				"invalid UTF-8 byte 0x%02X; save the file as UTF-8 or declare its encoding (for example encoding=\"ISO-8859-1\")", c))
		}
		if r == 0xFFFE || r == 0xFFFF {
			return syntaxAt(i, i+size, fmt.Sprintf("character U+%04X is not allowed in XML", r))
		}
		i += size
	}
	return nil
}

// xmlDecl is what the XML declaration (<?xml ...?>) says.
type xmlDecl struct {
	version, encoding     string
	versionAt, encodingAt int // text offsets of the values
}

// xmlDeclaration reads the XML declaration at the start of text, if any. The
// decoder reads it too, but only after it has begun to read the file in the
// wrong encoding, and without positions.
func xmlDeclaration(text []byte) (xmlDecl, bool) {
	var d xmlDecl
	if len(text) < 6 || !bytes.HasPrefix(text, []byte("<?xml")) || !isXMLSpace(text[5]) {
		return d, false
	}
	end := bytes.Index(text, []byte("?>"))
	if end < 0 {
		return d, false
	}
	d.version, d.versionAt = xmlPseudoAttr(text, end, "version")
	d.encoding, d.encodingAt = xmlPseudoAttr(text, end, "encoding")
	return d, true
}

// xmlPseudoAttr finds name="value" (or '…') in text[:end] and returns the value
// and its offset.
func xmlPseudoAttr(text []byte, end int, name string) (string, int) {
	s := text[:end]
	for from := 0; ; {
		i := bytes.Index(s[from:], []byte(name))
		if i < 0 {
			return "", 0
		}
		i += from
		from = i + len(name)
		if !isXMLSpace(s[i-1]) {
			continue
		}
		j := xmlSkipSpace(s, from)
		if j >= len(s) || s[j] != '=' {
			continue
		}
		j = xmlSkipSpace(s, j+1)
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return "", 0
		}
		k := bytes.IndexByte(s[j+1:], s[j])
		if k < 0 {
			return "", 0
		}
		return string(s[j+1 : j+1+k]), j + 1
	}
}

func xmlSkipSpace(s []byte, i int) int {
	for i < len(s) && isXMLSpace(s[i]) {
		i++
	}
	return i
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
