package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestDuplicateRoleName(t *testing.T) {
	list := newDoc(t, rules.KindPCCERoles, "a/roles.xml", `{"roles":[
		{"name":"Sales","refURL":"/unifiedconfig/config/role/5010"},
		{"name":"Support","refURL":"/unifiedconfig/config/role/5011"},
		{"name":"sales","refURL":"/unifiedconfig/config/role/5012"},
		{"name":"Support","refURL":"/unifiedconfig/config/role/5013"}
	]}`)
	// The same role (same refURL) in a single GET export is not a duplicate;
	// another role of that name in another file is.
	same := newDoc(t, rules.KindPCCERoles, "b/support.xml", `{"name":"Support","refURL":"/unifiedconfig/config/role/5011"}`)
	other := newDoc(t, rules.KindPCCERoles, "c/new.xml", `{"name":"SUPPORT"}`)
	got := run(t, DuplicateRoleName, nil, list, same, other)
	// The same name is an error (the API rejects it); a name that differs
	// only in case is a warning, since case-insensitivity is not documented.
	expect(t, got,
		want{path: "a/roles.xml", pointer: "/roles/2/name", severity: rules.SeverityWarning, message: []string{`role name "sales" is already used by role "Sales"`, "rename one of them"}},
		want{path: "a/roles.xml", pointer: "/roles/3/name", message: []string{`role name "Support" is already used by role "Support"`}},
		want{path: "c/new.xml", pointer: "/name", severity: rules.SeverityWarning, message: []string{`"SUPPORT" is already used by role "Support"`}},
	)
	if r := got[2].Related; len(r) != 1 || r[0].Path != "a/roles.xml" || r[0].Pointer != "/roles/1/name" {
		t.Errorf("related: %+v, want the first Support role", r)
	}
}

func TestDuplicateRoleNameReexport(t *testing.T) {
	// b and c are the same role (one refURL) exported twice; only b's clash
	// with the role of a is reported.
	a := newDoc(t, rules.KindPCCERoles, "a.xml", `{"name":"Sales"}`)
	b := newDoc(t, rules.KindPCCERoles, "b.xml", `{"name":"sales","refURL":"/unifiedconfig/config/role/5010"}`)
	c := newDoc(t, rules.KindPCCERoles, "c.xml", `{"name":"Sales","refURL":"/unifiedconfig/config/role/5010"}`)
	expect(t, run(t, DuplicateRoleName, nil, a, b, c), want{path: "b.xml", pointer: "/name", severity: rules.SeverityWarning, message: []string{`"sales" is already used by role "Sales"`}})
}
