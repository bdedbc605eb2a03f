package report

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
)

// The document as JSON.md describes it, declared independently of json.go.
type (
	documented struct {
		Version int `json:"version"`
		Tool    struct {
			Name           string `json:"name"`
			Version        string `json:"version"`
			InformationURI string `json:"informationUri"`
		} `json:"tool"`
		Findings []documentedFinding `json:"findings"`
		Summary  struct {
			Errors, Warnings, Notes, Suppressed, Files, Skipped int
			FailLevel                                           string `json:"failLevel"`
			ExitCode                                            int    `json:"exitCode"`
		} `json:"summary"`
		Skipped []string `json:"skipped"`
	}
	documentedRange struct {
		Line      int `json:"line"`
		Column    int `json:"column"`
		EndLine   int `json:"endLine"`
		EndColumn int `json:"endColumn"`
	}
	documentedFinding struct {
		Rule, Severity, Category, Message, File string
		documentedRange
		Pointer, Entity, Fingerprint string
		Related                      []struct {
			File string `json:"file"`
			documentedRange
			Pointer, Message string
		} `json:"related"`
		Fix *struct {
			Description string `json:"description"`
			Edits       []struct {
				documentedRange
				Offset    int    `json:"offset"`
				EndOffset int    `json:"endOffset"`
				NewText   string `json:"newText"`
			} `json:"edits"`
		} `json:"fix"`
		Suppressed *struct {
			Kind          string `json:"kind"`
			Justification string `json:"justification"`
		} `json:"suppressed"`
	}
)

func TestJSONRoundTrip(t *testing.T) {
	run := testRun()
	dec := json.NewDecoder(bytes.NewReader(render(t, JSON, run)))
	dec.DisallowUnknownFields() // every key written is a documented one
	var d documented
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || d.Tool.Name != "rbaclint" || len(d.Findings) != len(run.Findings) {
		t.Fatalf("version %d, tool %q, %d findings", d.Version, d.Tool.Name, len(d.Findings))
	}
	for i, f := range d.Findings {
		in := run.Findings[i]
		if f.Rule != in.RuleID || f.Message != in.Message || f.File != in.Path || f.Pointer != in.Pointer ||
			f.Line != in.Span.Start.Line || f.EndColumn != in.Span.End.Column || f.Fingerprint != in.Fingerprint {
			t.Errorf("finding %d does not match its input:\n%+v\n%+v", i, f, in)
		}
		if (f.Suppressed != nil) != (in.Suppressed != nil) {
			t.Errorf("finding %d: suppressed = %v, input %v", i, f.Suppressed, in.Suppressed)
		}
	}
	if c := d.Findings[3].Category; c != "error" {
		t.Errorf("category %q, want the rule's category", c)
	}
	if fix := d.Findings[2].Fix; fix == nil || len(fix.Edits) != 1 || fix.Edits[0].Offset != 301 || fix.Edits[0].NewText != "" {
		t.Errorf("fix = %+v", fix)
	}
	s := d.Summary
	if s.Errors != 3 || s.Warnings != 2 || s.Notes != 1 || s.Suppressed != 1 || s.Files != 4 || s.Skipped != 1 || s.FailLevel != "warning" || s.ExitCode != 1 {
		t.Errorf("summary = %+v", s)
	}
}

// TestJSONDocumented fails when the output grows a key JSON.md does not
// describe.
func TestJSONDocumented(t *testing.T) {
	doc, err := os.ReadFile("JSON.md")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				keys[k] = true
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(jsontest.Decode(t, render(t, JSON, testRun())))
	var missing []string
	for k := range keys {
		if !strings.Contains(string(doc), "`"+k+"`") {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("JSON.md does not document %v", missing)
	}
}
