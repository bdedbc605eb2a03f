package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCappedErrorFails: an error the per-file cap leaves out still fails
// the run; the shown finding and the "N more" note are only warnings.
func TestCappedErrorFails(t *testing.T) {
	dir := t.TempDir()
	users := `{
  "page_size": 2,
  "data": [
    {"id": "u1", "displayName": "Ana", "email": "ana@example.com", "roles": ["customer.user", "customer.usr"], "isParent": false},
    {"id": "u2", "displayName": "Bo", "email": "ana@example.com", "roles": ["customer.user", "user.admin"], "isParent": false}
  ]
}
`
	if err := os.WriteFile(filepath.Join(dir, "users.json"), []byte(users), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-config", "--rule", "tenant/unknown-role=warning", "users.json"}
	all := run(t, dir, "", args...)
	if all.code != 1 || !strings.Contains(all.stdout, "error:") || !strings.Contains(all.stdout, "tenant/duplicate-email") {
		t.Fatalf("uncapped run: exit %d, want 1 with an error shown:\n%s", all.code, all.stdout)
	}
	capped := run(t, dir, "", append([]string{"--max-findings", "1"}, args...)...)
	if strings.Contains(capped.stdout, "error:") || !strings.Contains(capped.stdout, "1 more findings") {
		t.Fatalf("capped run shows an error or no note:\n%s", capped.stdout)
	}
	if capped.code != 1 {
		t.Errorf("capped run: exit %d, want 1 (the error left out still counts)", capped.code)
	}
	if r := run(t, dir, "", append([]string{"--max-findings", "1", "--fail-level", "none"}, args...)...); r.code != 0 {
		t.Errorf("--fail-level none: exit %d, want 0", r.code)
	}
}
