// Package tenant holds the rules for hosted-UC tenant users (the Customer
// Users resource: user objects with dotted role keys, bare, in an array or in
// a Get-All envelope). The role catalog is embedded data (data/roles.json).
package tenant

import (
	"embed"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// files are the pack's rule docs and its access mapping (grants.json).
//
//go:embed docs/*.md grants.json
var files embed.FS

func doc(name string) string { return rules.MustDoc(files, "docs/"+name+".md") }

// kinds is what every rule of this pack checks.
var kinds = []rules.Kind{rules.KindTenantUsers}

// ChangeRules are this pack's change rules (rbaclint diff), in catalog order.
var ChangeRules = []*rules.Rule{
	PBXRoleChanged,
	ChargeableRoleAdded,
}

// Options are the settings this pack reads.
var Options = []*rules.Option{regionOption, rolesOption}

var (
	regionOption = &rules.Option{
		Key: "tenant.region", Type: rules.OptionString, Enum: []string{"uk", "us", "na", "au", "eu", "other"},
		Doc: "UK tenants use customer.user.uc.essential instead of customer.user.pbx", Example: "uk",
	}
	rolesOption = &rules.Option{
		Key: "catalog.tenant.roles", Type: rules.OptionRecords,
		Doc:     "custom roles (key, name, prerequisites) added to the role catalog",
		Example: "- key: customer.custom.reporting\n  name: Custom Reporting\n  prerequisites: [customer.user]",
		Schema: `{"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["key"],
			"properties": {"key": {"type": "string", "pattern": "^[a-z0-9]+([._][a-z0-9]+)*$"}, "name": {"type": "string"},
			"prerequisites": {"type": "array", "items": {"type": "string"}}}}}`,
	}
)

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{
	UnknownRole,
	MissingPrerequisite,
	SupervisorLevelsExclusive,
	UserAdminRequired,
	AdminWithoutPortal,
	DuplicateEmail,
	DuplicateRole,
	RealtimeAutoAssign,
	UKEssentialRole,
	HandAssignedRole,
}

// Role keys the rules name directly.
const (
	keyPortal   = "customer.user"
	keyAdmin    = "user.admin"
	keyPBX      = "customer.user.pbx"
	keyRealtime = "customer.user.pbx.realtime"
)

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
