package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestDefaultCollectionUnknown(t *testing.T) {
	src := `[
		{"name":"Stale","defaultResourceCollectionId":"c9",
		 "resourceCollections":[{"id":"c1","name":"Claims"},{"id":"c2","name":"Billing"}]},
		{"name":"No ids","defaultResourceCollectionId":"c9","resourceCollections":[{"name":"Claims"}]},
		{"name":"One","defaultResourceCollectionId":"c9","resourceCollections":[{"name":"Claims","id":"c1"}]},
		{"name":"Fine","defaultResourceCollectionId":"c2","resourceCollections":[{"id":"c1"},{"id":"c2"}]},
		{"name":"No collections","defaultResourceCollectionId":"c2"}]`
	expect(t, check(t, DefaultCollectionUnknown, src, nil),
		result{"/0/defaultResourceCollectionId", false, 0,
			`profile "Stale": defaultResourceCollectionId "c9" is not the id of any of its resourceCollections; use one of "c1", "c2"`},
		result{"/1/defaultResourceCollectionId", false, 0,
			`profile "No ids": defaultResourceCollectionId "c9" is not the id of any of its resourceCollections; set it to the id of one of the profile's resource collections`},
		result{"/2/defaultResourceCollectionId", false, 0,
			`profile "One": defaultResourceCollectionId "c9" is not the id of any of its resourceCollections; use "c1"`},
	)
}

func TestUnknownResourceType(t *testing.T) {
	src := `{"name":"Claims","resourceCollections":[
		{"name":"Claims","resources":[{"name":"team"},{"name":"teams"},{"name":"wallboard"},{"name":"crm-widget"}]}]}`
	expect(t, check(t, UnknownResourceType, src, rules.NewOptions(map[*rules.Option]any{resourceTypesOption: []string{"crm-widget"}})),
		result{"/resourceCollections/0/resources/1/name", false, 0,
			`profile "Claims": collection "Claims" has unknown resource type "teams"; did you mean "team"?`},
		result{"/resourceCollections/0/resources/2/name", false, 0,
			`profile "Claims": collection "Claims" has unknown resource type "wallboard"; check the spelling, or add it to catalog.webex.resourceTypes in .rbaclint.yaml if Cisco added it`},
	)
}

func TestDuplicateResourceType(t *testing.T) {
	src := `{"name":"Claims","resourceCollections":[
		{"name":"Claims","resources":[{"name":"team","accessLevel":"SPECIFIC","ids":["t1"]},{"name":"queue","accessLevel":"ALL"},{"name":"team","accessLevel":"ALL"}]},
		{"resources":[{"name":"queue","accessLevel":"ALL"},{"name":"queue","accessLevel":"ALL"}]}]}`
	fs := check(t, DuplicateResourceType, src, nil)
	expect(t, fs,
		result{"/resourceCollections/0/resources/2/name", false, 0,
			`profile "Claims": collection "Claims" lists resource type "team" twice with different accessLevel (SPECIFIC, then ALL); merge them into one entry`},
		result{"/resourceCollections/1/resources/1/name", false, 0,
			`profile "Claims": collection #2 lists resource type "queue" twice; merge them into one entry`},
	)
	if r := fs[0].Related; len(r) != 1 || r[0].Pointer != "/resourceCollections/0/resources/0/name" {
		t.Errorf("related = %+v, want the first entry", r)
	}
}

func TestResourceIDs(t *testing.T) {
	src := `{"name":"Claims","resourceCollections":[{"name":"Claims","resources":[
		{"name":"team","accessLevel":"SPECIFIC","ids":["t1","t2"]},
		{"name":"queue","accessLevel":"SPECIFIC"},
		{"name":"site","accessLevel":"SPECIFIC","ids":[]},
		{"name":"flow","accessLevel":"ALL","ids":["f1"]},
		{"name":"desktop-layout","accessLevel":"NONE"},
		{"name":"desktop-profile","accessLevel":"ALL"}]}]}`
	expect(t, check(t, ResourceIDs, src, nil),
		result{"/resourceCollections/0/resources/1/accessLevel", false, 0,
			`profile "Claims": resource "queue" in collection "Claims" has accessLevel SPECIFIC but no ids; list the ids it grants, or use NONE`},
		result{"/resourceCollections/0/resources/2/accessLevel", false, 0,
			`profile "Claims": resource "site" in collection "Claims" has accessLevel SPECIFIC but no ids; list the ids it grants, or use NONE`},
		result{"/resourceCollections/0/resources/3/ids", true, rules.SeverityWarning,
			`profile "Claims": resource "flow" in collection "Claims" has ids, which accessLevel ALL ignores; remove them, or set accessLevel to SPECIFIC`},
	)
}
