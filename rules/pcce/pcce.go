// Package pcce holds the Cisco Packaged CCE rules: custom roles, their
// feature access lists, administrators and the references between them, as
// exported from the unifiedconfig REST API (XML).
package pcce

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
)

// files are the pack's rule docs and data: the access mapping (grants.json)
// and the PCCE facts the rules rely on (catalog.json).
//
//go:embed docs/*.md grants.json catalog.json
var files embed.FS

func doc(name string) string { return rules.MustDoc(files, "docs/"+name+".md") }

// The kinds the rules check: a roles export, an administrators export, or
// either (references between them).
var (
	roleKinds         = []rules.Kind{rules.KindPCCERoles}
	adminKinds        = []rules.Kind{rules.KindPCCEAdministrators}
	roleAndAdminKinds = []rules.Kind{rules.KindPCCERoles, rules.KindPCCEAdministrators}
)

// ChangeRules are this pack's change rules (rbaclint diff), in catalog order.
var ChangeRules = []*rules.Rule{
	BuiltinRoleChanged,
}

// Options are the settings this pack reads.
var Options = []*rules.Option{platformOption, featuresOption}

var (
	platformOption = &rules.Option{
		Key: "pcce.platform", Type: rules.OptionString, Enum: []string{"pcce", "ucce"},
		Doc: "pcce or ucce (administrators without roles); unset: told from each file", Example: "pcce",
	}
	featuresOption = &rules.Option{
		Key: "catalog.pcce.features", Type: rules.OptionNames,
		Doc: "more known PCCE feature names", Example: "[customfeature]",
	}
)

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
