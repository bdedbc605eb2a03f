package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestWriteLoadApply(t *testing.T) {
	p := filepath.Join(t.TempDir(), "baseline.json")
	old := []rules.Finding{
		{RuleID: "schema", Path: "a.json", Fingerprint: "f1", Message: "one"},
		{RuleID: "schema", Path: "a.json", Fingerprint: "f1", Message: "one again (same fingerprint)"},
		{RuleID: "tenant/duplicate-email", Path: "b.json", Fingerprint: "f2", Message: "two"},
		{RuleID: "schema", Path: "c.json", Fingerprint: "f3", Message: "ignored", Suppressed: &rules.Suppression{Kind: "external"}},
	}
	if err := Write(p, old); err != nil {
		t.Fatal(err)
	}
	b, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 3 {
		t.Fatalf("baseline has %d entries, want 3 (suppressed findings are not recorded)", len(b.Entries))
	}
	now := []rules.Finding{
		{RuleID: "schema", Path: "a.json", Fingerprint: "f1"},
		{RuleID: "schema", Path: "a.json", Fingerprint: "f1"},
		{RuleID: "schema", Path: "a.json", Fingerprint: "f1"}, // a third, new occurrence
		{RuleID: "schema", Path: "a.json", Fingerprint: "f9"}, // new
	}
	out := b.Apply(now, []string{"a.json", "b.json"})
	if out[0].Suppressed == nil || out[1].Suppressed == nil {
		t.Errorf("baselined findings not suppressed")
	}
	if out[2].Suppressed != nil || out[3].Suppressed != nil {
		t.Errorf("new findings must stay visible")
	}
	if len(out) != 5 || out[4].RuleID != rules.IDStaleBaseline || !strings.Contains(out[4].Message, "b.json") {
		t.Fatalf("want one stale entry finding for b.json, got %+v", out[4:])
	}
	data, _ := os.ReadFile(p)
	line := 0
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, "duplicate-email") {
			line = i + 1
		}
	}
	if out[4].Span.Start.Line != line {
		t.Errorf("stale entry at line %d, want %d", out[4].Span.Start.Line, line)
	}
	// Entries of files not checked in this run are not stale.
	if got := b.Apply(nil, []string{"c.json"}); len(got) != 0 {
		t.Errorf("entries of unchecked files reported: %+v", got)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "cannot read baseline") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "not a baseline file") {
		t.Errorf("bad file: %v", err)
	}
}
