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
	"strings"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/regularfile"
	"github.com/rbaclint/rbaclint/internal/reported"
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
	Root    string // absolute directory the entries' files (and fingerprints) are relative to
	Entries []*Entry
}

const header = `{"version": 1, "tool": "rbaclint", "paths": "relative to the repository root", "findings": [`

// Root is the directory a baseline's paths are relative to: the root of the
// git repository that holds the baseline file (the nearest directory above
// it with a .git entry), or, outside a repository, the baseline file's own
// directory. It depends on where the baseline is, never on the working
// directory, so a baseline matches whichever directory rbaclint runs from.
func Root(baselinePath string) string {
	abs, err := filepath.Abs(baselinePath)
	if err != nil {
		return "."
	}
	dir := filepath.Dir(abs)
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// RelPath is a finding's path (as displayed: relative to the working
// directory, or absolute) relative to root, slash-separated; paths outside
// root stay absolute.
func RelPath(root, p string) string {
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return p
	}
	r, err := filepath.Rel(root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// Write saves the visible findings as a baseline, one entry per line so that
// diffs stay readable, with files relative to root (see Root). The file is
// written atomically. It returns the number of entries written.
func Write(path, root string, findings []reported.Finding) (int, error) {
	var es []Entry
	for _, f := range findings {
		if f.Suppressed == nil && f.Fingerprint != "" {
			es = append(es, Entry{Fingerprint: f.Fingerprint, Rule: f.RuleID, File: RelPath(root, f.Path), Message: f.Message})
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
			return 0, err
		}
		b.WriteString("  ")
		b.Write(line)
		if i < len(es)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return len(es), atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
}

// MaxFileSize bounds a baseline file, as inputs are bounded by default.
const MaxFileSize = 256 << 20

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := regularfile.Read(path, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read baseline: %v", path, atomicfile.Cause(err))
	}
	// Editors on Windows save JSON with a byte-order mark, which
	// encoding/json refuses.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
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
	b := &Baseline{Path: filepath.ToSlash(path), Root: Root(path)}
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
func (b *Baseline) Apply(fs []reported.Finding, checked []string) []reported.Finding {
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
			fs[i].Suppressed = &reported.Suppression{Kind: "external", Justification: "in baseline " + b.Path}
		}
	}
	wasChecked := map[string]bool{}
	for _, p := range checked {
		wasChecked[RelPath(b.Root, p)] = true
	}
	if f, ok := b.nothingExists(); ok {
		return append(fs, f)
	}
	for _, e := range b.Entries {
		if e.used || !wasChecked[e.File] {
			continue
		}
		pos := rules.Position{Line: max(e.line, 1), Column: 3}
		fs = append(fs, reported.Finding{Finding: rules.Finding{
			RuleID:   rules.IDStaleBaseline,
			Severity: rules.SeverityNote,
			Path:     b.Path,
			Span:     rules.Span{Start: pos, End: pos},
			Message:  fmt.Sprintf("baseline entry for %s in %s no longer matches a finding (fixed?); refresh the baseline with --write-baseline", e.Rule, e.File),
		}})
	}
	return fs
}

// nothingExists reports, as one finding, a baseline none of whose files
// exists under its root: it was moved away from the files, or written by
// an rbaclint that stored paths relative to the working directory. Every
// entry would otherwise silently never match.
func (b *Baseline) nothingExists() (reported.Finding, bool) {
	if len(b.Entries) == 0 {
		return reported.Finding{}, false
	}
	for _, e := range b.Entries {
		if _, err := os.Stat(filepath.Join(b.Root, filepath.FromSlash(e.File))); err == nil {
			return reported.Finding{}, false
		}
	}
	pos := rules.Position{Line: 1, Column: 1}
	return reported.Finding{Finding: rules.Finding{
		RuleID:   rules.IDStaleBaseline,
		Severity: rules.SeverityWarning,
		Path:     b.Path,
		Span:     rules.Span{Start: pos, End: pos},
		Message: fmt.Sprintf("none of the %d entries of this baseline can match: no file it names (such as %s) exists under %s, which its paths are relative to (the repository root); rewrite it with --write-baseline",
			len(b.Entries), b.Entries[0].File, b.Root),
	}}, true
}
