package kinds

import (
	"fmt"
	"strings"

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
	Markers:  []Marker{{Text: "roles", With: []string{"email", "displayName"}}},
	Label:    userLabel,
	Identity: fingerprintIdentity,
	Schema:   "tenant-users.schema.json",
}

// isTenantUser: an e-mail or display name plus a roles array of dotted role
// keys ("customer.user"). An empty roles array still counts.
func isTenantUser(m map[string]any) bool {
	if !hasAny(m, "email", "displayName") {
		return false
	}
	roles, ok := m["roles"].([]any)
	if !ok {
		return false
	}
	for _, r := range roles[:min(len(roles), 3)] {
		s, ok := r.(string)
		if !ok || !strings.Contains(s, ".") {
			return false
		}
	}
	return true
}

// isTenantItem: the user of a single-user answer is one isTenantUser
// accepts, or, beside the answer's status, a user whose roles the answer
// leaves out (an e-mail and a primaryTenant).
func isTenantItem(m map[string]any) bool {
	data, ok := m["data"].(map[string]any)
	if !ok {
		return false
	}
	if isTenantUser(data) {
		return true
	}
	if _, ok := m["status"]; !ok {
		return false
	}
	if _, ok := data["roles"]; ok {
		return false // roles that are not role keys: not a tenant user
	}
	_, email := data["email"]
	_, tenant := data["primaryTenant"]
	return email && tenant
}

// isTenantPage: an empty page still says what it is by its envelope.
func isTenantPage(m map[string]any) bool {
	_, size := m["page_size"]
	_, status := m["status"]
	return size && status
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
