package registry

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// changeRules are the diff-mode rules of RULES.md not implemented yet.
var changeRules = map[string]bool{}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.ID] {
			t.Errorf("duplicate rule ID %s", r.ID)
		}
		seen[r.ID] = true
		if ByID(r.ID) != r {
			t.Errorf("ByID(%s) does not return the rule", r.ID)
		}
		if r.Title == "" || strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title must be one line without a final period: %q", r.ID, r.Title)
		}
		for _, section := range []string{"## Why", "## Bad", "## Good"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: doc lacks %q", r.ID, section)
			}
		}
		if r.DefaultSeverity < rules.SeverityNote || r.DefaultSeverity > rules.SeverityError {
			t.Errorf("%s: bad default severity %v", r.ID, r.DefaultSeverity)
		}
		switch r.Category {
		case rules.CategoryError, rules.CategoryWarning, rules.CategorySuggestion:
			if r.SecuritySeverity != 0 {
				t.Errorf("%s: security-severity on a non-security rule", r.ID)
			}
		case rules.CategorySecurity:
			if r.SecuritySeverity <= 0 || r.SecuritySeverity > 10 {
				t.Errorf("%s: security rules need a security-severity in (0, 10]", r.ID)
			}
			hasTag := false
			for _, tag := range r.Tags {
				hasTag = hasTag || tag == "security"
			}
			if !hasTag {
				t.Errorf("%s: security rules carry the security tag", r.ID)
			}
		default:
			t.Errorf("%s: unknown category %q", r.ID, r.Category)
		}
		if r.Inferred && !strings.Contains(r.Doc, "Inferred") {
			t.Errorf("%s: an inferred rule must say so in its doc", r.ID)
		}
		for _, k := range r.Kinds {
			known := false
			for _, x := range kinds.Names() {
				known = known || x == k
			}
			if !known {
				t.Errorf("%s: unknown kind %q", r.ID, k)
			}
		}
	}
}

// TestCatalogCoversRULES checks that every rule ID of the product catalog
// (../shared/RULES.md) is registered, except the diff-mode change rules.
func TestCatalogCoversRULES(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "RULES.md"))
	if err != nil {
		t.Skipf("RULES.md not beside the checkout: %v", err)
	}
	ids := regexp.MustCompile("(?m)^\\| `([a-z0-9/-]+)` \\|").FindAllStringSubmatch(string(b), -1)
	if len(ids) < 40 {
		t.Fatalf("found only %d rule IDs in RULES.md; the table format changed?", len(ids))
	}
	isKind := map[string]bool{}
	for _, k := range kinds.Names() {
		isKind[string(k)] = true // the kinds table has the same layout
	}
	for _, m := range ids {
		if !changeRules[m[1]] && !isKind[m[1]] && ByID(m[1]) == nil {
			t.Errorf("rule %s of RULES.md is not registered", m[1])
		}
	}
}

// Every pack's access mapping parses, and every source names its vendor
// and kinds: a bad embedded mapping would panic on first use.
func TestGrantSources(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range GrantSources() {
		if s.Vendor == "" || len(s.Kinds) == 0 || s.Grants == nil || seen[s.Vendor] {
			t.Errorf("source %q: vendor, kinds and grants are required, vendors unique", s.Vendor)
		}
		seen[s.Vendor] = true
		if len(s.Mapping()) == 0 {
			t.Errorf("%s: empty mapping", s.Vendor)
		}
	}
	for _, v := range []string{"webex", "tenant", "pcce", "cxone", "finesse"} {
		if !seen[v] {
			t.Errorf("no access source for %s", v)
		}
	}
}

// TestSeverityFollowsCertainty holds RULES.md's policy: a rule that rests on
// an inferred vendor fact defaults to warning or lower. A rule may still
// report the documented part of what it checks as an error, finding by
// finding.
func TestSeverityFollowsCertainty(t *testing.T) {
	for _, r := range All() {
		if r.Inferred && r.DefaultSeverity > rules.SeverityWarning {
			t.Errorf("%s rests on an inferred fact but defaults to %s; default to warning and raise the documented findings", r.ID, r.DefaultSeverity)
		}
	}
}
