package webex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
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
	doc := testdoc.Load(t, rules.KindWebexUserProfile, "p.json",
		`{"name":"p","editableFolderIds":[42, 4.5, "42", null, -7, 1e2, 9223372036854775808, {}]}`)
	var got []string
	for _, v := range doc.Entities[0].Data.Get("editableFolderIds").Elems() {
		k, ok := integerKey(v)
		got = append(got, fmt.Sprintf("%s/%v", k, ok))
	}
	if want := "42/true /false /false /false -7/true /false /false /false"; strings.Join(got, " ") != want {
		t.Errorf("integerKey = %s, want %s", strings.Join(got, " "), want)
	}
	if _, ok := integerKey(doc.Entities[0].Data.Get("missing")); ok {
		t.Error("an absent value is an integer")
	}
}

func TestEqual(t *testing.T) {
	doc := testdoc.Load(t, rules.KindWebexUserProfile, "p.json", `{"name":"p","permissions":[
		{"a":1,"b":[1,"x"],"c":{"d":true}},
		{"c":{"d":true},"b":[1,"x"],"a":1},
		{"a":1,"b":["x",1],"c":{"d":true}},
		{"a":1.0,"b":[1,"x"],"c":{"d":true}},
		{"a":1,"b":[1,"x"],"c":{"d":true},"e":null},
		{"a":1,"b":[1,"x"],"c":{"d":false}},
		{"a":1,"b":[1,"x",null],"c":{"d":true}}]}`)
	var v []tree.Value
	for _, e := range doc.Entities[0].Data.Get("permissions").Elems() {
		v = append(v, e)
	}
	for j := 1; j < len(v); j++ {
		if want := j == 1; equal(v[0], v[j]) != want || equal(v[j], v[0]) != want {
			t.Errorf("equal(#0, #%d) = %v, want %v", j, equal(v[0], v[j]), want)
		}
	}
}
