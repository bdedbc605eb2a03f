package kinds

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// TenantUsers is hosted-UC tenant users with dotted role keys: one user, an
// array, the Get-All envelope {"page_size","data","status"}, or the
// single-user answer {"data": {user}, "status", "timestamp"} (Get User,
// Create User 201, the reseller Get User).
var TenantUsers = &Spec{
	Name:         rules.KindTenantUsers,
	EntityArrays: true,
	IsEntity:     isTenantUser,
	Envelopes: []Envelope{
		{Shape: rules.ShapeList, Member: "data", Detect: isTenantPage},
		{Shape: rules.ShapeItem, Member: "data", Single: true, Detect: isTenantItem},
	},
	Markers:    []Marker{{Text: "roles", With: []string{"email", "displayName"}}},
	Label:      userLabel,
	LabelReads: []string{"email", "displayName", "id"}, // userLabel's
	Identity:   fingerprintIdentity,
	Schema:     "tenant-users.schema.json",
}

// isTenantUser: an e-mail or display name plus a roles array of dotted role
// keys ("customer.user"). An empty roles array still counts.
func isTenantUser(v tree.Value) bool {
	if !hasAny(v, "email", "displayName") {
		return false
	}
	roles := v.Get("roles")
	if !roles.IsArray() {
		return false
	}
	for i, r := range roles.Elems() {
		if i == 3 {
			break
		}
		s, ok := r.Str()
		if !ok || !strings.Contains(s, ".") {
			return false
		}
	}
	return true
}

// isTenantItem: the user of a single-user answer is one isTenantUser
// accepts, or, beside the answer's status, a user whose roles the answer
// leaves out (an e-mail and a primaryTenant).
func isTenantItem(root tree.Value) bool {
	data := root.Get("data")
	if !data.IsObject() {
		return false
	}
	if isTenantUser(data) {
		return true
	}
	if !root.Has("status") {
		return false
	}
	if data.Has("roles") {
		return false // roles that are not role keys: not a tenant user
	}
	return data.Has("email") && data.Has("primaryTenant")
}

// isTenantPage: an empty page still says what it is by its envelope.
func isTenantPage(root tree.Value) bool {
	return root.Has("page_size") && root.Has("status")
}

// userLabel names a user by e-mail, else display name, else id, else its
// place in the file.
func userLabel(e rules.Entity, _ int) string {
	field := func(key string) string {
		s, _ := e.Data.Get(key).Str()
		return strings.TrimSpace(s)
	}
	if s := field("email"); s != "" {
		return "user " + s
	}
	if s := field("displayName"); s != "" {
		return fmt.Sprintf("user %q", s)
	}
	if s := field("id"); s != "" {
		return "user id " + s
	}
	if e.Pointer == "" {
		return "user"
	}
	return "user at " + e.Pointer
}
