package tree_test

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/testfiles"
	"github.com/rbaclint/rbaclint/internal/tree"
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

// CopyWith that keeps every member copies every loaded document exactly;
// one that keeps none empties each entity and nothing else.
func TestCopyWithLoadedDocuments(t *testing.T) {
	n := 0
	testfiles.Walk(t, source.Supported, func(path string, data []byte) {
		doc, _ := source.Load(path, data, source.Options{})
		if doc == nil || !doc.Data.Exists() {
			return
		}
		ents := map[tree.Value]bool{}
		for _, e := range doc.Entities {
			ents[e.Data] = true
		}
		all := tree.NewBuilder(nil, 0)
		all.CopyWith(doc.Data, func(v tree.Value) func(string) bool {
			if ents[v] {
				return func(string) bool { return true }
			}
			return nil
		})
		if got, want := tree.Dumped(all.Finish().Root()), tree.Dumped(doc.Data); got != want {
			t.Errorf("%s: the copy differs:\n got %.300s\nwant %.300s", path, got, want)
		}
		none := tree.NewBuilder(nil, 0)
		none.CopyWith(doc.Data, func(v tree.Value) func(string) bool {
			if ents[v] {
				return func(string) bool { return false }
			}
			return nil
		})
		root := none.Finish().Root()
		for _, e := range doc.Entities {
			if e.Data.IsObject() && root.At(e.Pointer).Len() != 0 {
				t.Errorf("%s: entity %s kept members", path, e.Pointer)
			}
		}
		n++
	}, "../../examples", "../../testdata")
	if n < 100 {
		t.Errorf("copied %d documents, want the repository's hundreds", n)
	}
}
