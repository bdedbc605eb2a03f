// Package baseline records the findings a repository already has, so that
// rbaclint can be adopted without fixing everything first: later runs hide
// findings whose stable fingerprint is in the baseline and report baseline
// entries that no longer match anything.
package baseline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/rules"
)

// Entry is one baselined finding. The fingerprint is what matches; the rest
// makes the file reviewable.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Message     string `json:"message"`

	line int // 1-based line of the entry in the baseline file
	used bool
}

// Baseline is a loaded baseline file.
type Baseline struct {
	Path    string
	Entries []*Entry
}

const header = `{"version": 1, "tool": "rbaclint", "findings": [`

// Write saves the visible findings as a baseline, one entry per line so that
// diffs stay readable. The file is written atomically.
func Write(path string, findings []rules.Finding) error {
	var es []Entry
	for _, f := range findings {
		if f.Suppressed == nil && f.Fingerprint != "" {
			es = append(es, Entry{Fingerprint: f.Fingerprint, Rule: f.RuleID, File: f.Path, Message: f.Message})
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
	var b bytes.Buffer
	b.WriteString(header + "\n")
	for i, e := range es {
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		b.WriteString("  ")
		b.Write(line)
		if i < len(es)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read baseline: %v", path, atomicfile.Cause(err))
	}
	var doc struct {
		Version  int     `json:"version"`
		Findings []Entry `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file (%v); write one with --write-baseline", path, err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("%s: baseline version %d is not supported (want 1)", path, doc.Version)
	}
	b := &Baseline{Path: filepath.ToSlash(path)}
	lines := entryLines(data)
	for i := range doc.Findings {
		e := doc.Findings[i]
		if i < len(lines) {
			e.line = lines[i]
		}
		b.Entries = append(b.Entries, &e)
	}
	return b, nil
}

// entryLines finds the line of each entry as Write lays them out (one per
// line); hand-edited files fall back to line 1.
func entryLines(data []byte) []int {
	var out []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		if bytes.Contains(sc.Bytes(), []byte(`"fingerprint"`)) {
			out = append(out, n)
		}
	}
	return out
}

// Apply hides findings whose fingerprint is in the baseline (each entry hides
// one finding) and reports entries that matched nothing, for the files that
// were checked in this run.
func (b *Baseline) Apply(fs []rules.Finding, checked []string) []rules.Finding {
	free := map[string][]*Entry{}
	for _, e := range b.Entries {
		free[e.Fingerprint] = append(free[e.Fingerprint], e)
	}
	for i := range fs {
		if fs[i].Suppressed != nil {
			continue
		}
		if es := free[fs[i].Fingerprint]; len(es) > 0 {
			es[0].used = true
			free[fs[i].Fingerprint] = es[1:]
			fs[i].Suppressed = &rules.Suppression{Kind: "external", Justification: "in baseline " + b.Path}
		}
	}
	wasChecked := map[string]bool{}
	for _, p := range checked {
		wasChecked[p] = true
	}
	for _, e := range b.Entries {
		if e.used || !wasChecked[e.File] {
			continue
		}
		pos := rules.Position{Line: max(e.line, 1), Column: 3}
		fs = append(fs, rules.Finding{
			RuleID:   rules.IDStaleBaseline,
			Severity: rules.SeverityNote,
			Path:     b.Path,
			Span:     rules.Span{Start: pos, End: pos},
			Message:  fmt.Sprintf("baseline entry for %s in %s no longer matches a finding (fixed?); refresh the baseline with --write-baseline", e.Rule, e.File),
		})
	}
	return fs
}
