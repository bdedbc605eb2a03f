package tenant

import (
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
