package webex

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// parse builds a document the way the JSON loader classifies a Webex
// user-profile export: bare object, array, list envelope or bulk request.
func parse(t *testing.T, path, src string) *rules.Document {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("bad test JSON: %v", err)
	}
	doc := &rules.Document{Path: path, Kind: rules.KindWebexUserProfile, Format: rules.FormatJSON, Root: root}
	add := func(ptr string, v any) {
		if obj, ok := v.(map[string]any); ok {
			doc.Entities = append(doc.Entities, rules.Entity{Pointer: ptr, Value: obj})
		}
	}
	switch v := root.(type) {
	case []any:
		doc.Shape = rules.ShapeArray
		for i, e := range v {
			add(rules.PointerJoin("", i), e)
		}
	case map[string]any:
		if items, ok := v["items"].([]any); ok {
			doc.Shape = rules.ShapeBulk
			for i, it := range items {
				if w, ok := it.(map[string]any); ok {
					add(rules.PointerJoin("/items", i, "item"), w["item"])
				}
			}
		} else if data, ok := v["data"].([]any); ok {
			doc.Shape = rules.ShapeList
			for i, e := range data {
				add(rules.PointerJoin("/data", i), e)
			}
		} else {
			doc.Shape = rules.ShapeObject
			add("", v)
		}
	}
	return doc
}

// result is the part of a finding the tests compare.
type result struct {
	Pointer  string
	Key      bool // Target is TargetKey
	Severity rules.Severity
	Message  string
}

func summarize(fs []rules.Finding) []result {
	out := make([]result, 0, len(fs))
	for _, f := range fs {
		out = append(out, result{f.Pointer, f.Target == rules.TargetKey, f.Severity, f.Message})
	}
	return out
}

// check runs a per-document rule over src.
func check(t *testing.T, r *rules.Rule, src string, opts *rules.Options) []rules.Finding {
	t.Helper()
	var fs []rules.Finding
	doc := parse(t, "profiles.json", src)
	r.Check(rules.NewPass(r, doc, opts, func(f rules.Finding) { fs = append(fs, f) }))
	for _, f := range fs {
		if f.RuleID != r.ID || f.Path != doc.Path {
			t.Errorf("finding %+v: want rule %s and path %s", f, r.ID, doc.Path)
		}
		if f.Entity == "" || !strings.HasPrefix(f.Message, f.Entity+": ") {
			t.Errorf("message %q does not start with its entity %q", f.Message, f.Entity)
		}
		if strings.Contains(f.Message, "\n") {
			t.Errorf("message %q is not one line", f.Message)
		}
	}
	return fs
}

// expect compares findings with the wanted results, in order.
func expect(t *testing.T, got []rules.Finding, want ...result) {
	t.Helper()
	g := summarize(got)
	if len(g) != len(want) {
		t.Fatalf("got %d findings, want %d:\n got: %+v\nwant: %+v", len(g), len(want), g, want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("finding %d:\n got: %+v\nwant: %+v", i, g[i], want[i])
		}
	}
}

func TestProfileLabel(t *testing.T) {
	doc := parse(t, "p.json", `[{"name":"Tier 2"},{"name":"  ","id":"abc"},{"name":7},"junk"]`)
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
	doc := parse(t, "bulk.json", `{"items":[
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

// Wrong types are the schema rule's business: the pack must read them as
// absent, never panic and never report them.
func TestMalformedInputIsNotReported(t *testing.T) {
	srcs := []string{
		`{"items":[null,7,{"item":null,"requestAction":5,"itemIdentifier":"x"},{"item":[]}]}`,
		`{"meta":null,"data":[null,{"permissions":{},"resourceCollections":"x","permissionAccessLevel":["ALL"]}]}`,
		`[{"name":{"x":1},"profileType":7,"permissions":[null,1,{"name":null}],"resourceCollections":[null,{"resources":{"a":1}},{"resources":[null,{"name":7,"accessLevel":[],"ids":"x"}]}],
		  "editableFolderIds":"1","viewableFolderIds":[null,true],"nonViewableFolderIds":{},"defaultResourceCollectionId":5}]`,
	}
	for _, src := range srcs {
		for _, r := range Rules {
			var fs []rules.Finding
			if r.Check != nil {
				fs = check(t, r, src, nil)
			} else {
				r.CheckSet(rules.NewSetPass(r, []*rules.Document{parse(t, "x.json", src), {Kind: rules.KindWebexUserProfile}},
					nil, func(f rules.Finding) { fs = append(fs, f) }))
			}
			if len(fs) > 0 {
				t.Errorf("%s on %s: %+v", r.ID, src, summarize(fs))
			}
		}
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
