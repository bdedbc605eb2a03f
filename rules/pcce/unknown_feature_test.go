package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

const rolesWithTypos = `{"roles":[
	{"name":"SystemAdmin","systemDefined":true,"accessList":[{"name":"mediaroutingdomain"}]},
	{"name":"Editors","accessList":[{"name":"ReasonCode"},{"name":"reasoncodes"},{"name":"campaign"},{"name":"zzzzzz"},{"name":""}]}
]}`

func TestUnknownFeatureBuiltinCatalog(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", rolesWithTypos)
	expect(t, run(t, UnknownFeature, nil, doc),
		want{path: "roles.xml", pointer: "/roles/1/accessList/1/name", message: []string{`role "Editors" grants the feature "reasoncodes", which is not a known PCCE feature`, `did you mean "reasoncode"?`}},
		want{path: "roles.xml", pointer: "/roles/1/accessList/2/name", message: []string{`"campaign"`, "available_features export"}},
		want{path: "roles.xml", pointer: "/roles/1/accessList/3/name", message: []string{`"zzzzzz"`}},
	)
}

func TestUnknownFeatureConfiguredNames(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", rolesWithTypos)
	opts := rules.NewOptions(map[*rules.Option]any{featuresOption: []string{"Campaign", "zzzzzz"}})
	expect(t, run(t, UnknownFeature, opts, doc),
		want{pointer: "/roles/1/accessList/1/name", message: []string{`"reasoncodes"`}},
	)
}

func TestUnknownFeatureExportIsTheCatalog(t *testing.T) {
	roles := newDoc(t, rules.KindPCCERoles, "roles.xml", rolesWithTypos)
	features := newDoc(t, rules.KindPCCEFeatures, "features.xml", `[
		{"name":"reasoncode","category":"agent"},{"name":"Campaign","category":"outbound"}
	]`)
	// With the export, "reasoncode" and "campaign" are known, and a name the
	// built-in list knows ("agent") is not.
	single := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"AgentOnly","accessList":[{"name":"agent"}]}`)
	expect(t, run(t, UnknownFeature, nil, roles, features, single),
		want{path: "roles.xml", pointer: "/roles/1/accessList/1/name", severity: rules.SeverityError, message: []string{"not in the available_features export", `did you mean "reasoncode"?`}},
		want{path: "roles.xml", pointer: "/roles/1/accessList/3/name", severity: rules.SeverityError, message: []string{`"zzzzzz"`, "remove it or fix its name"}},
		want{path: "role.xml", pointer: "/accessList/0/name", severity: rules.SeverityError, message: []string{`role "AgentOnly" grants the feature "agent"`}},
	)
}

func TestUnknownFeatureListExport(t *testing.T) {
	roles := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"A","accessList":[{"name":"attribute"},{"name":"calltype"}]}`)
	features := newDoc(t, rules.KindPCCEFeatures, "features.xml", `{"accessList":[{"name":"ATTRIBUTE"}]}`)
	expect(t, run(t, UnknownFeature, nil, roles, features),
		want{pointer: "/accessList/1/name", severity: rules.SeverityError, message: []string{`"calltype"`}},
	)
}

func TestCatalogStatus(t *testing.T) {
	c := mustCatalog(catalogJSON)
	if len(c.BuiltinRoles) != 4 || len(c.ReservedFeatures) != 3 || len(c.Subfeatures) != 4 {
		t.Errorf("catalog sizes: %d built-in roles, %d reserved, %d subfeatures", len(c.BuiltinRoles), len(c.ReservedFeatures), len(c.Subfeatures))
	}
	known := newFeatureSet(c.knownNames())
	for _, f := range c.KnownFeatures {
		if f.Status != "confirmed" && f.Status != "inferred" {
			t.Errorf("feature %q: status %q, want confirmed or inferred", f.Name, f.Status)
		}
	}
	// Every name a rule treats specially must be a known feature too.
	for _, n := range c.ReservedFeatures {
		if !known.has(n) {
			t.Errorf("reserved feature %q is not in knownFeatures", n)
		}
	}
	for _, s := range c.Subfeatures {
		if !known.has(s.Name) || s.API == "" || s.Items == "" {
			t.Errorf("subfeature %+v incomplete or not in knownFeatures", s)
		}
	}
	for _, r := range c.BuiltinRoles {
		if r.Name == "" || r.Allows == "" {
			t.Errorf("built-in role %+v incomplete", r)
		}
	}
}

func TestUnknownFeatureEmptyExport(t *testing.T) {
	roles := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"A","accessList":[{"name":"attribute"},{"name":"atribute"}]}`)
	features := newDoc(t, rules.KindPCCEFeatures, "features.xml", `[]`)
	expect(t, run(t, UnknownFeature, nil, roles, features),
		want{pointer: "/accessList/1/name", message: []string{"not a known PCCE feature", `did you mean "attribute"?`}},
	)
}
