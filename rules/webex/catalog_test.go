package webex

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestCatalog(t *testing.T) {
	for _, c := range []struct {
		list nameList
		want int
		has  string
	}{
		{catalog().Permissions, 75, "schedule-listening"}, // 68 of spec 1be8332, 7 of a later one
		{catalog().ResourceTypes, 20, "cad-variable"},
	} {
		if c.list.Source == "" {
			t.Errorf("list with %q has no source", c.has)
		}
		n := newNames(c.list.Names, nil)
		if len(n.list) != c.want || !n.set[c.has] {
			t.Errorf("catalog has %d distinct names (want %d) or lacks %q", len(n.list), c.want, c.has)
		}
	}
	if catalog().Permissions.Source == catalog().ResourceTypes.Source {
		t.Error("the two lists cite the same source")
	}
}

func TestMustCatalogRejectsBadData(t *testing.T) {
	for _, src := range []string{`{`, `{"permissions":{"names":[]},"resourceTypes":{"names":["team"]}}`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("mustCatalog(%s) did not panic", src)
				}
			}()
			mustCatalog([]byte(src))
		}()
	}
}

var sentenceCase = regexp.MustCompile(`^[A-Z][^\n]*[^.]$`)

func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if !strings.HasPrefix(r.ID, "webex/") || seen[r.ID] {
			t.Errorf("bad or repeated ID %q", r.ID)
		}
		seen[r.ID] = true
		if !sentenceCase.MatchString(r.Title) {
			t.Errorf("%s: title %q is not one sentence-case line without a final period", r.ID, r.Title)
		}
		if (r.Check == nil) == (r.CheckSet == nil) {
			t.Errorf("%s: want exactly one of Check and CheckSet", r.ID)
		}
		if len(r.Kinds) != 1 || r.Kinds[0] != rules.KindWebexUserProfile {
			t.Errorf("%s: kinds %v", r.ID, r.Kinds)
		}
		for _, section := range []string{"\n## Why\n", "\n## Bad\n", "\n## Good\n"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: doc lacks %q", r.ID, strings.TrimSpace(section))
			}
		}
		if strings.HasPrefix(r.Doc, "#") {
			t.Errorf("%s: doc must open with its summary paragraph", r.ID)
		}
		if r.Inferred != strings.Contains(r.Doc, "\nInferred: ") {
			t.Errorf("%s: Inferred is %v but the doc disagrees", r.ID, r.Inferred)
		}
		security := r.Category == rules.CategorySecurity
		if security != (r.SecuritySeverity > 0) || security != (len(r.Tags) == 1 && r.Tags[0] == "security") {
			t.Errorf("%s: security category, tag and score disagree", r.ID)
		}
	}
	if len(Rules) != 18 {
		t.Errorf("%d rules, want the 18 of the catalog", len(Rules))
	}
}
