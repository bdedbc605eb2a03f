package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules/access"
)

// The config schema's capability enum is the access vocabulary, no more, no less.
func TestAccessSchemaNamesTheVocabulary(t *testing.T) {
	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	readSchema(t, &s)
	if got := s.Defs["accessPolicy"].Properties["capability"].Enum; !reflect.DeepEqual(got, access.Names()) {
		t.Errorf("schema capability enum = %v, want the vocabulary %v", got, access.Names())
	}
}

func TestAccessPolicies(t *testing.T) {
	c := loadIn(t, "version: 1\naccess:\n  - capability: manage-admins\n    allow: [\"CORP\\\\secops-*\", SystemAdmins]\n    reason: Only SecOps creates administrators\n  - capability: recordings\n    vendors: [tenant]\n    allow: []\n")
	ps := c.RuleOptions().AccessPolicies
	if len(ps) != 2 {
		t.Fatalf("%d policies, want 2", len(ps))
	}
	if ps[0].Capability != "manage-admins" || !reflect.DeepEqual(ps[0].Allow, []string{`CORP\secops-*`, "SystemAdmins"}) || ps[0].Reason != "Only SecOps creates administrators" {
		t.Errorf("policy 0 = %+v", ps[0])
	}
	if ps[0].Span.Start.Line != 3 || ps[0].Span.Start.Column != 5 || ps[1].Span.Start.Line != 6 {
		t.Errorf("policy positions = %+v, %+v", ps[0].Span.Start, ps[1].Span.Start)
	}
	if ps[1].Allow != nil || !reflect.DeepEqual(ps[1].Vendors, []string{"tenant"}) || !strings.HasSuffix(ps[1].Config, FileName) {
		t.Errorf("policy 1 = %+v", ps[1])
	}
}

// An empty access: section is the same as none, as for every section.
func TestAccessEmptySection(t *testing.T) {
	c := loadIn(t, "version: 1\naccess:\n")
	if n := len(c.RuleOptions().AccessPolicies); n != 0 {
		t.Errorf("%d policies from an empty section", n)
	}
}

func TestAccessPolicyErrorsHavePositions(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"unknown capability", "version: 1\naccess:\n  - capability: manage-user\n    allow: []\n", "3:5: access.0.capability: value must be one of"},
		{"missing allow", "version: 1\naccess:\n  - capability: billing\n", "3:5: access.0: missing required key \"allow\""},
		{"unknown key", "version: 1\naccess:\n  - capability: billing\n    allow: []\n    alow: [x]\n", "5:5: access.0: unknown key \"alow\""},
		{"bad vendor", "version: 1\naccess:\n  - capability: billing\n    allow: []\n    vendors: [avaya]\n", "5:15: access.0.vendors.0: value must be one of"},
		{"allow not a list", "version: 1\naccess:\n  - capability: billing\n    allow: everyone\n", "4:5: access.0.allow:"},
		{"not a list", "version: 1\naccess:\n  capability: billing\n", "2:1: access: expected array"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("/tmp/.rbaclint.yaml", []byte(c.text), known)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\nwant it to contain %q", err, c.want)
			}
		})
	}
}
