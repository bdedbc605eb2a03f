package source

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

func TestLineIndexPosition(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		off       int
		line, col int
	}{
		{"start", "abc", 0, 1, 1},
		{"first line", "abc\ndef", 2, 1, 3},
		{"end of first line", "abc\ndef", 3, 1, 4},
		{"second line", "abc\ndef", 5, 2, 2},
		{"end of file", "abc\ndef", 7, 2, 4},
		{"after final newline", "abc\n", 4, 2, 1},
		{"clamped past end", "abc", 99, 1, 4},
		{"clamped negative", "abc", -5, 1, 1},
		{"two-byte characters count once", "é\"ü\"", 3, 1, 3},           // é(2) " → offset 3 is ü
		{"four-byte character counts once", "😀x", 4, 1, 2},              // x after an emoji
		{"CRLF: the CR ends the line", "ab\r\ncd", 2, 1, 3},             // the \r
		{"CRLF: next line starts after LF", "ab\r\ncd", 5, 2, 2},        // d
		{"BOM takes no column", "\xEF\xBB\xBF{}", 3, 1, 1},              // {
		{"BOM: later column", "\xEF\xBB\xBF{\"a\"}", 4, 1, 2},           // "
		{"BOM only on line 1", "\xEF\xBB\xBFa\n\xEF\xBB\xBFb", 8, 2, 2}, // a BOM inside the text is a character
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := newLineIndex([]byte(tt.data)).position(tt.off)
			if got.Line != tt.line || got.Column != tt.col {
				t.Errorf("position(%d) = %d:%d, want %d:%d", tt.off, got.Line, got.Column, tt.line, tt.col)
			}
		})
	}
}

// The memo of the previous answer must never change an answer: asking in
// any order gives what a fresh index gives.
func TestLineIndexOrderIndependent(t *testing.T) {
	data := []byte("\xEF\xBB\xBF{\"é\": [1, \"ü😀\"],\r\n \"b\": \"x\xff\"}\n")
	orders := [][]int{}
	var up, down []int
	for i := 0; i <= len(data); i++ {
		up = append(up, i)
		down = append(down, len(data)-i)
	}
	orders = append(orders, up, down, []int{9, 3, 12, 12, 4, 20, 19, 5})
	for _, order := range orders {
		li := newLineIndex(data)
		for _, off := range order {
			got := li.position(off)
			want := newLineIndex(data).position(off)
			if got != want {
				t.Fatalf("order %v: position(%d) = %+v, fresh index says %+v", order, off, got, want)
			}
		}
	}
}

func TestLineIndexOffsetOf(t *testing.T) {
	data := "\xEF\xBB\xBFab\r\nçd😀e\n"
	li := newLineIndex([]byte(data))
	tests := []struct{ line, col, off int }{
		{1, 1, 3},   // after the BOM
		{1, 2, 4},   // b
		{2, 1, 7},   // ç
		{2, 2, 9},   // d
		{2, 4, 14},  // e, after a four-byte emoji
		{2, 99, 15}, // clamped to the end of the line
		{9, 1, len(data)},
		{0, 1, 0},
	}
	for _, tt := range tests {
		if got := li.offsetOf(tt.line, tt.col); got != tt.off {
			t.Errorf("offsetOf(%d, %d) = %d, want %d", tt.line, tt.col, got, tt.off)
		}
		if tt.line >= 1 && tt.line <= 2 && tt.col < 99 {
			if p := li.position(tt.off); p.Line != tt.line || p.Column != tt.col {
				t.Errorf("position(offsetOf(%d, %d)) = %d:%d", tt.line, tt.col, p.Line, p.Column)
			}
		}
	}
}

func TestLineIndexSpan(t *testing.T) {
	li := newLineIndex([]byte("ab\ncd"))
	want := rules.Span{
		Start: rules.Position{Line: 1, Column: 2, Offset: 1},
		End:   rules.Position{Line: 2, Column: 2, Offset: 4},
	}
	if got := li.span(1, 4); got != want {
		t.Errorf("span(1, 4) = %+v, want %+v", got, want)
	}
}

// refLineIndex is the former index, one start per line: the oracle the
// sparse index must agree with exactly.
type refLineIndex struct {
	data  []byte
	start []int
}

func newRefLineIndex(data []byte) *refLineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &refLineIndex{data, starts}
}

func (r *refLineIndex) position(off int) rules.Position {
	off = max(0, min(off, len(r.data)))
	line := sort.Search(len(r.start), func(i int) bool { return r.start[i] > off }) - 1
	seg := r.data[r.start[line]:off]
	col := utf8.RuneCount(seg) + 1
	if line == 0 && bytes.HasPrefix(seg, byteOrderMark) {
		col--
	}
	return rules.Position{Line: line + 1, Column: col, Offset: off}
}

func (r *refLineIndex) offsetOf(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(r.start) {
		return len(r.data)
	}
	off := r.start[line-1]
	if line == 1 && bytes.HasPrefix(r.data, byteOrderMark) {
		off += 3
	}
	for ; col > 1 && off < len(r.data) && r.data[off] != '\n'; col-- {
		_, size := utf8.DecodeRune(r.data[off:])
		off += size
	}
	return off
}

// The sparse index answers exactly what a table of every line start
// answers: at stride boundaries, on lines longer than a stride, on runs of
// empty lines, with a BOM, CRLF, invalid UTF-8, with or without a final
// newline, at EOF, and in any order of questions.
func TestLineIndexMatchesFullTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "😀", "\n", "\r\n", "\xff", "\x80", "  ", "\n\n\n", `{"k": "v"}`}
	gen := func(size int, long bool) []byte {
		var b []byte
		if rng.IntN(3) == 0 {
			b = append(b, byteOrderMark...)
		}
		for len(b) < size {
			p := pieces[rng.IntN(len(pieces))]
			if long && strings.Contains(p, "\n") && rng.IntN(50) != 0 {
				continue // mostly lines longer than a stride
			}
			b = append(b, p...)
		}
		return b
	}
	inputs := [][]byte{
		nil, []byte("\n"), []byte("abc"), []byte("abc\n"), byteOrderMark, []byte("\xEF\xBB\xBF\n"),
		[]byte(strings.Repeat("x", lineStride-1) + "\n" + "y"),
		[]byte(strings.Repeat("x", lineStride) + "\n"),
		[]byte(strings.Repeat("x", lineStride-1) + "\r\n"),
		[]byte(strings.Repeat("\n", 3*lineStride)),
		[]byte(strings.Repeat("é", 3*lineStride)), // characters across mark boundaries
	}
	for _, size := range []int{10, 3000, 9000, 20000} {
		inputs = append(inputs, gen(size, false), gen(size, true))
	}
	for n, data := range inputs {
		ref := newRefLineIndex(data)
		// Every offset, ascending, descending, and at random, each against
		// one long-lived index so that the memo is exercised.
		var orders [][]int
		up := make([]int, 0, len(data)+3)
		for i := -1; i <= len(data)+1; i++ {
			up = append(up, i)
		}
		down := slices.Clone(up)
		slices.Reverse(down)
		random := slices.Clone(up)
		rng.Shuffle(len(random), func(i, j int) { random[i], random[j] = random[j], random[i] })
		orders = append(orders, up, down, random)
		for _, order := range orders {
			li := newLineIndex(data)
			for _, off := range order {
				if got, want := li.position(off), ref.position(off); got != want {
					t.Fatalf("input %d (%d bytes): position(%d) = %+v, want %+v", n, len(data), off, got, want)
				}
			}
		}
		li := newLineIndex(data)
		last := ref.position(len(data)).Line
		for line := -1; line <= last+1; line++ {
			for _, col := range []int{-1, 1, 2, 3, 50, lineStride + 7} {
				if got, want := li.offsetOf(line, col), ref.offsetOf(line, col); got != want {
					t.Fatalf("input %d: offsetOf(%d, %d) = %d, want %d", n, line, col, got, want)
				}
			}
		}
	}
}

// The index stays small: marks per stride, not starts per line.
func TestLineIndexSize(t *testing.T) {
	data := bytes.Repeat([]byte("{}\n"), 1<<20)
	li := newLineIndex(data)
	if got := len(li.marks); got > len(data)/lineStride+1 {
		t.Errorf("%d marks for %d bytes", got, len(data))
	}
	if li.lines != 1<<20+1 {
		t.Errorf("lines = %d", li.lines)
	}
}
