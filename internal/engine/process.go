package engine

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// Processor is one step of processing, as golangci-lint's processors are:
// it receives the run's findings in order and returns them filtered,
// changed or extended. The engine runs the list Processors builds.
type Processor interface {
	Process(fs []rules.Finding, run *Processing) []rules.Finding
}

// Processing is what the steps share about the run.
type Processing struct {
	Docs    map[string]*rules.Document // the documents the findings are in
	Checked []string                   // the documents checked, sorted
	rules   map[string]*rules.Rule

	// Baselinable holds the findings as the baseline step received them:
	// settled, before any baseline hides one, uncapped. --write-baseline
	// records them.
	Baselinable []rules.Finding
}

// Processors is the processing list for opts, in order: configured
// ignores, severities (and rules set to off), bounded messages, dedupe,
// fingerprints, the baseline, the stable sort and the per-file cap.
func Processors(opts Options) []Processor {
	settle := []Processor{severities{opts.Level}, boundMessages{}, dedupe{}, fingerprints{opts.FingerprintPath}}
	list := append([]Processor{ignores{opts.Ignore}}, settle...)
	return append(list, baselineStep{opts.Baseline, settle}, sorted{}, perFileCap{opts.MaxFindings})
}

// process runs the processing list over fs.
func process(fs []rules.Finding, docs map[string]*rules.Document, checked []string, opts Options) ([]rules.Finding, []rules.Finding) {
	run := &Processing{Docs: docs, Checked: checked, rules: map[string]*rules.Rule{}}
	for _, r := range opts.Rules {
		run.rules[r.ID] = r
	}
	for _, p := range Processors(opts) {
		fs = p.Process(fs, run)
	}
	return fs, run.Baselinable
}

// ignores applies the configured ignores; it may add unused-ignore findings.
type ignores struct {
	apply func(fs []rules.Finding, checked []string) []rules.Finding
}

func (p ignores) Process(fs []rules.Finding, run *Processing) []rules.Finding {
	if p.apply == nil {
		return fs
	}
	return p.apply(fs, run.Checked)
}

// severities sets each finding's effective severity, the one place it is
// decided: the finding's own, else its rule's default (error for a finding
// of no known rule), then the configured level; rules set to off drop out.
type severities struct {
	level func(ruleID, path string) rules.Severity
}

func (p severities) Process(fs []rules.Finding, run *Processing) []rules.Finding {
	out := fs[:0]
	for _, f := range fs {
		sev := f.Severity
		if sev == rules.SeverityDefault {
			if r := run.rules[f.RuleID]; r != nil {
				sev = r.DefaultSeverity
			} else {
				sev = rules.SeverityError
			}
		}
		if p.level != nil {
			if lv := p.level(f.RuleID, f.Path); lv != rules.SeverityDefault {
				sev = lv
			}
		}
		if sev != rules.SeverityOff {
			f.Severity = sev
			out = append(out, f)
		}
	}
	return out
}

// boundMessages keeps every message (and related message) within bounds.
type boundMessages struct{}

func (boundMessages) Process(fs []rules.Finding, _ *Processing) []rules.Finding {
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

func (dedupe) Process(fs []rules.Finding, _ *Processing) []rules.Finding {
	out := fs[:0]
	seen := map[string]bool{}
	for _, f := range fs {
		key := fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%s", f.RuleID, f.Path, f.Pointer, f.Target, f.Message)
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

func (p fingerprints) Process(fs []rules.Finding, run *Processing) []rules.Finding {
	for i := range fs {
		f := &fs[i]
		if f.Fingerprint != "" {
			continue
		}
		named := *f
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
	apply  func(fs []rules.Finding, checked []string) []rules.Finding
	settle []Processor
}

func (p baselineStep) Process(fs []rules.Finding, run *Processing) []rules.Finding {
	run.Baselinable = append([]rules.Finding(nil), fs...)
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

func (sorted) Process(fs []rules.Finding, _ *Processing) []rules.Finding {
	rules.SortFindings(fs)
	return fs
}

// perFileCap keeps at most max findings per file (see capPerFile).
type perFileCap struct{ max int }

func (p perFileCap) Process(fs []rules.Finding, _ *Processing) []rules.Finding {
	return capPerFile(fs, p.max)
}

// capPerFile keeps at most max findings per file (the first ones in sorted
// order) and says how many were left out.
func capPerFile(fs []rules.Finding, max int) []rules.Finding {
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
			j++
		}
		out = append(out, rules.Finding{
			RuleID:   rules.IDLimit,
			Severity: rules.SeverityWarning,
			Path:     fs[i].Path,
			Span:     fs[i].Span,
			Message:  fmt.Sprintf("%d more findings in this file were not shown (limit %d per file; raise limits.maxFindings in .rbaclint.yaml or --max-findings)", j-i, max),
		})
		i = j - 1
	}
	return out
}
