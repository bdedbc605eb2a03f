// Package reported holds a finding as processing leaves it: what the rule
// reported (rules.Finding, which holds only what a rule can know) plus what
// only processing decides, its stable identity and whether an ignore or a
// baseline hides it. Reporters, baselines and ignores work on these.
package reported

import "github.com/rbaclint/rbaclint/rules"

// Finding is a processed finding.
type Finding struct {
	rules.Finding
	Fingerprint string       // stable identity, see DESIGN.md
	Suppressed  *Suppression // non-nil when an ignore or the baseline hides the finding
}

// Suppression records why a finding is hidden.
type Suppression struct {
	Kind          string // "external" (config ignore) or "baseline"
	Justification string
}

// Of wraps the findings rules reported, for processing.
func Of(fs []rules.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i].Finding = f
	}
	return out
}
