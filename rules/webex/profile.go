package webex

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
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
	obj   tree.Value
	ent   rules.Entity // for label: the kind spec names an entity
	index int          // among the document's entities, for label
	perms []permission // its permissions with a name (appendPermissions); never modified
}

// label is what messages call the profile: `profile "Sales Supervisors"`.
// It is worded only when a finding needs it.
func (p profile) label() string { return profileLabel(p.ent, p.index) }

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

// items is the scratch of a check that reads a profile's resources: one
// slice, refilled for every profile. (Permissions are read once per
// document, into profile.perms.)
type items struct {
	rs []resource
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
	var actions []string // of a bulk request's items, by index
	if doc.Shape == rules.ShapeBulk {
		actions = bulkActions(doc)
	}
	out := make([]profile, 0, len(doc.Entities))
	for i, e := range doc.Entities {
		if !e.Data.IsObject() {
			continue
		}
		if n, ok := bulkIndex(e.Pointer); ok && n < len(actions) && actions[n] == actionDelete {
			continue
		}
		out = append(out, profile{ptr: e.Pointer, obj: e.Data, ent: e, index: doc.EntityBase + i})
	}
	// The permissions of all profiles in one slice, cut per profile once
	// it no longer moves.
	var perms []permission
	at := make([]int, len(out)+1)
	for k := range out {
		perms = appendPermissions(perms, out[k].obj)
		at[k+1] = len(perms)
	}
	for k := range out {
		out[k].perms = perms[at[k]:at[k+1]:at[k+1]]
	}
	return out
}

// profileLabel names a profile as the kind list does: by its name, else its
// id, else its position.
func profileLabel(e rules.Entity, index int) string {
	return kindspec.WebexUserProfile.Label(e, index)
}

// bulkActions returns the requestAction of each item of a bulk request
// ("" when it has none), listed in one pass: an item read by index would
// walk the array once per entity.
func bulkActions(doc *rules.Document) []string {
	items := doc.Data.Get("items")
	out := make([]string, 0, items.Len())
	for _, it := range items.Elems() {
		action, _ := it.Get("requestAction").Str()
		out = append(out, action)
	}
	return out
}

// bulkIndex returns the index of the bulk item that holds the entity at ptr
// ("/items/N/item").
func bulkIndex(ptr string) (int, bool) {
	rest, ok := strings.CutPrefix(ptr, "/items/")
	if !ok {
		return 0, false
	}
	idx, ok := strings.CutSuffix(rest, "/item")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(idx)
	return n, err == nil && n >= 0
}

// nonEmptyArray returns obj's member key when it is an array with elements.
func nonEmptyArray(obj tree.Value, key string) (tree.Value, bool) {
	a := obj.Get(key)
	return a, a.IsArray() && a.Len() > 0
}

// integerKey renders an integer (a number whose text is a 64-bit integer,
// as json.Number.Int64 accepts it) for comparison; other values are not ids.
func integerKey(v tree.Value) (string, bool) {
	if _, ok := v.Int(); !ok {
		return "", false
	}
	return v.Number()
}

// equal reports whether two values are the same JSON value, members in any
// order and elements in order (reflect.DeepEqual on the map model).
func equal(a, b tree.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case tree.String:
		x, _ := a.Str()
		y, _ := b.Str()
		return x == y
	case tree.Number:
		x, _ := a.Number()
		y, _ := b.Number()
		return x == y
	case tree.Object:
		n := 0
		for k, av := range a.Members() {
			bv, ok := b.Lookup(k)
			if !ok || !equal(av, bv) {
				return false
			}
			n++
		}
		for range b.Members() {
			n--
		}
		return n == 0
	case tree.Array:
		if a.Len() != b.Len() {
			return false
		}
		var bs []tree.Value
		for _, e := range b.Elems() {
			bs = append(bs, e)
		}
		for i, e := range a.Elems() {
			if !equal(e, bs[i]) {
				return false
			}
		}
		return true
	}
	return true // null, true, false: the kind is the value
}
