package access_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

func TestMatchPrincipal(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{`CORP\secops-*`, `CORP\secops-ana`, true},
		{`CORP\secops-*`, `corp\SECOPS-`, true},
		{`CORP\secops-*`, `CORP\jdoe`, false},
		{`CORP\secops-*`, `CORPsecops-ana`, false}, // the backslash is literal, not an escape
		{`*@example.com`, `ana@example.com`, true},
		{`*@example.com`, `ana@example.com.evil`, false},
		{`a?c`, `abc`, true},
		{`a?c`, `ac`, false},
		{`*`, ``, true},
		{``, ``, true},
		{``, `x`, false},
		{`*a*b*`, `xxaxxbxx`, true},
		{`*a*b`, `xxaxxbxx`, false},
		{`SystemAdmins`, `systemadmins`, true},
	} {
		if got := access.MatchPrincipal(c.pattern, c.name); got != c.want {
			t.Errorf("MatchPrincipal(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestVocabularyOrderAndKnown(t *testing.T) {
	want := []string{"manage-users", "manage-access", "manage-admins", "org-settings", "billing",
		"recordings", "monitor", "control-agents", "api-admin", "routing"}
	if got := access.Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	if access.Known("root") {
		t.Error(`Known("root") = true`)
	}
}

// fake reads every document into grants named by the test, to check
// Collect's filtering, dedupe and order without a vendor pack.
func fake(vendor string, kind rules.Kind, grants ...access.Grant) access.Source {
	return access.Source{
		Vendor: vendor,
		Kinds:  []rules.Kind{kind},
		Grants: func(docs []*rules.Document, _ *rules.Options) []access.Grant {
			var out []access.Grant
			for _, d := range docs {
				for _, g := range grants {
					g.Via = append([]access.Link(nil), g.Via...)
					for i := range g.Via {
						g.Via[i].Path = d.Path
					}
					out = append(out, g)
				}
			}
			return out
		},
	}
}

func grant(principal string, c access.Capability, via ...string) access.Grant {
	g := access.Grant{Principal: principal, PrincipalKind: access.PrincipalUser, Capability: c}
	g.Via = append(g.Via, access.Link{Kind: "user", Name: principal})
	for _, v := range via {
		g.Via = append(g.Via, access.Link{Kind: "role key", Name: v})
	}
	return g
}

func TestCollectSortsDedupesAndFilters(t *testing.T) {
	docs := []*rules.Document{
		{Path: "b.json", Kind: rules.KindTenantUsers},
		{Path: "a.json", Kind: rules.KindTenantUsers},
		{Path: "p.xml", Kind: rules.KindPCCERoles},
	}
	src := fake("tenant", rules.KindTenantUsers,
		grant("zoe@x", access.Routing, "customer.voice.admin"),
		grant("Ana@x", access.ManageUsers, "user.admin"),
		grant("ana@x", access.ManageUsers, "other"), // same key (case-folded): dropped
		grant("bob@x", access.ManageUsers, "user.admin"),
		grant("bob@x", "root", "x"), // not in the vocabulary: dropped
	)
	got := access.Collect([]access.Source{src}, docs, nil)
	var lines []string
	for _, g := range got {
		lines = append(lines, g.Vendor+" "+g.Principal+" "+string(g.Capability)+" "+g.At().Name+" "+g.At().Path)
	}
	want := []string{
		"tenant Ana@x manage-users user.admin a.json", // a.json comes first: documents are read in path order
		"tenant bob@x manage-users user.admin a.json",
		"tenant zoe@x routing customer.voice.admin a.json",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("Collect =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if v := access.CheckedVendors([]access.Source{src, fake("cxone", rules.KindCXoneScript)}, docs); !reflect.DeepEqual(v, []string{"tenant"}) {
		t.Errorf("CheckedVendors = %v", v)
	}
}

func TestLocateUsesTheRealSourceMap(t *testing.T) {
	data := []byte("{\n  \"roles\": [\n    \"customer.user\",\n    \"user.admin\"\n  ],\n  \"email\": \"a@x\"\n}\n")
	doc, fs := source.Load("u.json", data, source.Options{})
	if doc == nil || len(fs) > 0 {
		t.Fatalf("load: %v", fs)
	}
	g := access.Grant{Principal: "a@x", Capability: access.ManageUsers, Via: []access.Link{
		{Kind: "user", Name: "a@x", Path: "u.json", Pointer: ""},
		{Kind: "role key", Name: "user.admin", Path: "u.json", Pointer: "/roles/1"},
		{Kind: "role key", Name: "gone", Path: "u.json", Pointer: "/roles/9"}, // falls back to /roles
	}}
	gs := []access.Grant{g}
	access.Locate(gs, map[string]*rules.Document{"u.json": doc})
	var got []string
	for _, l := range gs[0].Via {
		got = append(got, l.Place())
	}
	want := []string{"u.json:1:1", "u.json:4:5", "u.json:2:3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("places = %v, want %v", got, want)
	}
	if c := gs[0].Chain(true); c != "user a@x (u.json:1:1) → role key user.admin (u.json:4:5) → role key gone (u.json:2:3) → manage-users" {
		t.Errorf("Chain = %q", c)
	}
}

func TestParseMappingAndExpand(t *testing.T) {
	if _, err := access.ParseMapping([]byte(`{"rows":[{"grant":"role key","name":"x","capabilities":["root"],"source":"s"}]}`)); err == nil || !strings.Contains(err.Error(), `unknown capability "root"`) {
		t.Errorf("unknown capability: err = %v", err)
	}
	if _, err := access.ParseMapping([]byte(`{"rows":[{"grant":"role key","name":"x","capabilities":[]}]}`)); err == nil {
		t.Error("a row without a source parsed")
	}
	rows := access.MustMapping([]byte(`{"rows":[
		{"grant":"built-in role","name":"B","capabilities":["routing"],"source":"s","includes":["A"]},
		{"grant":"built-in role","name":"A","capabilities":["manage-users"],"source":"s","includes":["B"]},
		{"grant":"permission","name":"user","access":["EDIT"],"capabilities":["manage-users"],"source":"s"}
	]}`))
	var names []string
	for _, r := range access.Expand(rows, "built-in role", "b") {
		names = append(names, r.Name)
	}
	if !reflect.DeepEqual(names, []string{"B", "A"}) { // a cycle ends
		t.Errorf("Expand = %v", names)
	}
	if n := len(access.Find(rows, "permission", "USER", "edit")); n != 1 {
		t.Errorf("Find EDIT = %d rows", n)
	}
	if n := len(access.Find(rows, "permission", "user", "VIEW")); n != 0 {
		t.Errorf("Find VIEW = %d rows", n)
	}
}

func TestAllowedThroughPrincipalOrRole(t *testing.T) {
	g := access.Grant{Vendor: "pcce", Principal: `CORP\jdoe`, Capability: access.ManageAdmins, Via: []access.Link{
		{Kind: "administrator", Name: `CORP\jdoe`}, {Kind: "role", Name: "SystemAdmins"}, {Kind: "feature", Name: "administrator"},
	}}
	for _, c := range []struct {
		allow []string
		want  bool
	}{
		{[]string{`CORP\secops-*`}, false},
		{[]string{`CORP\secops-*`, "SystemAdmins"}, true},
		{[]string{`corp\j*`}, true},
		{[]string{"administrator"}, false}, // a feature is not a role
		{nil, false},
	} {
		p := &rules.AccessPolicy{Capability: "manage-admins", Allow: c.allow}
		if got := access.Allowed(p, &g); got != c.want {
			t.Errorf("Allowed(%v) = %v, want %v", c.allow, got, c.want)
		}
	}
	if access.Covers(&rules.AccessPolicy{Capability: "manage-admins", Vendors: []string{"webex"}}, &g) {
		t.Error("a webex-only policy covers a pcce grant")
	}
	if !access.Covers(&rules.AccessPolicy{Capability: "manage-admins"}, &g) {
		t.Error("an unscoped policy does not cover its capability")
	}
}
