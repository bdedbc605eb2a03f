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
//
// It keeps one mark per lineStride bytes rather than every line start: a
// table of line starts costs 8 bytes a line (9 MB for a 60 MB export), the
// marks cost 16 bytes per 2 KiB, and finding a line is a SIMD count of
// newlines over at most lineStride bytes from the nearest mark, instead of a
// binary search.
type lineIndex struct {
	data  []byte
	marks []lineMark // marks[i] describes byte i*lineStride (len(data) included)
	lines int        // number of lines: newlines + 1

	// last is the previous answer and lastStart the start of its line.
	// Offsets asked in increasing order on one line (a minified file is one
	// long line) then cost the distance from the previous one instead of a
	// recount from the start of the line.
	last      rules.Position
	lastStart int

	// passed, when set, is told of the text positions have done with (the
	// positions of a big file's facts lie all over it, and a mapped file's
	// pages can go again: see OpenStream).
	passed func(from, to int)
}

// lineMark is the 0-based line holding a byte and the offset its line starts at.
type lineMark struct {
	line, start int
}

// lineStride bounds the bytes scanned per lookup; a power of two so that
// the division is a shift.
const lineStride = 2048

func newLineIndex(data []byte) *lineIndex { return newLineIndexPassing(data, nil) }

// newLineIndexPassing reads data once; passed, when not nil, is told of
// each stretch read (see OpenStream).
func newLineIndexPassing(data []byte, passed func(from, to int)) *lineIndex {
	marks := make([]lineMark, len(data)/lineStride+1)
	line, start := 0, 0
	for i := range marks {
		if passed != nil && i > 0 && i%(passedStep/lineStride) == 0 {
			passed((i-passedStep/lineStride)*lineStride, i*lineStride)
		}
		marks[i] = lineMark{line, start}
		from := i * lineStride
		block := data[from:min(from+lineStride, len(data))]
		if n := bytes.Count(block, newline); n > 0 {
			line += n
			start = from + bytes.LastIndexByte(block, '\n') + 1
		}
	}
	if passed != nil {
		passed(len(marks)/(passedStep/lineStride)*passedStep, len(data))
	}
	return &lineIndex{data: data, marks: marks, lines: line + 1, last: rules.Position{Offset: -1}}
}

var newline = []byte{'\n'}

// fork returns an index over the same text that shares li's marks but not
// its cache of the last answer, for use beside li.
func (li *lineIndex) fork() *lineIndex {
	return &lineIndex{data: li.data, marks: li.marks, lines: li.lines, last: rules.Position{Offset: -1}}
}

// lineOf returns the 0-based line holding byte offset off (0 <= off <=
// len(data)) and the offset where that line starts.
func (li *lineIndex) lineOf(off int) (line, start int) {
	from := off / lineStride * lineStride
	if last := li.last.Offset; last >= from && last <= off {
		from, line, start = last, li.last.Line-1, li.lastStart // nearer than the mark
	} else {
		m := li.marks[off/lineStride]
		line, start = m.line, m.start
	}
	seg := li.data[from:off]
	if n := bytes.Count(seg, newline); n > 0 {
		line += n
		start = from + bytes.LastIndexByte(seg, '\n') + 1
	}
	return line, start
}

// position returns the position of byte offset off (clamped to the data).
func (li *lineIndex) position(off int) rules.Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.data) {
		off = len(li.data)
	}
	line, ls := li.lineOf(off)
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
	li.last, li.lastStart = rules.Position{Line: line + 1, Column: col, Offset: off}, ls
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

// lineStart returns the offset where 0-based line l (< li.lines) starts.
func (li *lineIndex) lineStart(l int) int {
	if l == 0 {
		return 0
	}
	// The last mark on an earlier line: line l starts after it, and no later
	// than the next mark, so the scan stays within one stride.
	i := sort.Search(len(li.marks), func(i int) bool { return li.marks[i].line >= l }) - 1
	off := i * lineStride
	for n := l - li.marks[i].line; n > 0; n-- {
		off += bytes.IndexByte(li.data[off:], '\n') + 1
	}
	return off
}

// offsetOf returns the byte offset of a 1-based line and code-point column
// (clamped to the data), the inverse of position.
func (li *lineIndex) offsetOf(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > li.lines {
		return len(li.data)
	}
	off := li.lineStart(line - 1)
	if line == 1 && bytes.HasPrefix(li.data, []byte("\xEF\xBB\xBF")) {
		off += 3 // a byte-order mark takes no column
	}
	for ; col > 1 && off < len(li.data) && li.data[off] != '\n'; col-- {
		_, size := utf8.DecodeRune(li.data[off:])
		off += size
	}
	return off
}

// Positions returns a converter from byte offsets in data to positions, for
// places found outside a loader (the edits of a fix). It is not safe for
// concurrent use.
func Positions(data []byte) func(off int) rules.Position {
	return newLineIndex(data).position
}
