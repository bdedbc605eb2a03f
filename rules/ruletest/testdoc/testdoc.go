// Package testdoc builds documents through the real loader for tests of a
// pack's helpers that need one. It is apart from ruletest, which reads
// configurations and so imports every pack: a pack's in-package tests can
// import this one.
package testdoc

import (
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// Load builds a document from text. A kind forces it as --kind does; ""
// detects it as for any input.
func Load(t *testing.T, kind rules.Kind, path, text string) *rules.Document {
	t.Helper()
	doc, findings := source.Load(path, []byte(text), source.Options{Kind: kind})
	if doc == nil || doc.Kind == "" || len(findings) > 0 {
		t.Fatalf("%s does not load as a supported kind: %+v", path, findings)
	}
	return doc
}
