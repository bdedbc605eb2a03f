package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rbaclint/rbaclint/internal/report"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// uriToPath turns a file: URI into a clean slash path ("" for other schemes).
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // file:///C:/x on Windows
		p = p[1:]
	}
	return filepath.ToSlash(filepath.Clean(filepath.FromSlash(p)))
}

func pathToURI(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func severity(s rules.Severity) int {
	switch s {
	case rules.SeverityError:
		return 1
	case rules.SeverityWarning:
		return 2
	}
	return 3 // information: rbaclint's notes
}

// diagnosticData travels with a diagnostic so that a code action can tell
// which finding it was.
type diagnosticData struct {
	Fingerprint string `json:"fingerprint"`
	Pointer     string `json:"pointer"`
}

func (s *server) diagnostic(f reported.Finding, li *lineIndex, st lintState) diagnostic {
	d := diagnostic{
		Range: li.rangeOf(f.Span), Severity: severity(f.Severity), Code: f.RuleID,
		Source: "rbaclint", Message: f.Message,
	}
	if registry.ByID(f.RuleID) != nil {
		d.CodeDescription = &codeDescription{Href: report.RuleHelpURI(f.RuleID)}
	}
	d.Data, _ = json.Marshal(diagnosticData{Fingerprint: f.Fingerprint, Pointer: f.Pointer})
	for _, r := range f.Related {
		path := r.Path
		if path == "" {
			path = f.Path
		}
		rli := li
		if path != f.Path {
			rli = newLineIndex(st.texts[path], li.enc)
		}
		d.RelatedInformation = append(d.RelatedInformation, relatedInfo{
			Location: location{URI: pathToURI(path), Range: rli.rangeOf(r.Span)}, Message: r.Message,
		})
	}
	return d
}

func before(a, b position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// touches reports whether two ranges overlap or meet (a cursor at the end
// of a finding still asks for its actions).
func touches(a, b rangeLSP) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// current returns the last lint's findings and text of a path when the
// buffer still holds that text: positions computed on another text would
// land in the wrong place.
func (s *server) current(path string) ([]reported.Finding, []byte, rules.Kind, string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	text := s.last.texts[path]
	if d := s.docs[path]; d == nil || text == nil || !bytes.Equal(d.text, text) {
		return nil, nil, "", s.enc, false
	}
	return s.last.findings[path], text, s.last.kinds[path], s.enc, true
}

func (s *server) codeActions(p *codeActionParams) []codeAction {
	path := uriToPath(p.TextDocument.URI)
	findings, text, _, enc, ok := s.current(path)
	actions := []codeAction{}
	if !ok {
		return actions
	}
	li := newLineIndex(text, enc)
	var ignores []codeAction
	for _, f := range findings {
		r := li.rangeOf(f.Span)
		if !touches(r, p.Range) {
			continue
		}
		d := s.diagnostic(f, li, lintState{texts: map[string][]byte{path: text}})
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			edits := make([]textEdit, 0, len(f.Fix.Edits))
			for _, e := range f.Fix.Edits {
				edits = append(edits, textEdit{Range: li.editRange(e), NewText: e.NewText})
			}
			actions = append(actions, codeAction{
				Title: f.Fix.Description + " (" + f.RuleID + ")", Kind: "quickfix", IsPreferred: true,
				Diagnostics: []diagnostic{d},
				Edit:        &workspaceEdit{Changes: map[string][]textEdit{p.TextDocument.URI: edits}},
			})
		}
		if a, ok := s.ignoreAction(f, d); ok {
			ignores = append(ignores, a)
		}
	}
	return append(actions, ignores...) // the fixes first: clients list them in order
}

// ignoreAction adds an entry for the finding to the ignore list of the
// workspace's .rbaclint.yaml (created when there is none), with a reason
// for the user to fill in: the configuration refuses ignores without one.
func (s *server) ignoreAction(f reported.Finding, d diagnostic) (codeAction, bool) {
	s.mu.Lock()
	cfg, root := s.configPath, s.root
	var open *document
	s.mu.Unlock()
	if cfg == "" {
		if root == "" {
			return codeAction{}, false
		}
		cfg = root + "/.rbaclint.yaml"
	}
	cfg = filepath.ToSlash(cfg)
	rel, err := filepath.Rel(filepath.Dir(filepath.FromSlash(cfg)), filepath.FromSlash(f.Path))
	if err != nil || strings.HasPrefix(rel, "..") {
		return codeAction{}, false // the finding's file is outside the configuration's reach
	}
	s.mu.Lock()
	open = s.docs[cfg]
	s.mu.Unlock()
	var text []byte
	var version *int
	exists := true
	if open != nil {
		text, version = open.text, &open.version
	} else if text, err = os.ReadFile(filepath.FromSlash(cfg)); err != nil {
		exists = false
	}
	entry := ignoreEntry(f.RuleID, filepath.ToSlash(rel), f.Pointer)
	from, to, newText := insertIgnore(text, entry)
	uri := pathToURI(cfg)
	li := newLineIndex(text, s.enc)
	tdEdit := textDocumentEdit{Edits: []textEdit{{Range: rangeLSP{Start: li.position(from), End: li.position(to)}, NewText: newText}}}
	tdEdit.TextDocument.URI, tdEdit.TextDocument.Version = uri, version
	changes := []any{}
	if !exists {
		cf := createFile{Kind: "create", URI: uri}
		cf.Options.IgnoreIfExists = true
		changes = append(changes, cf)
	}
	changes = append(changes, tdEdit)
	return codeAction{
		Title: fmt.Sprintf("Ignore %s here in .rbaclint.yaml (write the reason)", f.RuleID), Kind: "quickfix",
		Diagnostics: []diagnostic{d}, Edit: &workspaceEdit{DocumentChanges: changes},
	}, true
}

// reasonPlaceholder is the reason an added ignore starts with.
const reasonPlaceholder = "TODO: say why this finding is acceptable"

func ignoreEntry(rule, file, pointer string) []string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON strings are YAML
	lines := []string{"- rule: " + rule, "  files: [" + q(file) + "]"}
	if pointer != "" {
		lines = append(lines, "  pointer: "+q(pointer))
	}
	return append(lines, "  reason: "+q(reasonPlaceholder))
}

var (
	ignoreKey   = regexp.MustCompile(`^ignore:\s*(#.*)?$`)
	ignoreEmpty = regexp.MustCompile(`^ignore:\s*\[\s*\]\s*(#.*)?$`)
	topLevel    = regexp.MustCompile(`^[^\s#-]`)
	listItem    = regexp.MustCompile(`^(\s*)- `)
)

// insertIgnore returns the range of a configuration's text to replace and
// the new text that adds the entry: at the end of the top-level ignore:
// list, indented as its items are; in place of an "ignore: []"; or as a new
// ignore: list at the end of the file.
func insertIgnore(text []byte, entry []string) (from, to int, newText string) {
	block := func(in string) string {
		var b strings.Builder
		for _, l := range entry {
			b.WriteString(in + l + "\n")
		}
		return b.String()
	}
	lines := strings.SplitAfter(string(text), "\n")
	starts := make([]int, len(lines))
	for i := 1; i < len(lines); i++ {
		starts[i] = starts[i-1] + len(lines[i-1])
	}
	content := func(t string) bool { t = strings.TrimSpace(t); return t != "" && !strings.HasPrefix(t, "#") }
	for i, l := range lines {
		line := strings.TrimRight(l, "\r\n")
		if ignoreEmpty.MatchString(line) {
			return starts[i], starts[i] + len(line), "ignore:\n" + strings.TrimSuffix(block("  "), "\n")
		}
		if !ignoreKey.MatchString(line) {
			continue
		}
		in, end := "  ", starts[i]+len(l)
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimRight(lines[j], "\r\n")
			if topLevel.MatchString(t) {
				break
			}
			if content(t) {
				end = starts[j] + len(lines[j])
				if m := listItem.FindStringSubmatch(t); m != nil {
					in = m[1]
				}
			}
		}
		nl := ""
		if end > 0 && text[end-1] != '\n' {
			nl = "\n"
		}
		return end, end, nl + block(in)
	}
	switch {
	case len(bytes.TrimSpace(text)) == 0:
		return 0, len(text), "version: 1\nignore:\n" + block("  ")
	case !bytes.HasSuffix(text, []byte("\n")):
		return len(text), len(text), "\nignore:\n" + block("  ")
	}
	return len(text), len(text), "ignore:\n" + block("  ")
}
