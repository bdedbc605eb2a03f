package pcce

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestRefURLProblem(t *testing.T) {
	tests := []struct {
		v, want, problem string // problem: a substring, "" for fine
	}{
		{"/unifiedconfig/config/role/5003", "role", ""},
		{"/unifiedconfig/config/role/1", "role", ""},
		{"/unifiedconfig/config/department/(id)", "department", ""},
		{"/unifiedconfig/config/administrator/5002", "role", "names item type administrator where role is expected; use /unifiedconfig/config/role/<id>"},
		{"/unifiedconfig/config/Role/5003", "role", "names item type Role"},
		{"/unifiedconfig/team/5000", "team", `lacks the config/ segment; use "/unifiedconfig/config/team/5000"`},
		{"https://pcce.example.com/unifiedconfig/config/role/5003", "role", `is absolute, but refURLs are relative; use "/unifiedconfig/config/role/5003"`},
		{"/unifiedconfig/config/role/0", "role", "is not of the form /unifiedconfig/config/role/<id>"},
		{"/unifiedconfig/config/role/", "role", "is not of the form"},
		{"/unifiedconfig/config/role/5003/", "role", "is not of the form"},
		{"/unifiedconfig/config/role/abc", "role", "is not of the form"},
		{"unifiedconfig/config/role/5003", "role", "is not of the form"},
		{"", "role", "is not of the form"},
		{"/unifiedconfig/config/role/(ID)", "role", "is not of the form"},
	}
	for _, tt := range tests {
		got := refURLProblem(tt.v, tt.want)
		if (tt.problem == "") != (got == "") || !strings.Contains(got, tt.problem) {
			t.Errorf("refURLProblem(%q, %q) = %q, want %q", tt.v, tt.want, got, tt.problem)
		}
	}
}

// refURLType is this regular expression written out; they must agree.
var refURLForm = regexp.MustCompile(`^/unifiedconfig/config/([A-Za-z]+)/([1-9][0-9]*|\(id\))$`)

func TestRefURLTypeIsTheForm(t *testing.T) {
	parts := []string{"", "/", "/unifiedconfig", "/unifiedconfig/", "/unifiedconfig/config/", "config/", "role", "Role", "rOlE", "r0le", "ro_le",
		"é", "\xff", "/", "//", "1", "5003", "0", "05", "(id)", "(ID)", "(id", "x", " ", "\n", "?a=1"}
	check := func(v string) {
		typ, ok := refURLType(v)
		m := refURLForm.FindStringSubmatch(v)
		if ok != (m != nil) || (ok && typ != m[1]) {
			t.Errorf("refURLType(%q) = %q, %v; the form says %q", v, typ, ok, m)
		}
	}
	// Every sequence of up to four parts after the prefix, and without it.
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		check(prefix)
		check(strings.TrimPrefix(prefix, "/unifiedconfig/config/"))
		if depth == 0 {
			return
		}
		for _, p := range parts {
			walk(prefix+p, depth-1)
		}
	}
	walk("/unifiedconfig/config/", 4)
}

func TestRefURLRoles(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"Good","refURL":"/unifiedconfig/config/role/5003","administrators":[{"refURL":"/unifiedconfig/config/administrator/5002","userName":"ana"}]},
		{"name":"Bad","refURL":"/unifiedconfig/config/administrator/5004","administrators":[
			{"refURL":"/unifiedconfig/config/role/5002","userName":"ana","domainName":"EXAMPLE.COM"},
			{"userName":"bo"}
		]}
	]}`)
	expect(t, run(t, RefURL, nil, doc),
		want{pointer: "/roles/1/refURL", message: []string{`refURL "/unifiedconfig/config/administrator/5004" of role "Bad" names item type administrator where role is expected`}},
		want{pointer: "/roles/1/administrators/0/refURL", message: []string{`of the reference to administrator "ana@EXAMPLE.COM" in role "Bad"`, "use /unifiedconfig/config/administrator/<id>"}},
	)
}

func TestRefURLAdministrators(t *testing.T) {
	doc := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"administrators":[
		{"userName":"ana","refURL":"/unifiedconfig/config/administrator/5000","role":{"refURL":"/unifiedconfig/config/role/5005","name":"ConfigAdmin"},
		 "departments":[{"refURL":"/unifiedconfig/config/department/5000","name":"dept1"},{"refURL":"/unifiedconfig/config/department/(id)"}]},
		{"userName":"bo","refURL":"/unifiedconfig/config/role/5001","role":{"refURL":"/unifiedconfig/config/administrator/5005"},
		 "departments":[{"refURL":"/unifiedconfig/department/5000","name":"dept1"},{"refURL":"/unifiedconfig/config/team/5000"}]},
		{"userName":"cy","role":""}
	]}`)
	expect(t, run(t, RefURL, nil, doc),
		want{pointer: "/administrators/1/refURL", message: []string{`of administrator "bo" names item type role where administrator is expected`}},
		want{pointer: "/administrators/1/role/refURL", message: []string{`of the role reference of administrator "bo"`, "use /unifiedconfig/config/role/<id>"}},
		want{pointer: "/administrators/1/departments/0/refURL", message: []string{`the reference to department "dept1" in administrator "bo" lacks the config/ segment`}},
		want{pointer: "/administrators/1/departments/1/refURL", message: []string{`a department reference of administrator "bo" names item type team`}},
	)
}
