package cli_test

// Secrets (issue 18, items 4-6; issue 17, item 3): a credential's value
// never appears in any output, and no output lets one be recovered.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// fingerprintsOf runs the binary over dir, writing SARIF and a baseline,
// and returns every fingerprint of a finding of rule in both, sorted.
func fingerprintsOf(t *testing.T, dir, rule string) []string {
	t.Helper()
	base := filepath.Join(t.TempDir(), "baseline.json")
	if r := run(t, dir, "", "--write-baseline", base, "."); r.code != 0 && r.code != 1 {
		t.Fatalf("--write-baseline: exit %d\n%s", r.code, r.stderr)
	}
	r := run(t, dir, "", "--format", "sarif", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, res := range log.Runs[0].Results {
		if res.RuleID == rule {
			for _, v := range res.PartialFingerprints {
				out = append(out, "sarif:"+v)
			}
		}
	}
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var bl struct {
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
			Rule        string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &bl); err != nil {
		t.Fatalf("baseline: %v\n%s", err, b)
	}
	for _, e := range bl.Findings {
		if e.Rule == rule {
			out = append(out, "baseline:"+e.Fingerprint)
		}
	}
	sort.Strings(out)
	return out
}

// TestSecretFingerprintsCarryNoValue: two exports that differ only in a
// 6-digit PIN (and in a password inside an array) get the same fingerprints
// in SARIF and in the baseline, so neither can be brute-forced back to the
// secret; the location still tells two secrets apart.
func TestSecretFingerprintsCarryNoValue(t *testing.T) {
	doc := func(pin, other string) string {
		return `{"url": "/finesse/api/ReasonCodes", "username": "admin", "password": "` + pin +
			`", "passwords": ["` + other + `"], "nested": {"adminPassword": ` + pin + `}}` + "\n"
	}
	// One directory for both: baseline fingerprints hold the path from the
	// repository root.
	dir := writeFiles(t, map[string]string{"sync.json": doc("493817", "Winter2026xQ")})
	a := fingerprintsOf(t, dir, "plaintext-secret")
	if err := os.WriteFile(filepath.Join(dir, "sync.json"), []byte(doc("100000", "Summer2027zZ")), 0o644); err != nil {
		t.Fatal(err)
	}
	b := fingerprintsOf(t, dir, "plaintext-secret")
	if len(a) < 4 {
		t.Fatalf("expected plaintext-secret fingerprints in SARIF and the baseline, got %q", a)
	}
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("fingerprints depend on the secret's value:\n%q\n%q", a, b)
	}
	seen := map[string]bool{}
	for _, f := range a {
		if strings.HasPrefix(f, "baseline:") {
			if seen[f] {
				t.Errorf("two secrets share the fingerprint %s", f)
			}
			seen[f] = true
		}
	}
}

// secretToken is how the committed secret attacks mark their secrets.
var secretToken = regexp.MustCompile(`SECRET[0-9A-Za-z]+`)

// TestHostileSecretsNeverEchoed lints each testdata/hostile/secret-* file
// (secrets where parsers and rules quote text: an undefined YAML alias or
// XML entity, a "<" in a password read as a tag, an API path) in every
// format and checks that no part of a secret appears on stdout or stderr;
// the same for a configuration file with an undefined alias.
func TestHostileSecretsNeverEchoed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "hostile", "secret-*"))
	if err != nil || len(files) < 5 {
		t.Fatalf("secret attacks: %v %v", files, err)
	}
	for _, p := range files {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tokens := secretToken.FindAllString(string(b), -1)
		if len(tokens) == 0 {
			t.Fatalf("%s marks no secret", p)
		}
		for _, f := range formats {
			r := run(t, repoRoot, "", "--format", f, "--fail-level", "warning", "--verbose", filepath.ToSlash(strings.TrimPrefix(p, repoRoot+string(filepath.Separator))))
			if r.code != 1 {
				t.Errorf("%s --format %s: exit %d, want 1\n%s", p, f, r.code, r.stderr)
			}
			for _, tok := range tokens {
				for _, out := range []string{r.stdout, r.stderr} {
					if strings.Contains(out, tok) || strings.Contains(out, tok[len("SECRET"):]) {
						t.Errorf("%s --format %s echoes the secret %s:\n%s", p, f, tok, out)
					}
				}
			}
		}
	}
	dir := writeFiles(t, map[string]string{
		".rbaclint.yaml": "version: 1\nrules:\n  plaintext-secret: *SECRETCfg2026Aa\n",
		"a.json":         cleanProfile,
	})
	r := run(t, dir, "", "a.json")
	if r.code != 2 || strings.Contains(r.stderr, "Cfg2026Aa") || !strings.Contains(r.stderr, ".rbaclint.yaml:3:21: an alias refers to an undefined anchor") {
		t.Errorf("configuration with an undefined alias: exit %d\n%s", r.code, r.stderr)
	}
}
