package pcce

import (
	"regexp"
	"strings"
	"testing"
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
