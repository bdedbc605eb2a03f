package webex

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

const (
	editableFolders    = "editableFolderIds"
	viewableFolders    = "viewableFolderIds"
	nonViewableFolders = "nonViewableFolderIds"
)

// folderIndex maps each folder id of one list to its first position. A
// rule keeps one per list and refills it for every profile, so that the
// profiles of a big export do not each allocate three maps.
type folderIndex struct {
	key   string
	ids   []string // in document order, without repeats
	first map[string]int
}

// fill indexes p's list.
func (ix *folderIndex) fill(p profile) {
	ix.ids, ix.first = ix.ids[:0], rules.ReuseMap(ix.first)
	for i, v := range p.obj.Get(ix.key).Elems() {
		id, ok := integerKey(v)
		if !ok {
			continue
		}
		if _, seen := ix.first[id]; !seen {
			ix.first[id] = i
			ix.ids = append(ix.ids, id)
		}
	}
}

// FolderConflict reports reporting folders listed as restricted and as
// accessible at once.
var FolderConflict = &rules.Rule{
	ID:              "webex/folder-conflict",
	Title:           "A reporting folder is both restricted and accessible",
	Doc:             doc("folder-conflict"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkFolderConflict,
}

func checkFolderConflict(pass *rules.Pass) {
	editable := &folderIndex{key: editableFolders}
	viewable := &folderIndex{key: viewableFolders}
	hidden := &folderIndex{key: nonViewableFolders}
	for _, p := range profiles(pass.Doc) {
		editable.fill(p)
		viewable.fill(p)
		hidden.fill(p)
		for _, id := range hidden.ids {
			var lists []string
			var related []rules.Related
			for _, other := range []*folderIndex{viewable, editable} {
				if i, ok := other.first[id]; ok {
					lists = append(lists, other.key)
					related = append(related, rules.Related{Path: pass.Doc.Path, Pointer: p.at(other.key, i), Message: "also listed in " + other.key})
				}
			}
			if lists == nil {
				continue
			}
			pass.Report(rules.Finding{
				Pointer: p.at(nonViewableFolders, hidden.first[id]),
				Entity:  p.label(),
				Message: p.label() + ": reporting folder " + id + " is in " + nonViewableFolders + " and also in " +
					strings.Join(lists, " and ") + "; remove it from the lists that do not match the access it should have",
				Related: related,
			})
		}
		for _, id := range viewable.ids {
			e, ok := editable.first[id]
			if _, restricted := hidden.first[id]; !ok || restricted {
				continue
			}
			pass.Report(rules.Finding{
				Pointer:  p.at(viewableFolders, viewable.first[id]),
				Severity: rules.SeverityNote,
				Entity:   p.label(),
				Message: p.label() + ": reporting folder " + id + " is in both " + viewableFolders + " and " + editableFolders +
					"; editable implies viewable, so remove it from " + viewableFolders,
				Related: []rules.Related{{Path: pass.Doc.Path, Pointer: p.at(editableFolders, e), Message: "listed as editable"}},
			})
		}
	}
}
