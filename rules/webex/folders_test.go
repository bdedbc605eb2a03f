package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestFolderConflict(t *testing.T) {
	src := `{"name":"Tier 1",
		"editableFolderIds":[5,2],
		"viewableFolderIds":[1,2,3],
		"nonViewableFolderIds":[9,1,2,"x"]}`
	fs := check(t, FolderConflict, src, nil)
	expect(t, fs,
		result{"/nonViewableFolderIds/1", false, 0,
			`profile "Tier 1": reporting folder 1 is in nonViewableFolderIds and also in viewableFolderIds; remove it from the lists that do not match the access it should have`},
		result{"/nonViewableFolderIds/2", false, 0,
			`profile "Tier 1": reporting folder 2 is in nonViewableFolderIds and also in viewableFolderIds and editableFolderIds; remove it from the lists that do not match the access it should have`},
	)
	if r := fs[1].Related; len(r) != 2 || r[0].Pointer != "/viewableFolderIds/1" || r[1].Pointer != "/editableFolderIds/1" {
		t.Errorf("related = %+v", r)
	}
}

func TestFolderViewableAndEditableIsNote(t *testing.T) {
	src := `{"name":"Tier 1","editableFolderIds":[4,7],"viewableFolderIds":[3,7],"nonViewableFolderIds":[8]}`
	fs := check(t, FolderConflict, src, nil)
	expect(t, fs,
		result{"/viewableFolderIds/1", false, rules.SeverityNote,
			`profile "Tier 1": reporting folder 7 is in both viewableFolderIds and editableFolderIds; editable implies viewable, so remove it from viewableFolderIds`})
	if r := fs[0].Related; len(r) != 1 || r[0].Pointer != "/editableFolderIds/1" {
		t.Errorf("related = %+v", r)
	}
	expect(t, check(t, FolderConflict, `{"name":"Clean","editableFolderIds":[4],"viewableFolderIds":[3],"nonViewableFolderIds":[8]}`, nil))
}
