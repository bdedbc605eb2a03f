package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestReservedFeature(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"SystemAdmin","systemDefined":true,"accessList":[{"name":"administrator"},{"name":"role"},{"name":"department"}]},
		{"name":"Helpdesk","systemDefined":false,"accessList":[{"name":"agent"},{"name":"Administrator","category":"access"}]},
		{"name":"Org","accessList":[{"name":"department"},{"name":"role"},{"name":"roles"}]}
	]}`)
	expect(t, run(t, ReservedFeature, nil, doc),
		want{pointer: "/roles/1/accessList/1/name", message: []string{`custom role "Helpdesk" grants the "Administrator" feature`, "only the built-in SystemAdmin", "remove the feature"}},
		want{pointer: "/roles/2/accessList/0/name", message: []string{`role "Org"`, `"department"`}},
		want{pointer: "/roles/2/accessList/1/name", message: []string{`role "Org"`, `"role"`}},
	)
}

func TestReservedFeatureMetadata(t *testing.T) {
	// Security rule with the tag and a score; a warning, since the feature
	// names are inferred (severity follows certainty).
	r := ReservedFeature
	if r.Category != rules.CategorySecurity || r.DefaultSeverity != rules.SeverityWarning ||
		len(r.Tags) != 1 || r.Tags[0] != "security" || r.SecuritySeverity <= 0 || r.SecuritySeverity > 10 {
		t.Errorf("metadata: %+v", r)
	}
}
