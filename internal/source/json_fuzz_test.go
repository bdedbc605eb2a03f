package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

var jsonFuzzSeeds = []string{
	seedProfile, tenantUser, cxoneScript,
	`{"meta":{"orgid":"o"},"data":[{"profileType":"SUPERVISOR","name":"a","name":"b"}]}`,
	`{"items":[{"itemIdentifier":0,"item":{"id":"x"},"requestAction":"DELETE"}]}`,
	"\xEF\xBB\xBF[{\"k\\u00e9~/\": \"v\"}]",
	`{"a": [1, 2,`, `{"a" 1}`, "[\"\xff\"]", `{} x`, `[[[[[[[[[[`, ``,
	`{"meta":{"a":1,"a":2},"data":[{"x":1,"x":2},[[3]],"s"],"data":[],"tail":[{"b":1,"b":2}]}`,
}

// loneSurrogate over-approximates: any surrogate escape skips the check.
var loneSurrogate = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

func FuzzLoadJSON(f *testing.F) {
	addSeeds(f, jsonFuzzSeeds, ".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, fs := fuzzLoad(t, loadJSON, "f.json", data, Options{MaxDepth: 64})
		// The loader and encoding/json agree on what is valid JSON, except
		// for depth, where ours is stricter, a leading BOM, which only ours
		// accepts, and invalid UTF-8 and \u escapes of lone surrogates, which
		// only ours rejects (RFC 8259 §8.2 leaves them unpredictable).
		body := bytes.TrimPrefix(data, byteOrderMark)
		if loneSurrogate.Match(body) {
			return // may be a lone surrogate (or an escaped backslash before "ud8"): no oracle
		}
		valid := json.Valid(body) && utf8.Valid(body)
		if doc != nil && !valid {
			t.Fatalf("loaded invalid JSON %q", data)
		}
		if doc == nil && valid && len(fs) == 1 && fs[0].RuleID != "limit-exceeded" {
			t.Fatalf("rejected valid JSON %q: %v", data, fs)
		}
	})
}

// FuzzResolve: every value of a loaded document resolves, within the file,
// to text that decodes to that value.
func FuzzResolve(f *testing.F) {
	addSeeds(f, jsonFuzzSeeds)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _ := loadJSON("f.json", data, Options{MaxDepth: 64})
		if doc == nil {
			return
		}
		var ptrs []string
		model := doc.Data.Any()
		collectPointers(model, "", &ptrs, 200)
		places := doc.Source.Resolve(append(ptrs, "/no such member", "~bad"))
		for _, p := range ptrs {
			pl, ok := places[p]
			if !ok {
				t.Fatalf("%q does not resolve", p)
			}
			if !spanWithin(pl.Key, len(data)) || !spanWithin(pl.Value, len(data)) {
				t.Fatalf("%q resolves outside the file: %+v", p, pl)
			}
			want, _ := lookup(model, p)
			got := jsontest.Decode(t, string(data[pl.Value.Start.Offset:pl.Value.End.Offset]))
			if !jsonEqual(got, want) {
				t.Fatalf("%q: span text %q decodes to %v, model has %v", p, data[pl.Value.Start.Offset:pl.Value.End.Offset], got, want)
			}
		}
		if len(places) != len(ptrs) {
			t.Fatalf("resolved %d places for %d pointers", len(places), len(ptrs))
		}
		// Resolve, which reads the tree's offsets, agrees with the pass
		// over the text (the resolver it replaced) on all the pointers, on
		// the deep ones with their ancestors, and on odd ones.
		src := doc.Source.(*jsonSource)
		checkResolve(t, src, ptrs)
		var inside []string
		for _, p := range ptrs {
			if depth(p) >= 2 {
				inside = append(inside, p)
			}
		}
		checkResolve(t, src, withAncestors(inside))
		checkResolve(t, src, append(inside, oddPointers...))
	})
}

// collectPointers lists up to limit pointers of a decoded model (JSON, YAML
// or XML), in no set order.
func collectPointers(v any, ptr string, out *[]string, limit int) {
	if len(*out) >= limit {
		return
	}
	*out = append(*out, ptr)
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			collectPointers(c, rules.PointerJoin(ptr, k), out, limit)
		}
	case []any:
		for i, c := range x {
			collectPointers(c, ptr+"/"+strconv.Itoa(i), out, limit)
		}
	}
}

// jsonEqual compares models; duplicate keys inside a span make the text
// decode to the same last-wins value, so plain equality holds.
func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// FuzzTreeMatchesStdlib holds the tree the parser writes to encoding/json:
// the same texts accepted (but for the exceptions FuzzLoadJSON names), and
// for those the same value, read back through Value.Any (last of duplicate
// keys, json.Number by its text, escapes decoded), with every value's Span
// holding text that decodes to it.
func FuzzTreeMatchesStdlib(f *testing.F) {
	addSeeds(f, append(jsonFuzzSeeds, `{"a":1,"b":{"a":[1,2]},"a":{"x":"\n"},"a":"\u00e9"}`,
		`[1e400,-0,0.0,"\ud83d\ude00",{"":{"":{}}}]`, `{"x":[],"x":{},"y":null,"y":true}`), ".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		body := bytes.TrimPrefix(data, byteOrderMark)
		if loneSurrogate.Match(body) {
			return // encoding/json replaces lone surrogates; jsontext rejects them
		}
		p := newJSONParser("f.json", data, 64)
		root, fail := p.parse()
		d := json.NewDecoder(bytes.NewReader(body))
		d.UseNumber()
		var want any
		err := d.Decode(&want)
		if err == nil && d.More() || err == nil && skipJSONSpace(body, int(d.InputOffset())) < len(body) {
			err = errTrailing
		}
		valid := err == nil && utf8.Valid(body)
		switch {
		case fail != nil && fail.RuleID == rules.IDLimit:
			return // deeper than the parser's limit
		case fail == nil && !valid:
			t.Fatalf("the parser accepts %q; encoding/json: %v", data, err)
		case fail != nil && valid:
			t.Fatalf("the parser rejects valid %q: %s", data, fail.Message)
		case fail != nil:
			return
		}
		if got := root.Any(); !reflect.DeepEqual(got, want) {
			t.Fatalf("tree of %q reads %#v, encoding/json %#v", data, got, want)
		}
		if !sameMembers(root, want) {
			t.Fatalf("tree of %q: Members or Get disagree with %#v", data, want)
		}
		checkSpans(t, data, root)
	})
}

// sameMembers reports whether each object of v yields through Members
// exactly the keys of want's map, once each, at the member Get finds (Any
// builds maps, which would hide a shadowed member yielded too).
func sameMembers(v tree.Value, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		n := 0
		for k, m := range v.Members() {
			n++
			if _, ok := w[k]; !ok || !tree.Same(v.Get(k), m) || !sameMembers(m, w[k]) {
				return false
			}
		}
		return n == len(w)
	case []any:
		for i, e := range v.Elems() {
			if i >= len(w) || !sameMembers(e, w[i]) {
				return false
			}
		}
	}
	return true
}

var errTrailing = errors.New("text after the value")

// checkSpans checks that each value of v, members as written included,
// spans text that decodes (with encoding/json) to the value, and each
// member's key span to its name.
func checkSpans(t *testing.T, data []byte, v tree.Value) {
	t.Helper()
	start, end := v.Span()
	got := jsontest.Decode(t, string(data[start:end]))
	if !reflect.DeepEqual(got, v.Any()) {
		t.Fatalf("span %q decodes to %#v, the tree has %#v", data[start:end], got, v.Any())
	}
	for k, m := range v.Written() {
		ks, ke, ok := m.KeySpan()
		if !ok {
			t.Fatalf("member %q has no key span", k)
		}
		if name, _ := jsontest.Decode(t, string(data[ks:ke])).(string); name != k {
			t.Fatalf("key span %q is not %q", data[ks:ke], k)
		}
		checkSpans(t, data, m)
	}
	for _, e := range v.Elems() {
		checkSpans(t, data, e)
	}
}
