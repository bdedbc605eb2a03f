package cli_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
)

// copyTree copies the regular files under src into a new temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, fi.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestFixExamples is the "done": --fix on a copy of examples/
// leaves only findings without a safe fix, a second --fix changes nothing,
// and --fix --dry-run writes nothing while its diff, applied by the real
// patch(1), gives exactly what --fix wrote.
func TestFixExamples(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("patch(1) is not installed")
	}
	examples := filepath.Join(repoRoot, "examples")
	dry, fixed := copyTree(t, examples), copyTree(t, examples)
	before := snapshot(t, dry)

	r := run(t, dry, "", "lint", "--fix", "--dry-run", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "+++ b/tenant/northwind-users.json") {
		t.Fatalf("--fix --dry-run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if after := snapshot(t, dry); !equalSnapshots(before, after) {
		t.Fatal("--fix --dry-run changed files")
	}
	if r := run(t, fixed, "", "lint", "--fix", "."); r.code != 1 || !strings.Contains(r.stderr, "rbaclint: fixed ") {
		t.Fatalf("--fix: exit %d (want 1: findings without a fix remain)\n%s", r.code, r.stderr)
	}
	patch := exec.Command("patch", "-p1", "--quiet", "--no-backup-if-mismatch")
	patch.Dir, patch.Stdin = dry, strings.NewReader(r.stdout)
	if out, err := patch.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1 refused the --dry-run diff: %v\n%s\n%s", err, out, r.stdout)
	}
	if a, b := contents(t, dry), contents(t, fixed); !maps.Equal(a, b) {
		t.Error("the --dry-run diff applied by patch differs from what --fix wrote")
	}

	// What remains has no fix, and a second --fix changes no byte.
	once := snapshot(t, fixed)
	if r := run(t, fixed, "", "lint", "--fix", "."); !strings.Contains(r.stderr, "fixed 0 findings in 0 files") {
		t.Errorf("second --fix: %s", r.stderr)
	}
	if !equalSnapshots(once, snapshot(t, fixed)) {
		t.Error("a second --fix changed files")
	}
	out := run(t, fixed, "", "--format", "json", ".")
	var doc struct {
		Findings []struct {
			RuleID string          `json:"rule"`
			Fix    json.RawMessage `json:"fix"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out.stdout), &doc); err != nil {
		t.Fatalf("json output: %v\n%s", err, out.stdout)
	}
	if len(doc.Findings) == 0 {
		t.Fatal("no finding left: the examples are meant to keep findings without a fix")
	}
	for _, f := range doc.Findings {
		if f.Fix != nil {
			t.Errorf("%s still has a fix after --fix", f.RuleID)
		}
	}
	// The fixes the issue names all happened (northwind is the README's example).
	nw, _ := os.ReadFile(filepath.Join(fixed, "tenant", "northwind-users.json"))
	for _, gone := range []string{`"customer.user.supervisorl1", "customer.user.supervisorl4"`, `client.utilisateur.crm`} {
		if bytes.Contains(nw, []byte(gone)) {
			t.Errorf("northwind-users.json still has %s", gone)
		}
	}
}

// contents maps the files under root, by relative path, to their text.
func contents(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalSnapshots(a, b map[string]fileState) bool {
	if len(a) != len(b) {
		return false
	}
	for p, s := range a {
		if b[p] != s {
			return false
		}
	}
	return true
}

func TestFixFlagsUsage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.json": badProfile})
	if r := run(t, dir, "", "lint", "--dry-run", "p.json"); r.code != 2 {
		t.Errorf("--dry-run alone: exit %d, want 2", r.code)
	}
	if r := run(t, dir, badProfile, "lint", "--fix", "--stdin-filename", "p.json", "-"); r.code != 2 {
		t.Errorf("--fix on stdin: exit %d, want 2", r.code)
	}
}

// TestFixesInJSONAndSARIF lints the examples into JSON and SARIF: the SARIF
// log with its fixes is valid against the official schema, every SARIF
// replacement is the JSON edit of the same finding, and the supervisor
// levels edit, applied by its byte offsets, removes exactly the lower level.
func TestFixesInJSONAndSARIF(t *testing.T) {
	schema := jsontest.OfficialSARIF(t)
	dir := t.TempDir()
	sarifPath := filepath.Join(dir, "out.sarif")
	r := run(t, repoRoot, "", "--format", "sarif", "--output", sarifPath, "--format", "json", "examples")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	raw, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(v); err != nil {
		t.Fatalf("SARIF with fixes is not valid against the official schema: %v", err)
	}
	type region struct{ StartLine, StartColumn, EndLine, EndColumn int }
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   region `json:"deletedRegion"`
							InsertedContent *struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Findings []struct {
			RuleID string `json:"rule"`
			File   string `json:"file"`
			Fix    *struct {
				Edits []struct {
					Line, Column, EndLine, EndColumn, Offset, EndOffset int
					NewText                                             string `json:"newText"`
				} `json:"edits"`
			} `json:"fix"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != len(out.Findings) {
		t.Fatalf("%d SARIF results, %d JSON findings", len(results), len(out.Findings))
	}
	fixes := 0
	for i, f := range out.Findings {
		res := results[i]
		if res.RuleID != f.RuleID || (f.Fix == nil) != (len(res.Fixes) == 0) {
			t.Fatalf("finding %d: JSON %s fix %v, SARIF %s with %d fixes", i, f.RuleID, f.Fix != nil, res.RuleID, len(res.Fixes))
		}
		if f.Fix == nil {
			continue
		}
		fixes++
		reps := res.Fixes[0].ArtifactChanges[0].Replacements
		if len(reps) != len(f.Fix.Edits) {
			t.Fatalf("%s: %d replacements, %d edits", f.RuleID, len(reps), len(f.Fix.Edits))
		}
		for j, e := range f.Fix.Edits {
			text := ""
			if reps[j].InsertedContent != nil {
				text = reps[j].InsertedContent.Text
			}
			if (reps[j].DeletedRegion != region{e.Line, e.Column, e.EndLine, e.EndColumn}) || text != e.NewText {
				t.Errorf("%s: SARIF replacement %+v %q, JSON edit %+v", f.RuleID, reps[j].DeletedRegion, text, e)
			}
		}
		if f.RuleID == "tenant/supervisor-levels-exclusive" {
			src, err := os.ReadFile(filepath.Join(repoRoot, f.File))
			if err != nil {
				t.Fatal(err)
			}
			e := f.Fix.Edits[0]
			if got := string(src[e.Offset:e.EndOffset]); len(f.Fix.Edits) != 1 || got != `"customer.user.supervisorl1", ` || e.NewText != "" {
				t.Errorf("the supervisor levels fix removes %q, want exactly the lower level and its separator", got)
			}
		}
	}
	if fixes < 4 {
		t.Errorf("only %d findings of the examples carry a fix", fixes)
	}
}
