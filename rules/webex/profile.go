package webex

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	kindspec "github.com/rbaclint/rbaclint/rules/kinds" // the pack has a kinds variable
)

// Values of permissionAccessLevel, resourceAccessLevel and a resource's
// accessLevel.
const (
	levelSpecific    = "SPECIFIC"
	levelAll         = "ALL"
	levelNone        = "NONE"
	levelProvisioned = "PROVISIONED_VALUE"
)

// profile is one user profile of a document with what messages call it.
type profile struct {
	ptr   string
	obj   map[string]any
	index int // among the document's entities, for label
}

// label is what messages call the profile: `profile "Sales Supervisors"`.
// It is worded only when a finding needs it.
func (p profile) label() string { return profileLabel(p.obj, p.index) }

// at returns the pointer to a member below the profile.
func (p profile) at(tokens ...any) string { return rules.PointerJoin(p.ptr, tokens...) }

// profilesKey is the rules.View key of a document's profiles.
type profilesKey struct{}

// profiles returns the document's profiles in order, listed once per
// document and shared by the pack's rules. Items of a bulk request whose
// action is DELETE are left out: their content is not applied, so only
// bulk-request looks at them. Callers must not modify the list.
func profiles(doc *rules.Document) []profile {
	return rules.View(doc, profilesKey{}, listProfiles)
}

// eachOf calls fn for every item (permission, resource) that appendItems
// finds in each profile of doc, in document order, reusing one slice for
// every profile.
func eachOf[T any](doc *rules.Document, appendItems func([]T, profile) []T, fn func(profile, T)) {
	var items []T
	for _, p := range profiles(doc) {
		items = appendItems(items[:0], p)
		for _, it := range items {
			fn(p, it)
		}
	}
}

// eachProfile makes a document check of one that judges a profile at a
// time, in document order. S is the check's scratch, made once per document
// and refilled for each profile, so that a big export does not cost
// allocations per profile.
func eachProfile[S any](check func(pass *rules.Pass, s *S, p profile)) func(*rules.Pass) {
	return func(pass *rules.Pass) {
		s := new(S)
		for _, p := range profiles(pass.Doc) {
			check(pass, s, p)
		}
	}
}

// items is the scratch of a check that reads a profile's permissions or
// resources: one slice of each, refilled for every profile.
type items struct {
	perms []permission
	rs    []resource
}

// permissions returns p's permissions, valid until the next call.
func (s *items) permissions(p profile) []permission {
	s.perms = appendPermissions(s.perms[:0], p)
	return s.perms
}

// resources returns p's resources, valid until the next call.
func (s *items) resources(p profile) []resource {
	s.rs = appendResources(s.rs[:0], p)
	return s.rs
}

// repeats is the scratch of a duplicate-* check: the items and the first
// entry of each name among the items at hand (rules.Repeat).
type repeats[T any] struct {
	items
	first map[string]T
}

func listProfiles(doc *rules.Document) []profile {
	out := make([]profile, 0, len(doc.Entities))
	for i, e := range doc.Entities {
		if e.Value == nil || (doc.Shape == rules.ShapeBulk && bulkAction(doc, e.Pointer) == actionDelete) {
			continue
		}
		out = append(out, profile{ptr: e.Pointer, obj: e.Value, index: i})
	}
	return out
}

// profileLabel names a profile as the kind list does: by its name, else its
// id, else its position.
func profileLabel(obj map[string]any, index int) string {
	return kindspec.WebexUserProfile.Label(rules.Entity{Value: obj}, index)
}

// bulkAction returns the requestAction of the bulk item that holds the
// entity at ptr ("/items/N/item"), or "".
func bulkAction(doc *rules.Document, ptr string) string {
	rest, ok := strings.CutPrefix(ptr, "/items/")
	if !ok {
		return ""
	}
	idx, ok := strings.CutSuffix(rest, "/item")
	if !ok {
		return ""
	}
	n, err := strconv.Atoi(idx)
	if err != nil {
		return ""
	}
	root, _ := rules.Object(doc.Root)
	items, _ := rules.Array(root["items"])
	if n < 0 || n >= len(items) {
		return ""
	}
	item, _ := rules.Object(items[n])
	action, _ := rules.String(item, "requestAction")
	return action
}

// nonEmptyArray returns m[key] when it is an array with elements.
func nonEmptyArray(m map[string]any, key string) ([]any, bool) {
	a, ok := rules.Array(m[key])
	return a, ok && len(a) > 0
}

// integerKey renders an integer of the data model (json.Number, or the int
// types rules.Int also accepts) for comparison; other values are not ids.
func integerKey(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		if _, err := n.Int64(); err == nil {
			return n.String(), true
		}
	case int64:
		return strconv.FormatInt(n, 10), true
	case int:
		return strconv.Itoa(n), true
	}
	return "", false
}
