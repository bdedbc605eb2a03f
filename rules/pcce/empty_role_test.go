package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestEmptyRole(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"Empty","accessList":[]},
		{"name":"Missing","systemDefined":false},
		{"description":"no name, no list"},
		{"name":"AgentAdmin","systemDefined":true,"accessList":[]},
		{"name":"Fine","accessList":[{"name":"agent"}]},
		{"name":"Malformed","accessList":"agent"}
	]}`)
	expect(t, run(t, EmptyRole, nil, doc),
		want{pointer: "/roles/0/accessList", target: rules.TargetKey, message: []string{`role "Empty" grants no feature`, "add features to its accessList or delete the role"}},
		want{pointer: "/roles/1/name", message: []string{`role "Missing"`}},
		want{pointer: "/roles/2", message: []string{"unnamed role grants no feature"}},
	)
}
