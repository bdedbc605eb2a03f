package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// AdminWithoutRole reports an administrator with no role reference.
var AdminWithoutRole = &rules.Rule{
	ID:              "pcce/admin-without-role",
	Title:           "An administrator has no role",
	Doc:             doc("admin-without-role"),
	Kinds:           adminKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkAdminWithoutRole,
}

func checkAdminWithoutRole(pass *rules.Pass) {
	for _, e := range pass.Doc.Entities {
		if hasRole(e.Data) || onUCCE(pass.Options, e.Data) {
			continue
		}
		admin := adminLabel(e.Data)
		f := rules.Finding{
			Pointer: e.Pointer,
			Entity:  admin,
			Message: fmt.Sprintf("%s has no role and cannot use the web configuration tools, Configuration Manager or Script Editor; assign a role", admin),
		}
		switch {
		case present(e.Data.Get("role")):
			f.Pointer, f.Target = rules.PointerJoin(e.Pointer, "role"), rules.TargetKey
		case present(e.Data.Get("userName")):
			f.Pointer = rules.PointerJoin(e.Pointer, "userName")
		}
		pass.Report(f)
	}
}

// onUCCE reports whether an administrator is a Unified CCE one: pcce.platform
// says so, or, when it is unset, the administrator carries a customer
// reference, which only the UCCE Administrator API has (UCCE Developer
// Reference 15.0(1), Administrator API: userName, domainName, customer,
// readOnly; no role, no departments).
func onUCCE(opts *rules.Options, admin tree.Value) bool {
	switch strings.ToLower(strings.TrimSpace(opts.String(platformOption))) {
	case "ucce":
		return true
	case "pcce":
		return false
	}
	return admin.Has("customer")
}

// hasRole reports whether the administrator's role reference has a refURL or
// a name. Values of the wrong type count as given: the schema reports them.
func hasRole(admin tree.Value) bool {
	ref := admin.Get("role")
	return ref.IsObject() && (given(ref.Get("refURL")) || given(ref.Get("name")))
}
