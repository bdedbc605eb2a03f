// Package report renders a processed run in the output formats. A reporter
// never decides severity or filters findings: it prints what the engine
// produced, in the order given.
package report

import (
	"io"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// Tool describes rbaclint itself in outputs.
type Tool struct {
	Name           string // "rbaclint"
	Version        string
	InformationURI string
}

// Run is everything a reporter may print about one lint run.
type Run struct {
	Tool  Tool
	Rules []*rules.Rule // the full catalog, registry order (SARIF rules[] and ruleIndex)

	// Findings are sorted by file, line, column, rule ID, message, with the
	// effective severity set. Suppressed findings (Suppressed != nil) are
	// included: SARIF shows them with suppressions[], other formats skip them.
	Findings []reported.Finding

	FilesChecked int      // documents loaded and checked
	FilesSkipped []string // files met while walking that match no kind, sorted
	// Files are the paths of the checked documents, sorted; JUnit lists
	// clean files from it as passing test cases.
	Files []string

	FailLevel rules.Severity // findings at or above it make the exit code 1
	ExitCode  int
	// Error is the usage, configuration or internal error that stopped the
	// run before it checked anything (exit code 2 or 3); "" otherwise.
	Error string

	// WorkDir is the absolute directory that finding paths are relative to
	// (SARIF uriBaseId %SRCROOT%).
	WorkDir string
	// Color enables ANSI colour in text output.
	Color bool
	// Quiet prints findings only, no summary.
	Quiet bool
	// ShowSource prints, in text output, the source line under each finding
	// with a caret under its span; Sources holds the files' text by path.
	ShowSource bool
	Sources    map[string][]byte

	// Change is set for a comparison of two versions (rbaclint diff).
	Change *Change
}

// Formatter writes a run in one format.
type Formatter func(w io.Writer, run *Run) error

// Visible returns the findings that are not suppressed.
func (r *Run) Visible() []reported.Finding {
	out := make([]reported.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppressed == nil {
			out = append(out, f)
		}
	}
	return out
}
