package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestBulkRequest(t *testing.T) {
	src := `{"items":[
		{"itemIdentifier":1,"requestAction":"SAVE","item":{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","name":"Tier 1"}},
		{"itemIdentifier":2,"requestAction":"UPDATE","item":{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","name":"Tier 2"}},
		{"itemIdentifier":1,"requestAction":"delete","item":{"id":"p3","name":"Tier 3"}},
		{"itemIdentifier":4,"requestAction":"DELETE","item":{"name":"Tier 4"}},
		{"itemIdentifier":5,"requestAction":"DELETE","item":{"id":"p5"}},
		{"itemIdentifier":6,"requestAction":"SAVE","item":{"name":"Tier 6"}},
		{"itemIdentifier":7,"item":{"name":"Tier 7"}},
		{"itemIdentifier":8,"requestAction":"DELETE"}]}`
	fs := check(t, BulkRequest, src, nil)
	expect(t, fs,
		result{"/items/1/requestAction", false, 0,
			`profile "Tier 2": requestAction "UPDATE" is not SAVE or DELETE; use SAVE to create or update the profile, or DELETE to remove it`},
		result{"/items/2/itemIdentifier", false, 0,
			`profile "Tier 3": itemIdentifier 1 is already used by bulk item #1; give every item a unique itemIdentifier`},
		result{"/items/2/requestAction", false, 0,
			`profile "Tier 3": requestAction "delete" is not SAVE or DELETE; did you mean "DELETE"? actions are upper case`},
		result{"/items/3/requestAction", false, rules.SeverityWarning,
			`profile "Tier 4": requestAction is DELETE but the item has no id; add the id of the profile to delete`},
		result{"/items/5/requestAction", false, 0,
			`profile "Tier 6": organizationId is missing; bulk saves need the organization id on every item`},
		result{"/items/6/item", true, 0,
			`profile "Tier 7": organizationId is missing; bulk saves need the organization id on every item`},
		result{"/items/7/requestAction", false, rules.SeverityWarning,
			`bulk item #8: requestAction is DELETE but the item has no id; add the id of the profile to delete`},
	)
	if r := fs[1].Related; len(r) != 1 || r[0].Pointer != "/items/0/itemIdentifier" {
		t.Errorf("related = %+v", r)
	}
}

func TestBulkRequestOnlyInBulkShape(t *testing.T) {
	// A bare profile has no requestAction or organizationId to check.
	expect(t, check(t, BulkRequest, `{"name":"Tier 1","items":"not a bulk request"}`, nil))
	expect(t, check(t, BulkRequest, `[{"name":"Tier 1"}]`, nil))
}
