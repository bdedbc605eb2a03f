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
		list, isList := rules.Array(e.Value["accessList"])
		if len(list) > 0 {
			return
		}
		if _, present := e.Value["accessList"]; present && !isList {
			return // the schema rule reports a malformed accessList
		}
		f := rules.Finding{
			Pointer: e.Pointer,
			Entity:  roleLabel(e.Value),
			Message: fmt.Sprintf("%s grants no feature: its administrators can use no API or tool; add features to its accessList or delete the role", roleLabel(e.Value)),
		}
		switch {
		case isList:
			f.Pointer, f.Target = rules.PointerJoin(e.Pointer, "accessList"), rules.TargetKey
		case e.Value["name"] != nil:
			f.Pointer = rules.PointerJoin(e.Pointer, "name")
		}
		pass.Report(f)
	})
}
