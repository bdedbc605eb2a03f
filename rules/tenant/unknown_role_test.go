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
	// A certain mistake (a translation, a look-alike, a near-miss of a
	// confirmed key, a reseller role) is an error; an unknown key near a
	// reconstructed one, or near nothing, may be the real key: a warning.
	const warn = rules.SeverityWarning
	tests := []struct {
		key      string
		words    []string
		severity rules.Severity
	}{
		{"client.utilisateur.pbx", []string{`probably customer.user.pbx (a machine-translated key)`}, 0},
		{"client.utilisateur", []string{"probably customer.user (a machine-translated key)"}, 0},
		{"utilisateur.admin", []string{"probably user.admin ("}, 0},
		{"client.utilisateur.superviseurl1", []string{"probably customer.user.supervisorl1 ("}, 0},
		{"client.factables.admin", []string{"probably customer.billables.admin ("}, 0},
		{"client.appareil.lecture seule", []string{"probably customer.device.readonly ("}, 0},
		{"client.espace de travail.admin", []string{"probably customer.workspace.admin ("}, 0},
		{"client.annuaires.contributeur", []string{"probably customer.directories.contributor ("}, 0},
		{"client.voix.applications", []string{"probably customer.voice.applications ("}, 0},
		{"pbx.agentde contrôle", []string{"probably pbx.controlagent ("}, 0},
		{"enregistrement.observateur", []string{"probably recording.viewer ("}, 0},
		{"client.utilisateur.uc", []string{"probably customer.user.uc ("}, 0},
		{"customer.user.supervisorI2", []string{"probably customer.user.supervisorl2 (look-alike characters"}, 0},
		{"customer.user.supervisor12", []string{"probably customer.user.supervisorl2 (look-alike characters"}, 0},
		{"customer_user_uc", []string{"probably customer.user.uc (underscores instead of dots)"}, 0},
		{"customer_user_uc_softphone", []string{"probably customer.user.uc.softphone (underscores"}, 0},
		{" customer.user.uc ", []string{"probably customer.user.uc (surrounding spaces)"}, 0},
		{"Customer.User.PBX", []string{"probably customer.user.pbx (different letter case)"}, 0},
		{"customer.user.softphone", []string{"did you mean customer.user.uc.softphone?"}, 0},
		{"customer.settingz", []string{"did you mean customer.settings?"}, 0},
		{"customer.devices.readonly", []string{"did you mean customer.device.readonly?"}, warn},
		{"admin.user", []string{"did you mean user.admin?"}, warn},
		{"totally.made.up", []string{"add it to catalog.tenant.roles in the configuration"}, warn},
		{"account.user", []string{`reseller-level role "account.user"`, "use customer.user instead"}, 0},
		{"branding.admin", []string{`reseller-level role "branding.admin"`, "remove it"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got := run(t, UnknownRole, nil, userWith("customer.user", "user.admin", tt.key))
			match(t, UnknownRole, got, expect{pointer: "/roles/2", words: append([]string{"user ana@example.com has "}, tt.words...), severity: tt.severity})
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
	match(t, UnknownRole, run(t, UnknownRole, nil, doc), expect{pointer: "/roles/1", words: []string{`unknown role "pbx.agentcontrol"`}, severity: rules.SeverityWarning})
	opts := rolesOptions(map[string]any{"key": "pbx.agentcontrol", "name": "Agent control", "prerequisites": []any{"customer.user"}})
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
