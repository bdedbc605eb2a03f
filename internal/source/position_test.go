package source

import (
	"testing"

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
