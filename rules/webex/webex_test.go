package webex

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/ruletest/testdoc"
)

func TestProfileLabel(t *testing.T) {
	doc := testdoc.Load(t, rules.KindWebexUserProfile, "p.json", `[{"name":"Tier 2"},{"name":"  ","id":"abc"},{"name":7},"junk"]`)
	var labels []string
	for _, p := range profiles(doc) {
		labels = append(labels, p.label())
	}
	want := []string{`profile "Tier 2"`, `profile with id "abc"`, `unnamed profile #3`}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("labels = %q, want %q", labels, want)
	}
}
func TestProfilesSkipBulkDeletes(t *testing.T) {
	doc := testdoc.Load(t, rules.KindWebexUserProfile, "bulk.json", `{"items":[
		{"itemIdentifier":1,"requestAction":"DELETE","item":{"id":"a","name":"Old"}},
		{"itemIdentifier":2,"requestAction":"SAVE","item":{"name":"New"}},
		{"itemIdentifier":3,"item":{"name":"Implicit save"}}]}`)
	var ptrs []string
	for _, p := range profiles(doc) {
		ptrs = append(ptrs, p.ptr)
	}
	if got := strings.Join(ptrs, " "); got != "/items/1/item /items/2/item" {
		t.Errorf("profiles = %s", got)
	}
}

func TestIntegerKey(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
		ok   bool
	}{
		{json.Number("42"), "42", true},
		{json.Number("4.5"), "", false},
		{int64(7), "7", true},
		{3, "3", true},
		{"42", "", false},
		{nil, "", false},
	} {
		if got, ok := integerKey(c.in); got != c.want || ok != c.ok {
			t.Errorf("integerKey(%#v) = %q, %v", c.in, got, ok)
		}
	}
}
