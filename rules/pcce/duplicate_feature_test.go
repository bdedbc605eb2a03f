package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestDuplicateFeature(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"Editors","accessList":[
		{"name":"attribute"},{"name":"reasoncode"},{"name":"Attribute"},{"name":"attribute"},{"category":"agent"},{"name":"reasoncodes"}
	]}`)
	got := run(t, DuplicateFeature, nil, doc)
	expect(t, got,
		want{pointer: "/accessList/2/name", message: []string{`role "Editors" lists the feature "Attribute" twice`, "remove this entry"}},
		want{pointer: "/accessList/3/name", message: []string{`"attribute" twice`}},
	)
	for _, f := range got {
		if len(f.Related) != 1 || f.Related[0].Pointer != "/accessList/0/name" || f.Related[0].Path != "role.xml" {
			t.Errorf("related: %+v, want the first entry", f.Related)
		}
	}
}

func TestDuplicateFeaturePerRole(t *testing.T) {
	// The same feature in two roles is normal.
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"A","accessList":[{"name":"agent"}]},{"name":"B","accessList":[{"name":"agent"}]}
	]}`)
	expect(t, run(t, DuplicateFeature, nil, doc))
}
