// Package engine runs rbaclint's checks: it discovers the input files, loads
// and checks documents on a bounded worker pool, runs the set-level rules,
// resolves positions and applies the processing pipeline (severities,
// fingerprints, limits, dedupe, stable sort). Every stage draws its
// goroutines from one budget of --jobs workers (internal/workers).
package engine

import (
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"slices"
	"sort"

	"github.com/rbaclint/rbaclint/internal/mapped"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/schemacheck"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Defaults for the safety limits.
const (
	DefaultMaxFileSize = 256 << 20
	DefaultMaxFindings = 1000
)

// Options configure a run.
type Options struct {
	Rules       []*rules.Rule  // the catalog (registry.All())
	RuleOptions *rules.Options // vendor options and catalog extensions

	Jobs int // worker count; 0 means GOMAXPROCS

	// budget is the run's worker budget, built from Jobs by Run (or by
	// Finish called on its own) and shared by every stage of the run.
	budget *workers.Budget

	// SkipUnknown skips explicitly named files that match no kind instead of
	// reporting unknown-document (pre-commit passes every staged JSON file).
	SkipUnknown bool

	Kind    rules.Kind                   // --kind: forces every file's kind
	KindFor func(path string) rules.Kind // config kind forcing by glob ("" = detect)

	// Level returns a configured level for a rule on a path, or
	// SeverityDefault to keep the finding's own severity.
	Level func(ruleID, path string) rules.Severity
	// Exclude reports whether a path is skipped, met while walking or named
	// (nil: nothing is).
	Exclude func(path string) bool

	MaxFileSize int64 // bytes; 0 means DefaultMaxFileSize
	MaxDepth    int   // 0 means source.DefaultMaxDepth
	MaxFindings int   // per file; 0 means DefaultMaxFindings

	Stdin     io.Reader
	StdinName string

	// Overlay gives the text of files by path (as displayed) in place of
	// what is on disk: editor buffers, or a --fix --dry-run pass.
	Overlay map[string][]byte

	// Files, when not nil, are the inputs instead of the paths given to Run
	// (the files of a git revision, read into memory).
	Files []File

	// SetContext names directories whose exports the set-level rules also
	// read; findings in those files are not reported (see context.go).
	SetContext []string

	// Ignore marks findings hidden by configured ignores (and may add
	// unused-ignore findings); it runs before severities are applied.
	Ignore func(fs []reported.Finding, checked []string) []reported.Finding
	// FingerprintPath is the path a finding's fingerprint is computed from
	// (nil: the path as displayed). A baseline names files relative to the
	// repository root, so that it matches from any working directory.
	FingerprintPath func(path string) string
	// Baseline marks findings hidden by a baseline (and may add stale-entry
	// findings); it runs after fingerprints are computed.
	Baseline func(fs []reported.Finding, checked []string) []reported.Finding
	// WriteBaseline keeps Result.Baselinable, with every finding's
	// fingerprint (--write-baseline).
	WriteBaseline bool

	// MapFiles reads regular files by mapping them into memory where the
	// platform allows (internal/mapped). The mappings live as long as the
	// process: for one-shot runs, not the language server.
	MapFiles bool

	// Stream checks big JSON lists of the streamed kinds a window of
	// entities at a time (see checkStream) when nothing in the run needs
	// every finding; the run's document for such a file holds only the
	// facts the set-level rules read. StreamMin is the size from which a
	// file is (0: DefaultStreamMin), WindowBytes a window's text (0:
	// DefaultWindowBytes).
	Stream      bool
	StreamMin   int64
	WindowBytes int
}

// Result is a processed run.
type Result struct {
	Findings []reported.Finding // sorted; effective severities set; nothing at "off"
	Files    []string           // documents checked, sorted
	Skipped  []string           // files skipped (no kind, not an export, excluded), sorted
	// SkipReasons says why each skipped file was skipped.
	SkipReasons map[string]string
	Notes       []string // walk problems (unreadable entries, special files), sorted
	Docs        map[string]*rules.Document
	// Texts are the bytes each document was read from: fixes are edits on
	// them, and --fix writes a file only while it still holds them.
	Texts map[string][]byte
	// Baselinable are the findings before the baseline step hid any and
	// before the per-file cap: what --write-baseline records (kept only
	// with Options.WriteBaseline).
	Baselinable []reported.Finding
	// Capped counts by severity the findings the per-file cap left out that
	// nothing suppresses: the exit code counts them.
	Capped map[rules.Severity]int
}

// fileResult is what one worker produces for one input.
type fileResult struct {
	doc      *rules.Document
	text     []byte
	mappedAs fs.FileInfo // text is a mapping of the file (see whileMapped)
	findings []rules.Finding
	skipped  string // why the file was skipped; "" when it was not
	note     string // a walked file that could not be read
	err      error
	stream   *streamed // the file was checked by windows
}

// Run checks the given paths.
func Run(paths []string, opts Options) (*Result, error) {
	opts.budget = workers.New(opts.Jobs)
	var inputs []input
	var notes []string
	var err error
	if opts.Files != nil {
		for i := range opts.Files {
			f := &opts.Files[i]
			inputs = append(inputs, input{path: f.Path, explicit: f.Explicit, memory: f, excluded: f.Explicit && opts.Exclude != nil && opts.Exclude(f.Path)})
		}
	} else if inputs, notes, err = discover(paths, opts.StdinName, opts.Exclude); err != nil {
		return nil, err
	}
	if opts.Stdin != nil {
		// stdin is read up front: it cannot be re-read and must not race.
		for i := range inputs {
			if inputs[i].fsPath == "" {
				inputs[i].stdin = opts.Stdin
			}
		}
	}
	byRule := checkersByKind(opts.Rules)

	results := make([]fileResult, len(inputs))
	order := largestFirst(inputs)
	opts.budget.Each(len(inputs), func(k int) {
		i := order[k]
		results[i] = checkFile(inputs[i], opts, byRule)
	})

	return settleWhileMapped(inputs, results, notes, opts)
}

// settleWhileMapped settles the run. The set-level rules, the positions,
// fingerprints and fix edits read the texts again after the checks: a
// mapped file truncated meanwhile faults there (a panic, or a rule's
// internal error), and then its result becomes the changed-file finding and
// the run is settled again without it.
func settleWhileMapped(inputs []input, results []fileResult, notes []string, opts Options) (*Result, error) {
	if !slices.ContainsFunc(results, func(r fileResult) bool { return r.mappedAs != nil }) {
		return settle(inputs, results, notes, opts)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	for {
		var res *Result
		var err error
		p := func() (p any) {
			defer func() { p = recover() }()
			res, err = settle(inputs, results, notes, opts)
			return nil
		}()
		shrunk := false
		for i := range results {
			if r := &results[i]; r.mappedAs != nil && mapped.Shrunk(inputs[i].fsPath, r.mappedAs, r.text) {
				*r = fileResult{findings: []rules.Finding{changedWhileRead(inputs[i].path)}}
				shrunk = true
			}
		}
		if shrunk {
			continue
		}
		if p != nil {
			panic(p)
		}
		return res, err
	}
}

// settle joins the files' results, runs the set-level rules and the
// processing list.
func settle(inputs []input, results []fileResult, notes []string, opts Options) (*Result, error) {
	res := &Result{Docs: map[string]*rules.Document{}, Texts: map[string][]byte{}, Notes: notes, SkipReasons: map[string]string{}}
	var findings []rules.Finding
	var docs []*rules.Document
	var pre presettled
	for i, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		if r.note != "" {
			res.Notes = append(res.Notes, r.note)
			continue
		}
		findings = append(findings, r.findings...)
		pre.add(r)
		switch {
		case r.skipped != "":
			res.Skipped = append(res.Skipped, inputs[i].path)
			res.SkipReasons[inputs[i].path] = r.skipped
		case r.doc != nil || len(r.findings) > 0:
			res.Files = append(res.Files, inputs[i].path)
		}
		if r.doc != nil && r.doc.Kind != "" {
			docs = append(docs, r.doc)
			res.Docs[r.doc.Path] = r.doc
			res.Texts[r.doc.Path] = r.text
		}
	}
	context, contextNotes, err := loadContext(opts, inputs)
	if err != nil {
		return nil, err
	}
	res.Notes = append(res.Notes, contextNotes...)
	setFindings, err := runSetRules(opts, append(docs, context...))
	if err != nil {
		return nil, err
	}
	findings = append(findings, inContext(setFindings, context)...)
	spanDocs := res.Docs
	if len(context) > 0 { // related locations may point into the context
		spanDocs = make(map[string]*rules.Document, len(res.Docs)+len(context))
		for p, d := range res.Docs {
			spanDocs[p] = d
		}
		for _, d := range context {
			spanDocs[d.Path] = d
		}
	}
	sort.Strings(res.Files)
	res.Findings, res.Baselinable, res.Capped = finish(reported.Of(findings), &pre, res.Docs, spanDocs, res.Texts, res.Files, opts)
	sort.Strings(res.Skipped)
	sort.Strings(res.Notes)
	return res, nil
}

// Finish applies the processing pipeline (ignores, severities,
// fingerprints, baseline, positions, sort, cap; fix edits only in Run,
// which has the texts). Run calls it; the diff
// engine calls it once more for the change findings joined with the lint
// findings. docs maps paths to the documents the findings' pointers are
// in. It also returns the findings as the baseline step received them
// (Result.Baselinable) and what the cap left out (Result.Capped).
func Finish(findings []reported.Finding, docs map[string]*rules.Document, checked []string, opts Options) (processed, baselinable []reported.Finding, capped map[rules.Severity]int) {
	if opts.budget == nil {
		opts.budget = workers.New(opts.Jobs)
	}
	return finish(findings, nil, docs, docs, nil, checked, opts)
}

// finish is Finish with what files checked by windows settled already,
// the documents pointers are positioned in (docs plus the set context,
// which related locations may point into) and the texts fixes edit.
func finish(findings []reported.Finding, pre *presettled, docs, sources map[string]*rules.Document, texts map[string][]byte, checked []string, opts Options) (processed, baselinable []reported.Finding, capped map[rules.Severity]int) {
	fs, run := process(findings, pre, docs, sources, texts, checked, opts)
	return fs, run.Baselinable, run.Capped
}

// checkersByKind lists, per kind, the per-document rules that apply to it.
func checkersByKind(all []*rules.Rule) map[rules.Kind][]*rules.Rule {
	m := map[rules.Kind][]*rules.Rule{}
	for _, k := range kinds.Names() {
		for _, r := range all {
			if r.Check != nil && r.AppliesTo(k) {
				m[k] = append(m[k], r)
			}
		}
	}
	return m
}

// checkFile loads one input and runs the schema and per-document rules.
func checkFile(in input, opts Options, byRule map[rules.Kind][]*rules.Rule) fileResult {
	if in.excluded {
		return fileResult{skipped: SkipExcluded}
	}
	data, mappedAs, finding, err := read(in, opts)
	if err != nil {
		if in.explicit {
			return fileResult{err: &UsageError{Msg: describeOpenError(in.path, err)}}
		}
		return fileResult{note: describeOpenError(in.path, err) + " (skipped)"}
	}
	if finding != nil {
		return fileResult{findings: []rules.Finding{*finding}}
	}
	if mappedAs != nil {
		return whileMapped(in, mappedAs, data, func() fileResult { return checkText(in, data, opts, byRule) })
	}
	return checkText(in, data, opts, byRule)
}

// whileMapped runs check, which reads data, a mapping of the file in, with
// faults raised as panics (the budget's helpers raise them too, and Each
// passes them on). If the file is shorter afterwards, whether or not a read
// past its end faulted, what check found is of a file that changed while it
// was read: one finding says so instead.
func whileMapped(in input, fi fs.FileInfo, data []byte, check func() fileResult) (res fileResult) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		p := recover()
		if mapped.Shrunk(in.fsPath, fi, data) {
			res = fileResult{findings: []rules.Finding{changedWhileRead(in.path)}}
			return
		}
		if p != nil {
			panic(p)
		}
		res.mappedAs = fi
	}()
	return check()
}

// changedWhileRead is the finding of a mapped file truncated while it was
// checked.
func changedWhileRead(path string) rules.Finding {
	return rules.Finding{
		RuleID:  rules.IDSyntax,
		Path:    path,
		Message: "the file was truncated while it was read; it was not checked (run again once it is written)",
		Span:    rules.Span{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}},
	}
}

// checkText loads one input's bytes and runs the schema and per-document
// rules.
func checkText(in input, data []byte, opts Options, byRule map[rules.Kind][]*rules.Rule) fileResult {
	kind := opts.Kind
	if kind == "" && opts.KindFor != nil {
		kind = opts.KindFor(in.path)
	}
	if opts.streams(len(data)) && (kind != "" || source.Recognisable(in.path, data)) {
		if r, ok := checkStream(in, data, kind, opts, byRule); ok {
			return r
		}
	}
	var doc *rules.Document
	var findings []rules.Finding
	if kind != "" || source.Recognisable(in.path, data) {
		doc, findings = source.Load(in.path, data, source.Options{Kind: kind, MaxDepth: opts.MaxDepth, Workers: opts.budget, MaxFindings: opts.loaderCap()})
	} else {
		doc = &rules.Document{Path: in.path} // matches no kind: reported or skipped below
	}
	if doc == nil {
		if kind == "" && (!in.explicit || opts.SkipUnknown) && onlySyntax(findings) && !source.ResemblesExport(data) {
			return fileResult{skipped: SkipUnparsable}
		}
		return fileResult{findings: findings}
	}
	if doc.Kind == "" {
		if (!in.explicit || opts.SkipUnknown) && len(findings) == 0 {
			return fileResult{skipped: SkipNoKind}
		}
		if in.explicit && !opts.SkipUnknown {
			findings = append(findings, rules.Finding{
				RuleID:  rules.IDUnknownDocument,
				Path:    in.path,
				Message: "this file matches no supported kind (" + kinds.Summary + "); use --kind to force one",
				Span:    rules.Span{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}},
			})
		}
		return fileResult{doc: doc, findings: findings}
	}
	// The schema and the rules only read the document: the validation runs
	// beside the rules when the budget has a worker free (and spreads a big
	// list over the workers it can get), and the findings keep their order:
	// loader, schema, rules.
	var schemaFindings, ruleFindings []rules.Finding
	var ruleErr error
	opts.budget.Each(2, func(i int) {
		if i == 0 {
			schemaFindings = schemacheck.ValidateOn(doc, opts.RuleOptions, opts.budget)
		} else {
			ruleFindings, ruleErr = runChecks(byRule[doc.Kind], doc, opts)
		}
	})
	findings = append(findings, schemaFindings...)
	if ruleErr != nil {
		return fileResult{err: ruleErr}
	}
	return fileResult{doc: doc, text: data, findings: append(findings, ruleFindings...)}
}

// Why a file was skipped (Result.SkipReasons).
const (
	SkipNoKind     = "matches no supported kind"
	SkipUnparsable = "cannot be parsed and does not look like an export"
	SkipExcluded   = "excluded by the configuration's exclude:"
)

// onlySyntax reports whether a loader failed with syntax findings alone (a
// nesting limit or a bad encoding is reported even on other files).
func onlySyntax(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.RuleID != rules.IDSyntax {
			return false
		}
	}
	return len(fs) > 0
}

// runChecks runs the per-document rules on one document. The rules only
// read it, so on a big document they run side by side; their findings are
// joined in rule order and the first failing rule in that order wins, so the
// result never depends on scheduling.
func runChecks(rs []*rules.Rule, doc *rules.Document, opts Options) ([]rules.Finding, error) {
	out := make([][]rules.Finding, len(rs))
	errs := make([]error, len(rs))
	run := func(i int) { errs[i] = runCheck(rs[i], doc, opts.RuleOptions, &out[i]) }
	if len(doc.Entities) < parallelRulesMin {
		for i := range rs {
			run(i)
		}
	} else {
		opts.budget.Each(len(rs), run)
	}
	return joinInOrder(out, errs)
}

// joinInOrder joins the findings of jobs run side by side in job order; the
// first job in that order that failed wins, so the result never depends on
// scheduling.
func joinInOrder(outs [][]rules.Finding, errs []error) ([]rules.Finding, error) {
	var all []rules.Finding
	for i := range outs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, outs[i]...)
	}
	return all, nil
}

// parallelRulesMin is the number of entities from which a document's rules
// run side by side: below it the hand-off costs more than it saves.
const parallelRulesMin = 256

// runCheck runs one rule on one document, turning a rule's panic into an
// internal error that names the rule and the file instead of a crash.
func runCheck(r *rules.Rule, doc *rules.Document, ro *rules.Options, out *[]rules.Finding) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Msg: fmt.Sprintf("rule %s failed on %s: %v", r.ID, doc.Path, p)}
		}
	}()
	r.Check(rules.NewPass(r, doc, ro, func(f rules.Finding) { *out = append(*out, f) }))
	return nil
}

// runSetRules runs every set-level rule over the documents of its kinds.
// The rules only read the documents, so they run side by side; their
// findings are joined in catalog order and the first failing rule in that
// order wins, so the result never depends on scheduling.
func runSetRules(opts Options, docs []*rules.Document) ([]rules.Finding, error) {
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	type job struct {
		rule *rules.Rule
		docs []*rules.Document
	}
	var jobs []job
	for _, r := range opts.Rules {
		if r.CheckSet == nil {
			continue
		}
		var mine []*rules.Document
		for _, d := range docs {
			if r.AppliesTo(d.Kind) {
				mine = append(mine, d)
			}
		}
		if len(mine) > 0 {
			jobs = append(jobs, job{r, mine})
		}
	}
	outs := make([][]rules.Finding, len(jobs))
	errs := make([]error, len(jobs))
	opts.budget.Each(len(jobs), func(i int) {
		errs[i] = runCheckSet(jobs[i].rule, jobs[i].docs, opts.RuleOptions, &outs[i])
	})
	return joinInOrder(outs, errs)
}

func runCheckSet(r *rules.Rule, docs []*rules.Document, ro *rules.Options, out *[]rules.Finding) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Msg: fmt.Sprintf("rule %s failed: %v", r.ID, p)}
		}
	}()
	r.CheckSet(rules.NewSetPass(r, docs, ro, func(f rules.Finding) { *out = append(*out, f) }))
	return nil
}

// InternalError is a bug in rbaclint itself: exit code 3.
type InternalError struct{ Msg string }

func (e *InternalError) Error() string { return "internal error: " + e.Msg }
