package tree

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// build writes the tree of {"a": "x", "n": -12, "a": [true, null, "\u0041"]}
// over its text by hand, as a loader would, with the first "a" shadowed.
func build(t *testing.T) (*Tree, string) {
	t.Helper()
	src := `{"a": "x", "n": -12, "a": [true, null, "\u0041"], "f": 1.5}`
	b := NewBuilder([]byte(src), 0)
	b.Object(0)
	first := b.Key(1, 4)
	b.String(6, 9)
	b.Key(11, 14)
	b.Number(16, 19)
	b.Key(21, 24)
	b.Shadow(first)
	b.Array(26)
	b.Bool(27, 31, true)
	b.Null(33, 37)
	b.StringValue(39, 47, "A")
	b.Close(48)
	b.Key(50, 53)
	b.Number(55, 58)
	b.Close(59)
	return b.Finish(), src
}

func TestAccessors(t *testing.T) {
	tr, src := build(t)
	root := tr.Root()
	if root.Kind() != Object || root.Len() != 3 {
		t.Fatalf("root: kind %v len %d, want object of 3 members (the shadowed \"a\" is not one)", root.Kind(), root.Len())
	}
	a := root.Get("a")
	if !a.IsArray() || a.Len() != 3 {
		t.Fatalf(`Get("a") = %v of %d, want the later member, an array of 3`, a.Kind(), a.Len())
	}
	if s, ok := a.Index(2).Str(); !ok || s != "A" {
		t.Errorf("escaped string = %q, %v", s, ok)
	}
	if b, ok := a.Index(0).Bool(); !ok || !b {
		t.Errorf("Bool = %v, %v", b, ok)
	}
	if !a.Index(1).IsNull() || a.Index(3).Exists() || a.Index(-1).Exists() {
		t.Error("Index: null or out of range wrong")
	}
	if n, ok := root.Get("n").Int(); !ok || n != -12 {
		t.Errorf("Int = %d, %v", n, ok)
	}
	if _, ok := root.Get("f").Int(); ok {
		t.Error("Int accepts 1.5")
	}
	if s, ok := root.Get("f").Number(); !ok || s != "1.5" {
		t.Errorf("Number = %q", s)
	}
	if _, ok := root.Get("n").Str(); ok {
		t.Error("Str accepts a number")
	}
	if root.Get("missing").Exists() || a.Get("a").Exists() {
		t.Error("Get finds what is not there")
	}
	var keys []string
	for k := range root.Members() {
		keys = append(keys, k)
	}
	if want := []string{"n", "a", "f"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("Members = %q, want %q (the shadowed first \"a\" skipped)", keys, want)
	}
	off, end := a.Span()
	if src[off:end] != `[true, null, "\u0041"]` {
		t.Errorf("Span = %q", src[off:end])
	}
	ko, ke, ok := a.KeySpan()
	if !ok || src[ko:ke] != `"a"` || ko != 21 {
		t.Errorf("KeySpan = %d %q %v", ko, src[ko:ke], ok)
	}
	if _, _, ok := a.Index(0).KeySpan(); ok {
		t.Error("an array element has a key span")
	}
	if string(root.Get("a").Index(0).Raw()) != "true" {
		t.Errorf("Raw = %q", root.Get("a").Index(0).Raw())
	}
	var zero Value
	if zero.Exists() || zero.Len() != 0 || zero.Get("a").Exists() || zero.Kind() != Invalid {
		t.Error("the zero Value is not absent")
	}
	for range zero.Elems() {
		t.Error("the zero Value has elements")
	}
}

func TestAnyRoundTrip(t *testing.T) {
	var model any
	text := `{"z": [1, "two", {"k": null}], "a": {"b": true, "c": false}, "e": [], "o": {}, "s": "é"}`
	if err := decode(text, &model); err != nil {
		t.Fatal(err)
	}
	tr := FromAny(model)
	if got := tr.Root().Any(); !reflect.DeepEqual(got, model) {
		t.Errorf("FromAny then Any = %#v, want %#v", got, model)
	}
	keys := tr.Root().Keys()
	if want := []string{"a", "e", "o", "s", "z"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("FromAny keys = %q, want sorted %q", keys, want)
	}
	// The hand-built tree: the shadowed member is left out, as a map would.
	hand, _ := build(t)
	want := map[string]any{"a": []any{true, nil, "A"}, "n": json.Number("-12"), "f": json.Number("1.5")}
	if got := hand.Root().Any(); !reflect.DeepEqual(got, want) {
		t.Errorf("Any = %#v, want %#v", got, want)
	}
	if FromAny(int64(7)).Root().Any() != json.Number("7") || FromAny(nil).Root().Any() != nil {
		t.Error("FromAny of scalars wrong")
	}
}

func decode(text string, v *any) error {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	return d.Decode(v)
}

func TestAt(t *testing.T) {
	var model any
	if err := decode(`{"a/b": {"m~n": [10, 11, {"x": "y"}]}, "": 1}`, &model); err != nil {
		t.Fatal(err)
	}
	root := FromAny(model).Root()
	for ptr, want := range map[string]any{
		"":               model,
		"/a~1b/m~0n/1":   json.Number("11"),
		"/a~1b/m~0n/2/x": "y",
		"/":              json.Number("1"),
		"/a~1b/m~0n/01":  nil,
		"/a~1b/m~0n/3":   nil,
		"/a~1b/m~0n/-":   nil,
		"/nope/x":        nil,
		"a":              nil,
	} {
		got := root.At(ptr)
		if want == nil {
			if got.Exists() {
				t.Errorf("At(%q) = %v, want absent", ptr, got.Any())
			}
			continue
		}
		if !reflect.DeepEqual(got.Any(), want) {
			t.Errorf("At(%q) = %#v, want %#v", ptr, got.Any(), want)
		}
	}
}

func TestCountOverflow(t *testing.T) {
	b := NewBuilder(nil, 0)
	b.Array(0)
	b.t.nodes[0].meta |= (countMax - 1) << countShift // as if countMax-1 elements were added
	b.Null(0, 0)
	b.Null(0, 0)
	b.Close(0)
	if n := b.Finish().Root().Len(); n != 2 {
		t.Errorf("Len past the count field = %d, want the 2 elements counted", n)
	}
}

func TestWrittenKeepsShadowedMembers(t *testing.T) {
	tr, _ := build(t)
	var got []string
	for k, v := range tr.Root().Written() {
		got = append(got, k+"="+v.Kind().String())
	}
	want := []string{"a=string", "n=number", "a=array", "f=number"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Written = %q, want %q", got, want)
	}
	for range tr.Root().Get("n").Written() {
		t.Error("Written yields for a number")
	}
}

// Index on a long array answers from its element list, listed once, and
// agrees with Elems; concurrent readers share it (run with -race).
func TestIndexLongArray(t *testing.T) {
	var list []any
	for i := range 300 {
		list = append(list, map[string]any{"i": json.Number(strconv.Itoa(i))}, []any{"x"})
	}
	root := FromAny(map[string]any{"list": list}).Root().Get("list")
	done := make(chan bool)
	for range 4 {
		go func() {
			for j, e := range root.Elems() {
				if !Same(root.Index(j), e) {
					t.Errorf("Index(%d) is not the %dth element", j, j)
				}
			}
			done <- root.Index(600).Exists() || root.Index(-1).Exists()
		}()
	}
	for range 4 {
		if <-done {
			t.Error("Index out of range found an element")
		}
	}
	if n, _ := root.Index(598).Get("i").Int(); n != 299 {
		t.Errorf("Index(598).i = %d, want 299", n)
	}
}
