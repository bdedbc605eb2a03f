package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

const exportedRoles = `{"roles":[
	{"name":"ConfigAdmin","refURL":"/unifiedconfig/config/role/5005","systemDefined":true,
	 "administrators":[{"refURL":"/unifiedconfig/config/administrator/5000","userName":"ana","domainName":"EXAMPLE.COM"}]},
	{"name":"Supervisors","refURL":"/unifiedconfig/config/role/5010",
	 "administrators":[{"userName":"BO","domainName":"example.com"},{"userName":"zed"}]}
]}`

func TestRoleReferenceUnknown(t *testing.T) {
	roles := newDoc(t, rules.KindPCCERoles, "roles.xml", exportedRoles)
	admins := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"administrators":[
		{"userName":"ana","refURL":"/unifiedconfig/config/administrator/5000","role":{"refURL":"/unifiedconfig/config/role/5005","name":"configadmin"}},
		{"userName":"bo","domainName":"EXAMPLE.COM","role":{"refURL":"/unifiedconfig/config/role/5005","name":"ConfigAdmin"}},
		{"userName":"cy","role":{"refURL":"/unifiedconfig/config/role/5999","name":"Retired"}},
		{"userName":"di","role":{"refURL":"/unifiedconfig/config/role/5010","name":"Agents"}},
		{"userName":"ed","role":{"name":"Nobody"}},
		{"userName":"fa","role":{"name":"supervisors"}},
		{"userName":"gu"}
	]}`)
	got := run(t, RoleReferenceUnknown, nil, roles, admins)
	expect(t, got,
		want{path: "admins.xml", pointer: "/administrators/2/role/refURL", message: []string{`administrator "cy" references role /unifiedconfig/config/role/5999, which no exported role has`, "assign an existing role"}},
		want{path: "admins.xml", pointer: "/administrators/3/role/name", message: []string{`administrator "di" references role "Agents", but its refURL /unifiedconfig/config/role/5010 is role "Supervisors"`}},
		want{path: "admins.xml", pointer: "/administrators/4/role/name", message: []string{`administrator "ed" references role "Nobody", which no exported role has`}},
		// Supervisors lists BO, whose own export says ConfigAdmin.
		want{path: "roles.xml", pointer: "/roles/1/administrators/0/userName", message: []string{`role "Supervisors" lists administrator "BO@example.com", whose own export references role "ConfigAdmin"`}},
	)
	if r := got[3].Related; len(r) != 1 || r[0].Path != "admins.xml" || r[0].Pointer != "/administrators/1/role" {
		t.Errorf("related: %+v, want bo's role reference", r)
	}
}

func TestRoleReferenceUnknownNeedsRoles(t *testing.T) {
	admins := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"userName":"cy","role":{"refURL":"/unifiedconfig/config/role/5999"}}`)
	expect(t, run(t, RoleReferenceUnknown, nil, admins))
}

func TestRoleReferenceUnknownIncompleteList(t *testing.T) {
	// Page one of two: the referenced role may be on page two.
	roles := newDoc(t, rules.KindPCCERoles, "roles-page1.xml", `{"pageInfo":{"totalResults":3,"resultsPerPage":2,"startIndex":0},"roles":[
		{"name":"A","refURL":"/unifiedconfig/config/role/5001"},{"name":"B","refURL":"/unifiedconfig/config/role/5002"}]}`)
	admins := newDoc(t, rules.KindPCCEAdministrators, "admin.xml", `{"userName":"cy","role":{"refURL":"/unifiedconfig/config/role/5003","name":"C"}}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, admins))

	// With page two in the run, the list is complete, but it holds no
	// built-in role: 5004, given by refURL alone, may be one.
	page2 := newDoc(t, rules.KindPCCERoles, "roles-page2.xml", `{"pageInfo":{"totalResults":3,"resultsPerPage":2,"startIndex":2},"roles":[
		{"name":"C","refURL":"/unifiedconfig/config/role/5003"}]}`)
	other := newDoc(t, rules.KindPCCEAdministrators, "other.xml", `{"userName":"di","role":{"refURL":"/unifiedconfig/config/role/5004"}}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, page2, admins, other))

	// A complete list with the built-in roles in it: 5004 is unknown.
	withBuiltin := newDoc(t, rules.KindPCCERoles, "roles-page2.xml", `{"pageInfo":{"totalResults":4,"resultsPerPage":2,"startIndex":2},"roles":[
		{"name":"C","refURL":"/unifiedconfig/config/role/5003"},{"name":"AgentAdmin","refURL":"/unifiedconfig/config/role/5000","systemDefined":true}]}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, withBuiltin, admins, other),
		want{path: "other.xml", pointer: "/role/refURL", message: []string{"/unifiedconfig/config/role/5004"}})
}

func TestRoleReferenceUnknownBuiltin(t *testing.T) {
	// A custom-roles export (no built-in role in it) says nothing about the
	// built-in roles: a reference to one by name is fine.
	roles := newDoc(t, rules.KindPCCERoles, "custom-roles.xml", `{"roles":[{"name":"Supervisors","refURL":"/unifiedconfig/config/role/5010"}]}`)
	admins := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"administrators":[
		{"userName":"ana","role":{"refURL":"/unifiedconfig/config/role/5005","name":"ConfigAdmin"}},
		{"userName":"bo","role":{"name":"agentadmin"}}
	]}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, admins))
}

func TestRoleReferenceUnknownByName(t *testing.T) {
	// Create payloads have no refURLs: names decide, case-insensitively. A
	// single role (a GET) could not hold another role, so only a list is
	// judged against.
	single := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"Supervisors","administrators":[{"userName":"ana"}]}`)
	lone := newDoc(t, rules.KindPCCEAdministrators, "bo.xml", `{"userName":"bo","role":{"name":"Agents"}}`)
	expect(t, run(t, RoleReferenceUnknown, nil, single, lone))
	roles := newDoc(t, rules.KindPCCERoles, "role.xml", `[{"name":"Supervisors","administrators":[{"userName":"ana"}]}]`)
	admins := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"administrators":[
		{"userName":"ana","role":{"name":"SUPERVISORS"}},
		{"userName":"bo","role":{"refURL":"/unifiedconfig/config/role/5010","name":"Agents"}}
	]}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, admins),
		want{pointer: "/administrators/1/role/name", message: []string{`references role "Agents", which no exported role has`}})
}

func TestRoleReferenceUnknownPlaceholder(t *testing.T) {
	// A template's "(id)" names no role: the name decides.
	roles := newDoc(t, rules.KindPCCERoles, "roles.xml", exportedRoles)
	admins := newDoc(t, rules.KindPCCEAdministrators, "new.xml", `{"administrators":[
		{"userName":"new1","role":{"refURL":"/unifiedconfig/config/role/(id)","name":"Supervisors"}},
		{"userName":"new2","role":{"refURL":"/unifiedconfig/config/role/(id)","name":"Sales"}}
	]}`)
	expect(t, run(t, RoleReferenceUnknown, nil, roles, admins),
		want{pointer: "/administrators/1/role/name", message: []string{`references role "Sales", which no exported role has`}})
}
