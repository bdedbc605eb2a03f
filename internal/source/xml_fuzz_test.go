package source

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// FuzzLoadXML checks that any input loads without panicking, that every
// finding and every pointer of the data model has a span inside the file
// that agrees with its offsets, that every entity is the value at its
// pointer, and that the parallel load makes what the sequential one makes.
// The seed corpus is in testdata/fuzz/FuzzLoadXML.
func FuzzLoadXML(f *testing.F) {
	addXMLSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, fs := loadXML("f.xml", data, Options{MaxDepth: 64, MaxFindings: 3})
		checkXMLParallelFuzz(t, data, doc, fs)
		checkCapped(t, data, func(b []byte, o Options) (*rules.Document, []rules.Finding) { return loadXML("f.xml", b, o) })
		li := newLineIndex(data)
		checkSpan := func(what string, s rules.Span) {
			if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(data) {
				t.Fatalf("%s: span %+v outside the %d-byte input", what, s, len(data))
			}
			if li.position(s.Start.Offset) != s.Start || li.position(s.End.Offset) != s.End {
				t.Fatalf("%s: span %+v disagrees with its offsets", what, s)
			}
		}
		for _, f := range fs {
			checkSpan(f.Message, f.Span)
			for _, r := range f.Related {
				checkSpan(f.Message, r.Span)
			}
			if f.Message == "" {
				t.Fatal("empty message")
			}
			// A message may quote the input (an unsupported version, say),
			// so only text the input lacks shows a leaked decoder error or
			// a bad format verb.
			for _, leak := range []string{"xml:", "syntax error", "%!"} {
				if strings.Contains(f.Message, leak) && !strings.Contains(string(data), leak) {
					t.Fatalf("message %q", f.Message)
				}
			}
		}
		if doc == nil {
			if len(fs) == 0 {
				t.Fatal("no document and no finding")
			}
			return
		}
		if doc.Format != rules.FormatXML || doc.Source == nil {
			t.Fatalf("format %q", doc.Format)
		}
		var ptrs []string
		collectPointers(doc.Data.Any(), "", &ptrs, 2000)
		places := doc.Source.Resolve(ptrs)
		for _, p := range ptrs {
			pl, ok := places[p]
			if !ok {
				t.Fatalf("pointer %q does not resolve", p)
			}
			checkSpan(p, pl.Key)
			checkSpan(p, pl.Value)
		}
		// Values the model leaves out (attributes, earlier duplicates) are
		// placed in the file.
		for _, u := range doc.Unmodelled {
			if u.Earlier {
				checkSpan(u.Pointer, u.KeySpan)
				continue
			}
			pl, ok := doc.Source.Resolve([]string{u.Pointer})[u.Pointer]
			if !ok {
				t.Fatalf("attribute %q does not resolve", u.Pointer)
			}
			checkSpan(u.Pointer, pl.Value)
		}
		for _, e := range doc.Entities {
			if v := doc.Data.At(e.Pointer); !v.IsObject() || !tree.Same(v, e.Data) {
				t.Fatalf("entity %q is not the value at its pointer", e.Pointer)
			}
			if _, ok := doc.Source.Resolve([]string{e.Pointer})[e.Pointer]; !ok {
				t.Fatalf("entity %q does not resolve", e.Pointer)
			}
		}
	})
}

// checkXMLParallelFuzz compares the parallel scan, with every child in a
// run of its own and with bigger runs, with the sequential load.
func checkXMLParallelFuzz(t *testing.T, data []byte, seqDoc *rules.Document, seqFs []rules.Finding) {
	t.Helper()
	opts := Options{MaxDepth: 64, MaxFindings: 3}
	in, p := newXMLInput(data)
	var seqTree *xmlTree
	if p == nil {
		seqTree, _ = scanXML(in, opts.maxDepth(), &xmlLines{data: data})
	}
	if seqTree != nil {
		// The load maps the tree while it is scanned, dropping list items
		// once written: it must make what mapping the whole tree makes.
		doc, fs, _ := buildXML("f.xml", seqTree, opts, &xmlLines{data: data})
		if !reflect.DeepEqual(fs, seqFs) || (doc == nil) != (seqDoc == nil) || doc != nil && (!reflect.DeepEqual(doc.Data, seqDoc.Data) ||
			!reflect.DeepEqual(doc.Entities, seqDoc.Entities) || doc.Kind != seqDoc.Kind || doc.Shape != seqDoc.Shape ||
			!reflect.DeepEqual(XMLComments(doc), XMLComments(seqDoc)) || !reflect.DeepEqual(doc.Unmodelled, seqDoc.Unmodelled) ||
			doc.MoreDuplicates != seqDoc.MoreDuplicates) {
			t.Fatalf("the load differs from mapping the whole scanned tree\ninput %q", clip(data))
		}
	}
	for _, chunk := range []int{1, 64} {
		if p == nil {
			checkParallelScan(t, in, data, opts.maxDepth(), chunk, seqTree)
		}
		doc, fs := loadXMLWith("f.xml", data, opts, workers.New(2), chunk)
		if !reflect.DeepEqual(fs, seqFs) {
			t.Fatalf("chunk %d: findings differ\n got %+v\nwant %+v", chunk, fs, seqFs)
		}
		if (doc == nil) != (seqDoc == nil) {
			t.Fatalf("chunk %d: document %v, sequential %v", chunk, doc != nil, seqDoc != nil)
		}
		if doc != nil && (!reflect.DeepEqual(doc.Data, seqDoc.Data) || !reflect.DeepEqual(doc.Entities, seqDoc.Entities) ||
			doc.Kind != seqDoc.Kind || doc.Shape != seqDoc.Shape || !reflect.DeepEqual(XMLComments(doc), XMLComments(seqDoc)) ||
			!reflect.DeepEqual(doc.Unmodelled, seqDoc.Unmodelled) || doc.MoreDuplicates != seqDoc.MoreDuplicates) {
			t.Fatalf("chunk %d: documents differ", chunk)
		}
	}
}
