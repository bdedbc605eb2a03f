package webex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// resource is one ResourceTypesDTO of a profile's resource collection. It
// keeps indices, not a pointer or the collection's label: almost no
// resource is ever reported, so both are built only for a finding.
type resource struct {
	col    int        // the collection's index in resourceCollections
	colObj tree.Value // the collection, for its label
	index  int        // the resource's index in the collection's resources
	obj    tree.Value
}

// at returns the pointer to a member of the resource.
func (r resource) at(p profile, member string) string {
	return p.at("resourceCollections", r.col, "resources", r.index, member)
}

// collection names the resource's collection: `collection "Department1"`.
func (r resource) collection() string { return collectionLabel(r.colObj, r.col) }

// collectionLabel names a resource collection by its name or position.
func collectionLabel(obj tree.Value, index int) string {
	if name, ok := obj.Get("name").Str(); ok && name != "" {
		return "collection " + strconv.Quote(name)
	}
	return fmt.Sprintf("collection #%d", index+1)
}

// resourceLabel names a resource by its type.
func resourceLabel(obj tree.Value) string {
	if name, ok := obj.Get("name").Str(); ok && name != "" {
		return "resource " + strconv.Quote(name)
	}
	return "a resource without a name"
}

// appendResources appends the resources of all p's collections to dst, in
// document order, so that a rule reuses one slice for every profile. The
// resources of one collection are consecutive and share col (duplicates are
// per collection).
func appendResources(dst []resource, p profile) []resource {
	for i, col := range p.obj.Get("resourceCollections").Elems() {
		for j, obj := range col.Get("resources").Elems() {
			if obj.IsObject() {
				dst = append(dst, resource{col: i, colObj: col, index: j, obj: obj})
			}
		}
	}
	return dst
}

// DefaultCollectionUnknown reports a default collection that is not one of
// the profile's collections.
var DefaultCollectionUnknown = &rules.Rule{
	ID:              "webex/default-collection-unknown",
	Title:           "The default resource collection is not one of the profile's collections",
	Doc:             doc("default-collection-unknown"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           eachProfile(checkDefaultCollection),
}

func checkDefaultCollection(pass *rules.Pass, _ *struct{}, p profile) {
	def, _ := p.obj.Get("defaultResourceCollectionId").Str()
	cols, ok := nonEmptyArray(p.obj, "resourceCollections")
	if def == "" || !ok {
		return
	}
	if hasCollection(cols, def) {
		return
	}
	var ids []string
	for _, col := range cols.Elems() {
		if id, ok := col.Get("id").Str(); ok && id != "" {
			ids = append(ids, strconv.Quote(id))
		}
	}
	hint := "set it to the id of one of the profile's resource collections"
	switch len(ids) {
	case 0:
	case 1:
		hint = "use " + ids[0]
	default:
		hint = "use one of " + strings.Join(ids, ", ")
	}
	pass.Report(rules.Finding{
		Pointer: p.at("defaultResourceCollectionId"),
		Entity:  p.label(),
		Message: fmt.Sprintf("%s: defaultResourceCollectionId %q is not the id of any of its resourceCollections; %s", p.label(), def, hint),
	})
}

// hasCollection reports whether one of cols has the id.
func hasCollection(cols tree.Value, id string) bool {
	for _, col := range cols.Elems() {
		if got, _ := col.Get("id").Str(); got == id {
			return true
		}
	}
	return false
}

// UnknownResourceType reports resource names missing from the catalog.
var UnknownResourceType = &rules.Rule{
	ID:              "webex/unknown-resource-type",
	Title:           "A resource collection uses a resource type that is not documented",
	Doc:             doc("unknown-resource-type"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkUnknownResourceType,
}

func checkUnknownResourceType(pass *rules.Pass) {
	known := knownResourceTypes(pass.Options.Names(resourceTypesOption))
	eachOf(pass.Doc, appendResources, func(p profile, r resource) {
		name, _ := r.obj.Get("name").Str()
		if name == "" || known.set[name] {
			return
		}
		pass.Report(rules.Finding{
			Pointer: r.at(p, "name"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: %s has unknown resource type %q; %s",
				p.label(), r.collection(), name, suggest(name, known, "catalog.webex.resourceTypes")),
		})
	})
}

// suggest is the advice for an unknown name: the nearest known one, or how
// to teach the catalog a name Cisco added.
func suggest(name string, known names, configKey string) string {
	if near := known.suggest.Nearest(name); near != "" {
		return fmt.Sprintf("did you mean %q?", near)
	}
	return "check the spelling, or add it to " + configKey + " in .rbaclint.yaml if Cisco added it"
}

// DuplicateResourceType reports a resource type listed twice in one
// collection.
var DuplicateResourceType = &rules.Rule{
	ID:              "webex/duplicate-resource-type",
	Title:           "The same resource type appears twice in one resource collection",
	Doc:             doc("duplicate-resource-type"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           eachProfile(checkDuplicateResourceType),
}

func checkDuplicateResourceType(pass *rules.Pass, s *repeats[resource], p profile) {
	rs := s.resources(p)
	col := -1
	for _, r := range rs {
		if r.col != col { // the first resource of the next collection
			col, s.first = r.col, rules.ReuseMap(s.first)
		}
		name, _ := r.obj.Get("name").Str()
		if name == "" {
			continue
		}
		prev, dup := rules.Repeat(s.first, name, r)
		if !dup {
			continue
		}
		pass.Report(rules.Finding{
			Pointer: r.at(p, "name"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: %s lists resource type %q twice%s; merge them into one entry",
				p.label(), r.collection(), name, conflict(prev.obj, r.obj, "accessLevel")),
			Related: []rules.Related{{Path: pass.Doc.Path, Pointer: prev.at(p, "name"), Message: "first entry"}},
		})
	}
}

// conflict describes two entries that disagree on key, or returns "".
func conflict(a, b tree.Value, key string) string {
	x, _ := a.Get(key).Str()
	y, _ := b.Get(key).Str()
	if x == "" || y == "" || x == y {
		return ""
	}
	return fmt.Sprintf(" with different %s (%s, then %s)", key, x, y)
}

// ResourceIDs reports SPECIFIC resources without ids and ALL/NONE resources
// with ids.
var ResourceIDs = &rules.Rule{
	ID:              "webex/resource-ids",
	Title:           "Resource ids do not match the resource's access level",
	Doc:             doc("resource-ids"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkResourceIDs,
}

func checkResourceIDs(pass *rules.Pass) {
	eachOf(pass.Doc, appendResources, func(p profile, r resource) {
		level, _ := r.obj.Get("accessLevel").Str()
		_, hasIDs := nonEmptyArray(r.obj, "ids")
		switch {
		case level == levelSpecific && !hasIDs:
			pass.Report(rules.Finding{
				Pointer: r.at(p, "accessLevel"),
				Entity:  p.label(),
				Message: resourceWhat(p, r) + " has accessLevel SPECIFIC but no ids; list the ids it grants, or use NONE",
			})
		case (level == levelAll || level == levelNone) && hasIDs:
			pass.Report(rules.Finding{
				Pointer:  r.at(p, "ids"),
				Target:   rules.TargetKey,
				Severity: rules.SeverityWarning,
				Entity:   p.label(),
				Message:  resourceWhat(p, r) + " has ids, which accessLevel " + level + " ignores; remove them, or set accessLevel to SPECIFIC",
			})
		}
	})
}

// resourceWhat opens a message about a resource: `profile "Tier 1":
// resource "queue" in collection "Claims"`.
func resourceWhat(p profile, r resource) string {
	return fmt.Sprintf("%s: %s in %s", p.label(), resourceLabel(r.obj), r.collection())
}
