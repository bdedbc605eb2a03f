package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The biggest inputs are checked first; equal sizes and unreadable ones
// keep their order.
func TestLargestFirst(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	inputs := []input{
		{fsPath: write("a", 10)},
		{fsPath: write("b", 300)},
		{fsPath: filepath.Join(dir, "missing")},
		{memory: &File{Size: 200}},
		{fsPath: write("c", 10)},
		{stdin: strings.NewReader("{}")},
	}
	if got, want := largestFirst(inputs), []int{1, 3, 0, 4, 2, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("largestFirst = %v, want %v", got, want)
	}
	if got := largestFirst(inputs[:1]); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("one input: %v", got)
	}
}
