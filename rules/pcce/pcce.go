// Package pcce holds the Cisco Packaged CCE rules: custom roles, their
// feature access lists, administrators and the references between them, as
// exported from the unifiedconfig REST API (XML).
package pcce

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
)

//go:embed docs/*.md
var docs embed.FS

func doc(name string) string { return rules.MustDoc(docs, "docs/"+name+".md") }

// ChangeRules are this pack's change rules (rbaclint diff), in catalog order.
var ChangeRules = []*rules.Rule{
	BuiltinRoleChanged,
}

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{
	BuiltinRoleName,
	ReservedFeature,
	UnknownFeature,
	DuplicateFeature,
	EmptyRole,
	UpdateOnlySubfeature,
	RefURL,
	DuplicateRoleName,
	AdminWithoutRole,
	RoleReferenceUnknown,
	ReferenceWithoutRefURL,
	DuplicateAdministrator,
}
