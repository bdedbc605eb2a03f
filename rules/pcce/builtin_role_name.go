package pcce

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// BuiltinRoleName reports a custom role that takes a built-in role's name.
var BuiltinRoleName = &rules.Rule{
	ID:              "pcce/builtin-role-name",
	Title:           "A custom role uses the name of a built-in role",
	Doc:             doc("builtin-role-name"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkBuiltinRoleName,
}

func checkBuiltinRoleName(pass *rules.Pass) {
	customRoles(pass.Doc, func(e rules.Entity) {
		name, _ := e.Data.Get("name").Str()
		b, ok := builtin().builtinRoleNamed(name)
		if !ok {
			return
		}
		role := roleLabel(e.Data)
		pass.Report(rules.Finding{
			Pointer: rules.PointerJoin(e.Pointer, "name"),
			Entity:  role,
			Message: fmt.Sprintf("%s is not system-defined but has the name of the built-in role %s (which allows %s); give the custom role another name",
				role, b.Name, b.Allows),
		})
	})
}
