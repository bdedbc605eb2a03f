package tenant

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestMissingPrerequisite(t *testing.T) {
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, nil, userWith("customer.user", "customer.user.uc.softphone")),
		expect{pointer: "/roles/1", words: []string{"user ana@example.com has customer.user.uc.softphone without its prerequisite customer.user.uc: add customer.user.uc"}})
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, nil, userWith("customer.workspace.admin")),
		expect{pointer: "/roles/0", words: []string{"customer.workspace.admin without its prerequisites customer.user and customer.settings: add them"}})
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, nil, userWith("customer.user.pbx.realtime", "customer.user.acd", "customer.user.supervisorl1")),
		expect{pointer: "/roles/0", words: []string{"customer.user.pbx.realtime without its prerequisite customer.user.pbx"}},
		expect{pointer: "/roles/1", words: []string{"customer.user.acd without its prerequisite customer.user.pbx"}},
		expect{pointer: "/roles/2", words: []string{"customer.user.supervisorl1 without its prerequisite customer.user"}})
	// A repeated role is reported once (duplicate-role reports the repeat).
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, nil, userWith("customer.user", "customer.user.uc.remote", "customer.user.uc.remote")),
		expect{pointer: "/roles/1", words: []string{"customer.user.uc.remote without its prerequisite customer.user.uc"}})
}

func TestMissingPrerequisiteSatisfied(t *testing.T) {
	for name, doc := range map[string]string{
		"order does not matter":        userWith("customer.user.uc.softphone", "customer.user.uc", "customer.user"),
		"workspace admin":              userWith("customer.settings", "customer.workspace.admin", "customer.user"),
		"no prerequisites":             userWith("customer.user.pbx", "customer.user.microsoftteams"),
		"admin left to portal rule":    userWith("user.admin"),
		"UK variant stands in for pbx": userWith("customer.user.uc.essential", "customer.user.pbx.realtime"),
		"translated prerequisite":      userWith("client.utilisateur", "customer.settings"),
		"unknown roles are skipped":    userWith("client.utilisateur.uc.softphone"),
		"parent with account.user":     `{"email": "ops@reseller.example", "isParent": true, "roles": ["account.user", "webhooks.admin"]}`,
		"no roles":                     `{"email": "ana@example.com", "displayName": "Ana"}`,
		"roles not an array":           `{"email": "ana@example.com", "roles": "customer.user.uc"}`,
	} {
		t.Run(name, func(t *testing.T) { match(t, MissingPrerequisite, run(t, MissingPrerequisite, nil, doc)) })
	}
}

func TestMissingPrerequisiteCustomRoles(t *testing.T) {
	opts := rolesOptions(
		map[string]any{"key": "acme.wallboard", "prerequisites": []any{"customer.user.supervisorl3"}},
		map[string]any{"key": "customer.user.crm", "prerequisites": []any{"customer.user.uc"}}, // overrides the built-in entry
	)
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, opts, userWith("customer.user", "acme.wallboard", "customer.user.crm")),
		expect{pointer: "/roles/1", words: []string{"acme.wallboard without its prerequisite customer.user.supervisorl3"}},
		expect{pointer: "/roles/2", words: []string{"customer.user.crm without its prerequisite customer.user.uc"}})
	match(t, MissingPrerequisite, run(t, MissingPrerequisite, opts, userWith("customer.user", "customer.user.supervisorl3", "acme.wallboard")))
}

func TestSupervisorLevelsExclusive(t *testing.T) {
	got := run(t, SupervisorLevelsExclusive, nil, userWith("customer.user", "customer.user.supervisorl3", "customer.user.supervisorl1", "customer.user.supervisorl5", "customer.user.supervisorl1"))
	match(t, SupervisorLevelsExclusive, got,
		expect{pointer: "/roles/1", words: []string{"user ana@example.com has supervisor levels customer.user.supervisorl3 and customer.user.supervisorl5, which are exclusive: keep customer.user.supervisorl5", "remove customer.user.supervisorl3"}},
		expect{pointer: "/roles/2", words: []string{"keep customer.user.supervisorl5", "remove customer.user.supervisorl1"}})
	for name, doc := range map[string]string{
		"one level":          userWith("customer.user", "customer.user.supervisorl4"),
		"same level twice":   userWith("customer.user", "customer.user.supervisorl2", "customer.user.supervisorl2"),
		"misspelt 2nd level": userWith("customer.user", "customer.user.supervisorl2", "customer.user.supervisorI3"),
	} {
		t.Run(name, func(t *testing.T) { match(t, SupervisorLevelsExclusive, run(t, SupervisorLevelsExclusive, nil, doc)) })
	}
}

func TestAdminWithoutPortal(t *testing.T) {
	match(t, AdminWithoutPortal, run(t, AdminWithoutPortal, nil, userWith("customer.user.pbx", "user.admin")),
		expect{pointer: "/roles/1", words: []string{"user ana@example.com has user.admin without customer.user", "cannot log in", "add customer.user"}})
	for name, doc := range map[string]string{
		"with portal":         userWith("user.admin", "customer.user"),
		"no admin":            userWith("customer.user.pbx"),
		"translated portal":   userWith("user.admin", "client.utilisateur"),
		"parent account user": `{"email": "ops@reseller.example", "isParent": true, "roles": ["account.user", "user.admin"]}`,
	} {
		t.Run(name, func(t *testing.T) { match(t, AdminWithoutPortal, run(t, AdminWithoutPortal, nil, doc)) })
	}
}

func TestDuplicateRole(t *testing.T) {
	got := run(t, DuplicateRole, nil, userWith("customer.user", "customer.user.uc", "customer.user", "customer.user"))
	match(t, DuplicateRole, got,
		expect{pointer: "/roles/2", words: []string{`user ana@example.com has role "customer.user" twice: remove the repeated entry`}},
		expect{pointer: "/roles/3", words: []string{`role "customer.user" twice`}})
	for _, f := range got {
		if len(f.Related) != 1 || f.Related[0].Pointer != "/roles/0" || f.Related[0].Path != "users.json" {
			t.Errorf("related %+v, want the first occurrence /roles/0", f.Related)
		}
	}
	// Keys differing in case are different keys (unknown-role reports the odd one).
	match(t, DuplicateRole, run(t, DuplicateRole, nil, userWith("customer.user", "Customer.User")))
}

func TestUKEssentialRole(t *testing.T) {
	doc := userWith("customer.user", "customer.user.pbx", "customer.user.pbx.realtime", "customer.user.pbx")
	match(t, UKEssentialRole, run(t, UKEssentialRole, nil, doc))
	match(t, UKEssentialRole, run(t, UKEssentialRole, rules.NewOptions(map[*rules.Option]any{regionOption: "us"}), doc))
	match(t, UKEssentialRole, run(t, UKEssentialRole, rules.NewOptions(map[*rules.Option]any{regionOption: "UK"}), doc),
		expect{pointer: "/roles/1", words: []string{"user ana@example.com has customer.user.pbx, but UK tenants use customer.user.uc.essential instead: replace it"}})
	match(t, UKEssentialRole, run(t, UKEssentialRole, rules.NewOptions(map[*rules.Option]any{regionOption: "uk"}), userWith("customer.user", "customer.user.uc.essential")))
}
