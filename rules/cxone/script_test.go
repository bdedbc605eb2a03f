package cxone

import (
	"encoding/json"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
)

func TestActionIDForms(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
		ok   bool
	}{
		{json.Number("12"), "12", true},
		{"12", "12", true},
		{" 7 ", "7", true},
		{json.Number("12.0"), "12.0", true}, // the id as written
		{json.Number("-1"), "", false},
		{"", "", false},
		{nil, "", false},
		{true, "", false},
		{map[string]any{"id": "12"}, "", false},
	} {
		got, ok := actionID(tree.FromAny(c.in).Root())
		if got != c.want || ok != c.ok {
			t.Errorf("actionID(%#v) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestLessIDOrdersNumerically(t *testing.T) {
	ids := []string{"10", "b", "2", "a", "1"}
	sortIDs(ids)
	want := []string{"1", "2", "10", "a", "b"}
	for i := range ids {
		if ids[i] != want[i] {
			t.Fatalf("sorted %v, want %v", ids, want)
		}
	}
}
