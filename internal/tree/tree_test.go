package tree

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// build writes the tree of {"a": "x", "n": -12, "a": [true, null, "\u0041"]}
// over its text by hand, as a loader would, with the first "a" shadowed.
func build(t *testing.T) (*Tree, string) {
	t.Helper()
	return handTree(true)
}

// handTree writes build's tree, without the member "n" unless withN.
func handTree(withN bool) (*Tree, string) {
	src := `{"a": "x", "n": -12, "a": [true, null, "\u0041"], "f": 1.5}`
	b := NewBuilder([]byte(src), 0)
	b.Object(0)
	first := b.Key(1, 4)
	b.String(6, 9)
	if withN {
		b.Key(11, 14)
		b.Number(16, 19)
	}
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

// dump writes everything a reader can learn of v: kinds, spans, key spans,
// values, members as written and as Members yields them, lengths, and
// element numbers with Index and At agreeing with Elems.
func dump(sb *strings.Builder, v Value) {
	off, end := v.Span()
	fmt.Fprintf(sb, "%s@%d-%d", v.Kind(), off, end)
	if ko, ke, ok := v.KeySpan(); ok {
		fmt.Fprintf(sb, " key@%d-%d", ko, ke)
	}
	switch v.Kind() {
	case String:
		s, _ := v.Str()
		fmt.Fprintf(sb, " %q", s)
	case Number:
		s, _ := v.Number()
		n, ok := v.Int()
		fmt.Fprintf(sb, " %s int=%d,%v", s, n, ok)
	case True, False:
		b, _ := v.Bool()
		fmt.Fprintf(sb, " %v", b)
	case Object:
		fmt.Fprintf(sb, " len=%d members=%q {", v.Len(), v.Keys())
		for k, m := range v.Written() {
			fmt.Fprintf(sb, " %q: ", k)
			dump(sb, m)
			fmt.Fprintf(sb, " get=%v,", Same(v.Get(k), m))
		}
		sb.WriteString(" }")
	case Array:
		fmt.Fprintf(sb, " len=%d [", v.Len())
		for i, e := range v.Elems() {
			fmt.Fprintf(sb, " %d=", i)
			dump(sb, e)
			fmt.Fprintf(sb, " index=%v at=%v,", Same(v.Index(i), e), Same(v.At("/"+strconv.Itoa(i)), e))
		}
		sb.WriteString(" ]")
	}
}

func dumped(v Value) string {
	var sb strings.Builder
	dump(&sb, v)
	return sb.String()
}

// scribble overwrites a tree's source text, as the pages of a released
// memory mapping would read back as something else: a copy must not see it.
func scribble(tr *Tree) {
	for i := range tr.src {
		tr.src[i] = '#'
	}
}

func TestCopyKeepsOffsetsAndValues(t *testing.T) {
	tr, _ := build(t)
	root := tr.Root()
	// An array element has no key span: the member's copy is one.
	want, wantA := dumped(root), strings.Replace(dumped(root.Get("a")), " key@21-24", "", 1)
	b := NewBuilder(nil, 0)
	b.Array(0)
	b.Copy(root)
	b.Copy(root.Get("a"))
	if b.Copy(Value{}) != -1 {
		t.Error("Copy of an absent value added a node")
	}
	b.Close(100)
	scribble(tr)
	cp := b.Finish().Root()
	if cp.Len() != 2 {
		t.Fatalf("the copies' array holds %d elements, want 2", cp.Len())
	}
	if got := dumped(cp.Index(0)); got != want {
		t.Errorf("copy of the root:\n got %s\nwant %s", got, want)
	}
	if got := dumped(cp.Index(1)); got != wantA {
		t.Errorf("copy of a member:\n got %s\nwant %s", got, wantA)
	}
	if cp.Index(0).Raw() != nil {
		t.Error("Raw on a copy reads another tree's offsets")
	}
	// A copy of the copy is the same again.
	b2 := NewBuilder(nil, 0)
	b2.Copy(cp.Index(0))
	if got := dumped(b2.Finish().Root()); got != want {
		t.Errorf("copy of a copy:\n got %s\nwant %s", got, want)
	}
}

func TestCopyMembers(t *testing.T) {
	tr, _ := build(t)
	root := tr.Root()
	var asked []string
	b := NewBuilder(nil, 0)
	b.CopyMembers(root, func(k string) bool {
		asked = append(asked, strings.Clone(k)) // a view of the text scribbled below
		return k == "a" || k == "f"
	})
	// The expected tree: the hand-built one without "n".
	w, _ := handTree(false)
	want := dumped(w.Root())
	scribble(tr)
	got := b.Finish().Root()
	if dumped(got) != want {
		t.Errorf("CopyMembers:\n got %s\nwant %s", dumped(got), want)
	}
	if !reflect.DeepEqual(asked, []string{"a", "n", "a", "f"}) {
		t.Errorf("keep was asked %q, want every key as written", asked)
	}
	// Not an object: copied whole.
	b = NewBuilder(nil, 0)
	b.CopyMembers(got.Get("a"), func(string) bool { return false })
	if a := b.Finish().Root(); a.Len() != 3 {
		t.Errorf("CopyMembers of an array = %s, want the array", dumped(a))
	}
}

// basedArray is an array numbered from first holding n objects {"i": k}
// for k = first..first+n-1.
func basedArray(first, n int) *Tree {
	b := NewBuilder(nil, 0)
	b.Object(0)
	b.KeyValue(0, 0, "list")
	b.ArrayFrom(10, first)
	for k := first; k < first+n; k++ {
		b.Object(k)
		b.KeyValue(k, k, "i")
		b.NumberValue(k, k, strconv.Itoa(k))
		b.Close(k + 1)
	}
	b.Close(20)
	b.Close(30)
	return b.Finish()
}

func TestArrayFrom(t *testing.T) {
	for _, n := range []int{3, 100} { // walked, and indexed once (long)
		tr := basedArray(5, n)
		list := tr.Root().Get("list")
		if list.Len() != 5+n {
			t.Errorf("Len = %d, want %d (numbered from 5)", list.Len(), 5+n)
		}
		var got []int
		for i, e := range list.Elems() {
			got = append(got, i)
			if k, _ := e.Get("i").Int(); int(k) != i {
				t.Errorf("element %d holds %d", i, k)
			}
			if !Same(list.Index(i), e) || !Same(tr.Root().At("/list/"+strconv.Itoa(i)), e) {
				t.Errorf("Index/At(%d) is not element %d", i, i)
			}
		}
		if len(got) != n || got[0] != 5 || got[n-1] != 5+n-1 {
			t.Errorf("Elems numbered %v, want 5..%d", got, 5+n-1)
		}
		for _, i := range []int{-1, 0, 4, 5 + n} {
			if list.Index(i).Exists() {
				t.Errorf("Index(%d) found an element outside the window", i)
			}
		}
		if a, _ := list.Any().([]any); len(a) != n {
			t.Errorf("Any holds %d elements, want the %d held", len(a), n)
		}
		want := dumped(tr.Root())
		b := NewBuilder(nil, 0)
		b.Array(0)
		b.Null(0, 0)
		b.Copy(tr.Root())
		b.Close(0)
		if got := dumped(b.Finish().Root().Index(1)); got != want {
			t.Errorf("copy of a based array:\n got %s\nwant %s", got, want)
		}
	}
	// Numbered from 0, ArrayFrom is Array.
	b := NewBuilder(nil, 0)
	b.ArrayFrom(0, 0)
	b.Null(0, 0)
	b.Close(0)
	if a := b.Finish().Root(); a.Len() != 1 || !a.Index(0).IsNull() {
		t.Error("ArrayFrom(0, 0) is not an array numbered from 0")
	}
}

// Dumped exports dump to the loader-backed tests of copy_test.go.
var Dumped = dumped
