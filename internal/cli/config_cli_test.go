package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const twoProblems = `[
  {
    "name": "Tier 1",
    "profileType": "STANDARD_AGENT",
    "active": true,
    "permissionAccessLevel": "SPECIFIC",
    "resourceAccessLevel": "ALL"
  },
  {
    "name": "Tier 2",
    "profileType": "STANDARD_AGENT",
    "active": true,
    "permissionAccessLevel": "SPECIFIC",
    "resourceAccessLevel": "ALL"
  }
]
`

func TestConfigDiscoveryLevelsAndIgnores(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"exports/profiles.json": twoProblems,
		".rbaclint.yaml": `version: 1
ignore:
  - rule: webex/permissions-required
    files: ["exports/*.json"]
    pointer: /0
    reason: Tier 1 is being rebuilt (CC-42)
  - rule: webex/permissions-required
    files: ["exports/*.json"]
    pointer: /7
    reason: stale entry
`,
	})
	// Discovered upward from a subdirectory.
	r := run(t, filepath.Join(dir, "exports"), "", "profiles.json")
	if r.code != 1 {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "Tier 1") {
		t.Errorf("ignored finding shown:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "Tier 2") {
		t.Errorf("finding not covered by the ignore is missing:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, ".rbaclint.yaml:7:5: warning:") || !strings.Contains(r.stdout, "[unused-ignore]") {
		t.Errorf("stale ignore not reported at its line:\n%s", r.stdout)
	}
	// SARIF keeps the suppressed result, with its justification.
	r = run(t, dir, "", "--format", "sarif", "exports/profiles.json")
	if !strings.Contains(r.stdout, "Tier 1 is being rebuilt (CC-42)") {
		t.Errorf("SARIF lacks the suppression justification")
	}
	// --no-config shows everything again.
	r = run(t, dir, "", "--no-config", "exports/profiles.json")
	if !strings.Contains(r.stdout, "Tier 1") {
		t.Errorf("--no-config still applied the ignore:\n%s", r.stdout)
	}
	// A level override to off turns the exit code to 0.
	os.WriteFile(filepath.Join(dir, "off.yaml"), []byte("version: 1\nrules:\n  webex/permissions-required: off\n"), 0o644)
	if r = run(t, dir, "", "--config", "off.yaml", "exports/profiles.json"); r.code != 0 {
		t.Errorf("rule off: code %d\n%s", r.code, r.stdout)
	}
}

func TestConfigErrorsAndVerify(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bad.yaml":  "version: 1\nrules:\n  webex/permisions-required: error\n",
		"good.yaml": "version: 1\n",
		"p.json":    cleanProfile,
	})
	r := run(t, dir, "", "--config", "bad.yaml", "p.json")
	if r.code != 2 || !strings.Contains(r.stderr, "bad.yaml:3:3: unknown rule") || !strings.Contains(r.stderr, "did you mean webex/permissions-required") {
		t.Errorf("bad config: code %d\n%s", r.code, r.stderr)
	}
	if r = run(t, dir, "", "config", "verify", "good.yaml"); r.code != 0 || !strings.Contains(r.stdout, "good.yaml: ok") {
		t.Errorf("verify good: code %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r = run(t, dir, "", "config", "verify", "bad.yaml"); r.code != 2 {
		t.Errorf("verify bad: code %d", r.code)
	}
	if r = run(t, dir, "", "--config", "missing.yaml", "p.json"); r.code != 2 || !strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("missing config: code %d %s", r.code, r.stderr)
	}
	// init writes a starter that verifies, and never overwrites.
	empty := t.TempDir()
	if r = run(t, empty, "", "init"); r.code != 0 {
		t.Fatalf("init: %d %s", r.code, r.stderr)
	}
	if r = run(t, empty, "", "config", "verify"); r.code != 0 {
		t.Errorf("starter does not verify: %s", r.stderr)
	}
	if r = run(t, empty, "", "init"); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init overwrote: %d %s", r.code, r.stderr)
	}
}

func TestBaselineSurvivesReordering(t *testing.T) {
	dir := writeFiles(t, map[string]string{"exports/profiles.json": twoProblems})
	r := run(t, dir, "", "--write-baseline", "base.json", "exports")
	if r.code != 0 || r.stdout != "wrote 2 baseline entries to base.json (paths relative to .)\n" {
		t.Fatalf("write-baseline run: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r = run(t, dir, "", "--baseline", "base.json", "exports"); r.code != 0 {
		t.Fatalf("baselined run should pass: %d\n%s", r.code, r.stdout)
	}
	// Re-order and re-indent the export: the fingerprints must still match.
	var profiles []map[string]any
	json.Unmarshal([]byte(twoProblems), &profiles)
	profiles[0], profiles[1] = profiles[1], profiles[0]
	b, _ := json.MarshalIndent(profiles, "", "    ")
	os.WriteFile(filepath.Join(dir, "exports/profiles.json"), b, 0o644)
	if r = run(t, dir, "", "--baseline", "base.json", "exports"); r.code != 0 || strings.Contains(r.stdout, "error:") {
		t.Fatalf("baseline broken by re-ordering: %d\n%s", r.code, r.stdout)
	}
	// Fixing one problem leaves a stale entry, reported as a note.
	profiles[0]["permissionAccessLevel"] = "ALL"
	b, _ = json.MarshalIndent(profiles, "", "  ")
	os.WriteFile(filepath.Join(dir, "exports/profiles.json"), b, 0o644)
	r = run(t, dir, "", "--baseline", "base.json", "exports")
	if r.code != 0 || !strings.Contains(r.stdout, "[stale-baseline-entry]") {
		t.Errorf("stale entry not reported: %d\n%s", r.code, r.stdout)
	}
	// A new problem still fails.
	profiles[0]["permissionAccessLevel"] = "SPECIFIC"
	profiles[0]["name"] = "Tier 3"
	b, _ = json.MarshalIndent(profiles, "", "  ")
	os.WriteFile(filepath.Join(dir, "exports/profiles.json"), b, 0o644)
	if r = run(t, dir, "", "--baseline", "base.json", "exports"); r.code != 1 || !strings.Contains(r.stdout, "Tier 3") {
		t.Errorf("new finding hidden by the baseline: %d\n%s", r.code, r.stdout)
	}
}

func TestAllFormatsAtOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badProfile})
	r := run(t, dir, "", "--format", "sarif", "--output", "r.sarif", "--format", "junit", "--output", "r.xml",
		"--format", "json", "--output", "r.json", "--format", "github", "bad.json")
	if r.code != 1 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "::error file=bad.json,line=") {
		t.Errorf("github annotations on stdout: %q", r.stdout)
	}
	for _, f := range []string{"r.sarif", "r.xml", "r.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || len(b) == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}

// TestConfigFeatures runs the real binary with overrides, kind forcing,
// exclusions, catalog extensions and vendor options.
func TestConfigFeatures(t *testing.T) {
	users := `{"page_size": 2, "status": "success", "data": [
  {"email": "ana@example.com", "displayName": "Ana", "primaryTenant": "t1", "roles": ["customer.user", "user.admin"]},
  {"email": "bo@example.com", "displayName": "Bo", "primaryTenant": "t1", "roles": ["customer.user", "customer.custom.reporting", "customer.user.pbx"]}
]}
`
	dir := writeFiles(t, map[string]string{
		"exports/users.json":            users,
		"legacy/users.json":             users,
		"archive/broken.json":           `{"name": `,
		"odd/profile-without-keys.json": `{"name": "Tier 1"}`,
		".rbaclint.yaml": `version: 1
overrides:
  - files: ["legacy/**"]
    rules:
      tenant/unknown-role: note
kinds:
  - files: ["odd/*.json"]
    kind: webex-user-profile
exclude: ["archive/**"]
tenant:
  region: uk
`,
	})
	r := run(t, dir, "", ".")
	out := r.stdout
	if strings.Contains(out, "archive/broken.json") {
		t.Errorf("excluded path was checked:\n%s", out)
	}
	// A key near no catalog entry may be a real one the catalog lacks: a
	// warning (severity follows certainty), lowered to a note in legacy/.
	if !strings.Contains(out, "exports/users.json:3:") || !strings.Contains(out, "warning: user bo@example.com has unknown role \"customer.custom.reporting\"") {
		t.Errorf("unknown custom role not reported as a warning in exports/:\n%s", out)
	}
	if !strings.Contains(out, "legacy/users.json:3:") || !strings.Contains(out, "note: user bo@example.com has unknown role") {
		t.Errorf("override did not lower the level in legacy/:\n%s", out)
	}
	if !strings.Contains(out, "odd/profile-without-keys.json:1:1: error: profile \"Tier 1\": missing required key") {
		t.Errorf("kind forcing by glob did not apply the Webex schema:\n%s", out)
	}
	if !strings.Contains(out, "[tenant/uk-essential-role]") {
		t.Errorf("tenant.region: uk not applied:\n%s", out)
	}
	// A catalog extension makes the custom role known, with its prerequisite.
	os.WriteFile(filepath.Join(dir, ".rbaclint.yaml"), []byte(`version: 1
catalog:
  tenant:
    roles:
      - key: customer.custom.reporting
        prerequisites: [customer.settings]
`), 0o644)
	r = run(t, dir, "", "exports")
	if strings.Contains(r.stdout, "unknown role") || !strings.Contains(r.stdout, "customer.custom.reporting without its prerequisite customer.settings") {
		t.Errorf("catalog extension not applied:\n%s", r.stdout)
	}
}

func TestConfigYMLAndVerifyMany(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".rbaclint.yml": "version: 1\nrules:\n  webex/permissions-required: off\n",
		"a/good.yaml":   "version: 1\n",
		"b/bad.yaml":    "version: 2\n",
		"p.json":        `{"name": "X", "profileType": "SUPERVISOR", "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL"}`,
	})
	// .rbaclint.yml is discovered (it turns the rule off), and not linted as an export.
	if r := run(t, dir, "", "--verbose", "."); strings.Contains(r.stdout, "permissions-required") || strings.Contains(r.stdout, ".rbaclint.yml") {
		t.Errorf(".rbaclint.yml was not used as the configuration:\n%s%s", r.stdout, r.stderr)
	}
	r := run(t, dir, "", "config", "verify", "a/good.yaml", "b/bad.yaml")
	if r.code != 2 || !strings.Contains(r.stdout, "a/good.yaml: ok") || !strings.Contains(r.stderr, "b/bad.yaml:1:1:") {
		t.Errorf("verify two files: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	writeFile(t, filepath.Join(dir, ".rbaclint.yaml"), "version: 1\n")
	if r := run(t, dir, "", "config", "verify"); r.code != 2 || !strings.Contains(r.stderr, "keep one") {
		t.Errorf("both names in one directory: code %d\n%s", r.code, r.stderr)
	}
}

// TestInitExamplesUncommented: the starter, with every example uncommented
// as an editor does it, still verifies.
func TestInitExamplesUncommented(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "", "init"); r.code != 0 {
		t.Fatalf("init: %d %s", r.code, r.stderr)
	}
	p := filepath.Join(dir, ".rbaclint.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`(?m)^([ \t]+)# ?`).ReplaceAll(b, []byte("$1"))
	if bytes.Equal(text, b) {
		t.Fatal("the starter has no indented examples")
	}
	writeFile(t, p, string(text))
	if r := run(t, dir, "", "config", "verify"); r.code != 0 {
		t.Errorf("the uncommented starter does not verify:\n%s\n%s", r.stderr, text)
	}
}

// A baseline's paths are relative to the repository root, so it matches
// whichever directory rbaclint runs from; one that cannot match says so.
func TestBaselineFromAnotherDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".git/HEAD":             "ref: refs/heads/main\n",
		"exports/profiles.json": twoProblems,
		"ci/.keep":              "",
	})
	if r := run(t, dir, "", "--write-baseline", "ci/baseline.json", "exports"); r.code != 0 || !strings.Contains(r.stdout, "wrote 2 baseline entries to ci/baseline.json (paths relative to .)") {
		t.Fatalf("write: %d %q %s", r.code, r.stdout, r.stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "ci", "baseline.json"))
	if !strings.Contains(string(b), `"file":"exports/profiles.json"`) || !strings.Contains(string(b), `"paths": "relative to the repository root"`) {
		t.Errorf("baseline does not name files relative to the repository root:\n%s", b)
	}
	for _, c := range []struct{ wd, base, target string }{
		{".", "ci/baseline.json", "exports"},
		{"exports", "../ci/baseline.json", "."},
		{"ci", "baseline.json", "../exports/profiles.json"},
	} {
		r := run(t, filepath.Join(dir, c.wd), "", "--baseline", c.base, c.target)
		if r.code != 0 || strings.Contains(r.stdout, "error:") || strings.Contains(r.stdout, "stale") {
			t.Errorf("from %s: the baseline did not match: %d\n%s%s", c.wd, r.code, r.stdout, r.stderr)
		}
	}
	// Written from a subdirectory, the same entries.
	if r := run(t, filepath.Join(dir, "exports"), "", "--write-baseline", "../ci/again.json", "."); r.code != 0 || !strings.Contains(r.stdout, "(paths relative to ..)") {
		t.Fatalf("write from a subdirectory: %d %q", r.code, r.stdout)
	}
	again, _ := os.ReadFile(filepath.Join(dir, "ci", "again.json"))
	if string(again) != string(b) {
		t.Errorf("a baseline written from exports/ differs:\n%s\nvs\n%s", again, b)
	}
	// A baseline whose files are nowhere under its root is reported.
	old := strings.ReplaceAll(string(b), `"file":"exports/`, `"file":"moved/`)
	os.WriteFile(filepath.Join(dir, "ci", "old.json"), []byte(old), 0o644)
	r := run(t, dir, "", "--baseline", "ci/old.json", "exports")
	if !strings.Contains(r.stdout, "ci/old.json:1:1: warning: none of the 2 entries of this baseline can match") {
		t.Errorf("a baseline that cannot match was not reported:\n%s", r.stdout)
	}
}

func TestConfigShow(t *testing.T) {
	dir := writeFiles(t, map[string]string{".rbaclint.yaml": "version: 1\nrules:\n  schema: warning\nexclude: [\"a/**\"]\nignore:\n  - rule: plaintext-secret\n    reason: fixtures hold fake keys\n"})
	r := run(t, dir, "", "config", "show")
	for _, want := range []string{"# effective configuration from .rbaclint.yaml", "  schema: warning  # configured", "  plaintext-secret: error  # default", `exclude: ["a/**"]`, `reason: "fixtures hold fake keys"`, "limits: {maxFileSize: 268435456"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("config show lacks %q (code %d):\n%s%s", want, r.code, r.stdout, r.stderr)
		}
	}
	if r := run(t, t.TempDir(), "", "config", "show"); r.code != 0 || !strings.Contains(r.stdout, "# no configuration file: the defaults") {
		t.Errorf("config show without a file: %d\n%s", r.code, r.stdout)
	}
	if r := run(t, dir, "", "config", "show", "-h"); r.code != 0 || !strings.Contains(r.stdout, "rbaclint config show [FILE]") {
		t.Errorf("config show -h: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
