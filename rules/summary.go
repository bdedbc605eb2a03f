package rules

// A Summary is what set-level rules read of a kind's entities, gathered
// while the entities are loaded: a big file is checked a window of entities
// at a time, and a summary of a few words per entity (a hash of an e-mail,
// the roles it holds) costs far less than the entities' members kept as
// facts (Rule.Facts). Rules that read their entities through a summary
// declare an empty Facts; what they report about one entity they read
// again with Document.Whole.
//
// The rules sharing one summary point at the same Summary, so the engine
// gathers it once per window.
type Summary struct {
	// Read reads the entities of doc: a whole file, or one window of a big
	// file, whose entity i is the file's entity doc.EntityBase+i. What it
	// returns must not hold on to doc's tree: windows are dropped after
	// their checks.
	Read func(doc *Document) any
	// Join joins what Read returned for each window of a file, in order,
	// into the summary of doc, the document the set-level rules get for
	// the file. It is also called with the one Read of a whole document.
	Join func(doc *Document, parts []any) any
}

// summaryKey is the View key of a document's summaries.
type summaryKey struct{ s *Summary }

// Summarized returns the summary s of doc: the one the engine joined from
// a big file's windows (SetSummary), else s.Join(doc, s.Read(doc)), read
// once per document.
func Summarized(doc *Document, s *Summary) any {
	return View(doc, summaryKey{s}, func(d *Document) any { return s.Join(d, []any{s.Read(d)}) })
}

// SetSummary records v as the summary s of doc. The engine calls it on a
// big file's facts before any set-level rule runs on them.
func SetSummary(doc *Document, s *Summary, v any) {
	View(doc, summaryKey{s}, func(*Document) any { return v })
}

// Summaries returns the distinct summaries the set-level rules of rs read
// of kind k, in rule order.
func Summaries(rs []*Rule, k Kind) []*Summary {
	var out []*Summary
	for _, r := range rs {
		if r.CheckSet == nil || r.Summary == nil || !r.AppliesTo(k) {
			continue
		}
		seen := false
		for _, s := range out {
			seen = seen || s == r.Summary
		}
		if !seen {
			out = append(out, r.Summary)
		}
	}
	return out
}

// WholeSource is a SourceMap that can read a document's entities again,
// whole: the source of a big file's facts, which hold only some members of
// each entity, or none and then no Entities at all.
type WholeSource interface {
	SourceMap
	Whole(i int) (Entity, bool)
	Pointer(i int) (string, bool)
}

// Whole returns the document's entity i with all its members: Entities[i],
// or, when the document is a big file's facts, the entity read again from
// the file. ok is false when i is out of range or the file cannot be read
// again (it changed since it was checked).
func (d *Document) Whole(i int) (Entity, bool) {
	if w, ok := d.Source.(WholeSource); ok {
		return w.Whole(i)
	}
	if i < 0 || i >= len(d.Entities) {
		return Entity{}, false
	}
	return d.Entities[i], true
}

// PointerOf returns the pointer of the document's entity i: Entities[i]'s,
// or, for a big file's facts, which may list no entities, its place in the
// file's list.
func (d *Document) PointerOf(i int) (string, bool) {
	if w, ok := d.Source.(WholeSource); ok {
		return w.Pointer(i)
	}
	if i < 0 || i >= len(d.Entities) {
		return "", false
	}
	return d.Entities[i].Pointer, true
}
