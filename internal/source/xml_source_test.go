package source

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// xmlPlaceText returns the text of a pointer's key and value spans, checking
// that the spans' offsets agree with their lines and columns.
func xmlPlaceText(t *testing.T, src string, doc *rules.Document, ptrs ...string) map[string][2]string {
	t.Helper()
	li := newLineIndex([]byte(src))
	out := map[string][2]string{}
	for p, pl := range doc.Source.Resolve(ptrs) {
		for _, s := range []rules.Span{pl.Key, pl.Value} {
			if li.position(s.Start.Offset) != s.Start || li.position(s.End.Offset) != s.End {
				t.Errorf("%q: span %+v disagrees with its offsets", p, s)
			}
		}
		out[p] = [2]string{src[pl.Key.Start.Offset:pl.Key.End.Offset], src[pl.Value.Start.Offset:pl.Value.End.Offset]}
	}
	return out
}

func TestXMLSourceMap(t *testing.T) {
	src := `<results>
  <roles>
    <role>
      <name> Sales </name>
      <name>Sales2</name>
      <accessList>
        <feature><name>attribute</name></feature>
        <featur>typo</featur>
        stray
      </accessList>
      <extra><x>1</x><x>2</x></extra>
      <empty/>
      <description><b>1</b> mixed</description>
    </role>
  </roles>
</results>`
	doc, _ := loadXML("in.xml", []byte(src), Options{})
	got := xmlPlaceText(t, src, doc,
		"", "/roles", "/roles/0", "/roles/0/name", "/roles/0/accessList/0/name",
		"/roles/0/accessList/1", "/roles/0/accessList/1/featur", "/roles/0/accessList/2",
		"/roles/0/extra/x", "/roles/0/extra/x/1", "/roles/0/empty", "/roles/0/description/#text",
		"/missing", "/roles/9", "/roles/0/name/x", "/roles/x", "roles", "/roles/0/accessList/1/other")
	role := src[strings.Index(src, "    <role>")+4 : strings.Index(src, "</role>")+7]
	want := map[string][2]string{
		"":                             {src, src},
		"/roles":                       {"<roles>", src[strings.Index(src, "<roles>") : strings.Index(src, "</roles>")+8]},
		"/roles/0":                     {role, role},
		"/roles/0/name":                {"<name>", "Sales2"}, // the last of the duplicates
		"/roles/0/accessList/0/name":   {"<name>", "attribute"},
		"/roles/0/accessList/1":        {"<featur>typo</featur>", "<featur>typo</featur>"},
		"/roles/0/accessList/1/featur": {"<featur>", "typo"},
		"/roles/0/accessList/2":        {"stray", "stray"},
		"/roles/0/extra/x":             {"<x>", "<x>1</x><x>2</x>"},
		"/roles/0/extra/x/1":           {"2", "2"},
		"/roles/0/empty":               {"<empty/>", "<empty/>"},
		"/roles/0/description/#text":   {"mixed", "mixed"},
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%q: got %q, want %q", p, got[p], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("resolved %d pointers, want %d (absent pointers must be left out): %q", len(got), len(want), got)
	}
}

func TestXMLPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ptr       string
		line, col int // of the value
		endCol    int
	}{
		{"multi-line", "<role>\n  <description>\n    two\n    lines\n  </description>\n</role>", "/description", 3, 5, 10},
		{"unicode columns", "<role><description>Añadir ✓ 𝄞</description><name>R</name></role>", "/name", 1, 50, 51},
		{"CRLF", "<role>\r\n  <description>d</description>\r\n  <name>R</name>\r\n</role>\r\n", "/name", 3, 9, 10},
		{"BOM", "\xEF\xBB\xBF<role><name>R</name></role>", "/name", 1, 13, 14},
		{"BOM and declaration", "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<role><name>R</name></role>", "/name", 2, 13, 14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustLoadXML(t, tc.src, Options{})
			pl, ok := doc.Source.Resolve([]string{tc.ptr})[tc.ptr]
			if !ok {
				t.Fatalf("%q not resolved", tc.ptr)
			}
			v := pl.Value
			if v.Start.Line != tc.line || v.Start.Column != tc.col || v.End.Column != tc.endCol {
				t.Errorf("value at %d:%d-%d:%d, want %d:%d-%d", v.Start.Line, v.Start.Column, v.End.Line, v.End.Column, tc.line, tc.col, tc.endCol)
			}
		})
	}
}
