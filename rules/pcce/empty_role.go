package pcce

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// EmptyRole reports a custom role that grants no feature.
var EmptyRole = &rules.Rule{
	ID:              "pcce/empty-role",
	Title:           "A custom role has an empty or missing accessList",
	Doc:             doc("empty-role"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkEmptyRole,
}

func checkEmptyRole(pass *rules.Pass) {
	customRoles(pass.Doc, func(e rules.Entity) {
		list := e.Data.Get("accessList")
		isList := list.IsArray()
		if isList && list.Len() > 0 {
			return
		}
		if list.Exists() && !isList {
			return // the schema rule reports a malformed accessList
		}
		role := roleLabel(e.Data)
		f := rules.Finding{
			Pointer: e.Pointer,
			Entity:  role,
			Message: fmt.Sprintf("%s grants no feature: its administrators can use no API or tool; add features to its accessList or delete the role", role),
		}
		switch {
		case isList:
			f.Pointer, f.Target = rules.PointerJoin(e.Pointer, "accessList"), rules.TargetKey
		case present(e.Data.Get("name")):
			f.Pointer = rules.PointerJoin(e.Pointer, "name")
		}
		pass.Report(f)
	})
}
