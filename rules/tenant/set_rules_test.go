package tenant

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

const (
	adminAcme = `{"id": "a1", "displayName": "Ana", "email": "ana@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "user.admin"]}`
	agentAcme = `{"id": "a2", "displayName": "Bo", "email": "bo@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.pbx"]}`
	agentBeta = `{"id": "b1", "displayName": "Cy", "email": "cy@beta.example", "primaryTenant": "beta", "roles": ["customer.user", "customer.user.pbx"]}`
	parentAdm = `{"id": "p1", "displayName": "Reseller", "email": "ops@reseller.example", "primaryTenant": "reseller", "isParent": true, "roles": ["customer.user", "user.admin"]}`
)

func envelope(users ...string) string {
	s := `{"page_size": 50, "status": "success", "timestamp": "2025-01-01T00:00:00Z", "data": [`
	for i, u := range users {
		if i > 0 {
			s += ","
		}
		s += u
	}
	return s + "]}"
}

func TestUserAdminRequired(t *testing.T) {
	// Two tenants in one file: only beta lacks an admin.
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", envelope(adminAcme, agentAcme, agentBeta)),
		expect{pointer: "/data", words: []string{`no user admin in tenant "beta": no user holds both user.admin and customer.user`, `"there must be at least one user admin"`, "give one user both roles"}})

	// One tenant over two files: the admin in the second file counts; without
	// it, one finding in the first file.
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "a.json", "["+agentAcme+"]", "b.json", adminAcme))
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "a.json", "["+agentAcme+"]", "b.json", envelope(agentAcme)),
		expect{path: "a.json", pointer: "", words: []string{`tenant "acme"`}})

	// No primaryTenant: the file is the tenant; a parent admin does not count.
	noTenant := `{"id": "x1", "displayName": "Di", "email": "di@example.com", "roles": ["customer.user", "user.admin", "customer.user.pbx"]}`
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", envelope(parentAdm, agentAcme)),
		expect{pointer: "/data", words: []string{`tenant "acme"`, "(parent users do not count)"}})
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", `[{"email": "di@example.com", "roles": ["customer.user"]}]`),
		expect{pointer: "", words: []string{"no user admin in this file:"}})
	// A bare single-user file (one user per file, as pre-commit passes only
	// the changed ones) does not speak for its tenant.
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", `{"email": "di@example.com", "roles": ["customer.user"]}`))
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "a.json", agentAcme, "b.json", agentAcme))
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", noTenant))

	// A file of parent users only is not judged.
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json", envelope(parentAdm)))
	// A translated admin key counts: unknown-role reports it, once.
	match(t, UserAdminRequired, runSet(t, UserAdminRequired, nil, "users.json",
		`{"email": "di@example.com", "primaryTenant": "acme", "roles": ["client.utilisateur", "utilisateur.admin"]}`))
}

func TestTenantGrouping(t *testing.T) {
	noID := `{"id": "n1", "displayName": "Ed", "email": "ed@acme.example", "roles": ["customer.user"]}`
	groups := groupTenants([]*rules.Document{
		parseDoc(t, "a.json", envelope(agentAcme, noID, parentAdm)),
		parseDoc(t, "b.json", envelope(agentAcme, agentBeta, noID)),
	})
	var got []string
	for _, g := range groups {
		s := g.label() + ":"
		for _, u := range g.users {
			s += " " + u.doc.Path + u.pointer
		}
		got = append(got, s)
	}
	want := []string{
		`tenant "acme": a.json/data/0 a.json/data/1 a.json/data/2 b.json/data/0`,
		`tenant "beta": b.json/data/1`,
		`the users of this file: b.json/data/2`,
	}
	if len(got) != len(want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("group %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestDuplicateEmail(t *testing.T) {
	again := `{"id": "a9", "displayName": "Ana again", "email": "ANA@Acme.Example ", "primaryTenant": "acme", "roles": ["customer.user"]}`
	got := runSet(t, DuplicateEmail, nil, "a.json", envelope(adminAcme, agentAcme), "b.json", "["+again+"]")
	match(t, DuplicateEmail, got,
		expect{path: "b.json", pointer: "/0/email", words: []string{`user ANA@Acme.Example has the same e-mail as user "Ana" (compared ignoring case)`, "change one of them"}})
	if r := got[0].Related; len(r) != 1 || r[0].Path != "a.json" || r[0].Pointer != "/data/0/email" {
		t.Errorf("related %+v, want a.json /data/0/email", r)
	}
	if got[0].Entity != "user ANA@Acme.Example" {
		t.Errorf("entity %q", got[0].Entity)
	}

	// The same e-mail in two tenants is fine; so are users without e-mail.
	otherTenant := `{"id": "b7", "displayName": "Ana", "email": "ana@acme.example", "primaryTenant": "beta", "roles": ["customer.user"]}`
	match(t, DuplicateEmail, runSet(t, DuplicateEmail, nil, "users.json", envelope(adminAcme, otherTenant, `{"displayName": "X"}`, `{"displayName": "Y"}`)))
}

func TestRealtimeAutoAssign(t *testing.T) {
	sup := `{"id": "s1", "displayName": "Sue", "email": "sue@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.pbx", "customer.user.supervisorl4"]}`
	rt := `{"id": "r1", "displayName": "Rae", "email": "rae@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.pbx", "customer.user.pbx.realtime"]}`
	got := runSet(t, RealtimeAutoAssign, nil, "a.json", envelope(adminAcme, agentAcme, rt), "b.json", "["+sup+"]")
	match(t, RealtimeAutoAssign, got,
		expect{path: "b.json", pointer: "/0/roles/2", words: []string{`user sue@acme.example holds customer.user.supervisorl4, so 2 users of tenant "acme" holding customer.user.pbx will get customer.user.pbx.realtime automatically`, "chargeable"}})
	if r := got[0].Related; len(r) != 2 || r[0].Pointer != "/data/1" || r[1].Path != "b.json" || r[1].Pointer != "/0" {
		t.Errorf("related %+v, want the two users without the add-on", r)
	}
	if got[0].Entity != `tenant "acme"` {
		t.Errorf("entity %q", got[0].Entity)
	}

	hi := `{"id": "s4", "email": "hi@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.supervisorl5"]}`
	low := `{"id": "s2", "email": "lo@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.supervisorl2"]}`
	for name, files := range map[string][]string{
		"level 2 only":          {"a.json", envelope(adminAcme, agentAcme, low)},
		"everyone has realtime": {"a.json", envelope(rt), "b.json", `[` + `{"id": "s3", "email": "s3@acme.example", "primaryTenant": "acme", "roles": ["customer.user", "customer.user.supervisorl3"]}` + `]`},
		"other tenant":          {"a.json", envelope(agentBeta), "b.json", "[" + low + "," + hi + "]"},
	} {
		t.Run(name, func(t *testing.T) {
			match(t, RealtimeAutoAssign, runSet(t, RealtimeAutoAssign, nil, files...))
		})
	}

	// One user left, in a file without primaryTenant.
	one := `[{"email": "sup@example.com", "roles": ["customer.user", "customer.user.supervisorl3"]}, {"email": "ag@example.com", "roles": ["customer.user.pbx"]}]`
	match(t, RealtimeAutoAssign, runSet(t, RealtimeAutoAssign, nil, "users.json", one),
		expect{pointer: "/0/roles/1", words: []string{"so 1 user of this file holding customer.user.pbx"}})
}
