package kinds

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// WebexUserProfile is Webex Contact Center user profiles
// (UserProfileGranularAccessDTO): one profile, an array, the List API
// envelope {"meta","data"} or a bulk request {"items":[…]}.
var WebexUserProfile = &Spec{
	Name:         rules.KindWebexUserProfile,
	EntityArrays: true,
	IsEntity:     isProfile,
	Envelopes: []Envelope{
		{Shape: rules.ShapeBulk, Member: "items", Item: "item", Detect: isProfileBulk, NotEntity: true, ItemDef: bulkItemDef},
		{Shape: rules.ShapeList, Member: "data", Detect: isProfileList},
	},
	Markers: []Marker{
		{Text: "profileType"}, {Text: "permissionAccessLevel"}, {Text: "resourceAccessLevel"},
		{Text: "requestAction"}, {Text: "itemIdentifier"}, // bulk requests
	},
	Label:      profileLabel,
	LabelReads: profileLabelReads,
	Identity:   fingerprintIdentity,
	Schema:     "webex-user-profile.schema.json",
}

// WebexLegacyProfile is the module-based UserProfileDTO of the Webex CC
// OpenAPI (accessAllModules, userProfileAppModules, accessAll* levels): one
// profile or an array. It comes before WebexUserProfile in the list, since
// it has a profileType too.
var WebexLegacyProfile = &Spec{
	Name:         rules.KindWebexLegacyProfile,
	EntityArrays: true,
	IsEntity:     isLegacyProfile,
	Markers:      []Marker{{Text: "accessAllModules"}, {Text: "userProfileAppModules"}},
	Label:        profileLabel,
	LabelReads:   profileLabelReads,
	Identity:     fingerprintIdentity,
	Schema:       "webex-legacy-profile.schema.json",
}

// isLegacyProfile: module access and none of the granular access levels.
func isLegacyProfile(v tree.Value) bool {
	return hasAny(v, "accessAllModules", "userProfileAppModules") &&
		!hasAny(v, "permissionAccessLevel", "resourceAccessLevel")
}

// isProfile: a UserProfileGranularAccessDTO carries at least one of the
// access-level keys that no other supported kind uses.
func isProfile(v tree.Value) bool {
	return hasAny(v, "profileType", "permissionAccessLevel", "resourceAccessLevel")
}

// isProfileList: an empty page of the List API still says what it is by
// its meta.
func isProfileList(root tree.Value) bool {
	meta := root.Get("meta")
	given := func(key string) bool { v := meta.Get(key); return v.Exists() && !v.IsNull() }
	return meta.IsObject() && (given("orgid") || given("links"))
}

// isProfileBulk: a bulk request whose first recognisable item is a profile,
// or whose items only delete (a DELETE item may carry nothing but an id).
func isProfileBulk(root tree.Value) bool {
	deletes := 0
	for _, it := range root.Get("items").Elems() {
		item := it.Get("item")
		if !item.IsObject() || !hasAny(it, "itemIdentifier", "requestAction") {
			continue
		}
		if isProfile(item) {
			return true
		}
		if isTenantUser(item) || !idOnly(item) {
			return false
		}
		deletes++
	}
	return deletes > 0
}

// idOnly reports whether an object names a resource without describing it.
func idOnly(v tree.Value) bool {
	some := false
	for k := range v.Members() {
		if k != "id" && k != "organizationId" {
			return false
		}
		some = true
	}
	return some
}

// bulkItemDef checks the item of a DELETE with its own definition: only its
// id is read. The action is compared as the schema's if/then/else reads it
// (exact, case-sensitive).
func bulkItemDef(element tree.Value) string {
	if s, _ := element.Get("requestAction").Str(); s == "DELETE" {
		return "entity-delete"
	}
	return ""
}

// profileLabelReads are the members profileLabel reads.
var profileLabelReads = []string{"name", "id"}

// profileLabel names a profile by its name, else its id, else its position.
func profileLabel(e rules.Entity, index int) string {
	if name, ok := e.Data.Get("name").Str(); ok && strings.TrimSpace(name) != "" {
		return "profile " + strconv.Quote(name)
	}
	if id, ok := e.Data.Get("id").Str(); ok && id != "" {
		return "profile with id " + strconv.Quote(id)
	}
	return fmt.Sprintf("unnamed profile #%d", index+1)
}
