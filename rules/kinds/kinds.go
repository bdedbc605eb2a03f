// Package kinds is the explicit list of the document kinds rbaclint reads (no
// init() registration: a kind exists when it is in All). A kind's Spec is
// everything rbaclint knows about its documents: how they are detected and
// which shapes wrap their entities, how their XML elements are typed, what
// messages call an entity and what identifies it in fingerprints, and which
// schema (and variant) applies. The loaders, the validator, the engine and
// the rule packs all read it, so vendor knowledge about document structure
// lives here and in the packs, never in the engine or the validator.
//
// It imports only the rule API and the document model (internal/tree), so
// rule packs can import it without importing a loader.
package kinds

import (
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// Spec describes one document kind.
type Spec struct {
	Name rules.Kind

	// IsEntity recognises one entity of a JSON or YAML document (a profile,
	// a user, a script); nil when the kind is not detected that way (XML
	// kinds, finesse-integration). A root object it accepts is the Object
	// shape, and a list envelope is recognised by the first element of its
	// array that it accepts.
	IsEntity func(v tree.Value) bool
	// EntityArrays: a root array is the Array shape when its first element
	// that some kind recognises is this kind's entity.
	EntityArrays bool

	// Envelopes are the shapes that wrap the entities in a member of the
	// root object (List, Bulk), in the order they are tried. Every kind
	// also has the Object and Array shapes.
	Envelopes []Envelope

	// Matches recognises a document by its content as a whole; it is tried
	// only when no kind's entities or envelopes matched (finesse-integration:
	// a Finesse API path anywhere).
	Matches func(root tree.Value) bool

	// Markers are raw-text signs of the kind's exports: a file that does not
	// parse and shows none of any kind's markers is not an export (a
	// tsconfig.json with comments, a Helm template) and is skipped when
	// walked, while a broken export keeps its syntax finding.
	Markers []Marker

	// XML is the element typing of the kind's XML documents; nil for kinds
	// that are never XML.
	XML *XML

	// Label names an entity in messages and Finding.Entity: `profile
	// "Sales"`, "user ana@example.com", `role "Supervisors"`. index is the
	// entity's place among the document's entities.
	Label func(e rules.Entity, index int) string
	// LabelReads are the entity members Label reads: a set-level rule's
	// facts keep them (FactKeep), so its findings name entities alike.
	LabelReads []string

	// Part names the part of an entity that a value at rel (the pointer
	// tokens below the entity) belongs to, when findings are better worded
	// against it than against the whole entity (a CXone action); nil or
	// false: the entity.
	Part func(e rules.Entity, rel []string) (Part, bool)

	// Identity names the members that identify an array element in a
	// fingerprint's logical location, in order of preference.
	Identity []string

	// Schema is the kind's schema file in /schemas ("" when none); Variant
	// returns the suffix of the $defs to prefer for a run's options ("" for
	// none), e.g. "-uccx".
	Schema  string
	Variant func(opts *rules.Options) string
}

// Envelope is a shape that holds the entities in an array member of the
// root object, or one entity in an object member (Single).
type Envelope struct {
	Shape  rules.Shape // rules.ShapeList or rules.ShapeBulk
	Member string      // the root member holding the array: "data", "items", "roles"
	// Item, when set, is the member of each array element that holds the
	// entity (a bulk request's "item").
	Item string
	// Single: Member holds one entity object instead of an array (the
	// ShapeItem answer {"data": {user}, "status", "timestamp"}); Detect
	// recognises it.
	Single bool
	// Detect recognises the envelope by the root object alone, when its
	// array names no entity (an empty page); nil: only by its entities.
	Detect func(root tree.Value) bool
	// NotEntity: a forced document of the kind is this envelope only when
	// the root object is not itself an entity (a profile may have "items").
	NotEntity bool
	// ItemDef returns the $defs name that checks the entity held by one
	// element (a bulk DELETE item), or "" for "entity".
	ItemDef func(element tree.Value) string
}

// Marker is a key or element name only the kind's exports use (written
// without quotes, so that JSON, YAML and XML spellings all match), or, with
// With set, a common key that counts only together with one of With.
type Marker struct {
	Text string
	With []string
}

// Part is a named part of an entity.
type Part struct {
	Label   string // "action 12"
	Pointer string // where the part is
	Prefix  string // what paths below the part start with ("branches")
}

// all is the list, in the order kinds are shown and detected: an object
// that two kinds would accept is the first one's.
var all = []*Spec{
	WebexLegacyProfile, WebexUserProfile, TenantUsers,
	PCCERoles, PCCEAdministrators, PCCEFeatures,
	CXoneScript, FinesseReasonCodes, FinesseIntegration,
}

var byName = func() map[rules.Kind]*Spec {
	m := make(map[rules.Kind]*Spec, len(all))
	for _, s := range all {
		m[s.Name] = s
	}
	return m
}()

// All returns every kind in order. Callers must not modify it.
func All() []*Spec { return all }

// Of returns the spec of kind k, or nil.
func Of(k rules.Kind) *Spec { return byName[k] }

// Names returns every kind's name in order.
func Names() []rules.Kind {
	out := make([]rules.Kind, len(all))
	for i, s := range all {
		out[i] = s.Name
	}
	return out
}

// Summary is what the kinds are, for a message about a file that matches none.
const Summary = "Webex user profiles, tenant users, PCCE roles/administrators/features, CXone script, Finesse reason codes or integration"

// EnvelopeOf returns the kind's envelope of shape sh, or nil.
func (s *Spec) EnvelopeOf(sh rules.Shape) *Envelope {
	for i := range s.Envelopes {
		if s.Envelopes[i].Shape == sh {
			return &s.Envelopes[i]
		}
	}
	return nil
}

// LabelOf is s.Label, or "" when the kind names no entity.
func (s *Spec) LabelOf(e rules.Entity, index int) string {
	if s == nil || s.Label == nil {
		return ""
	}
	return s.Label(e, index)
}

// fingerprintIdentity is the identity every kind has used since the first
// fingerprint version: changing a kind's list changes its fingerprints and
// so invalidates its users' baselines.
var fingerprintIdentity = []string{"email", "id", "refURL", "userName", "name", "actionId", "itemIdentifier", "code", "label", "uri"}

// hasAny reports whether v has at least one of the keys, whatever its value
// (null too): detection asks which members an object has.
func hasAny(v tree.Value, keys ...string) bool {
	for _, k := range keys {
		if v.Has(k) {
			return true
		}
	}
	return false
}
