package pcce

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// ReservedFeature reports a custom role granting a feature only SystemAdmin has.
var ReservedFeature = &rules.Rule{
	ID:               "pcce/reserved-feature",
	Title:            "A custom role grants the administrator, department or role feature",
	Doc:              doc("reserved-feature"),
	Kinds:            roleKinds,
	DefaultSeverity:  rules.SeverityWarning,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security"},
	SecuritySeverity: 8.0,
	Inferred:         true,
	Check:            checkReservedFeature,
}

func checkReservedFeature(pass *rules.Pass) {
	cat := builtin()
	customFeatures(pass.Doc, func(e rules.Entity, f feature) {
		if !cat.isReserved(f.name) {
			return
		}
		role := roleLabel(e.Data)
		pass.Report(rules.Finding{
			Pointer: f.pointer(e.Pointer),
			Entity:  role,
			Message: fmt.Sprintf("custom %s grants the %q feature, which only the built-in SystemAdmin role has: its holders could create administrators and widen their own access; remove the feature or assign SystemAdmin",
				role, f.name),
		})
	})
}
