package kinds

import (
	"maps"
	"slices"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// FactKeep returns which top-level members of an entity of kind k the
// set-level rules of rs need under opts when a big file is checked a
// window of entities at a time: the Facts of every rule of rs with a
// CheckSet that applies to k, plus what every set-level finding needs
// anyway (the kind's Identity, which fingerprints read, and LabelReads,
// which labels read). ok is false when one of those rules needs whole
// documents (rules.Rule.NeedsWhole): files of kind k are then not
// checked by windows.
//
// When no set-level rule of k reads a member (each declares an empty
// Facts, reading a Summary or nothing), keep is nil: the facts keep no
// entity at all, only the envelope, and fingerprints and the rules'
// reports read the few entities they name again (rules.Document.Whole,
// rules.Document.PointerOf).
func FactKeep(rs []*rules.Rule, k rules.Kind, opts *rules.Options) (keep func(key string) bool, ok bool) {
	keys := map[string]bool{}
	for _, r := range rs {
		if r.CheckSet == nil || !r.AppliesTo(k) {
			continue
		}
		if r.NeedsWhole(opts) {
			return nil, false
		}
		for _, key := range r.Facts {
			keys[key] = true
		}
	}
	if len(keys) == 0 {
		return nil, true
	}
	if s := Of(k); s != nil {
		for _, key := range s.Identity {
			keys[key] = true
		}
		for _, key := range s.LabelReads {
			keys[key] = true
		}
	}
	// A handful of names: comparing them beats hashing every member of
	// every entity for a map.
	list := slices.Sorted(maps.Keys(keys))
	return func(key string) bool { return slices.Contains(list, key) }, true
}

// Project returns a new document equal to doc except that each of its
// entities that is an object keeps only the members keep accepts (none
// when keep is nil, and then the document lists no Entities, as a big
// file's facts that keep nothing list none): what
// the set-level rules read of a file checked by windows. The envelope
// around the entities stays whole; Path, Kind, Shape, Format, Unmodelled
// and MoreDuplicates are doc's, its Source places pointers as doc's does
// and reads entities whole from doc (rules.Document.Whole), as a big
// file's facts read them from the file; Entities point into the new tree
// at the same pointers. The new tree is a copy that never reads doc's
// text.
func Project(doc *rules.Document, keep func(key string) bool) *rules.Document {
	out := &rules.Document{
		Path: doc.Path, Kind: doc.Kind, Shape: doc.Shape, Format: doc.Format,
		Source: projectedSource{doc}, Unmodelled: doc.Unmodelled, MoreDuplicates: doc.MoreDuplicates,
	}
	if !doc.Data.Exists() {
		out.Entities = append([]rules.Entity(nil), doc.Entities...)
		return out
	}
	none := keep == nil
	if none {
		keep = func(string) bool { return false }
	}
	entities := make(map[tree.Value]bool, len(doc.Entities))
	for _, e := range doc.Entities {
		entities[e.Data] = true
	}
	b := tree.NewBuilder(nil, 0)
	b.CopyWith(doc.Data, func(obj tree.Value) func(string) bool {
		if entities[obj] {
			return keep
		}
		return nil
	})
	out.Data = b.Finish().Root()
	if none {
		return out
	}
	out.Entities = make([]rules.Entity, len(doc.Entities))
	for i, e := range doc.Entities {
		out.Entities[i] = rules.Entity{Pointer: e.Pointer, Data: out.Data.At(e.Pointer)}
	}
	return out
}

// projectedSource is the source of a projection: doc's places, and doc's
// entities read whole.
type projectedSource struct{ doc *rules.Document }

func (p projectedSource) Resolve(pointers []string) map[string]rules.Place {
	if p.doc.Source == nil {
		return map[string]rules.Place{}
	}
	return p.doc.Source.Resolve(pointers)
}

func (p projectedSource) Whole(i int) (rules.Entity, bool) { return p.doc.Whole(i) }

func (p projectedSource) Pointer(i int) (string, bool) { return p.doc.PointerOf(i) }
