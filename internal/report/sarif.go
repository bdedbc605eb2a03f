package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	srcRoot      = "%SRCROOT%"
	fingerprintV = "rbaclint/v1"
)

// GitHub code scanning upload limits (linter-conventions.md §4). Variables
// so that tests can reach them without building 25,000 findings.
var (
	maxResults = 25000 // results per run
	maxRelated = 1000  // locations per result
)

// SARIF writes the run as one SARIF 2.1.0 run with the full rule catalog.
// Suppressed findings are included with suppressions[]; the others carry an
// empty suppressions array, which in SARIF means "checked, none applies"
// (absent would mean "unknown").
func SARIF(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	inv := sarifInvocation{
		ExecutionSuccessful: run.ExitCode == 0 || run.ExitCode == 1,
		ExitCode:            run.ExitCode,
	}
	r := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            run.Tool.Name,
			Version:         run.Tool.Version,
			SemanticVersion: semanticVersion(run.Tool.Version),
			InformationURI:  run.Tool.InformationURI,
			Rules:           sarifRules(run.Rules),
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	if run.WorkDir != "" {
		root := sarifArtifactLocation{URI: dirURI(run.WorkDir)}
		r.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: root}
		inv.WorkingDirectory = &root
	}

	if run.Error != "" {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifMessage{Text: run.Error},
		})
	}
	kept := keepResults(run.Findings, cat)
	if dropped := len(run.Findings) - len(kept); dropped > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning",
			Message: sarifMessage{Text: fmt.Sprintf(
				"%d of %d results left out, the least severe first: GitHub code scanning accepts at most %d results per run",
				dropped, len(run.Findings), maxResults)},
		})
	}
	cut := 0
	for _, i := range kept {
		res, trimmed := sarifResultOf(&run.Findings[i], cat)
		if trimmed {
			cut++
		}
		r.Results = append(r.Results, res)
	}
	if cut > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning",
			Message: sarifMessage{Text: fmt.Sprintf(
				"related locations of %d results cut to the first %d: GitHub code scanning accepts at most %d locations per result",
				cut, maxRelated, maxRelated)},
		})
	}
	r.Invocations = []sarifInvocation{inv}

	return writeJSON(w, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{r}})
}

// keepResults returns the indexes of the findings to write, in their given
// order. Past maxResults it keeps the most severe (visible before
// suppressed, then the given order), so truncation is deterministic and
// drops what code scanning would rank last anyway.
func keepResults(fs []reported.Finding, cat *catalog) []int {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	if len(fs) <= maxResults {
		return idx
	}
	rank := func(i int) int {
		f := &fs[i]
		r := int(cat.severity(f))
		if f.Suppressed != nil {
			r -= 10 // below every visible finding
		}
		return r
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank(idx[a]) > rank(idx[b]) })
	idx = idx[:maxResults]
	sort.Ints(idx)
	return idx
}

// sarifResultOf converts one finding; trimmed reports that its related
// locations were cut to maxRelated.
func sarifResultOf(f *reported.Finding, cat *catalog) (res sarifResult, trimmed bool) {
	res = sarifResult{
		RuleID:       f.RuleID,
		Level:        sarifLevels.of(cat.severity(f)),
		Message:      sarifMessage{Text: escape.Line(f.Message)},
		Locations:    []sarifLocation{{PhysicalLocation: physicalLocation(f.Path, f.Span)}},
		Suppressions: []sarifSuppression{},
	}
	if _, i, ok := cat.rule(f.RuleID); ok {
		res.RuleIndex = &i
	}
	related := f.Related
	if len(related) > maxRelated {
		related, trimmed = related[:maxRelated], true
	}
	for i, rel := range related {
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID:               i + 1,
			PhysicalLocation: physicalLocation(relatedPath(f, rel), rel.Span),
			Message:          &sarifMessage{Text: escape.Line(rel.Message)},
		})
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{fingerprintV: f.Fingerprint}
	}
	if s := f.Suppressed; s != nil {
		res.Suppressions = []sarifSuppression{{Kind: suppressionKind(s.Kind), Status: "accepted", Justification: s.Justification}}
	}
	if fix := sarifFixOf(f); fix != nil {
		res.Fixes = []sarifFix{*fix}
	}
	return res, trimmed
}

// physicalLocation locates a span. A file-level span still gets a region
// on line 1: GitHub's ingestion rules (GH1003) require region.startLine.
func physicalLocation(path string, s rules.Span) sarifPhysicalLocation {
	return sarifPhysicalLocation{ArtifactLocation: artifactLocation(path), Region: sarifRegionOf(s)}
}

func sarifRegionOf(s rules.Span) sarifRegion {
	if s.IsZero() {
		return sarifRegion{StartLine: 1}
	}
	r := sarifRegion{StartLine: s.Start.Line, StartColumn: s.Start.Column}
	if !s.End.IsZero() {
		// Span.End is the position after the last character, which is
		// exactly SARIF's endColumn.
		r.EndLine, r.EndColumn = s.End.Line, s.End.Column
	}
	return r
}

func sarifFixOf(f *reported.Finding) *sarifFix {
	if f.Fix == nil || len(f.Fix.Edits) == 0 {
		return nil
	}
	change := sarifArtifactChange{ArtifactLocation: artifactLocation(f.Path)}
	for _, e := range f.Fix.Edits {
		rep := sarifReplacement{DeletedRegion: sarifRegionOf(e.Span)}
		if e.NewText != "" {
			rep.InsertedContent = &sarifMessage{Text: e.NewText}
		}
		change.Replacements = append(change.Replacements, rep)
	}
	fix := &sarifFix{ArtifactChanges: []sarifArtifactChange{change}}
	if f.Fix.Description != "" {
		fix.Description = &sarifMessage{Text: escape.Line(f.Fix.Description)}
	}
	return fix
}

// suppressionKind maps rbaclint's suppression kinds onto SARIF's two: a
// config ignore or a baseline entry lives outside the file ("external").
func suppressionKind(kind string) string {
	if kind == "inSource" {
		return kind
	}
	return "external"
}
