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
	eachOf(pass.Doc, permissionsOf, func(p profile, perm permission) {
		// The label is worded only for a finding: building it for every
		// permission was most of the rule's time on a big export.
		if format, access := wrongAccessKind(perm); format != "" {
			label := p.label()
			pass.Report(rules.Finding{Pointer: perm.at(p, "access"), Entity: label, Message: fmt.Sprintf(format, label, perm.name, access)})
		}
	})
}

// wrongAccessKind returns the wording (of the label, the name and the
// access) of the finding for a permission whose access is of the other
// kind, and the access; "" when it is not.
func wrongAccessKind(perm permission) (format, access string) {
	access = perm.access
	onOff, entity := accessKindOf(perm.name)
	switch {
	case onOff && (access == "VIEW" || access == "EDIT"):
		return "%s: %q is an on/off feature, but its access is %s (a value for modules and entities): use ENABLED or DISABLED", access
	case entity && (access == "ENABLED" || access == "DISABLED"):
		return "%s: %q is an entity one views or edits, but its access is %s (a value for on/off features): use VIEW, EDIT or NONE", access
	}
	return "", ""
}
