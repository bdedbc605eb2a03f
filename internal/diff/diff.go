// Package diff compares two versions of a set of exports: it loads and
// lints both through the engine, pairs files by relative path and entities
// by identity, runs the change rules on every pair, and keeps of NEW's lint
// findings only those that OLD did not have.
package diff

import (
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/report"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Side is one version of the inputs: paths on disk, or files in memory
// (a git revision).
type Side struct {
	Label string        // what messages call it: a revision ("main") or the path as given
	Paths []string      // files and directories to walk, when Files is nil
	Files []engine.File // the files of a revision, in memory
	// Root is stripped from this side's paths to pair files with the other
	// side's: the directory given as OLD or NEW, or the file itself.
	Root string
}

// Result is a processed comparison.
type Result struct {
	Findings []reported.Finding // change findings and NEW's lint findings, sorted; those OLD had are suppressed
	Files    []string           // NEW's checked documents
	Skipped  []string
	// SkipReasons says why each skipped file was skipped.
	SkipReasons map[string]string
	Notes       []string
	Summary     *report.Change
	Baselinable []reported.Finding // as engine.Result.Baselinable
	// Capped is as engine.Result.Capped, for the joined findings. NEW's own
	// run capped its files before OLD's findings could hide any, so what
	// that cut is not counted: it may all be old.
	Capped map[rules.Severity]int
}

// Run compares old with new. opts are the lint options (rules, config
// levels, ignores, baseline); the ignores and the baseline apply to the
// joined findings once. sources are the access model's packs, for the
// summary's access changes.
func Run(old, new Side, opts engine.Options, sources []access.Source) (*Result, error) {
	lintOpts := opts
	lintOpts.Ignore, lintOpts.Baseline = nil, nil
	oldRes, err := runSide(old, lintOpts)
	if err != nil {
		return nil, err
	}
	newRes, err := runSide(new, lintOpts)
	if err != nil {
		return nil, err
	}

	oldByRel, newByRel := byRel(old, oldRes), byRel(new, newRes)
	rels := map[string]bool{}
	for r := range oldByRel {
		rels[r] = true
	}
	for r := range newByRel {
		rels[r] = true
	}
	sorted := make([]string, 0, len(rels))
	for r := range rels {
		sorted = append(sorted, r)
	}
	sort.Strings(sorted)

	sum := &report.Change{Before: old.Label, After: new.Label}
	var changes []reported.Finding
	for _, rel := range sorted {
		o, n := oldByRel[rel], newByRel[rel]
		if (o.path != "" && o.doc == nil) || (n.path != "" && n.doc == nil) {
			continue // unreadable or of no kind on one side: its lint findings say why
		}
		if o.doc != nil && n.doc != nil && o.doc.Kind != n.doc.Kind {
			// A file that changed kind is a different file.
			fs, fc := compare(o.doc, nil, old.Label, opts)
			changes, sum.Files = append(changes, fs...), appendChange(sum.Files, fc)
			fs, fc = compare(nil, n.doc, old.Label, opts)
			changes, sum.Files = append(changes, fs...), appendChange(sum.Files, fc)
			continue
		}
		fs, fc := compare(o.doc, n.doc, old.Label, opts)
		changes, sum.Files = append(changes, fs...), appendChange(sum.Files, fc)
	}
	// A file unreadable on one side takes no part in the set-level
	// comparison either: its other version's access would read as gained
	// or lost entirely.
	oldComparable, newComparable := comparable(oldByRel, newByRel)
	changes = append(changes, compareSets(oldComparable, newComparable, new, old.Label, opts)...)
	for _, c := range access.Changes(sources, docsOf(oldComparable), docsOf(newComparable), opts.RuleOptions) {
		ac := report.AccessChange{Principal: string(c.Kind) + " " + c.Principal}
		for _, g := range c.Gained {
			ac.Gained = append(ac.Gained, string(g.Capability))
		}
		for _, g := range c.Lost {
			ac.Lost = append(ac.Lost, string(g.Capability))
		}
		sum.Access = append(sum.Access, ac)
	}

	// NEW's lint findings that OLD already had are suppressed, after the
	// configured ignores and the baseline have had their turn, so that an
	// ignore is not called unused because the finding is old.
	had := Known{}
	for _, f := range oldRes.Findings {
		had[compareKey(f, old, oldRes.Docs)]++
	}
	isChange := changeRuleIDs(opts.Rules)
	userBaseline := opts.Baseline
	opts.Baseline = func(fs []reported.Finding, checked []string) []reported.Finding {
		if userBaseline != nil {
			fs = userBaseline(fs, checked)
		}
		sum.PreExisting = had.Hide(fs, "already in "+old.Label, func(f reported.Finding) string {
			if isChange[f.RuleID] {
				return "" // a change finding is new by definition
			}
			return compareKey(f, new, newRes.Docs)
		})
		return fs
	}
	opts.Files = nil
	all := append(append([]reported.Finding{}, newRes.Findings...), changes...)
	findings, baselinable, capped := engine.Finish(all, newRes.Docs, newRes.Files, opts)
	return &Result{
		Findings:    findings,
		Baselinable: baselinable,
		Capped:      capped,
		Files:       newRes.Files,
		Skipped:     newRes.Skipped,
		SkipReasons: newRes.SkipReasons,
		Notes:       append(oldRes.Notes, newRes.Notes...),
		Summary:     sum,
	}, nil
}

func runSide(s Side, opts engine.Options) (*engine.Result, error) {
	opts.Files = s.Files
	if s.Files != nil && len(s.Files) == 0 {
		return &engine.Result{Docs: map[string]*rules.Document{}}, nil
	}
	if s.Files == nil && len(s.Paths) == 0 {
		return &engine.Result{Docs: map[string]*rules.Document{}}, nil
	}
	return engine.Run(s.Paths, opts)
}

// file is one side's version of a relative path.
type file struct {
	path string          // as displayed
	doc  *rules.Document // nil when it could not be loaded or has no kind
}

func byRel(s Side, res *engine.Result) map[string]file {
	m := map[string]file{}
	for _, p := range res.Files {
		f := file{path: p}
		if d := res.Docs[p]; d != nil && d.Kind != "" {
			f.doc = d
		}
		m[relative(s, p)] = f
	}
	return m
}

// relative is a path with the side's root stripped: "old/a.json" and
// "new/a.json" both become "a.json". A side that is one file pairs by that
// file alone.
func relative(s Side, p string) string {
	root := strings.TrimSuffix(s.Root, "/")
	switch {
	case root == "" || root == ".":
		return p
	case p == root:
		return ""
	}
	return strings.TrimPrefix(p, root+"/")
}

// compareKey is a finding's fingerprint computed with its path relative to
// its side, so that the same finding in old/a.json and new/a.json matches.
func compareKey(f reported.Finding, s Side, docs map[string]*rules.Document) string {
	doc := docs[f.Path]
	f.Path = relative(s, f.Path)
	return engine.Fingerprint(f.Finding, doc)
}

func changeRuleIDs(rs []*rules.Rule) map[string]bool {
	m := map[string]bool{}
	for _, r := range rs {
		if r.CheckChange != nil {
			m[r.ID] = true
		}
	}
	return m
}

// compare pairs the entities of one file's two versions, runs the change
// rules on them and says what changed. old or new is nil for an added or
// removed file.
func compare(old, new *rules.Document, before string, opts engine.Options) ([]reported.Finding, *report.ChangedFile) {
	pairs := Pair(old, new)
	var fc *report.ChangedFile
	switch {
	case old == nil:
		fc = &report.ChangedFile{Path: new.Path, Status: "added"}
	case new == nil:
		fc = &report.ChangedFile{Path: old.Path, Status: "removed"}
	case !rules.Same(old.Data, new.Data):
		fc = &report.ChangedFile{Path: new.Path, Status: "changed"}
	default:
		return nil, nil // identical up to order and layout: nothing to check
	}
	for _, p := range pairs {
		switch {
		case p.Old == nil:
			fc.Added = append(fc.Added, name(new, p.New))
		case p.New == nil:
			fc.Removed = append(fc.Removed, name(old, p.Old))
		case !rules.Same(p.Old.Data, p.New.Data):
			fc.Modified = append(fc.Modified, name(new, p.New))
		}
	}
	kind := rules.Kind("")
	if new != nil {
		kind = new.Kind
	} else {
		kind = old.Kind
	}
	var out []reported.Finding
	for _, r := range opts.Rules {
		if r.CheckChange == nil || !r.AppliesTo(kind) {
			continue
		}
		r.CheckChange(rules.NewChangePass(r, old, new, pairs, before, opts.RuleOptions, collector(&out, opts, func(d *rules.Document) bool { return d == old })))
	}
	return out, fc
}

// collector returns a change pass's report function: it appends to out
// and takes the fingerprint of a finding located in an OLD document here,
// since the engine's processing only knows NEW's documents.
func collector(out *[]reported.Finding, opts engine.Options, inOld func(*rules.Document) bool) func(rules.Finding, *rules.Document) {
	return func(f rules.Finding, in *rules.Document) {
		r := reported.Finding{Finding: f}
		if in != nil && inOld(in) {
			named := f
			if opts.FingerprintPath != nil {
				named.Path = opts.FingerprintPath(f.Path)
			}
			r.Fingerprint = engine.Fingerprint(named, in)
		}
		*out = append(*out, r)
	}
}

// compareSets runs the set-level change rules once over both versions.
func compareSets(oldByRel, newByRel map[string]file, new Side, before string, opts engine.Options) []reported.Finding {
	oldDocs, newDocs := docsOf(oldByRel), docsOf(newByRel)
	isOld := map[*rules.Document]bool{}
	for _, d := range oldDocs {
		isOld[d] = true
	}
	counterpart := func(d *rules.Document) (*rules.Document, []rules.EntityPair) {
		o := oldByRel[relative(new, d.Path)].doc
		if o != nil && o.Kind != d.Kind {
			o = nil
		}
		return o, Pair(o, d)
	}
	var out []reported.Finding
	for _, r := range opts.Rules {
		if r.CheckChangeSet == nil {
			continue
		}
		r.CheckChangeSet(rules.NewChangeSetPass(r, oldDocs, newDocs, before, opts.RuleOptions, counterpart, collector(&out, opts, func(d *rules.Document) bool { return isOld[d] })))
	}
	return out
}

// comparable drops from both sides the files that one side could not load.
func comparable(old, new map[string]file) (map[string]file, map[string]file) {
	o, n := map[string]file{}, map[string]file{}
	for rel, f := range old {
		if g, ok := new[rel]; f.doc != nil && (!ok || g.doc != nil) {
			o[rel] = f
		}
	}
	for rel, f := range new {
		if g, ok := old[rel]; f.doc != nil && (!ok || g.doc != nil) {
			n[rel] = f
		}
	}
	return o, n
}

// docsOf lists the loaded documents of one side, sorted by path.
func docsOf(m map[string]file) []*rules.Document {
	var out []*rules.Document
	for _, f := range m {
		if f.doc != nil {
			out = append(out, f.doc)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func appendChange(fs []report.ChangedFile, fc *report.ChangedFile) []report.ChangedFile {
	if fc == nil {
		return fs
	}
	return append(fs, *fc)
}

// name is what the summary calls an entity: its kind's label.
func name(doc *rules.Document, e *rules.Entity) string {
	index := 0
	for i := range doc.Entities {
		if doc.Entities[i].Pointer == e.Pointer {
			index = i
		}
	}
	if l := kinds.Of(doc.Kind).LabelOf(*e, index); l != "" {
		return l
	}
	return "entity at " + e.Pointer
}

// identity names an entity by the first member its kind's identity keys
// name (the keys fingerprints use), or "" when it has none.
func identity(doc *rules.Document, v tree.Value) string {
	s := kinds.Of(doc.Kind)
	if s == nil {
		return ""
	}
	for _, k := range s.Identity {
		x := v.Get(k)
		if str, ok := x.Str(); ok && str != "" {
			return k + "=" + str
		}
		if n, ok := x.Number(); ok {
			return k + "=" + n
		}
	}
	return ""
}

// Pair pairs the entities of two versions of a document by identity: the
// k-th entity with an identity in OLD goes with the k-th with the same
// identity in NEW. Entities without identity pair only with an equal one,
// except that the single entity of two one-object files pairs with itself.
func Pair(old, new *rules.Document) []rules.EntityPair {
	var oldEs, newEs []rules.Entity
	if old != nil {
		oldEs = old.Entities
	}
	if new != nil {
		newEs = new.Entities
	}
	used := make([]bool, len(oldEs))
	queue := map[string][]int{}
	for i := range oldEs {
		k := pairKey(old, &oldEs[i])
		queue[k] = append(queue[k], i)
	}
	single := old != nil && new != nil && old.Shape == rules.ShapeObject && new.Shape == rules.ShapeObject &&
		len(oldEs) == 1 && len(newEs) == 1
	var out []rules.EntityPair
	for i := range newEs {
		ne := &newEs[i]
		p := rules.EntityPair{New: ne}
		k := pairKey(new, ne)
		if q := queue[k]; len(q) > 0 {
			p.Old, queue[k] = &oldEs[q[0]], q[1:]
			used[q[0]] = true
		} else if single && (identity(old, oldEs[0].Data) == "" || identity(new, ne.Data) == "") {
			p.Old, used[0] = &oldEs[0], true
		}
		out = append(out, p)
	}
	for i := range oldEs {
		if !used[i] {
			out = append(out, rules.EntityPair{Old: &oldEs[i]})
		}
	}
	return out
}

// pairKey is an entity's identity, or its whole content when it has none.
func pairKey(doc *rules.Document, e *rules.Entity) string {
	if id := identity(doc, e.Data); id != "" {
		return id
	}
	return "content:" + rules.Canonical(e.Data)
}

// Known counts the findings of an earlier version by key (a fingerprint).
type Known map[string]int

// Hide suppresses each finding of fs whose key an earlier finding had, one
// finding per earlier one, and returns how many it hid. Findings already
// suppressed and those whose key is "" are left alone.
func (k Known) Hide(fs []reported.Finding, why string, key func(reported.Finding) string) int {
	n := 0
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil {
			continue
		}
		if c := key(*f); c != "" && k[c] > 0 {
			k[c]--
			f.Suppressed = &reported.Suppression{Kind: "external", Justification: why}
			n++
		}
	}
	return n
}
