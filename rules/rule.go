// Package rules is rbaclint's rule API: rules, the documents they read and the
// findings they report. It is modelled on golang.org/x/tools/go/analysis: a
// rule is a value with metadata and a check function, and a pass hands it one
// document (or the set of documents of its kinds) and a way to report.
//
// A rule never parses files and never prints; loaders (internal/source) build
// Documents and reporters (internal/report) render Findings.
package rules

import (
	"fmt"
	"slices"
	"sort"
)

// TagSecrets marks a rule whose findings are about a credential: nothing
// derived from the value it found (a fingerprint included) may be output.
const TagSecrets = "secrets"

// AboutSecrets reports whether the rule is tagged TagSecrets; nil is not.
func (r *Rule) AboutSecrets() bool {
	return r != nil && slices.Contains(r.Tags, TagSecrets)
}

// Rule is one check. Rules are registered in one explicit list
// (rules/registry); IDs are public and never renamed.
type Rule struct {
	ID    string // "webex/permissions-required"; general rules have no vendor prefix
	Title string // one line, sentence case, no final period
	Doc   string // markdown with Why / Bad / Good sections

	Kinds           []Kind // kinds it applies to; nil means every kind
	DefaultSeverity Severity
	Category        Category
	Tags            []string

	// SecuritySeverity is the CVSS-like score (0.1-10.0) GitHub code scanning
	// shows for security rules; zero for other rules.
	SecuritySeverity float64

	// Inferred is true when the vendor fact behind the rule is inferred rather
	// than documented (RULES.md: say so and default to warning).
	Inferred bool

	// Fixable is true when some of the rule's findings carry a suggested
	// fix (Finding.Fix); `rbaclint rules` and the docs say so.
	Fixable bool

	// EntityIdentity makes the finding's Entity part of its fingerprint:
	// the rule reports several findings at one position that differ by
	// entity (every principal holding one grant), and a baseline must not
	// let a new principal hide behind an old one's entry.
	EntityIdentity bool

	// Check runs once per document of the rule's kinds.
	Check func(*Pass)
	// CheckSet runs once per run over all documents of the rule's kinds.
	CheckSet func(*SetPass)

	// Facts are the top-level members of each entity of the rule's kinds
	// that CheckSet reads, directly or through the helpers it calls: a big
	// file is checked a window of entities at a time, and CheckSet then
	// runs over copies of its entities holding only these members (besides
	// the ones the kind's label and identity read, rules/kinds.FactKeep);
	// the document's envelope stays whole. Nil means the rule needs whole
	// documents, so files of its kinds are never checked by windows; an
	// empty non-nil slice means it reads no entity member. Only CheckSet
	// rules declare it.
	Facts []string
	// Summary, when set, is what CheckSet reads of the entities instead of
	// their members (see Summary): Facts is then empty, and the facts of a
	// big file hold no member of its entities.
	Summary *Summary
	// WholeWhen, when set and true for a run's options, makes the rule
	// need whole documents whatever Facts says (the access policy rules
	// read every grant, but only when policies are configured).
	WholeWhen func(*Options) bool
	// CheckChange runs only in diff mode, once per file present in either
	// version, with the file's entities paired by identity.
	CheckChange func(*ChangePass)
	// CheckChangeSet runs only in diff mode, once over all documents of
	// both versions (a principal's access can come from several files).
	CheckChangeSet func(*ChangeSetPass)
}

// AppliesTo reports whether the rule checks documents of kind k.
func (r *Rule) AppliesTo(k Kind) bool {
	return r.Kinds == nil || slices.Contains(r.Kinds, k)
}

// NeedsWhole reports whether the rule's CheckSet needs whole documents
// under opts (see Facts and WholeWhen); false for a rule without CheckSet.
func (r *Rule) NeedsWhole(opts *Options) bool {
	if r.CheckSet == nil {
		return false
	}
	if opts == nil {
		opts = &Options{}
	}
	return r.Facts == nil || r.WholeWhen != nil && r.WholeWhen(opts)
}

// Pass is one rule's view of one document.
type Pass struct {
	Rule    *Rule
	Doc     *Document
	Options *Options
	report  func(Finding)
}

// NewPass is used by the engine (and by rule tests) to run a rule.
func NewPass(r *Rule, doc *Document, opts *Options, report func(Finding)) *Pass {
	if opts == nil {
		opts = &Options{}
	}
	return &Pass{Rule: r, Doc: doc, Options: opts, report: report}
}

// Report records a finding; the rule ID and path are filled in.
func (p *Pass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	if f.Path == "" {
		f.Path = p.Doc.Path
	}
	p.report(f)
}

// Reportf reports a finding at pointer's value.
func (p *Pass) Reportf(pointer, entity, format string, args ...any) {
	p.Report(Finding{Pointer: pointer, Entity: entity, Message: fmt.Sprintf(format, args...)})
}

// SetPass is one rule's view of all documents of its kinds in a run.
type SetPass struct {
	Rule    *Rule
	Docs    []*Document // sorted by path
	Options *Options
	report  func(Finding)
}

// NewSetPass is used by the engine (and by rule tests) to run a set rule.
func NewSetPass(r *Rule, docs []*Document, opts *Options, report func(Finding)) *SetPass {
	if opts == nil {
		opts = &Options{}
	}
	return &SetPass{Rule: r, Docs: docs, Options: opts, report: report}
}

// Report records a finding; Path must be set by the rule.
func (p *SetPass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	p.report(f)
}

// Options are the configuration values rules may read: the access policies
// and the values of the options packs declare (Option). The zero value is
// the default configuration.
type Options struct {
	AccessPolicies []AccessPolicy // access: in .rbaclint.yaml, checked by access/not-allowed

	values map[*Option]any // as the configuration's data model holds them
}

// AccessPolicy is one entry of the access: section of the configuration:
// which principals may hold a capability of the access vocabulary.
type AccessPolicy struct {
	Capability string   // a name of the vocabulary (rules/access)
	Allow      []string // principal globs ('*', '?'); empty allows nobody
	Vendors    []string // packs it applies to; empty means every vendor
	Reason     string   // why, quoted in findings

	Config string // the configuration file, as displayed
	Span   Span   // where the entry is in it
}

// SortFindings orders findings by file, line, column, rule ID and message,
// so output never depends on scheduling.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return FindingBefore(&fs[i], &fs[j]) })
}

// FindingBefore reports whether a sorts before b in SortFindings' order.
func FindingBefore(a, b *Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Span.Start.Line != b.Span.Start.Line {
		return a.Span.Start.Line < b.Span.Start.Line
	}
	if a.Span.Start.Column != b.Span.Start.Column {
		return a.Span.Start.Column < b.Span.Start.Column
	}
	if a.RuleID != b.RuleID {
		return a.RuleID < b.RuleID
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	return a.Pointer < b.Pointer
}
