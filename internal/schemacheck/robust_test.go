package schemacheck

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// TestEscapedKeys: pointers are plain RFC 6901 (~0, ~1), not the
// percent-encoded form the validator reports.
func TestEscapedKeys(t *testing.T) {
	doc := document(t, rules.KindCXoneScript, rules.ShapeObject,
		`{"actions": {"a/b~c %d": {"actionId": "x", "name": "MENU"}, "é": {"actionId": 1, "name": 2}}}`)
	equalLines(t, lines(Validate(doc, nil)), []string{
		`/actions/a~1b~0c %d/actionId: action a/b~c %d: actionId must be an integer, not the string "x"`,
		`/actions/é/name: action é: name must be a string, not the number 2`,
	})
	doc = document(t, rules.KindPCCEAdministrators, rules.ShapeObject,
		`{"userName": "u", "readOnly": true, "x/y": "1", "~%41": "2"}`)
	equalLines(t, lines(Validate(doc, nil)), []string{
		`/x~1y [key]: administrator "u": element <x/y> is not allowed`,
		`/~0%41 [key]: administrator "u": element <~%41> is not allowed`,
	})
}

// TestUncheckableNumbers: numbers that would make the validator spin or
// panic are reported, not checked, and the rest of the file still is.
func TestUncheckableNumbers(t *testing.T) {
	huge := "1" + strings.Repeat("0", 200)
	doc := document(t, rules.KindWebexUserProfile, rules.ShapeList,
		`{"data": [`+profile(`"name": "A", "active": true, "version": 1e99999999`)+`, `+profile(`"name": "B", "active": true, "createdTime": `+huge)+`, `+profile(`"name": "C.D", "active": true`)+`]}`)
	equalLines(t, lines(Validate(doc, nil)), []string{
		`/data/0/version: profile "A": version is a number too large to check`,
		`/data/1/createdTime: profile "B": createdTime is a number too large to check`,
		`/data/2/name: profile "C.D": name has characters that are not allowed ('.'); allowed: letters, digits, space, ',', '_', '-'`,
	})
}

// TestFindingsCap: past MaxFindings one limit-exceeded finding says how many
// more there were.
func TestFindingsCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[`)
	const n = 1100
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"code": %d, "label": ""}`, i+1)
	}
	b.WriteString(`]`)
	doc := document(t, rules.KindFinesseReasonCodes, rules.ShapeArray, b.String())
	fs := Validate(doc, nil)
	if len(fs) != MaxFindings+1 {
		t.Fatalf("got %d findings, want %d", len(fs), MaxFindings+1)
	}
	if got := fs[MaxFindings-1].Pointer; got != fmt.Sprintf("/%d/label", MaxFindings-1) {
		t.Errorf("last kept finding at %s: want the first findings in document order", got)
	}
	last := fs[MaxFindings]
	want := "100 more schema findings were not shown; the limit is 1000 findings per file"
	if last.RuleID != rules.IDLimit || last.Message != want || last.Path != doc.Path {
		t.Errorf("limit finding = %+v, want %s: %q", last, rules.IDLimit, want)
	}
}

// TestSplitMatchesWhole: checking a list entity by entity (in parallel for
// big lists) reports exactly what checking it whole does.
func TestSplitMatchesWhole(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"meta": {"page": "x"}, "data": [`)
	for i := range parallelMin + 100 {
		if i > 0 {
			b.WriteByte(',')
		}
		switch i % 50 {
		case 7:
			fmt.Fprintf(&b, `{"name": "P%d", "active": 1}`, i)
		case 13:
			b.WriteString(`"not a profile"`)
		default:
			b.WriteString(profile(fmt.Sprintf(`"name": "P%d", "active": true`, i)))
		}
	}
	b.WriteString(`]}`)
	doc := document(t, rules.KindWebexUserProfile, rules.ShapeList, b.String())
	split := Validate(doc, nil)
	whole := validateWhole(doc, kindSchema(t, doc.Kind), "list")
	if len(split) < 3*(parallelMin/50) {
		t.Fatalf("only %d findings: the fixture lost its violations", len(split))
	}
	equalLines(t, lines(split), lines(whole))
}

// kindSchema is the compiled schema of a kind.
func kindSchema(t *testing.T, kind rules.Kind) *compiled {
	t.Helper()
	c, err := bySchema[kind].get()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// validateWhole validates doc in one unit against definition def of c, as
// the split validation would if it did not split.
func validateWhole(doc *rules.Document, c *compiled, def string) []rules.Finding {
	v := &validator{doc: doc, c: c}
	return finish(doc.Path, v.run([]unit{{pointer: "", value: doc.Data, def: def}}))
}

// TestSplitMatchesWholeBulk: the DELETE exception is the same in Go (split)
// and in the schema's if/then/else (whole).
func TestSplitMatchesWholeBulk(t *testing.T) {
	doc := document(t, rules.KindWebexUserProfile, rules.ShapeBulk, `{"items": [
		{"requestAction": "DELETE", "item": {"id": "p1", "active": "no"}},
		{"requestAction": "delete", "item": {"id": "p2"}},
		{"item": {"id": "p3", "name": "a.b"}},
		{"requestAction": "SAVE", "item": 5}]}`)
	split := Validate(doc, nil)
	whole := validateWhole(doc, kindSchema(t, doc.Kind), "bulk")
	if len(split) < 10 {
		t.Fatalf("only %d findings: the fixture lost its violations", len(split))
	}
	equalLines(t, lines(split), lines(whole))
}

// TestConcurrentUse validates documents of several kinds from many
// goroutines at once (run with -race).
func TestConcurrentUse(t *testing.T) {
	docs := []*rules.Document{
		document(t, rules.KindWebexUserProfile, rules.ShapeObject, profile(`"name": "a.b", "active": 1`)),
		document(t, rules.KindPCCERoles, rules.ShapeObject, `{"name": "_x", "Name": "y"}`),
		document(t, rules.KindFinesseReasonCodes, rules.ShapeArray, `[{"code": 0, "label": ""}]`),
		document(t, rules.KindTenantUsers, rules.ShapeObject, `{"email": "x"}`),
	}
	want := make([][]string, len(docs))
	for i, d := range docs {
		want[i] = lines(Validate(d, nil))
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			d := docs[g%len(docs)]
			if got := lines(Validate(d, nil)); strings.Join(got, "\n") != strings.Join(want[g%len(docs)], "\n") {
				t.Errorf("goroutine %d: got %v", g, got)
			}
		})
	}
	wg.Wait()
}

// entitySchema compiles a test schema (draft 2020-12) whose definition
// "entity" is an object with the given properties.
func entitySchema(t *testing.T, name, properties string) *compiled {
	t.Helper()
	c, err := compile("https://github.com/rbaclint/rbaclint/schemas/"+name+".schema.json", []byte(`{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$defs": {"entity": {"type": "object", "properties": `+properties+`}}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAlternatives: for anyOf/oneOf the finding is about the branch the
// value came closest to, not one per branch.
func TestAlternatives(t *testing.T) {
	c := entitySchema(t, "alt", `{
		"a": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
		"b": {"oneOf": [{"type": "object", "required": ["k"]}, {"type": "string", "maxLength": 3}]},
		"c": {"oneOf": [{"type": "string"}, {"type": "string", "minLength": 1}]},
		"anyOf": {"type": "object", "properties": {"x": {"type": "string"}}}
	}`)
	doc := document(t, rules.KindTenantUsers, rules.ShapeObject,
		`{"email": "e@x.io", "a": true, "b": {"j": 1}, "c": "two", "anyOf": {"x": 1}}`)
	got := validateWhole(doc, c, "entity")
	equalLines(t, lines(got), []string{
		`/a: user e@x.io: a must be a string or an integer, not the boolean true`,
		`/anyOf/x: user e@x.io: anyOf.x must be a string, not the number 1`,
		`/b: user e@x.io: b is missing required key "k"`,
		`/c: user e@x.io: c matches more than one of the allowed forms; it must match exactly one`,
	})
}

// TestOtherKeywords covers keywords the embedded schemas do not use today,
// so that a schema change never leaks the validator's own wording.
func TestOtherKeywords(t *testing.T) {
	c := entitySchema(t, "other", `{
		"gone": false,
		"pinned": {"const": "x"},
		"level": {"enum": ["LOW", "HIGH"]},
		"count": {"type": "integer", "maximum": 9},
		"tags": {
			"type": "object",
			"patternProperties": {"^t-": {"type": "string"}},
			"properties": {"main": {"type": "string"}},
			"additionalProperties": false
		}
	}`)
	doc := document(t, rules.KindWebexUserProfile, rules.ShapeObject,
		`{"gone": 1, "pinned": "y", "level": "`+strings.Repeat("MEDIUM", 12)+`", "count": 10, "tags": {"t-1": "a", "mian": "b"}}`)
	got := validateWhole(doc, c, "entity")
	equalLines(t, lines(got), []string{
		`/count: unnamed profile #1: count 10 is out of range; it must be at most 9`,
		`/gone: unnamed profile #1: gone is not allowed`,
		`/level: unnamed profile #1: level "MEDIUMMEDIUMMEDIUMMEDIUMMEDIUMMEDIUMMEDIUMMEDIUMMEDIUMMEDIUM..." is not one of LOW, HIGH`,
		`/pinned: unnamed profile #1: pinned does not satisfy the schema's "const" check`,
		`/tags/mian [key]: unnamed profile #1: key "mian" is not allowed in tags; did you mean "main"?`,
	})
}

func TestComparePointers(t *testing.T) {
	ordered := []string{"", "/a", "/a/2", "/a/10", "/a/10/x", "/a/b", "/b", "/b~1c"}
	for i := range ordered {
		for j := range ordered {
			got := comparePointers(ordered[i], ordered[j])
			if (i < j && got >= 0) || (i == j && got != 0) || (i > j && got <= 0) {
				t.Errorf("compare(%q, %q) = %d", ordered[i], ordered[j], got)
			}
		}
	}
}

func TestPlainPointer(t *testing.T) {
	for in, want := range map[string]string{
		"/a%20b/~1x/0": "/a b/~1x/0",
		"/~0%25":       "/~0%",
		"/%C3%A9":      "/é",
		"":             "",
	} {
		if got := plainPointer(in); got != want {
			t.Errorf("plainPointer(%q) = %q, want %q", in, got, want)
		}
	}
}
