package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/rbaclint/rbaclint/rules"
)

// CodeClimate writes a GitLab Code Quality report: a JSON array with one
// issue per visible finding, in the fields GitLab reads (description,
// check_name, fingerprint, severity, location.path, location.lines.begin),
// which is what shows findings inline in a merge request. GitLab keys issues
// by fingerprint, so each is unique within the report: the finding's stable
// fingerprint, numbered when two findings share one.
func CodeClimate(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	issues := []codeClimateIssue{}
	seen := map[string]int{}
	for _, f := range run.Visible() {
		fp := f.Fingerprint
		if fp == "" {
			fp = fmt.Sprintf("%s\x00%s\x00%d:%d\x00%s", f.RuleID, f.Path, f.Span.Start.Line, f.Span.Start.Column, f.Message)
		}
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp = fmt.Sprintf("%s#%d", fp, n)
		}
		sum := sha256.Sum256([]byte(fp))
		line := max(f.Span.Start.Line, 1) // GitLab needs a line; file-level findings go on the first
		end := max(f.Span.End.Line, line)
		issues = append(issues, codeClimateIssue{
			Type:        "issue",
			Description: f.Message,
			CheckName:   f.RuleID,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    codeClimateLevels.of(cat.severity(&f)),
			Categories:  codeClimateCategories(cat, f.RuleID),
			Location:    codeClimateLocation{Path: f.Path, Lines: codeClimateLines{Begin: line, End: end}},
		})
	}
	return writeJSON(w, issues)
}

type (
	codeClimateIssue struct {
		Type        string              `json:"type"`
		Description string              `json:"description"`
		CheckName   string              `json:"check_name"`
		Fingerprint string              `json:"fingerprint"`
		Severity    string              `json:"severity"`
		Categories  []string            `json:"categories"`
		Location    codeClimateLocation `json:"location"`
	}
	codeClimateLocation struct {
		Path  string           `json:"path"`
		Lines codeClimateLines `json:"lines"`
	}
	codeClimateLines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	}
)

// codeClimateCategories: the Code Climate spec's category names for the
// rule's category.
func codeClimateCategories(cat *catalog, id string) []string {
	if r, _, ok := cat.rule(id); ok && r.Category == rules.CategorySecurity {
		return []string{"Security"}
	}
	return []string{"Bug Risk"}
}
