package rules

import (
	"reflect"
	"testing"
)

func TestPointerRoundTrip(t *testing.T) {
	for _, tokens := range [][]string{nil, {""}, {"a/b", "~x", "0"}, {"data", "12", "roles", "~0~1"}} {
		p := ""
		for _, tok := range tokens {
			p = PointerJoin(p, tok)
		}
		got, ok := SplitPointer(p)
		if !ok || !reflect.DeepEqual(got, tokens) {
			t.Errorf("SplitPointer(%q) = %q, %v; want %q", p, got, ok, tokens)
		}
	}
	if p := PointerJoin("/data", 3, "a/b"); p != "/data/3/a~1b" {
		t.Errorf("PointerJoin = %q", p)
	}
	for _, bad := range []string{"data", "/a~", "/a~2b"} {
		if _, ok := SplitPointer(bad); ok {
			t.Errorf("SplitPointer(%q) accepted a malformed pointer", bad)
		}
	}
	if ParentPointer("/a/b~1c") != "/a" || ParentPointer("/a") != "" || ParentPointer("") != "" {
		t.Errorf("ParentPointer wrong")
	}
}

func TestLookup(t *testing.T) {
	root := map[string]any{"data": []any{map[string]any{"a/b": "x", "": "empty"}}}
	for _, c := range []struct {
		ptr  string
		want any
		ok   bool
	}{
		{"/data/0/a~1b", "x", true},
		{"/data/0/", "empty", true},
		{"/data/01/a~1b", nil, false},
		{"/data/-1", nil, false},
		{"/data/1", nil, false},
		{"/data/0/a~1b/deeper", nil, false},
	} {
		toks, _ := SplitPointer(c.ptr)
		got, ok := Lookup(root, toks)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", c.ptr, got, ok, c.want, c.ok)
		}
	}
}

func TestElementOf(t *testing.T) {
	for _, c := range []struct {
		pointer, array string
		want           int
		ok             bool
	}{
		{"/data/3/email", "/data", 3, true},
		{"/data/3", "/data", 3, true},
		{"/12/roles/0", "", 12, true},
		{"/data", "/data", 0, false},
		{"/database/3", "/data", 0, false},
		{"/data/03/email", "/data", 0, false},
		{"/data/-1", "/data", 0, false},
		{"/data/x/0", "/data", 0, false},
		{"/items/2/item", "/data", 0, false},
	} {
		if got, ok := ElementOf(c.pointer, c.array); got != c.want || ok != c.ok {
			t.Errorf("ElementOf(%q, %q) = %d, %v; want %d, %v", c.pointer, c.array, got, ok, c.want, c.ok)
		}
	}
}
