package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestBuiltinRoleName(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"ConfigAdmin","systemDefined":true,"accessList":[{"name":"agent"}]},
		{"name":"configadmin","systemDefined":false,"accessList":[{"name":"agent"}]},
		{"name":"SystemAdmin","accessList":[{"name":"agent"}]},
		{"name":"ScriptAdmin","systemDefined":"yes","accessList":[{"name":"agent"}]},
		{"name":"AgentAdmins","systemDefined":false,"accessList":[{"name":"agent"}]}
	]}`)
	expect(t, run(t, BuiltinRoleName, nil, doc),
		want{pointer: "/roles/1/name", message: []string{`role "configadmin" is not system-defined`, "built-in role ConfigAdmin", "except administrator", "another name"}},
		want{pointer: "/roles/2/name", message: []string{`role "SystemAdmin"`, "built-in role SystemAdmin"}},
		// A systemDefined that is not a boolean is not true (the schema reports its type).
		want{pointer: "/roles/3/name", message: []string{`role "ScriptAdmin"`}},
	)
}

func TestBuiltinRoleNameSingleRole(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "role.xml", `{"name":"AgentAdmin","accessList":[{"name":"agent"}]}`)
	expect(t, run(t, BuiltinRoleName, nil, doc), want{pointer: "/name", message: []string{"Agent APIs and tools only"}})
}
