package webex

import (
	"testing"
)

func TestCatalog(t *testing.T) {
	for _, c := range []struct {
		list nameList
		want int
		has  string
	}{
		{catalog().Permissions, 75, "schedule-listening"}, // 68 of spec 1be8332, 7 of a later one
		{catalog().ResourceTypes, 20, "cad-variable"},
	} {
		if c.list.Source == "" {
			t.Errorf("list with %q has no source", c.has)
		}
		n := newNames(c.list.Names, nil)
		if len(n.suggest.Names()) != c.want || !n.set[c.has] {
			t.Errorf("catalog has %d distinct names (want %d) or lacks %q", len(n.suggest.Names()), c.want, c.has)
		}
	}
	if catalog().Permissions.Source == catalog().ResourceTypes.Source {
		t.Error("the two lists cite the same source")
	}
}

func TestCheckCatalogRejectsAnEmptyList(t *testing.T) {
	c := catalogData{Permissions: nameList{Names: nil}, ResourceTypes: nameList{Names: []string{"team"}}}
	if checkCatalog(&c) == nil {
		t.Error("checkCatalog accepted an empty permissions list")
	}
}
