package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// DuplicateRoleName reports two roles with the same name across the run.
var DuplicateRoleName = &rules.Rule{
	ID:              "pcce/duplicate-role-name",
	Title:           "Two roles have the same name (case-insensitive)",
	Doc:             doc("duplicate-role-name"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkDuplicateRoleName,
	Facts:           []string{"name", "refURL"}, // and roleLabel's
}

// namedRole is a role seen by name; the pointer to its name is built only
// for a finding.
type namedRole struct {
	path, rolePointer, name, refURL string
}

func (r namedRole) pointer() string { return rules.PointerJoin(r.rolePointer, "name") }

func checkDuplicateRoleName(pass *rules.SetPass) {
	docs := docsOfKind(pass.Docs, rules.KindPCCERoles)
	n := 0
	for _, doc := range docs {
		n += len(doc.Entities)
	}
	// By lower-case name: the first role, and the later ones in run order.
	// Most names are unique, so the later ones get a map of their own
	// rather than a slice per name.
	firsts := make(map[string]namedRole, n)
	later := map[string][]namedRole{}
	for _, doc := range docs {
		for _, e := range doc.Entities {
			name, _ := e.Data.Get("name").Str()
			if name == "" {
				continue
			}
			ref, _ := e.Data.Get("refURL").Str()
			r := namedRole{path: doc.Path, rolePointer: e.Pointer, name: name, refURL: ref}
			k := strings.ToLower(name)
			first, dup := firsts[k]
			if !dup {
				firsts[k] = r
				continue
			}
			prev := later[k]
			later[k] = append(prev, r)
			if r.sameExport(first) || exportedBefore(prev, r) {
				continue
			}
			// The API rejects a duplicate name (the toolkit's
			// DuplicateNameApiErrorDetail); that case does not matter is
			// not documented, so a name that differs only in case is a
			// warning.
			sev := rules.SeverityDefault
			if first.name != name {
				sev = rules.SeverityWarning
			}
			pass.Report(rules.Finding{
				Severity: sev,
				Path:     doc.Path,
				Pointer:  r.pointer(),
				Entity:   roleLabel(e.Data),
				Message:  fmt.Sprintf("role name %q is already used by role %q (role names are case-insensitive); rename one of them", name, first.name),
				Related:  []rules.Related{{Path: first.path, Pointer: first.pointer(), Message: "first role with this name"}},
			})
		}
	}
}

// exportedBefore reports whether r is a role already seen under the same
// refURL: the same role exported twice (a GET and a list), not two roles.
func exportedBefore(prev []namedRole, r namedRole) bool {
	for _, p := range prev {
		if r.sameExport(p) {
			return true
		}
	}
	return false
}

// sameExport reports whether r and p are one role by refURL.
func (r namedRole) sameExport(p namedRole) bool { return r.refURL != "" && p.refURL == r.refURL }
