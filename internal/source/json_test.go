package source

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// at renders a finding's start as line:col, the way golden files show it.
func at(f rules.Finding) string {
	return fmt.Sprintf("%d:%d", f.Span.Start.Line, f.Span.Start.Column)
}

func TestLoadJSONModel(t *testing.T) {
	doc, fs := loadJSON("m.json", []byte(`{"s":"a\u00e9\n","n":-1.5e3,"i":42,"t":true,"f":false,"z":null,`+
		`"a":[1,"x",[],{}],"o":{"k":"v"},"e":""}`), Options{})
	if doc == nil || len(fs) != 0 {
		t.Fatalf("load: doc %v, findings %v", doc, fs)
	}
	want := map[string]any{
		"s": "aé\n", "n": json.Number("-1.5e3"), "i": json.Number("42"), "t": true, "f": false, "z": nil,
		"a": []any{json.Number("1"), "x", []any{}, map[string]any{}},
		"o": map[string]any{"k": "v"}, "e": "",
	}
	if got := doc.Data.Any(); !reflect.DeepEqual(got, want) {
		t.Errorf("root = %#v\nwant %#v", got, want)
	}
	if doc.Path != "m.json" || doc.Format != rules.FormatJSON || doc.Kind != "" || doc.Source == nil {
		t.Errorf("document header = %q %q %q source %v", doc.Path, doc.Format, doc.Kind, doc.Source)
	}
}

func TestLoadJSONSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		at       string // line:col of the finding
		msg      string // a part of the message
	}{
		{"truncated object", "{\n  \"a\": {\n    \"b\": 1", "3:11", "the object opened at 2:8 is not closed"},
		{"truncated array", "[1,\n 2,", "2:4", "the array opened at 1:1 is not closed"},
		{"truncated string", `{"a": "abc`, "1:11", "the string starting at 1:7 is not closed"},
		{"truncated literal", `[tru`, "1:5", "unexpected end of file"},
		{"empty file", "", "1:1", "the file is empty"},
		{"whitespace only", " \n\t\n", "1:1", "the file is empty"},
		{"BOM only", "\xEF\xBB\xBF", "1:1", "the file is empty"},
		{"trailing data", "{\"a\": 1}\n\n  x", "3:3", "text after the end of the JSON value"},
		{"second value", "{} {}", "1:4", "text after the end of the JSON value"},
		{"invalid character after value", `{"a":1 x}`, "1:8", "invalid character 'x' after object value"},
		{"missing colon", `{"a" 1}`, "1:6", "invalid character '1' after object name"},
		{"trailing comma in object", "{\"a\": 1,\n}", "1:8", "remove the trailing ','"},
		{"trailing comma in array", "[1, 2, ]", "1:6", "remove the trailing ','"},
		{"unquoted key", `{a: 1}`, "1:2", "where a key was expected: object keys must be strings in double quotes"},
		{"single quotes", `{'a': 1}`, "1:2", "where a key was expected: object keys must be strings in double quotes"},
		{"invalid UTF-8 in string", "{\"a\": \"b\xff\"}", "1:9", "invalid UTF-8 (byte 0xFF)"},
		{"invalid UTF-8 after Unicode", "[\"é\", \"\xc3\"]", "1:8", "invalid UTF-8"},
		{"NUL byte as value", "{\"a\": \x00}", "1:7", "unexpected NUL byte (U+0000)"},
		{"NUL byte in string", "[\"a\x00\"]", "1:4", "NUL byte (U+0000) inside a string"},
		{"raw newline in string", "[\"a\nb\"]", "1:4", "control character U+000A inside a string"},
		{"bad escape", `["\q"]`, "1:3", "invalid escape sequence in string: use"},
		{"lone surrogate", `["ab\ud800"]`, "1:5", "must be half of a valid pair"},
		{"bad literal", `{"a": nul}`, "1:10", "invalid character '}' in literal null"},
		{"BOM shifts nothing", "\xEF\xBB\xBF{\"a\" 1}", "1:6", "after object name"},
		{"CRLF lines", "{\r\n\"a\": 1,\r\n\"b\" 2}", "3:5", "after object name"},
		{"UTF-16", "\xFF\xFE{\x00}\x00", "1:1", "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, fs := loadJSON("s.json", []byte(tt.in), Options{})
			if doc != nil {
				t.Errorf("a document was returned for broken input")
			}
			if len(fs) != 1 {
				t.Fatalf("findings = %v, want one", fs)
			}
			f := fs[0]
			if f.RuleID != rules.IDSyntax || at(f) != tt.at || !strings.Contains(f.Message, tt.msg) {
				t.Errorf("got %s %s %q, want syntax %s containing %q", at(f), f.RuleID, f.Message, tt.at, tt.msg)
			}
			if f.Path != "s.json" || f.Span.End.Offset < f.Span.Start.Offset {
				t.Errorf("path %q span %+v", f.Path, f.Span)
			}
			if strings.Contains(f.Message, "jsontext") || strings.Contains(f.Message, "offset") {
				t.Errorf("message leaks decoder internals: %q", f.Message)
			}
		})
	}
}

func TestLoadJSONDuplicateKey(t *testing.T) {
	in := "{\n  \"name\": \"a\",\n  \"x\": {\"k\": 1, \"k\": 2, \"k\": 3},\n  \"name\": \"b\"\n}"
	doc, fs := loadJSON("d.json", []byte(in), Options{})
	if doc == nil {
		t.Fatal("duplicates must not stop loading")
	}
	root := doc.Data.Map()
	if root["name"] != "b" || root["x"].(map[string]any)["k"] != json.Number("3") {
		t.Errorf("the last value must win: %v", root)
	}
	rules.SortFindings(fs)
	type got struct{ at, ptr, msg, key, relAt string }
	var gots []got
	for _, f := range fs {
		if f.RuleID != rules.IDDuplicateKey || f.Target != rules.TargetKey || len(f.Related) != 1 {
			t.Fatalf("finding %+v", f)
		}
		key := in[f.Span.Start.Offset:f.Span.End.Offset]
		gots = append(gots, got{at(f), f.Pointer, f.Message, key, fmt.Sprintf("%d:%d", f.Related[0].Span.Start.Line, f.Related[0].Span.Start.Column)})
	}
	want := []got{
		{"3:17", "/x/k", `key "k" appears twice in this object (first at line 3); the last value wins`, `"k"`, "3:9"},
		// The third "k" at 3:25 would repeat this finding word for word
		// (the engine kept the first of them): it is not built.
		{"4:3", "/name", `key "name" appears twice in this object (first at line 2); the last value wins`, `"name"`, "2:3"},
	}
	if !reflect.DeepEqual(gots, want) {
		t.Errorf("got  %v\nwant %v", gots, want)
	}
}

func TestLoadJSONDuplicateEscapedKey(t *testing.T) {
	// "a\u0041" and "aA" are the same key once decoded.
	in := `{"list": [{"a\u0041": 1, "aA": 2}]}`
	_, fs := loadJSON("d.json", []byte(in), Options{})
	if len(fs) != 1 || fs[0].Pointer != "/list/0/aA" || in[fs[0].Span.Start.Offset:fs[0].Span.End.Offset] != `"aA"` {
		t.Fatalf("findings = %+v", fs)
	}
	if rel := fs[0].Related[0].Span; in[rel.Start.Offset:rel.End.Offset] != `"a\u0041"` {
		t.Errorf("related span covers %q", in[rel.Start.Offset:rel.End.Offset])
	}
}

func TestLoadJSONDepthLimit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		at    string
	}{
		{"100k arrays", strings.Repeat("[", 100000), 0, "1:513"},
		{"100k objects", strings.Repeat(`{"a":`, 100000), 0, "1:2561"},
		{"configured limit", "[[[[1]]]]", 3, "1:4"},
		{"limit above the decoder's", strings.Repeat("[", 20000), 50000, "1:10001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, fs := loadJSON("deep.json", []byte(tt.in), Options{MaxDepth: tt.limit})
			if doc != nil || len(fs) != 1 || fs[0].RuleID != rules.IDLimit {
				t.Fatalf("doc %v findings %v", doc != nil, fs)
			}
			if at(fs[0]) != tt.at || !strings.Contains(fs[0].Message, "raise limits.maxDepth in .rbaclint.yaml (or --max-depth)") {
				t.Errorf("got %s %q, want %s", at(fs[0]), fs[0].Message, tt.at)
			}
		})
	}
	// Exactly at the limit is fine.
	if doc, fs := loadJSON("ok.json", []byte("[[[1]]]"), Options{MaxDepth: 3}); doc == nil || len(fs) != 0 {
		t.Errorf("depth 3 with limit 3: %v", fs)
	}
}

// resolveText loads data as the file name (through Load, so the syntax is
// sniffed as for a real file), resolves pointers and returns the text of
// each key and value.
func resolveText(t *testing.T, name, data string, ptrs ...string) map[string][2]string {
	t.Helper()
	doc, fs := Load(name, []byte(data), Options{})
	if doc == nil {
		t.Fatalf("load: %v", fs)
	}
	out := map[string][2]string{}
	for p, pl := range doc.Source.Resolve(ptrs) {
		if pl.Key.Start.Offset > pl.Key.End.Offset || pl.Value.Start.Offset > pl.Value.End.Offset {
			t.Fatalf("%s: inverted span %+v", p, pl)
		}
		out[p] = [2]string{data[pl.Key.Start.Offset:pl.Key.End.Offset], data[pl.Value.Start.Offset:pl.Value.End.Offset]}
	}
	return out
}

func TestJSONResolve(t *testing.T) {
	data := "\xEF\xBB\xBF{\n" +
		"  \"a\": {\"b\": [10, {\"c\": \"x\"}, [true, null]]},\n" +
		"  \"k/~\": 1,\n" +
		"  \"dup\": 1, \"dup\": {\"z\": -2.5},\n" +
		"  \"esc\\\"aped\": \"v\\u00e9\",\n" +
		"  \"é\": \"ü\"\n" +
		"}"
	got := resolveText(t, "r.json", data, "", "/a", "/a/b", "/a/b/0", "/a/b/1/c", "/a/b/2/1", "/k~1~0",
		"/dup", "/dup/z", "/esc\"aped", "/é", "/missing", "/a/b/9", "/a/b/01", "/a/b/c", "/a/x/y", "no-slash", "/bad~2")
	root := data[3:]
	want := map[string][2]string{
		"":           {root, root},
		"/a":         {`"a"`, `{"b": [10, {"c": "x"}, [true, null]]}`},
		"/a/b":       {`"b"`, `[10, {"c": "x"}, [true, null]]`},
		"/a/b/0":     {`10`, `10`},
		"/a/b/1/c":   {`"c"`, `"x"`},
		"/a/b/2/1":   {`null`, `null`},
		"/k~1~0":     {`"k/~"`, `1`},
		"/dup":       {`"dup"`, `{"z": -2.5}`},
		"/dup/z":     {`"z"`, `-2.5`},
		"/esc\"aped": {`"esc\"aped"`, `"v\u00e9"`},
		"/é":         {`"é"`, `"ü"`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestJSONResolvePositions(t *testing.T) {
	data := "\xEF\xBB\xBF[\r\n  {\"é\": \"ü\", \"n\": 1}\r\n]"
	doc, _ := loadJSON("p.json", []byte(data), Options{})
	pl := doc.Source.Resolve([]string{"/0/n"})["/0/n"]
	// Line 2 is `  {"é": "ü", "n": 1}`: the key "n" starts at column 14.
	if pl.Key.Start.Line != 2 || pl.Key.Start.Column != 14 || pl.Value.Start.Column != 19 || pl.Value.End.Column != 20 {
		t.Errorf("place = %+v", pl)
	}
	if got := doc.Source.Resolve(nil); len(got) != 0 {
		t.Errorf("Resolve(nil) = %v", got)
	}
}

func TestLoadJSONForcedKind(t *testing.T) {
	in := `{"data": [{"name": "x"}, 3, {"name": "y"}]}`
	doc, _ := loadJSON("f.json", []byte(in), Options{Kind: rules.KindTenantUsers})
	if doc.Kind != rules.KindTenantUsers || doc.Shape != rules.ShapeList {
		t.Fatalf("kind %q shape %q", doc.Kind, doc.Shape)
	}
	var ptrs []string
	for _, e := range doc.Entities {
		ptrs = append(ptrs, e.Pointer)
	}
	if want := []string{"/data/0", "/data/2"}; !reflect.DeepEqual(ptrs, want) {
		t.Errorf("entities %v, want %v", ptrs, want)
	}
	// Without forcing, the same content matches no kind.
	if doc, _ := loadJSON("f.json", []byte(in), Options{}); doc.Kind != "" || doc.Entities != nil {
		t.Errorf("detected %q with %d entities", doc.Kind, len(doc.Entities))
	}
}

func TestLoadDispatch(t *testing.T) {
	doc, _ := Load("profile.yaml", []byte(`{"profileType": "SUPERVISOR"}`), Options{})
	if doc.Format != rules.FormatJSON || doc.Kind != rules.KindWebexUserProfile {
		t.Errorf("JSON content named .yaml: format %q kind %q", doc.Format, doc.Kind)
	}
	doc, _ = Load("profile.yaml", []byte("profileType: SUPERVISOR\n"), Options{})
	if doc.Format != rules.FormatYAML || doc.Kind != rules.KindWebexUserProfile {
		t.Errorf("YAML: format %q kind %q", doc.Format, doc.Kind)
	}
}
