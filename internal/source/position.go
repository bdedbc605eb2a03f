package source

import (
	"sort"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// lineIndex converts byte offsets to 1-based line and code-point column.
// It is built only when a document needs positions.
type lineIndex struct {
	data  []byte
	start []int // byte offset of the first byte of each line
}

func newLineIndex(data []byte) *lineIndex {
	starts := make([]int, 1, 64)
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
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
	seg := li.data[ls:off]
	col := utf8.RuneCount(seg) + 1
	if line == 0 && len(seg) >= 3 && seg[0] == 0xEF && seg[1] == 0xBB && seg[2] == 0xBF {
		col-- // a byte-order mark takes no column
	}
	return rules.Position{Line: line + 1, Column: col, Offset: off}
}

// span returns the span of bytes [from, to).
func (li *lineIndex) span(from, to int) rules.Span {
	return rules.Span{Start: li.position(from), End: li.position(to)}
}
