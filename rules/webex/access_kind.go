package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// AccessKind reports a permission whose access value is of the other kind:
// EDIT or VIEW on an on/off feature, ENABLED or DISABLED on an entity.
var AccessKind = &rules.Rule{
	ID:              "webex/access-kind",
	Title:           "A permission's access is of the wrong kind (ENABLED/DISABLED vs VIEW/EDIT)",
	Doc:             doc("access-kind"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkAccessKind,
}

// The two kinds are judged only for names a source places: the monitoring
// and supervisory features, which the legacy profile model switches ON/OFF
// (monitoringParents), and the resource types, entities one views or edits
// (catalog.json resourceTypes). Every other name is left alone.
func accessKindOf(name string) (onOff, entity bool) {
	if _, ok := monitoringParents[name]; ok {
		return true, false
	}
	return false, documentedResourceTypes().set[name]
}

func checkAccessKind(pass *rules.Pass) {
	eachOf(pass.Doc, appendPermissions, func(p profile, perm permission) {
		if msg := wrongAccessKind(p.label(), perm); msg != "" {
			pass.Report(rules.Finding{Pointer: perm.at(p, "access"), Entity: p.label(), Message: msg})
		}
	})
}

// wrongAccessKind words the finding for a permission whose access is of
// the other kind, or returns "".
func wrongAccessKind(label string, perm permission) string {
	access, _ := rules.String(perm.obj, "access")
	onOff, entity := accessKindOf(perm.name)
	switch {
	case onOff && (access == "VIEW" || access == "EDIT"):
		return fmt.Sprintf("%s: %q is an on/off feature, but its access is %s (a value for modules and entities): use ENABLED or DISABLED",
			label, perm.name, access)
	case entity && (access == "ENABLED" || access == "DISABLED"):
		return fmt.Sprintf("%s: %q is an entity one views or edits, but its access is %s (a value for on/off features): use VIEW, EDIT or NONE",
			label, perm.name, access)
	}
	return ""
}
