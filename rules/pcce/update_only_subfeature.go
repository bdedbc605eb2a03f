package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// UpdateOnlySubfeature notes a subfeature that downgrades an API to update-only.
var UpdateOnlySubfeature = &rules.Rule{
	ID:              "pcce/update-only-subfeature",
	Title:           "A subfeature makes an API update-only for the role",
	Doc:             doc("update-only-subfeature"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityNote,
	Category:        rules.CategorySuggestion,
	Inferred:        true,
	Check:           checkUpdateOnlySubfeature,
}

func checkUpdateOnlySubfeature(pass *rules.Pass) {
	cat := builtin()
	customFeatures(pass.Doc, func(e rules.Entity, f feature) {
		s, ok := cat.subfeatureNamed(f.name)
		if !ok {
			return
		}
		name := s.Name
		if !strings.EqualFold(f.name, s.Name) {
			name = fmt.Sprintf("%s (%s in the Role API notes)", f.name, s.Name)
		}
		role := roleLabel(e.Data)
		pass.Report(rules.Finding{
			Pointer: f.pointer(e.Pointer),
			Entity:  role,
			Message: fmt.Sprintf("%s enables the %s subfeature, so its administrators get update-only access to the %s and cannot create or delete %s; remove it if they need to",
				role, name, s.API, s.Items),
		})
	})
}
