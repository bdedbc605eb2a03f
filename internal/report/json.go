package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// jsonVersion is the JSON document's format version (JSON.md). Adding a
// field keeps it; renaming, removing or changing the meaning of one bumps it.
const jsonVersion = 1

// The JSON document. Field order here is key order in the output.
type (
	jsonDoc struct {
		Version  int           `json:"version"`
		Tool     jsonTool      `json:"tool"`
		Findings []jsonFinding `json:"findings"`
		Summary  jsonSummary   `json:"summary"`
		Skipped  []string      `json:"skipped"`
		Change   *jsonChange   `json:"change,omitempty"`
	}
	jsonTool struct {
		Name           string `json:"name"`
		Version        string `json:"version,omitempty"`
		InformationURI string `json:"informationUri,omitempty"`
	}
	jsonFinding struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Category string `json:"category,omitempty"`
		Message  string `json:"message"`
		File     string `json:"file"`
		jsonRange
		Pointer     string           `json:"pointer"`
		Entity      string           `json:"entity,omitempty"`
		Fingerprint string           `json:"fingerprint,omitempty"`
		Related     []jsonRelated    `json:"related,omitempty"`
		Fix         *jsonFix         `json:"fix,omitempty"`
		Suppressed  *jsonSuppression `json:"suppressed,omitempty"`
	}
	// jsonRange is absent as a whole for file-level locations.
	jsonRange struct {
		Line      int `json:"line,omitzero"`
		Column    int `json:"column,omitzero"`
		EndLine   int `json:"endLine,omitzero"`
		EndColumn int `json:"endColumn,omitzero"`
	}
	jsonRelated struct {
		File string `json:"file"`
		jsonRange
		Pointer string `json:"pointer"`
		Message string `json:"message"`
	}
	jsonFix struct {
		Description string     `json:"description"`
		Edits       []jsonEdit `json:"edits"`
	}
	// jsonEdit always has every position key: offset 0 is a real place.
	jsonEdit struct {
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"endLine"`
		EndColumn int    `json:"endColumn"`
		Offset    int    `json:"offset"`
		EndOffset int    `json:"endOffset"`
		NewText   string `json:"newText"`
	}
	jsonSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification,omitempty"`
	}
	// jsonChange is present only for rbaclint diff.
	jsonChange struct {
		Before      string            `json:"before"`
		After       string            `json:"after"`
		Access      []jsonAccess      `json:"access"`
		Files       []jsonChangedFile `json:"files"`
		PreExisting int               `json:"preExisting"`
	}
	jsonAccess struct {
		Principal string   `json:"principal"`
		Gained    []string `json:"gained"`
		Lost      []string `json:"lost"`
	}
	jsonChangedFile struct {
		File     string   `json:"file"`
		Status   string   `json:"status"`
		Added    []string `json:"added"`
		Removed  []string `json:"removed"`
		Modified []string `json:"modified"`
	}
	jsonSummary struct {
		Errors     int    `json:"errors"`
		Warnings   int    `json:"warnings"`
		Notes      int    `json:"notes"`
		Suppressed int    `json:"suppressed"`
		Files      int    `json:"files"`
		Skipped    int    `json:"skipped"`
		FailLevel  string `json:"failLevel"`
		ExitCode   int    `json:"exitCode"`
	}
)

// JSON writes the run as the versioned document described in JSON.md,
// suppressed findings included (marked "suppressed").
func JSON(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	n := countFindings(run, cat)
	doc := jsonDoc{
		Version:  jsonVersion,
		Tool:     jsonTool{Name: run.Tool.Name, Version: run.Tool.Version, InformationURI: run.Tool.InformationURI},
		Findings: make([]jsonFinding, 0, len(run.Findings)),
		Summary: jsonSummary{
			Errors: n.errors, Warnings: n.warnings, Notes: n.notes, Suppressed: n.suppressed,
			Files: run.FilesChecked, Skipped: len(run.FilesSkipped),
			FailLevel: failLevelName(run.FailLevel), ExitCode: run.ExitCode,
		},
		Skipped: append([]string{}, run.FilesSkipped...),
		Change:  newJSONChange(run.Change),
	}
	for i := range run.Findings {
		doc.Findings = append(doc.Findings, newJSONFinding(&run.Findings[i], cat))
	}
	return writeJSON(w, doc)
}

// writeJSON encodes v indented, then escapes what encoding/json leaves raw
// (format characters, "##[") as every other output does.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // messages quote XML like <role>; keep them readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}

func newJSONFinding(f *reported.Finding, cat *catalog) jsonFinding {
	out := jsonFinding{
		Rule:        f.RuleID,
		Severity:    cat.severity(f).String(),
		Category:    cat.category(f.RuleID),
		Message:     f.Message,
		File:        f.Path,
		jsonRange:   newJSONRange(f.Span),
		Pointer:     f.Pointer,
		Entity:      f.Entity,
		Fingerprint: f.Fingerprint,
	}
	for _, r := range f.Related {
		out.Related = append(out.Related, jsonRelated{
			File: relatedPath(f, r), jsonRange: newJSONRange(r.Span), Pointer: r.Pointer, Message: r.Message,
		})
	}
	if f.Fix != nil {
		fix := &jsonFix{Description: f.Fix.Description, Edits: make([]jsonEdit, 0, len(f.Fix.Edits))}
		for _, e := range f.Fix.Edits {
			fix.Edits = append(fix.Edits, jsonEdit{
				Line: e.Span.Start.Line, Column: e.Span.Start.Column,
				EndLine: e.Span.End.Line, EndColumn: e.Span.End.Column,
				Offset: e.Span.Start.Offset, EndOffset: e.Span.End.Offset,
				NewText: e.NewText,
			})
		}
		out.Fix = fix
	}
	if s := f.Suppressed; s != nil {
		out.Suppressed = &jsonSuppression{Kind: s.Kind, Justification: s.Justification}
	}
	return out
}

func newJSONRange(s rules.Span) jsonRange {
	if s.IsZero() {
		return jsonRange{}
	}
	return jsonRange{Line: s.Start.Line, Column: s.Start.Column, EndLine: s.End.Line, EndColumn: s.End.Column}
}

// failLevelName spells the fail level as --fail-level takes it: "none"
// when no finding fails the run.
func failLevelName(s rules.Severity) string {
	if s == rules.SeverityOff {
		return "none"
	}
	return s.String()
}

// newJSONChange renders a diff's summary; empty lists are [] rather than
// null, as elsewhere in the document.
func newJSONChange(c *Change) *jsonChange {
	if c == nil {
		return nil
	}
	list := func(s []string) []string { return append([]string{}, s...) }
	out := &jsonChange{Before: c.Before, After: c.After, Access: []jsonAccess{}, Files: []jsonChangedFile{}, PreExisting: c.PreExisting}
	for _, a := range c.Access {
		out.Access = append(out.Access, jsonAccess{Principal: a.Principal, Gained: list(a.Gained), Lost: list(a.Lost)})
	}
	for _, f := range c.Files {
		out.Files = append(out.Files, jsonChangedFile{File: f.Path, Status: f.Status, Added: list(f.Added), Removed: list(f.Removed), Modified: list(f.Modified)})
	}
	return out
}
