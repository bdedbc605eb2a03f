package source

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/rules"
)

// checkResolve fails unless Resolve on src, which reads the tree's
// offsets, gives what the pass over the text gives.
func checkResolve(t *testing.T, src *jsonSource, ptrs []string) {
	t.Helper()
	want := fullPassResolve(src.data, ptrs)
	got := src.Resolve(ptrs)
	if !reflect.DeepEqual(got, want) {
		for p, w := range want {
			if g, ok := got[p]; !ok || g != w {
				t.Errorf("%q: got %+v (found %v), full pass %+v", p, g, ok, w)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%q resolved, but not by the full pass", p)
			}
		}
		t.Fatalf("pointers %q\ninput %q", ptrs, clip(src.data))
	}
}

// withAncestors adds every ancestor of ptrs, as the engine asks for them.
func withAncestors(ptrs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ptrs {
		for {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			if p == "" {
				break
			}
			p = rules.ParentPointer(p)
		}
	}
	sort.Strings(out)
	return out
}

// depth is the number of reference tokens of a well-formed pointer.
func depth(p string) int { return strings.Count(p, "/") }

var oddPointers = []string{
	"/data/999999", "/data/05", "/data/-1", "/data/+1", "/data/", "/data/0/nosuch", "/data/1/~2", "/nosuch",
	"/0/x~0~1", "/00", "/99999999999", "/1e1", "~bad", "/items2/0/id", "/a/0", "/b/1/0", "/meta", "/meta/id",
	"/x~1y~0z/0/é", "/data/4294967296",
}

// TestResolveMatchesFullPass compares Resolve, which reads the tree's
// offsets, with the pass over the text on generated documents (duplicate
// keys, escaped names, BOMs, CRLF), for pointer sets inside big arrays'
// elements, mixed with pointers elsewhere, missing ones and malformed ones.
func TestResolveMatchesFullPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range 400 {
		newList := func() string {
			var elems []string
			for range 1 + rng.IntN(12) {
				elems = append(elems, randomJSON(rng, 4))
			}
			return "[" + space(rng) + strings.Join(elems, space(rng)+","+space(rng)) + space(rng) + "]"
		}
		list := newList()
		var in string
		switch i % 10 {
		case 0:
			in = list
		case 1:
			in = "\xEF\xBB\xBF" + space(rng) + list + space(rng)
		case 2:
			in = `{"meta":` + randomJSON(rng, 3) + `,"data":` + list + "}"
		case 3:
			in = "\xEF\xBB\xBF{\r\n  \"meta\" : " + randomJSON(rng, 3) + ",\r\n  \"data\" :\r\n" + list + "\r\n}\r\n"
		case 4:
			in = `{"items":` + list + `,"after":` + randomJSON(rng, 3) + `,"items2":` + newList() + "}"
		case 5: // duplicate root keys: the tables must not be used for them
			in = `{"data":` + list + `,"meta":{"id":1,"id":2},"data":` + newList() + "}"
		case 6:
			in = `{"data":` + list + `,"data":` + randomJSON(rng, 2) + "}"
		case 7:
			in = `{"d\u0061ta":` + randomJSON(rng, 1) + `,"data":` + list + `,"x/y~z":` + list + "}"
		case 8:
			in = `{"a":1,"a":` + list + `,"b":[` + list + "," + list + "]}"
		case 9:
			in = `{"x\/y~z":` + list + `,"":` + list + `,"é":` + list + "}"
		}
		data := []byte(in)
		{
			doc, fs := loadJSON("r.json", data, Options{})
			if doc == nil {
				t.Fatalf("load: %v\ninput %q", fs, in)
			}
			src := doc.Source.(*jsonSource)
			var all, deep []string
			model := doc.Data.Any()
			collectPointers(model, "", &all, 1<<20)
			for _, p := range all {
				if depth(p) >= 2 || doc.Data.IsArray() && depth(p) >= 1 {
					deep = append(deep, p)
				}
			}
			// Pointers into the first list as "data": when a later member
			// replaced it, the full pass still finds some of them there.
			var first []string
			collectPointers(jsontest.Decode(t, list), "/data", &first, 1<<20)
			deep = append(deep, first...)
			// Just past the end of each array, and nested below that.
			odd := slices.Clone(oddPointers)
			for _, p := range all {
				if v, _ := lookup(model, p); depth(p) <= 1 {
					if arr, ok := v.([]any); ok {
						odd = append(odd, fmt.Sprintf("%s/%d", p, len(arr)), fmt.Sprintf("%s/%d/id", p, len(arr)))
					}
				}
			}
			pick := func(from []string, n int) []string {
				var out []string
				for range n {
					if len(from) > 0 {
						out = append(out, from[rng.IntN(len(from))])
					}
				}
				return out
			}
			for range 12 {
				inside := pick(deep, 1+rng.IntN(6))
				for _, ptrs := range [][]string{
					inside,
					withAncestors(inside),
					append(withAncestors(inside), pick(all, 1)...),
					append(withAncestors(inside), pick(odd, 1)...),
					append(inside, pick(odd, 2)...),
					pick(all, rng.IntN(8)),
					all,
				} {
					checkResolve(t, src, ptrs)
				}
			}
		}
	}
}

// Documents where an earlier member of a duplicated name holds pointers
// the last one does not: the pass over the text places them there, and so
// must Resolve.
func TestResolveDuplicateMembers(t *testing.T) {
	tests := []struct {
		in   string
		ptrs []string
	}{
		// The first "data" holds /data/0/x, the second /data/0/y.
		{`{"data":[{"x":1}],"data":[{"y":1}]}`, []string{"", "/data", "/data/0", "/data/0/x", "/data/0/y"}},
		{`{"data":[{"x":1},{"x":2}],"data":[{"y":1}]}`, []string{"/data/1/x"}},
		// An escaped name is the same name.
		{`{"data":[{"x":1}],"d\u0061ta":[{"y":1}]}`, []string{"/data/0/x", "/data/0/y"}},
		// A later non-array replaces the array.
		{`{"data":[{"x":1}],"data":{"0":{"y":1}}}`, []string{"/data/0/x", "/data/0/y", "/data/0"}},
		{`{"data":[{"x":1}],"data":7}`, []string{"/data/0/x", "/data"}},
		{`{"data":7,"data":[{"x":1}]}`, []string{"/data/0/x", "/data"}},
		{`{"meta":1,"data":[{"x":1,"x":2}],"meta":2}`, []string{"", "/data", "/data/0", "/data/0/x", "/meta"}},
	}
	for _, tt := range tests {
		doc, fs := loadJSON("d.json", []byte(tt.in), Options{})
		if doc == nil {
			t.Fatalf("load %s: %v", tt.in, fs)
		}
		src := doc.Source.(*jsonSource)
		checkResolve(t, src, tt.ptrs)
		if got := src.Resolve(tt.ptrs); len(got) == 0 {
			t.Errorf("%s: nothing resolved", tt.in)
		}
	}
}

// A big export: findings inside entities and their ancestors, as the
// engine asks for them, in an envelope and in a root array.
func TestResolveBigExport(t *testing.T) {
	list := profileList(1 << 20)
	rootArray := list[bytes.Index(list, []byte(`"data":[`))+len(`"data":`) : len(list)-len("}\n")]
	for _, c := range []struct {
		data   []byte
		prefix string
	}{{list, "/data"}, {rootArray, ""}, {append(bytes.Clone(byteOrderMark), list...), "/data"}} {
		doc, fs := loadJSON("p.json", c.data, Options{})
		if doc == nil || len(fs) != 0 || len(doc.Entities) < 100 {
			t.Fatalf("load: %v, %d entities", fs, len(doc.Entities))
		}
		var ptrs []string
		for i := 0; i < len(doc.Entities); i += 37 {
			ptrs = append(ptrs,
				fmt.Sprintf("%s/%d/permissions/1/name", c.prefix, i),
				fmt.Sprintf("%s/%d/resourceCollections/0/resources/0/ids/1", c.prefix, i),
				fmt.Sprintf("%s/%d/name", c.prefix, i))
		}
		last := len(doc.Entities) - 1
		ptrs = withAncestors(append(ptrs, fmt.Sprintf("%s/%d/lastUpdatedTime", c.prefix, last), "/meta/orgid"))
		src := doc.Source.(*jsonSource)
		checkResolve(t, src, ptrs)
		if got := src.Resolve(ptrs); len(got) < len(ptrs)-2 {
			t.Errorf("prefix %q: resolved %d of %d", c.prefix, len(got), len(ptrs))
		}
	}
}

var randomKeys = []string{`"id"`, `"name"`, `"a\u0062"`, `"ab"`, `"x/y~z"`, `"é"`, `""`}

// randomJSON returns a random value; objects often repeat a key.
func randomJSON(rng *rand.Rand, depth int) string {
	n := rng.IntN(10)
	if depth == 0 {
		n = rng.IntN(6)
	}
	switch n {
	case 0:
		return []string{`0`, `-1.5e3`, `12345678901234567890`, `0.001`}[rng.IntN(4)]
	case 1:
		return []string{`""`, `"v"`, `"\"q\"\n"`, `"\u00e9😀"`, `"\ud83d\ude00"`}[rng.IntN(5)]
	case 2:
		return []string{`true`, `false`, `null`}[rng.IntN(3)]
	case 3, 4, 5:
		return randomKeys[rng.IntN(len(randomKeys))]
	case 6, 7:
		var parts []string
		for range rng.IntN(5) {
			parts = append(parts, randomJSON(rng, depth-1))
		}
		return "[" + strings.Join(parts, ","+space(rng)) + "]"
	default:
		var parts []string
		for range rng.IntN(6) {
			parts = append(parts, randomKeys[rng.IntN(len(randomKeys))]+space(rng)+":"+randomJSON(rng, depth-1))
		}
		return "{" + space(rng) + strings.Join(parts, ",") + "}"
	}
}

func space(rng *rand.Rand) string {
	return []string{"", " ", "\n", "\r\n  ", "\t"}[rng.IntN(5)]
}
