package engine

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// process applies the pipeline after checking: configured ignores,
// effective severities (rule default, finding variant, configured level),
// dropping rules set to off, dedupe, fingerprints, the baseline, the stable
// sort and the per-file findings cap.
func process(fs []rules.Finding, docs map[string]*rules.Document, checked []string, opts Options) []rules.Finding {
	if opts.Ignore != nil {
		fs = opts.Ignore(fs, checked)
	}
	fs = settle(fs, docs, opts)
	if opts.Baseline != nil {
		n := len(fs)
		fs = opts.Baseline(fs, checked)
		fs = append(fs[:n], settle(fs[n:], docs, opts)...)
	}
	rules.SortFindings(fs)
	return capPerFile(fs, opts.MaxFindings)
}

// settle sets effective severities, drops findings of rules that are off,
// removes duplicates and computes fingerprints.
func settle(fs []rules.Finding, docs map[string]*rules.Document, opts Options) []rules.Finding {
	byID := map[string]*rules.Rule{}
	for _, r := range opts.Rules {
		byID[r.ID] = r
	}
	out := fs[:0]
	seen := map[string]bool{}
	for _, f := range fs {
		sev := f.Severity
		if sev == rules.SeverityDefault {
			if r := byID[f.RuleID]; r != nil {
				sev = r.DefaultSeverity
			} else {
				sev = rules.SeverityError
			}
		}
		if opts.Level != nil {
			if lv := opts.Level(f.RuleID, f.Path); lv != rules.SeverityDefault {
				sev = lv
			}
		}
		if sev == rules.SeverityOff {
			continue
		}
		f.Severity = sev
		f.Message = boundMessage(f.Message)
		for j := range f.Related {
			f.Related[j].Message = boundMessage(f.Related[j].Message)
		}
		key := fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%s", f.RuleID, f.Path, f.Pointer, f.Target, f.Message)
		if seen[key] {
			continue
		}
		seen[key] = true
		if f.Fingerprint == "" {
			named := f
			if opts.FingerprintPath != nil {
				named.Path = opts.FingerprintPath(f.Path)
			}
			r := byID[f.RuleID]
			f.Fingerprint = fingerprint(named, docs[f.Path], r != nil && r.EntityIdentity, r.AboutSecrets())
		}
		out = append(out, f)
	}
	return out
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
