package rules

import "testing"

func TestReuseMap(t *testing.T) {
	m := ReuseMap[map[string]int](nil)
	if m == nil {
		t.Fatal("nil map not replaced")
	}
	m["a"] = 1
	if again := ReuseMap(m); len(again) != 0 || again == nil {
		t.Fatalf("got %v, want an empty map", again)
	}
	m["a"] = 1
	m2 := ReuseMap(m)
	m2["b"] = 2
	if _, ok := m["b"]; !ok {
		t.Error("a small map was replaced instead of reused")
	}
	for i := range reuseMax + 1 {
		m2[string(rune('a'+i))] = i
	}
	big := ReuseMap(m2)
	big["z"] = 1
	if len(m2) != reuseMax+1 {
		t.Error("a big map was cleared instead of replaced")
	}
}
