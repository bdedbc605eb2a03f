package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

func TestWriteLoadApply(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "baseline.json")
	in := func(name string) string { return filepath.ToSlash(filepath.Join(dir, name)) }
	for _, name := range []string{"a.json", "b.json", "c.json"} {
		if err := os.WriteFile(in(name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := []reported.Finding{
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json"), Message: "one"}, Fingerprint: "f1"},
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json"), Message: "one again (same fingerprint)"}, Fingerprint: "f1"},
		{Finding: rules.Finding{RuleID: "tenant/duplicate-email", Path: in("b.json"), Message: "two"}, Fingerprint: "f2"},
		{Finding: rules.Finding{RuleID: "schema", Path: in("c.json"), Message: "ignored"}, Fingerprint: "f3", Suppressed: &reported.Suppression{Kind: "external"}},
	}
	if n, err := Write(p, Root(p), old); err != nil || n != 3 {
		t.Fatalf("Write: %d entries, %v", n, err)
	}
	b, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 3 {
		t.Fatalf("baseline has %d entries, want 3 (suppressed findings are not recorded)", len(b.Entries))
	}
	if b.Entries[0].File != "a.json" {
		t.Errorf("entry file %q, want a.json (relative to the baseline's directory outside a repository)", b.Entries[0].File)
	}
	now := []reported.Finding{
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json")}, Fingerprint: "f1"},
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json")}, Fingerprint: "f1"},
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json")}, Fingerprint: "f1"}, // a third, new occurrence
		{Finding: rules.Finding{RuleID: "schema", Path: in("a.json")}, Fingerprint: "f9"}, // new
	}
	out := b.Apply(now, []string{in("a.json"), in("b.json")})
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
	if got := b.Apply(nil, []string{in("c.json")}); len(got) != 0 {
		t.Errorf("entries of unchecked files reported: %+v", got)
	}
	// A baseline none of whose files exists under its root says so, once.
	os.Remove(in("a.json"))
	os.Remove(in("b.json"))
	got := b.Apply(nil, []string{in("c.json")})
	if len(got) != 1 || got[0].RuleID != rules.IDStaleBaseline || !strings.Contains(got[0].Message, "none of the 3 entries") {
		t.Errorf("want one finding saying nothing can match, got %+v", got)
	}
}

func TestRootIsTheRepository(t *testing.T) {
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(repo, "ci", "lint"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Root(filepath.Join(repo, "ci", "lint", "baseline.json")); got != repo {
		t.Errorf("Root = %s, want the repository %s", got, repo)
	}
	if got := RelPath(repo, filepath.Join(repo, "exports", "a.json")); got != "exports/a.json" {
		t.Errorf("RelPath = %s", got)
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
