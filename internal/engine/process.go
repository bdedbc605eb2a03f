package engine

import (
	"fmt"
	"sort"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// Processor is one step of processing, as golangci-lint's processors are:
// it receives the run's findings in order and returns them filtered,
// changed or extended. The engine runs the list Processors builds.
type Processor interface {
	Process(fs []reported.Finding, run *Processing) []reported.Finding
}

// Processing is what the steps share about the run.
type Processing struct {
	Docs    map[string]*rules.Document // the documents the findings are in
	Checked []string                   // the documents checked, sorted
	rules   map[string]*rules.Rule

	sources map[string]*rules.Document // where pointers are positioned (Docs plus the set context)
	texts   map[string][]byte          // the documents' texts, for fix edits (nil: fixes stay as rules state them)
	budget  *workers.Budget

	// overflow counts, per file, the findings the positions step left out
	// unpositioned; the cap's note counts them too.
	overflow map[string]int

	// settled are findings of files checked by windows that were settled
	// there (see checkStream); they join the others after dedupe's
	// predecessors.
	settled []reported.Finding
	// positions convert offsets of the files checked by windows (their
	// line index, which the fixes' edits need: not built again).
	positions map[string]func(int) rules.Position

	// Baselinable holds the findings as the baseline step received them:
	// settled, before any baseline hides one, uncapped. --write-baseline
	// records them (Options.WriteBaseline).
	Baselinable []reported.Finding

	// Capped counts by severity the findings the per-file cap left out
	// that no ignore or baseline hides: they still decide the exit code.
	Capped map[rules.Severity]int
}

// countCapped counts f as left out by the cap.
func (run *Processing) countCapped(f reported.Finding) {
	if f.Suppressed == nil {
		run.Capped[f.Severity]++
	}
}

// Processors is the processing list for opts, in order: configured
// ignores, severities (and rules set to off), bounded messages, dedupe,
// fingerprints when a baseline needs them, the baseline, positions (only
// of what the cap can keep), fingerprints of the rest, the stable sort, the
// per-file cap and the fixes' edits of what it kept.
func Processors(opts Options) []Processor {
	settle := []Processor{severities{opts.Level}, boundMessages{}, dedupe{}}
	fp := fingerprints{opts.FingerprintPath}
	if opts.Baseline != nil || opts.WriteBaseline {
		settle = append(settle, fp) // matched or recorded: every finding needs one
	}
	list := append([]Processor{ignores{opts.Ignore}}, append(settle[:2:2], joinSettled{})...)
	list = append(list, settle[2:]...)
	return append(list, baselineStep{opts.Baseline, settle, opts.WriteBaseline}, positions{opts.MaxFindings}, fp, sorted{}, perFileCap{opts.MaxFindings, severities{opts.Level}}, fixEdits{})
}

// loaderCap is how many duplicate-key findings a loader builds per file
// (source.Options.MaxFindings): max+1, as many as the positions step
// keeps, so that the one that places the cap's note is built.
func (o Options) loaderCap() int {
	if o.MaxFindings > 0 {
		return o.MaxFindings + 1
	}
	return DefaultMaxFindings + 1
}

// process runs the processing list over fs; sources are the documents
// pointers are positioned in, texts what fixes edit.
func process(fs []reported.Finding, pre *presettled, docs, sources map[string]*rules.Document, texts map[string][]byte, checked []string, opts Options) ([]reported.Finding, *Processing) {
	run := &Processing{Docs: docs, Checked: checked, rules: map[string]*rules.Rule{}, sources: sources, texts: texts, budget: opts.budget,
		overflow: map[string]int{}, Capped: map[rules.Severity]int{}}
	if pre != nil {
		run.settled, run.positions = pre.settled, pre.positions
		for path, n := range pre.overflow {
			run.overflow[path] += n
		}
		for sev, n := range pre.capped {
			run.Capped[sev] += n
		}
	}
	for _, r := range opts.Rules {
		run.rules[r.ID] = r
	}
	for _, p := range Processors(opts) {
		fs = p.Process(fs, run)
	}
	return fs, run
}

// ignores applies the configured ignores; it may add unused-ignore findings.
type ignores struct {
	apply func(fs []reported.Finding, checked []string) []reported.Finding
}

func (p ignores) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	if p.apply == nil {
		return fs
	}
	return p.apply(fs, run.Checked)
}

// severities sets each finding's effective severity, the one place it is
// decided: rules.SeverityOf, then the configured level; rules set to off
// drop out.
type severities struct {
	level func(ruleID, path string) rules.Severity
}

func (p severities) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	out := fs[:0]
	for _, f := range fs {
		if sev := p.of(f.Finding, run); sev != rules.SeverityOff {
			f.Severity = sev
			out = append(out, f)
		}
	}
	return out
}

// of is f's effective severity.
func (p severities) of(f rules.Finding, run *Processing) rules.Severity {
	sev := rules.SeverityOf(&f, run.rules[f.RuleID])
	if p.level != nil {
		if lv := p.level(f.RuleID, f.Path); lv != rules.SeverityDefault {
			sev = lv
		}
	}
	return sev
}

// presettled is what files checked by windows settled, and what they left
// out as the positions step would have: counted for the cap's note and the
// exit code.
type presettled struct {
	settled   []reported.Finding
	positions map[string]func(int) rules.Position
	overflow  map[string]int
	capped    map[rules.Severity]int
}

func (p *presettled) add(r fileResult) {
	if r.stream == nil || r.doc == nil {
		return
	}
	if p.overflow == nil {
		p.overflow, p.capped, p.positions = map[string]int{}, map[rules.Severity]int{}, map[string]func(int) rules.Position{}
	}
	p.positions[r.doc.Path] = r.stream.positions
	p.settled = append(p.settled, r.stream.settled...)
	p.overflow[r.doc.Path] += r.stream.count
	for sev, n := range r.stream.dropped {
		p.capped[sev] += n
	}
}

// joinSettled adds the findings settled by windows: after severities and
// bounded messages, which they have been through, before dedupe.
type joinSettled struct{}

func (joinSettled) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	return append(fs, run.settled...)
}

// boundMessages keeps every message (and related message) within bounds.
type boundMessages struct{}

func (boundMessages) Process(fs []reported.Finding, _ *Processing) []reported.Finding {
	for i := range fs {
		fs[i].Message = boundMessage(fs[i].Message)
		for j := range fs[i].Related {
			fs[i].Related[j].Message = boundMessage(fs[i].Related[j].Message)
		}
	}
	return fs
}

// dedupe keeps the first of findings with the same rule, place and message.
type dedupe struct{}

// dedupeKey is what makes two findings the same (a struct, not a formatted
// string: no allocation per finding).
type dedupeKey struct {
	rule, path, pointer, message string
	target                       rules.Target
}

func (dedupe) Process(fs []reported.Finding, _ *Processing) []reported.Finding {
	out := fs[:0]
	seen := make(map[dedupeKey]bool, len(fs))
	for _, f := range fs {
		key := dedupeKey{f.RuleID, f.Path, f.Pointer, f.Message, f.Target}
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}

// fingerprints gives every finding its stable identity (see fingerprint).
type fingerprints struct {
	path func(string) string // the path fingerprints name (baseline-relative)
}

func (p fingerprints) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	for i := range fs {
		f := &fs[i]
		if f.Fingerprint != "" {
			continue
		}
		named := f.Finding
		if p.path != nil {
			named.Path = p.path(f.Path)
		}
		r := run.rules[f.RuleID]
		f.Fingerprint = fingerprint(named, run.Docs[f.Path], r != nil && r.EntityIdentity, r.AboutSecrets())
	}
	return fs
}

// baselineStep records what a baseline would hold, then applies the
// configured baseline hook, which hides findings and may add stale-entry
// findings; what it adds is settled by the steps that settled the others.
type baselineStep struct {
	apply  func(fs []reported.Finding, checked []string) []reported.Finding
	settle []Processor
	record bool // keep Baselinable
}

func (p baselineStep) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	if p.record {
		run.Baselinable = append([]reported.Finding(nil), fs...)
	}
	if p.apply == nil {
		return fs
	}
	n := len(fs)
	fs = p.apply(fs, run.Checked)
	added := fs[n:]
	for _, s := range p.settle {
		added = s.Process(added, run)
	}
	return append(fs[:n], added...)
}

// sorted orders findings by file, line, column, rule ID and message.
type sorted struct{}

func (sorted) Process(fs []reported.Finding, _ *Processing) []reported.Finding {
	sort.SliceStable(fs, func(i, j int) bool { return rules.FindingBefore(&fs[i].Finding, &fs[j].Finding) })
	return fs
}

// perFileCap keeps at most max findings per file (see capPerFile).
type perFileCap struct {
	max   int
	level severities // duplicate-key's level, for those the loaders counted
}

func (p perFileCap) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	// The loaders build loaderCap duplicate-key findings per file and
	// count the rest (Document.MoreDuplicates): the ones built are the
	// first in document order, so the cap would have kept none of the
	// rest. They are left out like the findings the positions step drops:
	// in the note, and in the exit code at duplicate-key's level.
	for path, doc := range run.Docs {
		if doc == nil || doc.MoreDuplicates == 0 {
			continue
		}
		sev := p.level.of(rules.Finding{RuleID: rules.IDDuplicateKey, Path: path}, run)
		if sev != rules.SeverityOff {
			run.overflow[path] += doc.MoreDuplicates
			run.Capped[sev] += doc.MoreDuplicates
		}
	}
	return capPerFile(fs, p.max, run)
}

// capPerFile keeps at most max findings per file (the first ones in sorted
// order) and says how many were left out, counting those the positions
// step left out already; it counts what it leaves out in run.Capped.
func capPerFile(fs []reported.Finding, max int, run *Processing) []reported.Finding {
	if max <= 0 {
		max = DefaultMaxFindings
	}
	out := fs[:0]
	count := 0
	for i := 0; i < len(fs); i++ {
		if i == 0 || fs[i].Path != fs[i-1].Path {
			count = 0
		}
		count++
		if count <= max {
			out = append(out, fs[i])
			continue
		}
		j := i
		for j < len(fs) && fs[j].Path == fs[i].Path {
			run.countCapped(fs[j])
			j++
		}
		out = append(out, reported.Finding{Finding: rules.Finding{
			RuleID:   rules.IDLimit,
			Severity: rules.SeverityWarning,
			Path:     fs[i].Path,
			Span:     fs[i].Span,
			Message:  fmt.Sprintf("%d more findings in this file were not shown (limit %d per file; raise limits.maxFindings in .rbaclint.yaml or --max-findings)", j-i+run.overflow[fs[i].Path], max),
		}})
		i = j - 1
	}
	return out
}

// fixEdits turns the kept findings' fixes into edits on the texts (see
// resolveFixes); --fix applies only what is shown.
type fixEdits struct{}

func (fixEdits) Process(fs []reported.Finding, run *Processing) []reported.Finding {
	if run.texts != nil {
		resolveFixes(fs, run.Docs, run.texts, run.positions)
	}
	return fs
}
