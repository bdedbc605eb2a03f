// Package access is rbaclint's effective-access model: who (a principal) can
// do what (a capability of one vocabulary that every vendor maps onto), and
// the chain of grants that gives it, with a file position for every link.
//
// Every vendor pack reads its documents into Grants through a Source; which
// role key, feature, permission, access level or profile type grants which
// capability is data in the pack (see Mapping), with a source for each row.
// The `rbaclint access` inventory, the access/not-allowed policy rule and the
// diff's access-widened rule all read this one model:
//
//	grants := access.Collect(registry.GrantSources(), docs, opts) // sorted, one per Key
//	access.Locate(grants, docsByPath)                             // line:column of every link
//
// A Grant's identity, for pairing the grants of two versions of a tree, is
// its Key: vendor, principal kind, principal (case-folded) and capability,
// never a position. Two runs over the same files give byte-identical grants.
package access

import (
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// Capability is one entry of the access vocabulary. The names are public:
// they appear in policies, in --capability and in every output format.
type Capability string

// The access vocabulary (DESIGN.md, "Access").
const (
	ManageUsers   Capability = "manage-users"
	ManageAccess  Capability = "manage-access"
	ManageAdmins  Capability = "manage-admins"
	OrgSettings   Capability = "org-settings"
	Billing       Capability = "billing"
	Recordings    Capability = "recordings"
	Monitor       Capability = "monitor"
	ControlAgents Capability = "control-agents"
	APIAdmin      Capability = "api-admin"
	Routing       Capability = "routing"
)

// CapabilityInfo describes one capability for `rbaclint access --list`.
type CapabilityInfo struct {
	Name    Capability
	Summary string
	// Privileged capabilities are drawn in the markdown and dot graphs: the
	// ones whose holders can change who can do what, or reach the tenant as
	// a whole (every capability of the vocabulary is privileged today; the
	// flag leaves room for low-risk ones).
	Privileged bool
}

// Vocabulary lists every capability in its fixed order, which is also the
// order of the inventory.
var Vocabulary = []CapabilityInfo{
	{ManageUsers, "create, edit or delete users", true},
	{ManageAccess, "edit roles, profiles or permissions: can widen anyone's access", true},
	{ManageAdmins, "create administrators or assign administrator roles", true},
	{OrgSettings, "change tenant- or organization-wide settings", true},
	{Billing, "make changes that incur charges", true},
	{Recordings, "play or download recordings", true},
	{Monitor, "silent monitor, barge in or whisper on calls", true},
	{ControlAgents, "change other agents' state (ready, not ready, sign out)", true},
	{APIAdmin, "API keys, webhooks, REST administration, admin credentials used by an integration", true},
	{Routing, "change scripts, flows or routing configuration", true},
}

// Known reports whether c is in the vocabulary.
func Known(c Capability) bool { return rank(c) < len(Vocabulary) }

// Names returns the vocabulary's names in order.
func Names() []string {
	out := make([]string, len(Vocabulary))
	for i, v := range Vocabulary {
		out[i] = string(v.Name)
	}
	return out
}

// rank is a capability's place in the vocabulary; unknown ones sort last.
func rank(c Capability) int {
	for i, v := range Vocabulary {
		if v.Name == c {
			return i
		}
	}
	return len(Vocabulary)
}

// PrincipalKind says what holds access in a vendor's export.
type PrincipalKind string

// Principal kinds.
const (
	PrincipalUser          PrincipalKind = "user"          // a tenant user, by e-mail
	PrincipalProfile       PrincipalKind = "profile"       // a Webex user profile, by name
	PrincipalRole          PrincipalKind = "role"          // a PCCE role, by name
	PrincipalAdministrator PrincipalKind = "administrator" // a PCCE administrator, DOMAIN\user
	PrincipalIntegration   PrincipalKind = "integration"   // a Finesse integration, by the account it authenticates as
	PrincipalScript        PrincipalKind = "script"        // a CXone script, by name (it runs as its security user)
)

// Link is one step of the chain that gives a grant: the principal itself,
// a role or profile it holds, the feature, permission, access level or
// profile type that carries the capability.
type Link struct {
	Kind    string // "administrator", "role", "built-in role", "feature", "profile", "permission", "access level", "profile type", "user", "role key", "script", "security user", "action", "account", "api"
	Name    string
	Path    string // the document's Path
	Pointer string // JSON Pointer into the document's data model
	Line    int    // filled by Locate; 0 when unknown
	Column  int
}

// String renders a link as `kind name`.
func (l Link) String() string {
	if l.Name == "" {
		return l.Kind
	}
	return l.Kind + " " + l.Name
}

// Grant is one principal holding one capability, and the chain that gives it.
type Grant struct {
	Vendor        string // the pack: "webex", "tenant", "pcce", "cxone", "finesse"
	Principal     string
	PrincipalKind PrincipalKind
	Capability    Capability
	// Via runs from the principal (Via[0]) to the link that carries the
	// capability (the last one, the grant's position). Never empty.
	Via []Link
	// Inferred is true when the mapping row behind the last link is
	// inferred rather than documented by the vendor.
	Inferred bool
	Source   string // the mapping row's source
}

// At is the link that carries the capability: the grant's position.
func (g *Grant) At() Link { return g.Via[len(g.Via)-1] }

// Key identifies a grant across runs and versions.
type Key struct {
	Vendor        string
	PrincipalKind PrincipalKind
	Principal     string // case-folded
	Capability    Capability
}

// Key returns the grant's identity.
func (g *Grant) Key() Key {
	return Key{g.Vendor, g.PrincipalKind, strings.ToLower(g.Principal), g.Capability}
}

// Chain renders the links and the capability: `administrator X → role Y →
// feature administrator → manage-admins`. With positions it adds each
// link's file:line.
func (g *Grant) Chain(positions bool) string {
	var b strings.Builder
	for i, l := range g.Via {
		if i > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(l.String())
		if positions && l.Line > 0 {
			b.WriteString(" (" + l.Place() + ")")
		}
	}
	b.WriteString(" → " + string(g.Capability))
	return b.String()
}

// Place is the link's file:line:column (file only when not located).
func (l Link) Place() string {
	if l.Line == 0 {
		return l.Path
	}
	return l.Path + ":" + strconv.Itoa(l.Line) + ":" + strconv.Itoa(l.Column)
}

// Source is one vendor pack's part of the access model.
type Source struct {
	Vendor string
	Kinds  []rules.Kind // the document kinds it reads
	// Mapping returns what grants which capability, for --list,
	// the docs and CanGrant.
	Mapping func() []Mapping
	// Grants reads the documents of Kinds in a run (sorted by path) into
	// grants. It never fails: what it cannot read grants nothing.
	Grants func(docs []*rules.Document, opts *rules.Options) []Grant
}

// NewSource is a pack's Source: its mapping is grants.json in the pack's
// embedded files, parsed on first use, not at start-up (a run that meets no
// export of the pack never pays for it); grants reads the documents of kinds
// in a run, sorted by path, with the mapping's rows.
func NewSource(vendor string, kinds []rules.Kind, files fs.FS, grants func(docs []*rules.Document, rows []Mapping) []Grant) Source {
	mapping := sync.OnceValue(func() []Mapping {
		data, err := fs.ReadFile(files, "grants.json")
		if err != nil {
			panic("access: " + vendor + ": " + err.Error())
		}
		return MustMapping(data)
	})
	return Source{
		Vendor:  vendor,
		Kinds:   kinds,
		Mapping: mapping,
		Grants:  func(docs []*rules.Document, _ *rules.Options) []Grant { return grants(docs, mapping()) },
	}
}

// EachDocument adapts the grants of one document to NewSource, for a pack
// whose principals and what they hold are in one file each.
func EachDocument(grants func(doc *rules.Document, rows []Mapping) []Grant) func([]*rules.Document, []Mapping) []Grant {
	return func(docs []*rules.Document, rows []Mapping) []Grant {
		var out []Grant
		for _, doc := range docs {
			out = append(out, grants(doc, rows)...)
		}
		return out
	}
}

// reads reports whether the source reads documents of kind k.
func (s *Source) reads(k rules.Kind) bool { return slices.Contains(s.Kinds, k) }

// CanGrant reports whether the source's mapping can grant c at all.
func (s *Source) CanGrant(c Capability) bool {
	for _, m := range s.Mapping() {
		if slices.Contains(m.Capabilities, c) {
			return true
		}
	}
	return false
}

// Collect runs every source over the documents of its kinds and returns the
// grants sorted (capability in vocabulary order, principal, vendor, principal
// kind), one per Key: the first documented chain a pack produced (in
// document order) is kept, or the first inferred one when none is
// documented. Positions are not filled; see Locate.
func Collect(sources []Source, docs []*rules.Document, opts *rules.Options) []Grant {
	return collect(sources, docs, opts, false)
}

// collect is Collect; perFile keeps one grant per Key and principal file
// instead, so that two principals of one name in two exports (two Webex
// organizations' "Admins" profiles) are checked one by one.
func collect(sources []Source, docs []*rules.Document, opts *rules.Options, perFile bool) []Grant {
	type fileKey struct {
		Key
		file string
	}
	sorted := append([]*rules.Document(nil), docs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	if opts == nil {
		opts = &rules.Options{}
	}
	var out []Grant
	seen := map[fileKey]int{} // index in out
	for i := range sources {
		s := &sources[i]
		var mine []*rules.Document
		for _, d := range sorted {
			if s.reads(d.Kind) {
				mine = append(mine, d)
			}
		}
		if len(mine) == 0 || s.Grants == nil {
			continue
		}
		for _, g := range s.Grants(mine, opts) {
			if len(g.Via) == 0 || !Known(g.Capability) {
				continue
			}
			g.Vendor = s.Vendor
			k := fileKey{Key: g.Key()}
			if perFile {
				k.file = g.Via[0].Path
			}
			i, dup := seen[k]
			switch {
			case !dup:
				seen[k] = len(out)
				out = append(out, g)
			case out[i].Inferred && !g.Inferred:
				out[i] = g // a documented chain says more than an inferred one
			}
		}
	}
	Sort(out)
	return out
}

// Sort orders grants by capability (vocabulary order), principal (case
// insensitive, then exact), vendor and principal kind. The keys are built
// once per grant, not per comparison: an inventory of a big tenant has
// hundreds of thousands of grants.
func Sort(gs []Grant) {
	type keyed struct {
		rank  int
		lower string
		g     Grant
	}
	ks := make([]keyed, len(gs))
	for i := range gs {
		ks[i] = keyed{rank(gs[i].Capability), strings.ToLower(gs[i].Principal), gs[i]}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := &ks[i], &ks[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.lower != b.lower {
			return a.lower < b.lower
		}
		if a.g.Principal != b.g.Principal {
			return a.g.Principal < b.g.Principal
		}
		if a.g.Vendor != b.g.Vendor {
			return a.g.Vendor < b.g.Vendor
		}
		return a.g.PrincipalKind < b.g.PrincipalKind
	})
	for i := range ks {
		gs[i] = ks[i].g
	}
}

// CheckedVendors returns the vendors of the sources that read at least one
// of the documents, in source order.
func CheckedVendors(sources []Source, docs []*rules.Document) []string {
	var out []string
	for i := range sources {
		for _, d := range docs {
			if sources[i].reads(d.Kind) {
				out = append(out, sources[i].Vendor)
				break
			}
		}
	}
	return out
}

// Locate fills Line and Column of every link from its document's source
// map, asking each document once for all the pointers it needs. A pointer
// that does not resolve falls back to its nearest enclosing value.
func Locate(gs []Grant, docs map[string]*rules.Document) {
	want := map[string]map[string]bool{}
	for i := range gs {
		for _, l := range gs[i].Via {
			if docs[l.Path] == nil {
				continue
			}
			if want[l.Path] == nil {
				want[l.Path] = map[string]bool{}
			}
			for p := l.Pointer; ; p = rules.ParentPointer(p) {
				want[l.Path][p] = true
				if p == "" {
					break
				}
			}
		}
	}
	places := map[string]map[string]rules.Place{}
	for path, set := range want {
		doc := docs[path]
		if doc.Source == nil {
			continue
		}
		ptrs := make([]string, 0, len(set))
		for p := range set {
			ptrs = append(ptrs, p)
		}
		sort.Strings(ptrs)
		places[path] = doc.Source.Resolve(ptrs)
	}
	for i := range gs {
		for j := range gs[i].Via {
			l := &gs[i].Via[j]
			for p := l.Pointer; ; p = rules.ParentPointer(p) {
				if pl, ok := places[l.Path][p]; ok {
					pos := pl.Key.Start
					if pos.IsZero() {
						pos = pl.Value.Start
					}
					l.Line, l.Column = pos.Line, pos.Column
					break
				}
				if p == "" {
					break
				}
			}
		}
	}
}
