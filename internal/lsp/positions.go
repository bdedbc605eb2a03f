package lsp

import (
	"sort"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// Position encodings (LSP 3.17 PositionEncodingKind).
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
	encUTF32 = "utf-32"
)

// pickEncoding chooses the client's most preferred encoding the server
// speaks (all three); a client that names none gets UTF-16, as the
// specification requires.
func pickEncoding(offered []string) string {
	for _, e := range offered {
		switch e {
		case encUTF8, encUTF16, encUTF32:
			return e
		}
	}
	return encUTF16
}

// lineIndex converts between byte offsets of a text and LSP positions in
// one encoding.
type lineIndex struct {
	text   []byte
	starts []int
	enc    string
}

func newLineIndex(text []byte, enc string) *lineIndex {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts, enc: enc}
}

// lineEnd is the offset of line l's end, before its line break.
func (li *lineIndex) lineEnd(l int) int {
	end := len(li.text)
	if l+1 < len(li.starts) {
		end = li.starts[l+1] - 1
		if end > li.starts[l] && li.text[end-1] == '\r' {
			end--
		}
	}
	return end
}

// units counts b in the encoding's code units.
func (li *lineIndex) units(b []byte) int {
	if li.enc == encUTF8 {
		return len(b)
	}
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if li.enc == encUTF16 && r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n
}

// position returns the LSP position of a byte offset.
func (li *lineIndex) position(off int) position {
	off = max(0, min(off, len(li.text)))
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return position{Line: l, Character: li.units(li.text[li.starts[l]:off])}
}

// offset returns the byte offset of an LSP position; a line past the end
// means the end of the text, a character past the line's end its end.
func (li *lineIndex) offset(p position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(li.starts) {
		return len(li.text)
	}
	at, end := li.starts[p.Line], li.lineEnd(p.Line)
	for n := 0; at < end && n < p.Character; {
		r, size := utf8.DecodeRune(li.text[at:end])
		switch {
		case li.enc == encUTF8:
			n += size
		case li.enc == encUTF16 && r >= 0x10000:
			n += 2
		default:
			n++
		}
		at += size
	}
	return at
}

// ofRules converts a finding's position (1-based line, code-point column)
// to an LSP position.
func (li *lineIndex) ofRules(p rules.Position) position {
	if p.Line <= 0 {
		return position{}
	}
	l := min(p.Line-1, len(li.starts)-1)
	at, end := li.starts[l], li.lineEnd(l)
	for c := 1; c < p.Column && at < end; c++ {
		_, size := utf8.DecodeRune(li.text[at:end])
		at += size
	}
	return li.position(at)
}

func (li *lineIndex) rangeOf(s rules.Span) rangeLSP {
	start := li.ofRules(s.Start)
	end := start
	if !s.End.IsZero() {
		end = li.ofRules(s.End)
	}
	return rangeLSP{Start: start, End: end}
}

// editRange converts an edit's byte offsets.
func (li *lineIndex) editRange(e rules.Edit) rangeLSP {
	return rangeLSP{Start: li.position(e.Span.Start.Offset), End: li.position(e.Span.End.Offset)}
}
