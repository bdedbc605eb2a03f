package cxone

import (
	"strings"
	"testing"
)

// Every rule is complete and its doc has the sections rbaclint explain shows;
// a rule built on inferred facts says so.
func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if !strings.HasPrefix(r.ID, "cxone/") || seen[r.ID] {
			t.Errorf("bad or duplicate ID %q", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Check == nil || r.DefaultSeverity == 0 || r.Category == "" {
			t.Errorf("%s: incomplete rule", r.ID)
		}
		for _, s := range []string{"## Why", "## Bad", "## Good"} {
			if !strings.Contains(r.Doc, s) {
				t.Errorf("%s: doc lacks %q", r.ID, s)
			}
		}
		if got := strings.Contains(r.Doc, "\nInferred:"); got != r.Inferred {
			t.Errorf("%s: Inferred is %v but the doc's Inferred paragraph present is %v", r.ID, r.Inferred, got)
		}
	}
}

func TestCatalogExtends(t *testing.T) {
	set := securityActions([]string{" customApi ", ""})
	if !set["CUSTOMAPI"] || !set["GETCONTACT"] || set[""] {
		t.Errorf("catalog %v", set)
	}
}
