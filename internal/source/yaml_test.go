package source

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

func TestLoadYAMLModel(t *testing.T) {
	in := `s: text
q: "12"
i: 42
hex: 0x1F
under: 1_000
neg: -7
f: 1.5e3
g: .5
inf: .inf
yes: yes
on: off
t: True
n: ~
e:
ts: 2024-01-02
tagged: !!str 12
1: one
true: bool key
? [a, b]
: complex key
list: [1, "two", {three: 3}]
`
	doc, fs := loadYAML("m.yaml", []byte(in), Options{})
	if doc == nil || len(fs) != 0 {
		t.Fatalf("doc %v findings %v", doc, fs)
	}
	want := map[string]any{
		"s": "text", "q": "12", "i": json.Number("42"), "hex": json.Number("31"), "under": json.Number("1000"),
		"neg": json.Number("-7"), "f": json.Number("1.5e3"), "g": json.Number("0.5"), "inf": ".inf",
		"yes": "yes", "on": "off", "t": true, "n": nil, "e": nil, "ts": "2024-01-02", "tagged": "12",
		"1": "one", "true": "bool key", `["a","b"]`: "complex key",
		"list": []any{json.Number("1"), "two", map[string]any{"three": json.Number("3")}},
	}
	if !reflect.DeepEqual(doc.Data.Any(), want) {
		t.Errorf("root = %#v\nwant %#v", doc.Data.Any(), want)
	}
	if doc.Format != rules.FormatYAML || doc.Path != "m.yaml" {
		t.Errorf("format %q path %q", doc.Format, doc.Path)
	}
}

func TestYAMLSourceMap(t *testing.T) {
	in := "\xEF\xBB\xBFname: Sales Team\r\n" +
		"\"quoted key\": 'it''s'\r\n" +
		"dq: \"a\\\"b\"\r\n" +
		"flow: [1, {k: v}]\r\n" +
		"empty: {}\r\n" +
		"nested:\r\n" +
		"  é: ü\r\n" +
		"  list:\r\n" +
		"    - x\r\n" +
		"    - y\r\n" +
		"block: |\r\n" +
		"  text\r\n" +
		"tagged: !!str 5\r\n" +
		"a~/b: 1\r\n"
	got := resolveText(t, "r.yaml", in, "/name", "/quoted key", "/dq", "/flow", "/flow/1/k", "/empty", "/nested", "/nested/é",
		"/nested/list/1", "/block", "/tagged", "/a~0~1b", "/missing", "/flow/7")
	want := map[string][2]string{
		"/name":          {"name", "Sales Team"},
		"/quoted key":    {`"quoted key"`, `'it''s'`},
		"/dq":            {"dq", `"a\"b"`},
		"/flow":          {"flow", "[1, {k: v}]"},
		"/flow/1/k":      {"k", "v"},
		"/empty":         {"empty", "{}"},
		"/nested":        {"nested", "é: ü\r\n  list:\r\n    - x\r\n    - y"},
		"/nested/é":      {"é", "ü"},
		"/nested/list/1": {"y", "y"},
		"/block":         {"block", ""}, // block scalars are not measured
		"/tagged":        {"tagged", "!!str 5"},
		"/a~0~1b":        {"a~/b", "1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	doc, _ := loadYAML("r.yaml", []byte(in), Options{})
	pl := doc.Source.Resolve([]string{"/nested/é"})["/nested/é"]
	if pl.Value.Start.Line != 7 || pl.Value.Start.Column != 6 || pl.Key.Start.Column != 3 {
		t.Errorf("line 7 `  é: ü`: %+v", pl)
	}
	if pl := doc.Source.Resolve([]string{"/name"})["/name"]; pl.Key.Start.Column != 1 || pl.Value.End.Column != 17 {
		t.Errorf("after the BOM `name: Sales Team`: %+v", pl)
	}
}

func TestYAMLAliasesResolveToTheAlias(t *testing.T) {
	in := "base: &b\n  x: 1\n  y: 2\ncopy: *b\nmerged:\n  <<: *b\n  y: 3\n"
	doc, fs := loadYAML("a.yaml", []byte(in), Options{})
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	want := map[string]any{
		"base":   map[string]any{"x": json.Number("1"), "y": json.Number("2")},
		"copy":   map[string]any{"x": json.Number("1"), "y": json.Number("2")},
		"merged": map[string]any{"x": json.Number("1"), "y": json.Number("3")}, // explicit keys win
	}
	if !reflect.DeepEqual(doc.Data.Any(), want) {
		t.Errorf("root %v", doc.Data.Any())
	}
	got := resolveText(t, "r.yaml", in, "/copy", "/copy/x", "/merged/x", "/merged/y", "no-slash", "/copy/x/deeper")
	wantText := map[string][2]string{
		"/copy":     {"copy", "*b"},
		"/copy/x":   {"copy", "*b"},
		"/merged/x": {"<<", "*b"},
		"/merged/y": {"y", "3"},
	}
	if !reflect.DeepEqual(got, wantText) {
		t.Errorf("got  %q\nwant %q", got, wantText)
	}
}

func TestLoadYAMLDuplicateKey(t *testing.T) {
	in := "url: https://f.example.com/finesse/api/User/1\nuser: sup1\nnested:\n  a: 1\n  a: 2\nuser: sup2\n"
	doc, fs := loadYAML("d.yaml", []byte(in), Options{})
	if doc == nil || doc.Kind != rules.KindFinesseIntegration {
		t.Fatalf("doc %v", doc)
	}
	root := doc.Data.Any().(map[string]any)
	if root["user"] != "sup2" || root["nested"].(map[string]any)["a"] != json.Number("2") {
		t.Errorf("the last value must win: %v", root)
	}
	rules.SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s %s %s rel %d:%d", at(f), f.RuleID, f.Pointer, f.Message,
			f.Related[0].Span.Start.Line, f.Related[0].Span.Start.Column))
	}
	want := []string{
		`5:3 duplicate-key /nested/a key "a" appears twice in this mapping (first at line 4); the last value wins rel 4:3`,
		`6:1 duplicate-key /user key "user" appears twice in this mapping (first at line 2); the last value wins rel 2:1`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestLoadYAMLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		rule     string
		at, msg  string
		keepsDoc bool
	}{
		// The line that breaks the block, not the one where yaml.v3 says the block starts.
		{"bad indentation", "a:\n  - b\n - c\n", rules.IDSyntax, "3:1", "did not find expected key", false},
		{"unclosed flow", "a: [1, 2\nb: 3\n", rules.IDSyntax, "1:1", "did not find expected ',' or ']'", false},
		{"unclosed quote", "k: \"open\n", rules.IDSyntax, "2:1", "found unexpected end of stream", false},
		{"tab indentation", "a:\n\t- b\n", rules.IDSyntax, "", "tabs", false},
		{"unknown anchor", "a: *nope\n", rules.IDSyntax, "1:4", "an alias refers to an undefined anchor", false},
		{"invalid UTF-8", "a: ok\nb: \"x\xff\"\n", rules.IDSyntax, "2:6", "invalid UTF-8 (byte 0xFF)", false},
		{"control character", "a: x\x01\n", rules.IDSyntax, "1:5", "control character U+0001", false},
		{"UTF-16", "\xFF\xFEa\x00", rules.IDSyntax, "1:1", "UTF-16", false},
		{"second document", "a: 1\n---\nb: 2\n", rules.IDSyntax, "2:1", "only one YAML document per file is supported", true},
		{"broken second document", "a: 1\n---\nb: [\n", rules.IDSyntax, "", "", false},
		{"block nesting", strings.Repeat("- ", 600) + "x\n", rules.IDLimit, "1:1025", "nesting deeper than 512 levels", false},
		{"flow nesting 100k", strings.Repeat("[", 100000), rules.IDLimit, "", "nesting deeper than 512 levels", false},
		{"self alias", "a: &a [*a]\n", rules.IDLimit, "", "nesting deeper than", false},
		{"merge of a scalar", "a: &a 1\nb:\n  <<: *a\n", rules.IDSyntax, "3:7", "merge key", false},
		{"alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\n" +
			"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" +
			"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
			"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
			"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
			"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
			"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n", rules.IDLimit, "", "YAML aliases expand to more than 100000 values", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, fs := loadYAML("e.yaml", []byte(tt.in), Options{})
			if (doc != nil) != tt.keepsDoc {
				t.Errorf("document returned: %v", doc != nil)
			}
			if len(fs) != 1 {
				t.Fatalf("findings %v", fs)
			}
			f := fs[0]
			if f.RuleID != tt.rule || (tt.at != "" && at(f) != tt.at) || !strings.Contains(f.Message, tt.msg) {
				t.Errorf("got %s %s %q, want %s %s containing %q", at(f), f.RuleID, f.Message, tt.at, tt.rule, tt.msg)
			}
			if strings.Contains(f.Message, "yaml:") || f.Span.Start.Line < 1 {
				t.Errorf("finding %+v", f)
			}
		})
	}
}

func TestLoadYAMLEmpty(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "\n\n"} {
		doc, fs := loadYAML("e.yaml", []byte(in), Options{})
		if doc == nil || len(fs) != 0 || doc.Data.Exists() || doc.Kind != "" {
			t.Errorf("%q: doc %v findings %v", in, doc, fs)
		}
		if got := doc.Source.Resolve([]string{"", "/a", "no-slash"}); len(got) != 0 {
			t.Errorf("%q: resolved %v", in, got)
		}
	}
}

func FuzzLoadYAML(f *testing.F) {
	addSeeds(f, []string{"profileType: SUPERVISOR\nname: x\n", "- email: a@example.com\n  roles: [customer.user]\n",
		"a: &a {b: 1}\nc: *a\nd:\n  <<: *a\n", "a: 1\na: 2\n", "a: [1, 2\n", "a: 1\n---\nb: 2\n", "k: \"x\\ty\" # c\n", "? [a]\n: 1\n"},
		".yaml", ".yml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, loadYAML, "f.yaml", data, Options{})
	})
}

// checkLoaded asserts what every load must satisfy: findings lie within
// the file, and a returned document's entities resolve to places within it.
// fuzzLoad loads data as the file name and holds the result to what every
// loader promises (checkLoaded) and to the per-file duplicate cap
// (checkCapped); it returns the load for the fuzz target's own checks.
func fuzzLoad(t *testing.T, load func(string, []byte, Options) (*rules.Document, []rules.Finding), name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	t.Helper()
	doc, fs := load(name, data, opts)
	checkLoaded(t, data, doc, fs)
	checkCapped(t, data, func(b []byte, o Options) (*rules.Document, []rules.Finding) { return load(name, b, o) })
	return doc, fs
}

func checkLoaded(t *testing.T, data []byte, doc *rules.Document, fs []rules.Finding) {
	t.Helper()
	for _, f := range fs {
		if !spanWithin(f.Span, len(data)) || f.Message == "" {
			t.Fatalf("finding %+v outside the file of %d bytes", f, len(data))
		}
	}
	if doc == nil {
		return
	}
	var ptrs []string
	for _, e := range doc.Entities {
		if !tree.Same(doc.Data.At(e.Pointer), e.Data) {
			t.Fatalf("entity %q not in the model", e.Pointer)
		}
		ptrs = append(ptrs, e.Pointer)
	}
	places := doc.Source.Resolve(ptrs)
	for _, p := range ptrs {
		pl, ok := places[p]
		if !ok {
			t.Fatalf("entity %q does not resolve", p)
		}
		if !spanWithin(pl.Key, len(data)) || !spanWithin(pl.Value, len(data)) {
			t.Fatalf("entity %q resolves to %+v, outside the file of %d bytes", p, pl, len(data))
		}
	}
}

func spanWithin(s rules.Span, n int) bool {
	return s.Start.Line >= 1 && s.Start.Column >= 1 && s.Start.Offset >= 0 &&
		s.Start.Offset <= s.End.Offset && s.End.Offset <= n
}
