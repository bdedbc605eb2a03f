package tree_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/testfiles"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// Every document of the repository's examples and test data, loaded by the
// real loaders (JSON, YAML, XML: escapes, duplicates, long arrays), copies
// exactly, and the copies read nothing of the text: it is overwritten
// before they are read.
func TestCopyLoadedDocuments(t *testing.T) {
	n := 0
	testfiles.Walk(t, source.Supported, func(path string, data []byte) {
		doc, _ := source.Load(path, data, source.Options{})
		if doc == nil || !doc.Data.Exists() {
			return
		}
		want := make([]string, 1+len(doc.Entities))
		want[0] = tree.Dumped(doc.Data)
		whole := tree.NewBuilder(nil, 0)
		whole.Copy(doc.Data)
		entities := tree.NewBuilder(nil, 0)
		entities.Array(0)
		for i, e := range doc.Entities {
			want[1+i] = tree.Dumped(e.Data)
			entities.CopyMembers(e.Data, func(string) bool { return true })
		}
		entities.Close(0)
		checkCopyWith(t, path, doc.Data, doc.Entities)
		checkCopyAround(t, path, doc.Data, doc.Entities)
		for i := range data {
			data[i] = 0
		}
		if got := tree.Dumped(whole.Finish().Root()); got != want[0] {
			t.Errorf("%s: the copy differs:\n got %.300s\nwant %.300s", path, got, want[0])
		}
		for i, e := range entities.Finish().Root().Elems() {
			if got := tree.Dumped(e); got != withoutKey(want[1+i]) {
				t.Errorf("%s: entity %d's copy differs:\n got %.300s\nwant %.300s", path, i, got, want[1+i])
			}
		}
		n++
	}, "../../examples", "../../testdata")
	if n < 100 {
		t.Errorf("copied %d documents, want the repository's hundreds", n)
	}
}

// withoutKey drops the key span of a dumped value: a copy appended to an
// array is an element, whatever the original was.
func withoutKey(dump string) string {
	kind, rest, _ := strings.Cut(dump, " ")
	if strings.HasPrefix(rest, "key@") {
		_, rest, _ = strings.Cut(rest, " ")
	}
	return kind + " " + rest
}

// checkCopyWith: CopyWith that keeps every member of the entities copies
// the document exactly; one that keeps none empties each entity.
func checkCopyWith(t *testing.T, path string, data tree.Value, entities []rules.Entity) {
	t.Helper()
	is := map[tree.Value]bool{}
	for _, e := range entities {
		is[e.Data] = true
	}
	copyWith := func(keep func(string) bool) tree.Value {
		b := tree.NewBuilder(nil, 0)
		b.CopyWith(data, func(v tree.Value) func(string) bool {
			if is[v] {
				return keep
			}
			return nil
		})
		return b.Finish().Root()
	}
	if got, want := tree.Dumped(copyWith(func(string) bool { return true })), tree.Dumped(data); got != want {
		t.Errorf("%s: CopyWith's copy differs:\n got %.300s\nwant %.300s", path, got, want)
	}
	none := copyWith(func(string) bool { return false })
	for _, e := range entities {
		if e.Data.IsObject() && none.At(e.Pointer).Len() != 0 {
			t.Errorf("%s: entity %s kept members", path, e.Pointer)
		}
	}
}

// checkCopyAround: CopyAround with a fill that copies the hole's elements
// back copies the document exactly; a fill that fails stops the copy.
func checkCopyAround(t *testing.T, path string, data tree.Value, entities []rules.Entity) {
	t.Helper()
	if len(entities) == 0 {
		return
	}
	array, _, ok := rules.ElementIndex(entities[0].Pointer)
	if !ok {
		return
	}
	hole := data.At(array)
	b := tree.NewBuilder(nil, 0)
	_, ok = b.CopyAround(data, hole, 0, func() bool {
		for _, el := range hole.Elems() {
			b.Copy(el)
		}
		return true
	})
	if !ok {
		t.Fatalf("%s: CopyAround failed", path)
	}
	if got, want := tree.Dumped(b.Finish().Root()), tree.Dumped(data); got != want {
		t.Errorf("%s: CopyAround's copy differs:\n got %.300s\nwant %.300s", path, got, want)
	}
	if _, ok := tree.NewBuilder(nil, 0).CopyAround(data, hole, 0, func() bool { return false }); ok {
		t.Errorf("%s: CopyAround went on after fill failed", path)
	}
}

// A copy stores a repeated value's text once (role names and tenant ids
// repeat in every entity of a big list), and every copied value still
// reads as written, whatever the cache of recent values evicted.
func TestCopySharesRepeatedValues(t *testing.T) {
	var src strings.Builder
	src.WriteString("[")
	for i := range 20000 {
		if i > 0 {
			src.WriteString(",")
		}
		fmt.Fprintf(&src, `{"email":"user%d@example.com","roles":["customer.user","user.admin"]}`, i)
	}
	src.WriteString("]")
	doc, fs := source.Load("u.json", []byte(src.String()), source.Options{})
	if doc == nil || len(fs) > 0 {
		t.Fatalf("load: %v", fs)
	}
	b := tree.NewBuilder(nil, 0)
	b.Copy(doc.Data)
	_, bytes := b.Size()
	unique := 0
	for i := range 20000 {
		unique += len(fmt.Sprintf("user%d@example.com", i))
	}
	// Each e-mail once, the keys once and the role names about once (an
	// e-mail may evict one from the cache now and then): a copy storing
	// every value would hold 20000 × 23 bytes of role names.
	if most := unique + len("emailroles") + 1000; bytes > most {
		t.Errorf("copied text is %d bytes, want at most %d", bytes, most)
	}
	root := b.Finish().Root()
	for i, e := range root.Elems() {
		if s, _ := e.Get("email").Str(); s != fmt.Sprintf("user%d@example.com", i) {
			t.Fatalf("entity %d: email %q", i, s)
		}
		var roles []string
		for _, r := range e.Get("roles").Elems() {
			s, _ := r.Str()
			roles = append(roles, s)
		}
		if strings.Join(roles, ",") != "customer.user,user.admin" {
			t.Fatalf("entity %d: roles %q", i, roles)
		}
	}
}
