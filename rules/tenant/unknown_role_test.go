package tenant

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// userWith is a single valid user holding the given roles.
func userWith(roles ...string) string {
	b, _ := json.Marshal(roles)
	return fmt.Sprintf(`{"id": "u1", "displayName": "Ana", "email": "ana@example.com", "roles": %s}`, b)
}

func TestUnknownRoleSuggestions(t *testing.T) {
	tests := []struct {
		key   string
		words []string
	}{
		{"client.utilisateur.pbx", []string{`probably customer.user.pbx (a machine-translated key)`}},
		{"client.utilisateur", []string{"probably customer.user (a machine-translated key)"}},
		{"utilisateur.admin", []string{"probably user.admin ("}},
		{"client.utilisateur.superviseurl1", []string{"probably customer.user.supervisorl1 ("}},
		{"client.factables.admin", []string{"probably customer.billables.admin ("}},
		{"client.appareil.lecture seule", []string{"probably customer.device.readonly ("}},
		{"client.espace de travail.admin", []string{"probably customer.workspace.admin ("}},
		{"client.annuaires.contributeur", []string{"probably customer.directories.contributor ("}},
		{"client.voix.applications", []string{"probably customer.voice.applications ("}},
		{"pbx.agentde contrôle", []string{"probably pbx.controlagent ("}},
		{"enregistrement.observateur", []string{"probably recording.viewer ("}},
		{"client.utilisateur.uc", []string{"probably customer.user.uc ("}},
		{"customer.user.supervisorI2", []string{"probably customer.user.supervisorl2 (look-alike characters"}},
		{"customer.user.supervisor12", []string{"probably customer.user.supervisorl2 (look-alike characters"}},
		{"customer_user_uc", []string{"probably customer.user.uc (underscores instead of dots)"}},
		{"customer_user_uc_softphone", []string{"probably customer.user.uc.softphone (underscores"}},
		{" customer.user.uc ", []string{"probably customer.user.uc (surrounding spaces)"}},
		{"Customer.User.PBX", []string{"probably customer.user.pbx (different letter case)"}},
		{"customer.user.softphone", []string{"did you mean customer.user.uc.softphone?"}},
		{"customer.settingz", []string{"did you mean customer.settings?"}},
		{"totally.made.up", []string{"add it to catalog.tenant.roles in the configuration"}},
		{"account.user", []string{`reseller-level role "account.user"`, "use customer.user instead"}},
		{"branding.admin", []string{`reseller-level role "branding.admin"`, "remove it"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got := run(t, UnknownRole, nil, userWith("customer.user", "user.admin", tt.key))
			match(t, UnknownRole, got, expect{pointer: "/roles/2", words: append([]string{"user ana@example.com has "}, tt.words...)})
			if got[0].Entity != "user ana@example.com" {
				t.Errorf("entity %q", got[0].Entity)
			}
		})
	}
}

func TestUnknownRoleMessage(t *testing.T) {
	got := run(t, UnknownRole, nil, userWith("customer.user", "client.utilisateur.pbx"))
	want := `user ana@example.com has unknown role "client.utilisateur.pbx": it is probably customer.user.pbx (a machine-translated key); use that key`
	if len(got) != 1 || got[0].Message != want {
		t.Fatalf("got %+v\nwant message %q", got, want)
	}
}

func TestUnknownRoleAcceptsCatalog(t *testing.T) {
	var keys []string
	for _, r := range builtinRoles() {
		if !r.reseller() {
			keys = append(keys, r.Key)
		}
	}
	match(t, UnknownRole, run(t, UnknownRole, nil, userWith(keys...)))

	// Parent users may also hold the reseller-level roles.
	parent := `{"id": "p1", "displayName": "Reseller", "email": "ops@reseller.example", "isParent": true, "roles": ["account.user", "user.admin", "customer.admin"]}`
	match(t, UnknownRole, run(t, UnknownRole, nil, parent))

	// An empty key is left to the schema rule.
	match(t, UnknownRole, run(t, UnknownRole, nil, userWith("customer.user", "")))
}

func TestUnknownRoleCustomRoles(t *testing.T) {
	doc := userWith("customer.user", "pbx.agentcontrol")
	match(t, UnknownRole, run(t, UnknownRole, nil, doc), expect{pointer: "/roles/1", words: []string{`unknown role "pbx.agentcontrol"`}})
	opts := &rules.Options{TenantRoles: []rules.TenantRole{{Key: "pbx.agentcontrol", Name: "Agent control", Prerequisites: []string{"customer.user"}}}}
	match(t, UnknownRole, run(t, UnknownRole, opts, doc))
}

func TestUnknownRoleLocationsInEnvelope(t *testing.T) {
	doc := `{"page_size": 2, "status": "success", "data": [
		{"id": "u1", "displayName": "Ana", "email": "ana@example.com", "roles": ["customer.user"]},
		{"id": "u2", "displayName": "Bo", "roles": ["customer.user", "client.voix.admin", 7]}
	]}`
	match(t, UnknownRole, run(t, UnknownRole, nil, doc),
		expect{pointer: "/data/1/roles/1", words: []string{`user "Bo" has unknown role "client.voix.admin": it is probably customer.voice.admin`}})
}
