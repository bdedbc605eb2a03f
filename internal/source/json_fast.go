package source

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// The parser's fast path. jsontext's decoder costs about half of a big
// export's parse: every token goes through its state machine, its
// UTF-8 and escape checks and its buffer. Exports are valid JSON almost
// always, so fastValue reads the text itself and writes the same tree
// through the same bookkeeping (push, close, done, key), accepting only
// text that jsontext accepts too. It gives up, without reporting anything,
// on whatever it does not handle: any syntax error, a nesting limit, an
// escaped UTF-16 surrogate. The caller then parses the same text again with
// the decoder from scratch, so a finding always comes from jsontext and
// reads as it always has. FuzzFastMatchesDecoder holds the two to the same
// trees and to the same verdicts.

// fastValue parses the one JSON value that starts at or after at (after
// whitespace) and ends before limit, writing it into p.b as value does. It
// returns the offset just past the value, and false when the text is
// anything but a well-formed value that fastValue handles; the builder and
// the parser's stacks are then unusable.
func (p *jsonParser) fastValue(at, limit int) (int, bool) {
	d := p.data[:limit]
	base := len(p.stack)
	for {
		// A value is expected at at.
		at = skipJSONSpace(d, at)
		if at >= len(d) {
			return at, false
		}
		switch c := d[at]; c {
		case '{', '[':
			if len(p.stack) >= p.maxDepth {
				return at, false
			}
			obj := c == '{'
			p.open(obj, at)
			at = skipJSONSpace(d, at+1)
			if at >= len(d) {
				return at, false
			}
			switch {
			case obj && d[at] == '}', !obj && d[at] == ']':
				at++
				start, open := p.closeAt(at)
				p.done(start, at, open)
			case obj:
				var ok bool
				if at, ok = p.fastKey(d, at); !ok {
					return at, false
				}
				continue
			default:
				continue
			}
		case '"':
			end, escaped, ok := fastString(d, at)
			if !ok {
				return at, false
			}
			if escaped {
				p.b.StringValue(at, end, string(p.unescape(d[at:end])))
			} else {
				p.b.String(at, end)
			}
			p.done(at, end, '"')
			at = end
		case 't', 'f', 'n':
			lit := "null"
			switch c {
			case 't':
				lit = "true"
			case 'f':
				lit = "false"
			}
			end := at + len(lit)
			if end > len(d) || string(d[at:end]) != lit {
				return at, false
			}
			if c == 'n' {
				p.b.Null(at, end)
			} else {
				p.b.Bool(at, end, c == 't')
			}
			p.done(at, end, c)
			at = end
		default:
			end, ok := fastNumber(d, at)
			if !ok {
				return at, false
			}
			p.b.Number(at, end)
			p.done(at, end, '0')
			at = end
		}
		// A value ended: close what it ends, up to the next value.
		for {
			if len(p.stack) == base {
				return at, true
			}
			at = skipJSONSpace(d, at)
			if at >= len(d) {
				return at, false
			}
			obj := p.stack[len(p.stack)-1].object
			c := d[at]
			if c == ',' {
				at++
				if obj {
					var ok bool
					if at, ok = p.fastKey(d, skipJSONSpace(d, at)); !ok {
						return at, false
					}
				}
				break
			}
			if obj && c != '}' || !obj && c != ']' {
				return at, false
			}
			at++
			start, open := p.closeAt(at)
			p.done(start, at, open)
		}
	}
}

// fastKey reads a member name at at and the colon after it, as value
// reads a key.
func (p *jsonParser) fastKey(d []byte, at int) (int, bool) {
	if at >= len(d) || d[at] != '"' {
		return at, false
	}
	end, escaped, ok := fastString(d, at)
	if !ok {
		return at, false
	}
	p.member(d[at:end], at, end, escaped)
	colon := skipJSONSpace(d, end)
	if colon >= len(d) || d[colon] != ':' {
		return colon, false
	}
	return colon + 1, true
}

// unplain marks the bytes of x (read little-endian) that are not
// plainByte ones: below ' ', the quote, the backslash, or outside ASCII.
// Its lowest set bit is the high bit of the first such byte; bits above it
// may be wrong. It applies the "has a zero byte" test (Hacker's Delight
// 6-1) to x less 0x20 per byte and to x xor each special byte: below the
// first byte that is not plain, no byte borrows.
func unplain(x uint64) uint64 {
	q := x ^ (wordOnes * '"')
	b := x ^ (wordOnes * '\\')
	return ((x - wordOnes*' ') | (q - wordOnes) | (b - wordOnes) | x) & wordHighs
}

// wordOnes and wordHighs are a byte's lowest and highest bit in each byte
// of a word, for the eight-byte tests (unplain, structural).
const (
	wordOnes  = 0x0101010101010101
	wordHighs = 0x8080808080808080
)

// plainByte marks the bytes a string holds as they are: printable ASCII
// but the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// fastString returns the end of the string whose opening quote is at at,
// and whether it holds escapes. It refuses what jsontext refuses (a control
// character, invalid UTF-8, a malformed escape) and also any \u escape of a
// UTF-16 surrogate, whose pairing it leaves to the decoder.
func fastString(d []byte, at int) (end int, escaped, ok bool) {
	i := at + 1
	for i < len(d) {
		// Eight bytes at a time to the next one that is not plain: most
		// of an export's text is strings.
		for i+8 <= len(d) {
			if m := unplain(binary.LittleEndian.Uint64(d[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(d) {
			break
		}
		c := d[i]
		if plainByte[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(d) {
				return i, false, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return i, false, false
				}
				v, ok := hex4(d[i+2 : i+6])
				if !ok || v >= 0xD800 && v <= 0xDFFF {
					return i, false, false
				}
				i += 6
			default:
				return i, false, false
			}
		case c < ' ':
			return i, false, false
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return i, false, false
			}
			i += n
		}
	}
	return i, false, false
}

// hex4 decodes four hexadecimal digits, either case.
func hex4(b []byte) (uint32, bool) {
	var v uint32
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint32(c)
	}
	return v, true
}

// fastNumber returns the end of the number at at, in RFC 8259's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func fastNumber(d []byte, at int) (int, bool) {
	i := at
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(d, i+1)
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func digits(d []byte, i int) int {
	for i < len(d) && '0' <= d[i] && d[i] <= '9' {
		i++
	}
	return i
}
