package source

import (
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func clip(b []byte) []byte {
	if len(b) > 300 {
		return append(b[:300:300], "..."...)
	}
	return b
}

// sameLoad fails the test unless a parallel XML load (doc, fs) equals the
// sequential one: findings, model, kind, shape and entities. It reports
// whether there is a document to compare further.
func sameLoad(t *testing.T, what string, data []byte, doc *rules.Document, fs []rules.Finding, seqDoc *rules.Document, seqFs []rules.Finding) bool {
	t.Helper()
	if !reflect.DeepEqual(fs, seqFs) {
		t.Fatalf("%s: findings differ\n got %+v\nwant %+v\ninput %q", what, fs, seqFs, clip(data))
	}
	if (doc == nil) != (seqDoc == nil) {
		t.Fatalf("%s: document %v, sequential %v", what, doc != nil, seqDoc != nil)
	}
	if doc == nil {
		return false
	}
	// The whole compact trees, spans and kept strings included.
	if !reflect.DeepEqual(doc.Data, seqDoc.Data) {
		t.Fatalf("%s: models differ\n got %#v\nwant %#v\ninput %q", what, doc.Data.Any(), seqDoc.Data.Any(), clip(data))
	}
	if doc.Kind != seqDoc.Kind || doc.Shape != seqDoc.Shape || !reflect.DeepEqual(doc.Entities, seqDoc.Entities) {
		t.Fatalf("%s: kind %q/%q shape %q/%q or entities differ", what, doc.Kind, seqDoc.Kind, doc.Shape, seqDoc.Shape)
	}
	return true
}
