package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
)

// TestCodeClimateReport runs --format codeclimate over the bundled examples
// and validates the report against GitLab's documented Code Quality fields
// (internal/report/testdata/gitlab-code-quality.schema.json names its
// source), and that fingerprints are unique, as GitLab keys issues by them.
func TestCodeClimateReport(t *testing.T) {
	schemaText, err := os.ReadFile("../report/testdata/gitlab-code-quality.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schema := jsontest.Compile(t, "gitlab-code-quality.schema.json", schemaText, nil)
	r := run(t, "../..", "", "--format", "codeclimate", "examples", "testdata")
	if r.code != 1 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	if err := schema.Validate(jsontest.Decode(t, []byte(r.stdout))); err != nil {
		t.Fatalf("the report does not have GitLab's fields: %v", err)
	}
	var issues []struct {
		Fingerprint string `json:"fingerprint"`
		CheckName   string `json:"check_name"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) < 10 {
		t.Fatalf("only %d issues for examples/ and testdata/", len(issues))
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s repeats (%s)", is.Fingerprint, is.CheckName)
		}
		seen[is.Fingerprint] = true
	}
	// The check can fail: a severity GitLab does not know.
	var bad any
	json.Unmarshal(bytes.Replace([]byte(r.stdout), []byte(`"severity": "critical"`), []byte(`"severity": "error"`), 1), &bad)
	if schema.Validate(bad) == nil {
		t.Error("the schema accepted severity \"error\"; the validation is not working")
	}
	// A clean run is an empty array, which GitLab accepts.
	if r := run(t, t.TempDir(), "", "--format", "codeclimate", "--no-config", "."); r.code != 0 || r.stdout != "[]\n" {
		t.Errorf("clean run: code %d %q", r.code, r.stdout)
	}
}
