package source

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// lineIndex converts byte offsets to 1-based line and code-point column.
// It is built only when a document needs positions. It is not safe for
// concurrent use.
type lineIndex struct {
	data  []byte
	start []int // byte offset of the first byte of each line

	// last is the previous answer. Offsets asked in increasing order on one
	// line (a minified file is one long line) then cost the distance from
	// the previous one instead of a recount from the start of the line.
	last rules.Position
}

func newLineIndex(data []byte) *lineIndex {
	starts := make([]int, 1, 64)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &lineIndex{data: data, start: starts}
}

// position returns the position of byte offset off (clamped to the data).
func (li *lineIndex) position(off int) rules.Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.data) {
		off = len(li.data)
	}
	line := sort.Search(len(li.start), func(i int) bool { return li.start[i] > off }) - 1
	ls := li.start[line]
	if last := li.last; last.Line == line+1 && ls < last.Offset && last.Offset <= off && li.runeStart(last.Offset) {
		li.last.Column += utf8.RuneCount(li.data[last.Offset:off])
		li.last.Offset = off
		return li.last
	}
	seg := li.data[ls:off]
	col := utf8.RuneCount(seg) + 1
	if line == 0 && len(seg) >= 3 && seg[0] == 0xEF && seg[1] == 0xBB && seg[2] == 0xBF {
		col-- // a byte-order mark takes no column
	}
	li.last = rules.Position{Line: line + 1, Column: col, Offset: off}
	return li.last
}

// span returns the span of bytes [from, to).
func (li *lineIndex) span(from, to int) rules.Span {
	return rules.Span{Start: li.position(from), End: li.position(to)}
}

// runeStart reports whether off starts a character, so that counting from
// it agrees with counting from the start of its line.
func (li *lineIndex) runeStart(off int) bool {
	return off == len(li.data) || utf8.RuneStart(li.data[off])
}

// offsetOf returns the byte offset of a 1-based line and code-point column
// (clamped to the data), the inverse of position.
func (li *lineIndex) offsetOf(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.start) {
		return len(li.data)
	}
	off := li.start[line-1]
	if line == 1 && bytes.HasPrefix(li.data, []byte("\xEF\xBB\xBF")) {
		off += 3 // a byte-order mark takes no column
	}
	for ; col > 1 && off < len(li.data) && li.data[off] != '\n'; col-- {
		_, size := utf8.DecodeRune(li.data[off:])
		off += size
	}
	return off
}
