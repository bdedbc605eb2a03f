package source

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/testfiles"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// streamed are the kinds the engine reads by windows.
func streamed(k rules.Kind) bool {
	return k == rules.KindWebexUserProfile || k == rules.KindTenantUsers
}

// dumpValue writes v as the tests compare it: kinds, values, spans, key
// spans and every member as written.
func dumpValue(sb *strings.Builder, v tree.Value) {
	off, end := v.Span()
	fmt.Fprintf(sb, "%d@%d-%d", v.Kind(), off, end)
	switch v.Kind() {
	case tree.Object:
		sb.WriteString("{")
		for k, m := range v.Written() {
			ko, ke, _ := m.KeySpan()
			fmt.Fprintf(sb, "%q@%d-%d:", k, ko, ke)
			dumpValue(sb, m)
			sb.WriteString(",")
		}
		sb.WriteString("}")
	case tree.Array:
		sb.WriteString("[")
		for i, e := range v.Elems() {
			fmt.Fprintf(sb, "%d:", i)
			dumpValue(sb, e)
			sb.WriteString(",")
		}
		sb.WriteString("]")
	default:
		s, _ := v.Str()
		n, _ := v.Number()
		b, _ := v.Bool()
		fmt.Fprintf(sb, "%q%q%v", s, n, b)
	}
}

func dumpOf(v tree.Value) string {
	var sb strings.Builder
	dumpValue(&sb, v)
	return sb.String()
}

// checkStream compares a stream over data with the whole load: windows of
// every size hold the whole load's entities (values, offsets, pointers,
// numbering), positions agree, and the facts of every member are the whole
// document. It reports whether data streamed.
func checkStream(t *testing.T, name string, data []byte, kind rules.Kind) bool {
	t.Helper()
	doc, fs := Load(name, data, Options{Kind: kind, MaxDepth: 64})
	s := OpenStream(name, data, kind, 64, streamed, func(from, to int) {
		if from < 0 || from >= to || to > len(data) {
			t.Fatalf("%s: passed [%d, %d) of %d bytes", name, from, to, len(data))
		}
	})
	if s == nil {
		return false
	}
	// A window declines what the whole load reports (an element's
	// duplicate key or syntax error); nothing else.
	for _, w := range s.Windows(1) {
		if s.Window(w[0], w[1]) == nil {
			if doc != nil && len(fs) == 0 {
				t.Fatalf("%s: window %v declined a file the whole load takes", name, w)
			}
			return false
		}
	}
	if doc == nil || len(fs) > 0 {
		t.Fatalf("%s: streamed, but the whole load reports %v", name, fs)
	}
	if s.Kind() != doc.Kind || s.shape != doc.Shape || s.Len() != len(doc.Entities) {
		t.Fatalf("%s: stream of %s %s with %d entities, whole load %s %s with %d", name, s.Kind(), s.shape, s.Len(), doc.Kind, doc.Shape, len(doc.Entities))
	}
	for _, size := range []int{1, 700, 1 << 30} {
		var wins []*rules.Document
		for _, w := range s.Windows(size) {
			win := s.Window(w[0], w[1])
			if win == nil {
				t.Fatalf("%s: window %v failed on a file the whole load takes", name, w)
			}
			if win.EntityBase != w[0] || len(win.Entities) != w[1]-w[0] {
				t.Fatalf("%s: window %v has base %d and %d entities", name, w, win.EntityBase, len(win.Entities))
			}
			for k, e := range win.Entities {
				want := doc.Entities[w[0]+k]
				if e.Pointer != want.Pointer || dumpOf(e.Data) != dumpOf(want.Data) {
					t.Fatalf("%s: window %v entity %d differs:\n got %s %.300s\nwant %s %.300s", name, w, k, e.Pointer, dumpOf(e.Data), want.Pointer, dumpOf(want.Data))
				}
				ptrs := []string{e.Pointer, e.Pointer + "/name", e.Pointer + "/email"}
				got, wantPl := win.Source.Resolve(ptrs), doc.Source.Resolve(ptrs)
				if fmt.Sprint(got) != fmt.Sprint(wantPl) {
					t.Fatalf("%s: window %v positions %v, whole %v", name, w, got, wantPl)
				}
			}
			wins = append(wins, win)
		}
		facts, ok := s.Facts(func(b *tree.Builder) bool {
			for _, win := range wins {
				CopyFacts(b, win, func(string) bool { return true })
			}
			return true
		})
		if !ok {
			t.Fatalf("%s: Facts failed", name)
		}
		if got, want := dumpOf(facts.Data), dumpOf(doc.Data); got != want {
			t.Fatalf("%s: facts of every member differ from the document:\n got %.500s\nwant %.500s", name, got, want)
		}
	}
	return true
}

// TestStreamMatchesLoad: every JSON document of the repository that can
// stream reads by windows as the whole load reads it, and variants of the
// vendor lists (a BOM, CRLF, escapes, members after the list, minified)
// too.
func TestStreamMatchesLoad(t *testing.T) {
	n := 0
	testfiles.Walk(t, func(p string) bool { return strings.HasSuffix(p, ".json") }, func(path string, data []byte) {
		if checkStream(t, path, data, "") {
			n++
		}
	}, "../../examples", "../../testdata")
	if n < 10 {
		t.Errorf("%d repository files streamed, want the lists of profiles and users", n)
	}
	profile := `{"name":"Tier \"1\"","profileType":"AGENT","permissions":[{"name":"x","access":"VIEW"}]}`
	variants := map[string]string{
		"bom.json":      "\xEF\xBB\xBF[" + profile + "," + profile + "]",
		"crlf.json":     "{\r\n \"meta\": {\"orgid\": \"o\"},\r\n \"data\": [\r\n  " + profile + ",\r\n  " + profile + "\r\n ]\r\n}\r\n",
		"after.json":    `{"data":[` + profile + `,` + profile + `],"meta":{"links":{"next":"/x?a=[1]"}}}`,
		"escaped.json":  `[{"name":"caf\u00e9 \\ \"q\" [}","profileType":"AGENT"},` + profile + `]`,
		"nested.json":   `[{"name":"a","profileType":"AGENT","x":[[{"y":"]"}]]}]`,
		"users.json":    `{"page_size":2,"data":[` + tenantUser + `,` + tenantUser + `]}`,
		"oneline.json":  "[" + strings.Repeat(profile+",", 50) + profile + "]",
		"trailing.json": "[" + profile + "]\n\n",
	}
	for name, text := range variants {
		if !checkStream(t, name, []byte(text), "") {
			t.Errorf("%s did not stream", name)
		}
	}
	if !checkStream(t, "forced.json", []byte(variants["after.json"]), rules.KindWebexUserProfile) {
		t.Error("a forced kind did not stream")
	}
	// What a whole load reports, or cannot tell from the first entity,
	// never streams.
	for _, text := range []string{
		"[" + profile + "," + `{"name":"a","name":"b"}` + "]", // duplicate key
		`{"data":[` + profile + `],"data":[]}`,                // data twice
		"[" + profile + "," + profile + ",]",                  // trailing comma
		"[" + profile + "," + profile + "] x",                 // text after
		"[" + profile + ", 3]",                                // not an object
		"[" + profile + "," + `{"a":[1,}` + "]",               // bad element
		"[]", "{}", `{"data":[]}`,                             // nothing to stream
		`[{"x":1},` + profile + `]`,                                           // detected by a later element
		"[" + profile + "," + `{"a":"` + "\xff" + `"}` + "]",                  // invalid UTF-8
		"[" + strings.Replace(profile, "[", strings.Repeat("[", 70), 1) + "]", // too deep
	} {
		if checkStream(t, "bad.json", []byte(text), "") {
			t.Errorf("streamed %.80q", text)
		}
	}
}

// FuzzStreamMatchesLoad: on any input, a stream either declines or reads
// what the whole load reads.
func FuzzStreamMatchesLoad(f *testing.F) {
	profile := `{"name":"Tier 1","profileType":"AGENT","permissions":[{"name":"x","access":"VIEW"}]}`
	for _, s := range []string{
		"[" + profile + "," + profile + "]",
		`{"meta":{"orgid":"o"},"data":[` + profile + `, {"name":"b\"]","profileType":"SUPERVISOR"}],"x":[1]}`,
		`{"page_size":2,"data":[` + tenantUser + `,` + tenantUser + `]}`,
		"\xEF\xBB\xBF[" + seedProfile + "]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Count(data, []byte("[")) > 200 {
			return // deep nesting is the loader fuzz's
		}
		checkStream(t, "f.json", data, "")
	})
}
