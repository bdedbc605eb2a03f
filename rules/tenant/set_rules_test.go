package tenant

import (
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/ruletest/testdoc"
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

func TestTenantGrouping(t *testing.T) {
	noID := `{"id": "n1", "displayName": "Ed", "email": "ed@acme.example", "roles": ["customer.user"]}`
	groups := groupTenants([]*rules.Document{
		testdoc.Load(t, "", "a.json", envelope(agentAcme, noID, parentAdm)),
		testdoc.Load(t, "", "b.json", envelope(agentAcme, agentBeta, noID)),
	})
	var got []string
	for _, g := range groups {
		s := g.label() + ":"
		for _, u := range g.users {
			s += " " + u.doc.Path + u.pointer()
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

// duplicateEmails runs tenant/duplicate-email over fresh documents (a
// document keeps its members once read).
func duplicateEmails(t *testing.T, files ...string) []rules.Finding {
	t.Helper()
	var docs []*rules.Document
	for i, f := range files {
		docs = append(docs, testdoc.Load(t, "", string(rune('a'+i))+".json", f))
	}
	var out []rules.Finding
	DuplicateEmail.CheckSet(rules.NewSetPass(DuplicateEmail, docs, nil, func(f rules.Finding) { out = append(out, f) }))
	return out
}

// E-mails are compared by hash, then as text: when every e-mail has the
// same hash, or hashes that share table slots, the findings are the ones
// distinct hashes give.
func TestDuplicateEmailSurvivesHashCollisions(t *testing.T) {
	user := func(id, email string) string {
		return `{"id": "` + id + `", "displayName": "U` + id + `", "email": "` + email + `", "primaryTenant": "acme", "roles": ["customer.user"]}`
	}
	files := []string{
		envelope(user("1", "ana@acme.example"), user("2", "bo@acme.example"), user("3", "ANA@acme.example"), adminAcme),
		envelope(user("4", "cy@acme.example"), user("5", "Bo@Acme.example"), user("6", "cy@acme.example"), user("7", "ed@acme.example")),
	}
	want := duplicateEmails(t, files...)
	if len(want) != 4 {
		t.Fatalf("want 4 duplicates (ana twice, bo, cy), got %d: %v", len(want), want)
	}
	defer func(h func(string) uint64) { hashEmail = h }(hashEmail)
	for name, h := range map[string]func(string) uint64{
		"one hash":      func(string) uint64 { return 1 },
		"shared slots":  func(s string) uint64 { return emailHash(s) << 48 }, // distinct, one slot: probes
		"two hashes":    func(s string) uint64 { return uint64(len(s)%2 + 1) },
		"distinct hash": emailHash,
	} {
		hashEmail = h
		if got := duplicateEmails(t, files...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got\n%v\nwant\n%v", name, got, want)
		}
	}
}
