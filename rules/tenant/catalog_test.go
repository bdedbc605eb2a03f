package tenant

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestCatalogData(t *testing.T) {
	cat := catalogFor(nil)
	groups := map[string]bool{"user-access": true, "supervisor": true, "permission": true, "client": true, "reseller": true}
	ranks := map[int]string{}
	for _, r := range builtinRoles() {
		if cat.roles[r.Key] != r {
			t.Errorf("%s: listed twice", r.Key)
		}
		if !groups[r.Group] || r.Name == "" || r.Source == "" {
			t.Errorf("%s: group %q, name %q, source %q", r.Key, r.Group, r.Name, r.Source)
		}
		if r.Status != "confirmed" && r.Status != "reconstructed" {
			t.Errorf("%s: status %q", r.Key, r.Status)
		}
		for _, k := range append(append([]string{}, r.Prerequisites...), r.StandsFor...) {
			if _, ok := cat.roles[k]; !ok {
				t.Errorf("%s: names %s, which is not in the catalog", r.Key, k)
			}
		}
		if (r.Group == "supervisor") != (r.Exclusive == "supervisor") {
			t.Errorf("%s: supervisor roles, and only they, are exclusive", r.Key)
		}
		if r.Exclusive != "" {
			if prev, dup := ranks[r.Rank]; dup || r.Rank < 1 {
				t.Errorf("%s: rank %d (also %s)", r.Key, r.Rank, prev)
			}
			ranks[r.Rank] = r.Key
		}
		if (r.Group == "user-access" || r.Group == "supervisor") != r.Chargeable {
			t.Errorf("%s: only user-access and supervisor roles are known to be chargeable", r.Key)
		}
		// Every catalog key must be reachable from its own folded form,
		// or look-alike suggestions could pick the wrong key.
		if cat.folded[fold(r.Key)] != r.Key {
			t.Errorf("%s: folded form %q is ambiguous", r.Key, fold(r.Key))
		}
	}
	if len(ranks) != 5 {
		t.Errorf("supervisor ladder has %d levels, want 5", len(ranks))
	}
}

// Every French role key of seed 004 must translate back to a catalog key.
func TestTranslationsCoverSeed(t *testing.T) {
	cat := catalogFor(nil)
	for fr, en := range map[string]string{
		"client.utilisateur.pbx":            "customer.user.pbx",
		"client.utilisateur.acd":            "customer.user.acd",
		"client.utilisateur.microsoftteams": "customer.user.microsoftteams",
		"client.utilisateur.superviseurl4":  "customer.user.supervisorl4",
		"client.utilisateur.superviseurl5":  "customer.user.supervisorl5",
		"client.appareil.admin":             "customer.device.admin",
		"client.voix.admin":                 "customer.voice.admin",
		"client.utilisateur.crm":            "customer.user.crm",
		"pbx.agent de contrôle":             "pbx.controlagent",
	} {
		c, ok := cat.correct(fr, false)
		if !ok || c.key != en || !c.certain {
			t.Errorf("%s → %+v, want %s", fr, c, en)
		}
	}
	for k, en := range segments() {
		if k != fold(k) || en == "" {
			t.Errorf("segment %q → %q", k, en)
		}
	}
}

func TestCustomRoleOverride(t *testing.T) {
	cat := catalogFor(rolesOptions(
		map[string]any{"key": "customer.user.supervisorl2", "name": "Analytics"},
		map[string]any{"key": ""},
	))
	r := cat.roles["customer.user.supervisorl2"]
	if r.Name != "Analytics" || len(r.Prerequisites) != 0 || r.Exclusive != "supervisor" || r.Rank != 2 {
		t.Errorf("override = %+v: want the new name and prerequisites, the ladder kept", r)
	}
	if builtin := catalogFor(nil).roles["customer.user.supervisorl2"]; len(builtin.Prerequisites) != 1 {
		t.Errorf("the override leaked into the built-in catalog: %+v", builtin)
	}
	if _, ok := cat.roles[""]; ok {
		t.Error("an empty custom key was added")
	}
}

// rolesOptions configures catalog.tenant.roles as the configuration's data
// model holds it.
func rolesOptions(roles ...map[string]any) *rules.Options {
	records := make([]any, len(roles))
	for i, r := range roles {
		records[i] = r
	}
	return rules.NewOptions(map[*rules.Option]any{rolesOption: records})
}
