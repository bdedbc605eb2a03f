package registry

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// changeRules are the diff-mode rules of RULES.md not implemented yet.
var changeRules = map[string]bool{}

// A title is one line without a final period; it may open with a role key.
var oneLineTitle = regexp.MustCompile(`^[A-Za-z][^\n]*[^.]$`)

// TestRegistry holds every rule to the metadata contract, whatever its pack:
// `rbaclint rules`, `explain`, SARIF and the docs read these fields.
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
		if !oneLineTitle.MatchString(r.Title) {
			t.Errorf("%s: title %q is not one line without a final period", r.ID, r.Title)
		}
		for _, section := range []string{"\n## Why\n", "\n## Bad\n", "\n## Good\n"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: doc lacks %q", r.ID, strings.TrimSpace(section))
			}
		}
		if strings.HasPrefix(r.Doc, "#") {
			t.Errorf("%s: doc must open with its summary paragraph", r.ID)
		}
		// A rule on inferred facts says so; a documented rule may still
		// say which of its catalog entries are inferred.
		if r.Inferred && !strings.Contains(r.Doc, "\nInferred: ") {
			t.Errorf("%s: an inferred rule needs an Inferred: paragraph in its doc", r.ID)
		}
		if r.DefaultSeverity < rules.SeverityNote || r.DefaultSeverity > rules.SeverityError {
			t.Errorf("%s: bad default severity %v", r.ID, r.DefaultSeverity)
		}
		checks := 0
		for _, set := range []bool{r.Check != nil, r.CheckSet != nil, r.CheckChange != nil} {
			if set {
				checks++
			}
		}
		if checks > 1 {
			t.Errorf("%s: at most one of Check, CheckSet and CheckChange", r.ID)
		}
		if vendor, _, ok := strings.Cut(r.ID, "/"); ok && isVendor(vendor) {
			// A vendor rule checks its own pack's kinds, and nothing else does.
			if checks != 1 || len(r.Kinds) == 0 {
				t.Errorf("%s: a vendor rule has exactly one of Check, CheckSet and CheckChange, and kinds", r.ID)
			}
			for _, k := range r.Kinds {
				if !strings.HasPrefix(string(k), vendor+"-") {
					t.Errorf("%s: kind %q is not a %s kind", r.ID, k, vendor)
				}
			}
		}
		security := r.Category == rules.CategorySecurity
		switch r.Category {
		case rules.CategoryError, rules.CategoryWarning, rules.CategorySuggestion, rules.CategorySecurity:
		default:
			t.Errorf("%s: unknown category %q", r.ID, r.Category)
		}
		if security != (r.SecuritySeverity > 0) || r.SecuritySeverity > 10 {
			t.Errorf("%s: a security-severity in (0, 10] on security rules only, got %v", r.ID, r.SecuritySeverity)
		}
		if security != slices.Contains(r.Tags, "security") {
			t.Errorf("%s: security rules, and only they, carry the security tag: %v", r.ID, r.Tags)
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

// isVendor reports whether prefix names the vendor of some kind ("pcce"
// for pcce-roles); other prefixes (access/) group rules of another step.
func isVendor(prefix string) bool {
	for _, k := range kinds.Names() {
		if strings.HasPrefix(string(k), prefix+"-") {
			return true
		}
	}
	return false
}

// TestCatalogCoversRULES checks that every rule ID of the product catalog
// (../shared/RULES.md) is registered, except the diff-mode change rules.
func TestCatalogCoversRULES(t *testing.T) {
	ids := catalogRows(t, "(?m)^\\| `([a-z0-9/-]+)` \\|")
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

// catalogRows returns the matches of pattern in the rows of the product
// catalog, ../shared/RULES.md, and skips the test when it is not there.
func catalogRows(t *testing.T, pattern string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "RULES.md"))
	if err != nil {
		t.Skipf("RULES.md not beside the checkout: %v", err)
	}
	rows := regexp.MustCompile(pattern).FindAllStringSubmatch(string(b), -1)
	if len(rows) < 40 {
		t.Fatalf("found only %d rule rows in RULES.md; the table format changed?", len(rows))
	}
	return rows
}
