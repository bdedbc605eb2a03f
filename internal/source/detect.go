package source

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// Kind detection for JSON and YAML data models (RULES.md, "Document
// kinds"). It looks at a few keys of the root and of the first recognisable
// entity; only the finesse-integration test, which is by definition "a
// string anywhere", walks the whole tree.

// Detect classifies a data model. Kind "" means no supported kind.
func Detect(root any) (rules.Kind, rules.Shape) {
	switch v := root.(type) {
	case map[string]any:
		if k, s := detectObject(v); k != "" {
			return k, s
		}
	case []any:
		if k := firstEntityKind(v); k != "" {
			return k, rules.ShapeArray
		}
	}
	switch root.(type) {
	case map[string]any, []any: // settings, not a lone string
		if holdsFinesseURL(root) {
			return rules.KindFinesseIntegration, ShapeOf(rules.KindFinesseIntegration, root)
		}
	}
	return "", rules.ShapeUnknown
}

func detectObject(m map[string]any) (rules.Kind, rules.Shape) {
	switch {
	case isCXoneScript(m):
		return rules.KindCXoneScript, rules.ShapeObject
	case isProfile(m):
		return rules.KindWebexUserProfile, rules.ShapeObject
	case isTenantUser(m):
		return rules.KindTenantUsers, rules.ShapeObject
	}
	if items, ok := m["items"].([]any); ok && isProfileBulk(items) {
		return rules.KindWebexUserProfile, rules.ShapeBulk
	}
	if data, ok := m["data"].([]any); ok {
		if k := firstEntityKind(data); k != "" {
			return k, rules.ShapeList
		}
		// An empty page still says what it is by its envelope.
		if _, ok := m["page_size"]; ok {
			if _, ok := m["status"]; ok {
				return rules.KindTenantUsers, rules.ShapeList
			}
		}
		if meta, ok := m["meta"].(map[string]any); ok && (meta["orgid"] != nil || meta["links"] != nil) {
			return rules.KindWebexUserProfile, rules.ShapeList
		}
	}
	return "", rules.ShapeUnknown
}

// firstEntityKind classifies a list by its first recognisable element.
func firstEntityKind(list []any) rules.Kind {
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		switch {
		case isProfile(m):
			return rules.KindWebexUserProfile
		case isTenantUser(m):
			return rules.KindTenantUsers
		}
	}
	return ""
}

// isProfile: a UserProfileGranularAccessDTO carries at least one of the
// access-level keys that no other supported kind uses.
func isProfile(m map[string]any) bool {
	for _, k := range [...]string{"profileType", "permissionAccessLevel", "resourceAccessLevel"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// isTenantUser: an e-mail or display name plus a roles array of dotted role
// keys ("customer.user"). An empty roles array still counts.
func isTenantUser(m map[string]any) bool {
	_, email := m["email"]
	_, name := m["displayName"]
	if !email && !name {
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

// isCXoneScript: Studio JSON has an actions object keyed by action id beside
// at least one of its other top-level parts.
func isCXoneScript(m map[string]any) bool {
	if _, ok := m["actions"].(map[string]any); !ok {
		return false
	}
	for _, k := range [...]string{"header", "branches", "properties"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// isProfileBulk: a bulk request whose first recognisable item is a profile,
// or whose items only delete (a DELETE item may carry nothing but an id).
func isProfileBulk(items []any) bool {
	deletes := 0
	for _, e := range items {
		it, ok := e.(map[string]any)
		if !ok {
			continue
		}
		_, hasID := it["itemIdentifier"]
		_, hasAction := it["requestAction"]
		item, hasItem := it["item"].(map[string]any)
		if !hasItem || (!hasID && !hasAction) {
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
func idOnly(m map[string]any) bool {
	for k := range m {
		if k != "id" && k != "organizationId" {
			return false
		}
	}
	return len(m) > 0
}

// finesseAPI marks a Finesse REST URL or path.
const finesseAPI = "/finesse/api/"

// holdsFinesseURL searches every string value with an explicit stack, so
// nesting costs heap, not goroutine stack.
func holdsFinesseURL(root any) bool {
	stack := []any{root}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x := v.(type) {
		case string:
			if strings.Contains(x, finesseAPI) {
				return true
			}
		case map[string]any:
			for _, c := range x {
				stack = append(stack, c)
			}
		case []any:
			stack = append(stack, x...)
		}
	}
	return false
}

// listKeys names, per kind, the envelope member that holds the entity list.
var listKeys = map[rules.Kind]string{
	rules.KindWebexUserProfile:   "data",
	rules.KindTenantUsers:        "data",
	rules.KindPCCERoles:          "roles",
	rules.KindPCCEAdministrators: "administrators",
	rules.KindPCCEFeatures:       "accessList",
}

// ShapeOf derives the shape of a document of a known (e.g. forced) kind
// from its structure.
func ShapeOf(kind rules.Kind, root any) rules.Shape {
	if kind == "" {
		return rules.ShapeUnknown
	}
	switch v := root.(type) {
	case []any:
		return rules.ShapeArray
	case map[string]any:
		if kind == rules.KindWebexUserProfile {
			if _, ok := v["items"].([]any); ok && !isProfile(v) {
				return rules.ShapeBulk
			}
		}
		if key := listKeys[kind]; key != "" {
			if _, ok := v[key].([]any); ok {
				return rules.ShapeList
			}
		}
		return rules.ShapeObject
	}
	return rules.ShapeUnknown
}

// Entities lists a document's main objects in document order. Elements that
// are not objects are left out (the schema rule reports them).
func Entities(kind rules.Kind, shape rules.Shape, root any) []rules.Entity {
	if kind == "" {
		return nil
	}
	switch shape {
	case rules.ShapeObject:
		if m, ok := root.(map[string]any); ok {
			return []rules.Entity{{Pointer: "", Value: m}}
		}
	case rules.ShapeArray:
		list, _ := root.([]any)
		return objectsIn(list, "", "")
	case rules.ShapeList:
		m, _ := root.(map[string]any)
		key := listKeys[kind]
		list, _ := m[key].([]any)
		return objectsIn(list, "/"+key, "") // list keys need no escaping
	case rules.ShapeBulk:
		m, _ := root.(map[string]any)
		list, _ := m["items"].([]any)
		return objectsIn(list, "/items", "item")
	}
	return nil
}

// objectsIn returns the objects of list (or each element's member, when
// member is set) with their pointers under prefix.
func objectsIn(list []any, prefix, member string) []rules.Entity {
	var out []rules.Entity
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		ptr := prefix + "/" + strconv.Itoa(i)
		if member != "" {
			if m, ok = m[member].(map[string]any); !ok {
				continue
			}
			ptr += "/" + member
		}
		out = append(out, rules.Entity{Pointer: ptr, Value: m})
	}
	return out
}
