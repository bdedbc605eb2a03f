package engine

import (
	"fmt"

	"github.com/rbaclint/rbaclint/internal/mapped"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/schemacheck"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Defaults for checking big lists a window of entities at a time.
const (
	// DefaultStreamMin is the size from which a JSON list is checked by
	// windows: below it a whole load costs little memory and is faster.
	DefaultStreamMin = 4 << 20
	// DefaultWindowBytes is about how much text one window holds: enough
	// entities that the per-window work is small beside the checks, few
	// enough that a window's tree stays a few megabytes.
	DefaultWindowBytes = 512 << 10
)

// streamedKinds are the kinds whose big lists are checked by windows: their
// per-document rules look at one entity at a time (TestStreamMatchesWhole
// holds them to it), and their exports are the big JSON lists.
var streamedKinds = map[rules.Kind]bool{"webex-user-profile": true, "tenant-users": true}

// streamed is what a file checked by windows hands to the processing
// list beside its unpositioned findings: the findings inside entities,
// settled, positioned, fingerprinted and with their fixes' edits, as far
// as the per-file cap can show them, and a count of the rest.
type streamed struct {
	settled []reported.Finding
	dropped map[rules.Severity]int
	count   int // sum of dropped
	// positions converts the file's offsets (for fix edits).
	positions func(int) rules.Position
}

// streams reports whether a file of size bytes may be checked by windows:
// a one-shot lint run with nothing that must see every finding (ignores and
// baselines match them, a written baseline records them).
func (o Options) streams(size int) bool {
	min := o.StreamMin
	if min <= 0 {
		min = DefaultStreamMin
	}
	return o.Stream && int64(size) >= min && o.Ignore == nil && o.Baseline == nil && !o.WriteBaseline
}

// window is what checking one window yields.
type window struct {
	doc      *rules.Document      // kept until its findings are settled
	entities [][]reported.Finding // the findings inside each entity, settled
	loose    []rules.Finding      // findings outside every entity (window 0 only)
	parts    []any                // what each summary read of the window
	declined bool                 // a whole load reports something here
	err      error
}

// checkStream checks a big JSON list window by window (source.Stream):
// schema and per-document rules on each window, in parallel on the budget;
// then, in entity order, the findings the per-file cap can show are settled
// while their window is loaded, and the rest only counted. What the
// set-level rules read is kept as facts (kinds.FactKeep), and the document
// the run keeps is made of those facts. ok is false when the file is to be
// loaded whole.
func checkStream(in input, data []byte, kind rules.Kind, opts Options, byRule map[rules.Kind][]*rules.Rule) (fileResult, bool) {
	var keep func(string) bool
	s := source.OpenStream(in.path, data, kind, opts.MaxDepth, func(k rules.Kind) bool {
		if !streamedKinds[k] {
			return false
		}
		var ok bool
		keep, ok = kinds.FactKeep(opts.Rules, k, opts.RuleOptions)
		return ok
	}, func(from, to int) { mapped.ReleaseRead(data, from, to) }) // each window reads its part again
	if s == nil {
		return fileResult{}, false
	}
	// The summaries the kind's set-level rules read are gathered from each
	// window while it is loaded (rules.Summary).
	sums := rules.Summaries(opts.Rules, s.Kind())
	parts := make([][]any, len(sums))
	size := opts.WindowBytes
	if size <= 0 {
		size = DefaultWindowBytes
	}
	wins := s.Windows(size)
	need := opts.loaderCap() // max+1, as the positions step needs
	run := &Processing{rules: map[string]*rules.Rule{}, Capped: map[rules.Severity]int{}}
	for _, r := range opts.Rules {
		run.rules[r.ID] = r
	}
	one := opts
	one.budget = workers.New(1) // the windows run side by side; each on its own
	out := &streamed{dropped: map[rules.Severity]int{}, positions: s.Positions()}
	var loose []rules.Finding
	var err error
	kept := 0
	batch := 2 * opts.budget.Size()
	facts, ok := s.Facts(func(b *tree.Builder) bool {
		for from := 0; from < len(wins); from += batch {
			ws := wins[from:min(from+batch, len(wins))]
			res := make([]window, len(ws))
			opts.budget.Each(len(ws), func(k int) {
				res[k] = checkWindow(s, ws[k], from+k == 0, one, run, byRule, sums)
			})
			for k := range res {
				w := &res[k]
				if w.err != nil {
					err = w.err
					return false
				}
				if w.declined {
					return false
				}
				loose = append(loose, w.loose...)
				for i := range sums {
					parts[i] = append(parts[i], w.parts[i])
				}
				var shown []reported.Finding
				for _, fs := range w.entities {
					if kept >= need {
						for _, f := range fs {
							out.dropped[f.Severity]++
						}
						out.count += len(fs)
						continue
					}
					shown = append(shown, fs...)
					kept += len(fs) // an entity's findings all lie before the next entity
				}
				if len(shown) > 0 {
					settleShown(shown, w.doc, data, out.positions, opts, run)
					out.settled = append(out.settled, shown...)
				}
				if keep != nil { // nil: the facts keep no entity (kinds.FactKeep)
					source.CopyFacts(b, w.doc, keep)
					if from+k == 0 {
						reserveFacts(b, s, ws[0])
					}
				}
				w.doc = nil
			}
			// The windows' text is read again only where a finding or a
			// fact points: let it leave resident memory.
			start, _ := s.Text(ws[0][0], ws[0][1])
			_, end := s.Text(ws[len(ws)-1][0], ws[len(ws)-1][1])
			mapped.ReleaseRead(data, start, end)
		}
		return true
	})
	if err != nil {
		return fileResult{err: err}, true
	}
	if !ok {
		return fileResult{}, false
	}
	for i, sm := range sums {
		if err := joinSummary(facts, sm, parts[i]); err != nil {
			return fileResult{err: err}, true
		}
	}
	return fileResult{doc: facts, text: data, findings: loose, stream: out}, true
}

// reserveFacts makes room for the facts of a whole stream from what the
// first window's took, by text size, and a tenth more.
func reserveFacts(b *tree.Builder, s *source.Stream, first [2]int) {
	start, end := s.Text(first[0], first[1])
	_, last := s.Text(s.Len()-1, s.Len())
	nodes, bytes := b.Size()
	scale := float64(last-start) / float64(max(end-start, 1)) * 1.1
	b.Reserve(int(float64(nodes)*scale), int(float64(bytes)*scale))
}

// checkWindow checks the entities w of s as a document of their own. Only
// the first window keeps the findings outside every entity: every window
// carries the same envelope.
func checkWindow(s *source.Stream, w [2]int, first bool, opts Options, run *Processing, byRule map[rules.Kind][]*rules.Rule, sums []*rules.Summary) window {
	doc := s.Window(w[0], w[1])
	if doc == nil {
		return window{declined: true}
	}
	found := schemacheck.ValidateOn(doc, opts.RuleOptions, opts.budget)
	ruleFindings, err := runChecks(byRule[doc.Kind], doc, opts)
	if err != nil {
		return window{err: err}
	}
	found = append(found, ruleFindings...)
	parts, err := readSummaries(sums, doc)
	if err != nil {
		return window{err: err}
	}

	entityOf := entityLookup(doc)
	inEntity := make([][]rules.Finding, len(doc.Entities))
	var loose []rules.Finding
	for _, f := range found {
		if e, ok := entityOf(f.Pointer); ok {
			inEntity[e] = append(inEntity[e], f)
		} else if first {
			loose = append(loose, f)
		}
	}
	// The steps that settle findings before positions (severities,
	// bounded messages, dedupe) look at one finding, or at findings with
	// the same pointer, which lie in one entity: per entity, they settle
	// as they would in the whole file.
	entities := make([][]reported.Finding, len(inEntity))
	for i, fs := range inEntity {
		if len(fs) == 0 {
			continue
		}
		rfs := reported.Of(fs)
		for _, p := range []Processor{severities{opts.Level}, boundMessages{}, dedupe{}} {
			rfs = p.Process(rfs, run)
		}
		entities[i] = rfs
	}
	return window{doc: doc, entities: entities, loose: loose, parts: parts}
}

// settleShown positions, fingerprints and resolves the fixes of findings
// of one window while the window's document is loaded, as the processing
// list does for a whole file's findings.
func settleShown(fs []reported.Finding, doc *rules.Document, text []byte, positions func(int) rules.Position, opts Options, run *Processing) {
	docs := map[string]*rules.Document{doc.Path: doc}
	resolveSpans(fs, docs, workers.New(1))
	run.Docs = docs
	fingerprints{opts.FingerprintPath}.Process(fs, run)
	run.Docs = nil
	resolveFixes(fs, docs, map[string][]byte{doc.Path: text}, map[string]func(int) rules.Position{doc.Path: positions})
}

// readSummaries reads the summaries of a window; a panic in a pack's Read
// is an internal error, as one in a rule is.
func readSummaries(sums []*rules.Summary, doc *rules.Document) (parts []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Msg: fmt.Sprintf("reading a summary of %s failed: %v", doc.Path, p)}
		}
	}()
	parts = make([]any, len(sums))
	for i, sm := range sums {
		parts[i] = sm.Read(doc)
	}
	return parts, nil
}

// joinSummary joins a file's window summaries onto its facts.
func joinSummary(facts *rules.Document, sm *rules.Summary, parts []any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Msg: fmt.Sprintf("joining a summary of %s failed: %v", facts.Path, p)}
		}
	}()
	rules.SetSummary(facts, sm, sm.Join(facts, parts))
	return nil
}
