package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestDuplicatePermission(t *testing.T) {
	src := `[{"name":"Tier 1","permissions":[
		{"name":"team","access":"VIEW"},{"name":"queue","access":"VIEW"},{"name":"team","access":"EDIT"},
		{"name":"queue","access":"VIEW"},{"access":"VIEW"},{"access":"EDIT"}]},
		{"name":"Tier 2","permissions":[{"name":"team","access":"VIEW"}]}]`
	fs := check(t, DuplicatePermission, src, nil)
	expect(t, fs,
		result{"/0/permissions/2/name", false, 0,
			`profile "Tier 1": permission "team" is listed twice with different access (VIEW, then EDIT); keep one entry with the access it needs`},
		result{"/0/permissions/3/name", false, 0,
			`profile "Tier 1": permission "queue" is listed twice; keep one entry with the access it needs`},
	)
	if r := fs[0].Related; len(r) != 1 || r[0].Pointer != "/0/permissions/0/name" || r[0].Path != "profiles.json" {
		t.Errorf("related = %+v, want the first occurrence", r)
	}
}

func TestUnknownPermission(t *testing.T) {
	src := `{"name":"Tier 1","permissions":[
		{"name":"sites"},{"name":"site"},{"name":"Barge-In"},{"name":"crm-launch"},{"name":"zzzzzzzzzzzz"},{"name":""},{"name":3}]}`
	expect(t, check(t, UnknownPermission, src, rules.NewOptions(map[*rules.Option]any{permissionsOption: []string{"crm-launch"}})),
		result{"/permissions/0/name", false, 0, `profile "Tier 1": unknown permission "sites"; did you mean "site"?`},
		result{"/permissions/2/name", false, 0, `profile "Tier 1": unknown permission "Barge-In"; did you mean "barge-in"?`},
		result{"/permissions/4/name", false, 0,
			`profile "Tier 1": unknown permission "zzzzzzzzzzzz"; check the spelling, or add it to catalog.webex.permissions in .rbaclint.yaml if Cisco added it`},
	)
	// Without the extension the custom name is unknown too.
	if n := len(check(t, UnknownPermission, src, nil)); n != 4 {
		t.Errorf("without options: %d findings, want 4", n)
	}
}
