package pcce

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// TestCatalogOrder pins the pack to the "Cisco Packaged CCE" table of
// RULES.md: IDs (public, never renamed), order, default severity and kind.
func TestCatalogOrder(t *testing.T) {
	spec := []struct {
		id       string
		severity rules.Severity
		category rules.Category
	}{
		{"pcce/builtin-role-name", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/reserved-feature", rules.SeverityWarning, rules.CategorySecurity},
		{"pcce/unknown-feature", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/duplicate-feature", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/empty-role", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/update-only-subfeature", rules.SeverityNote, rules.CategorySuggestion},
		{"pcce/ref-url", rules.SeverityError, rules.CategoryError},
		{"pcce/duplicate-role-name", rules.SeverityError, rules.CategoryError},
		{"pcce/admin-without-role", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/role-reference-unknown", rules.SeverityWarning, rules.CategoryWarning},
		{"pcce/reference-without-refurl", rules.SeverityError, rules.CategoryError},
		{"pcce/duplicate-administrator", rules.SeverityError, rules.CategoryError},
	}
	if len(Rules) != len(spec) {
		t.Fatalf("%d rules, want %d", len(Rules), len(spec))
	}
	for i, s := range spec {
		r := Rules[i]
		if r.ID != s.id || r.DefaultSeverity != s.severity || r.Category != s.category {
			t.Errorf("rule %d: %s %v %s, want %s %v %s", i, r.ID, r.DefaultSeverity, r.Category, s.id, s.severity, s.category)
		}
		if (r.Check == nil) == (r.CheckSet == nil) || len(r.Kinds) == 0 || r.Title == "" {
			t.Errorf("%s: needs exactly one of Check/CheckSet, kinds and a title", r.ID)
		}
	}
}

// TestDocs checks each rule's documentation has the sections `rbaclint
// explain` users rely on, and that inferred rules say so.
func TestDocs(t *testing.T) {
	for _, r := range Rules {
		for _, section := range []string{"## Why", "## Bad", "## Good", "```xml"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: doc lacks %q", r.ID, section)
			}
		}
		if strings.HasPrefix(r.Doc, "#") {
			t.Errorf("%s: doc must open with its summary paragraph", r.ID)
		}
		if got := strings.Contains(r.Doc, "\nInferred:"); got != r.Inferred {
			t.Errorf("%s: Inferred is %v but the doc's Inferred paragraph present is %v", r.ID, r.Inferred, got)
		}
	}
}
