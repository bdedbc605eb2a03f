package webex

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// DuplicateProfileName reports two profiles of one organization with the
// same name.
var DuplicateProfileName = &rules.Rule{
	ID:              "webex/duplicate-profile-name",
	Title:           "Two profiles of one organization have the same name",
	Doc:             doc("duplicate-profile-name"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkDuplicateProfileName,
	Facts:           []string{"name", "organizationId", "id"}, // and profile.label's
}

// named is the first profile seen with a name in a group; its pointer is
// built only when a duplicate is reported.
type named struct {
	path string
	p    profile
	id   string
	name string
}

func checkDuplicateProfileName(pass *rules.SetPass) {
	first := map[string]named{}
	scopes := map[string]string{} // organizationId → its scope: a few organizations, many profiles
	for _, doc := range pass.Docs {
		fallback := "file " + doc.Path
		if org := listOrganization(doc); org != "" {
			fallback = "org " + org
		}
		for _, p := range profiles(doc) {
			name, _ := p.obj.Get("name").Str()
			if name == "" {
				continue
			}
			scope := fallback
			if org, _ := p.obj.Get("organizationId").Str(); org != "" {
				s, ok := scopes[org]
				if !ok {
					s = "org " + normalizeUUID(org)
					scopes[org] = s
				}
				scope = s
			}
			id, _ := p.obj.Get("id").Str()
			key := scope + "\x00" + strings.ToLower(name)
			prev, dup := rules.Repeat(first, key, named{path: doc.Path, p: p, id: id, name: name})
			if !dup {
				continue
			}
			if id != "" && id == prev.id {
				continue // the same profile exported twice, say by list and by id
			}
			where := "in the same organization"
			if strings.HasPrefix(scope, "file ") {
				where = "in this file"
			}
			pass.Report(rules.Finding{
				Path:    doc.Path,
				Pointer: p.at("name"),
				Entity:  p.label(),
				Message: p.label() + ": another profile " + where + " is already named " + strconv.Quote(prev.name) +
					"; rename one of them (names are unique per organization, ignoring case; the API answers 409)",
				Related: []rules.Related{{Path: prev.path, Pointer: prev.p.at("name"), Message: "first profile with this name"}},
			})
		}
	}
}

// listOrganization returns the organization a list envelope's meta names,
// which holds for profiles that omit organizationId.
func listOrganization(doc *rules.Document) string {
	if doc.Shape != rules.ShapeList {
		return ""
	}
	org, _ := doc.Data.Get("meta").Get("orgid").Str()
	return normalizeUUID(org)
}

// normalizeUUID folds case and the optional hyphens the schema allows.
func normalizeUUID(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "-", ""))
}
