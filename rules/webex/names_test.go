package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func checkSet(t *testing.T, r *rules.Rule, files ...[2]string) []rules.Finding {
	t.Helper()
	var docs []*rules.Document
	for _, f := range files {
		docs = append(docs, parse(t, f[0], f[1]))
	}
	var fs []rules.Finding
	r.CheckSet(rules.NewSetPass(r, docs, nil, func(f rules.Finding) { fs = append(fs, f) }))
	return fs
}

func TestDuplicateProfileNameAcrossFiles(t *testing.T) {
	const org = `"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d"`
	fs := checkSet(t, DuplicateProfileName,
		[2]string{"a.json", `[{` + org + `,"id":"p1","name":"Tier 2"},{` + org + `,"id":"p2","name":"Tier 3"}]`},
		[2]string{"b.json", `{"organizationId":"F53C8B5446CA43F6BA0508426A46E23D","id":"p9","name":"tier 2"}`},
		[2]string{"c.json", `{"organizationId":"00000000-46ca-43f6-ba05-08426a46e23d","id":"p8","name":"Tier 2"}`},
	)
	expect(t, fs, result{"/name", false, 0,
		`profile "tier 2": another profile in the same organization is already named "Tier 2"; rename one of them (names are unique per organization, ignoring case; the API answers 409)`})
	if fs[0].Path != "b.json" || fs[0].RuleID != DuplicateProfileName.ID || fs[0].Entity != `profile "tier 2"` {
		t.Errorf("finding = %+v", fs[0])
	}
	if r := fs[0].Related; len(r) != 1 || r[0].Path != "a.json" || r[0].Pointer != "/0/name" {
		t.Errorf("related = %+v", r)
	}
}

func TestDuplicateProfileNamePerFileWithoutOrganization(t *testing.T) {
	fs := checkSet(t, DuplicateProfileName,
		[2]string{"a.json", `[{"name":"Tier 2"},{"name":"TIER 2"},{"name":""},{"name":""}]`},
		[2]string{"b.json", `{"name":"Tier 2"}`},
	)
	expect(t, fs, result{"/1/name", false, 0,
		`profile "TIER 2": another profile in this file is already named "Tier 2"; rename one of them (names are unique per organization, ignoring case; the API answers 409)`})
}

func TestDuplicateProfileNameListOrganization(t *testing.T) {
	// A list export's profiles belong to meta.orgid; the same profile
	// exported again by id is not a duplicate, a different one is.
	fs := checkSet(t, DuplicateProfileName,
		[2]string{"list.json", `{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d"},"data":[{"id":"p1","name":"Tier 2"}]}`},
		[2]string{"p1.json", `{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"p1","name":"Tier 2"}`},
		[2]string{"p2.json", `{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"p2","name":"Tier 2"}`},
		[2]string{"bulk.json", `{"items":[{"itemIdentifier":1,"requestAction":"DELETE","item":{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"p7","name":"Tier 2"}}]}`},
	)
	expect(t, fs, result{"/name", false, 0,
		`profile "Tier 2": another profile in the same organization is already named "Tier 2"; rename one of them (names are unique per organization, ignoring case; the API answers 409)`})
	if fs[0].Path != "p2.json" {
		t.Errorf("reported in %s, want p2.json", fs[0].Path)
	}
}
