// Package webex holds the rules for Webex Contact Center user profiles
// (UserProfileGranularAccessDTO exports, list envelopes and bulk requests).
package webex

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
)

// files are the pack's rule docs and data: the access mapping (grants.json)
// and the documented names (catalog.json).
//
//go:embed docs/*.md grants.json catalog.json
var files embed.FS

func doc(name string) string { return rules.MustDoc(files, "docs/"+name+".md") }

// kinds is what every rule of this pack checks.
var kinds = []rules.Kind{rules.KindWebexUserProfile}

// ChangeRules are this pack's change rules (rbaclint diff), in catalog order.
var ChangeRules = []*rules.Rule{
	ProfileTypeChanged,
	SystemDefaultChanged,
}

// Options are the settings this pack reads.
var Options = []*rules.Option{permissionsOption, resourceTypesOption}

var (
	permissionsOption = &rules.Option{
		Key: "catalog.webex.permissions", Type: rules.OptionNames,
		Doc: "more known Webex permission names", Example: "[new-permission]",
	}
	resourceTypesOption = &rules.Option{
		Key: "catalog.webex.resourceTypes", Type: rules.OptionNames,
		Doc: "more known Webex resource type names", Example: "[new-resource]",
	}
)

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{
	PermissionsRequired,
	PermissionsIgnored,
	ResourceCollectionsRequired,
	ResourceCollectionsIgnored,
	DefaultCollectionUnknown,
	DuplicatePermission,
	UnknownPermission,
	UnknownResourceType,
	DuplicateResourceType,
	ResourceIDs,
	FolderConflict,
	UndocumentedAccessLevel,
	BulkRequest,
	DuplicateProfileName,
	PrivilegeEscalation,
	CustomAccessOnly,
	SupervisorTenantSetting,
	SubFeatureWithoutModule,
	AccessKind,
	SupervisorOnlyPermission,
}
