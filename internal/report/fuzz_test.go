package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// FuzzReporters renders a run whose paths, messages, entities, pointers and
// skipped names are random text in every format, and writes a random note
// to standard error's writer, and checks what must hold for any input:
// JSON and SARIF decode, JUnit is well-formed XML with unique suite names,
// `github` is exactly one workflow command per visible finding, and no
// output carries a raw control, format or separator character, a legacy
// "##[" command or (outside `github`) a line that is a workflow command.
func FuzzReporters(f *testing.F) {
	f.Add("a.json", "plain message", "pcce/x.xml", "related", "/a/b", "skip.txt", uint8(3))
	f.Add("x\n::stop-commands::t.json", "bogus.##[set-output name=verdict;]pass", "::warning file=a::b.json", "\x1b]0;t\x07", "/\u202e", "  ::error::x", uint8(0))
	f.Add("bad\xffname.json", "zero\u200bwidth\u2028sep\r\nline", "\u2066iso\u2069", "\x9b31m", "/~1", "n\x00ul", uint8(255))
	f.Add("\u00a0::notice::x", "\u3000##[x", "\U000e0041tag", "\u0085::y", "/", "\v::z", uint8(2))
	f.Add("", "", "", "", "", "", uint8(1))
	f.Fuzz(func(t *testing.T, path, msg, path2, related, pointer, skipped string, shape uint8) {
		run := testRun()
		run.FilesSkipped = []string{skipped}
		run.Files = append(run.Files, path, path2)
		extra := []reported.Finding{
			{Finding: rules.Finding{RuleID: "webex/permissions-required", Severity: rules.SeverityError, Path: path, Message: msg,
				Pointer: pointer, Span: span(1+int(shape%4), 1, 1+int(shape%4), 2), Entity: msg,
				Related: []rules.Related{{Path: path2, Pointer: pointer, Span: span(2, 1, 2, 3), Message: related}}}, Fingerprint: path2},
			{Finding: rules.Finding{RuleID: "plaintext-secret", Severity: rules.SeverityWarning, Path: path2, Message: related,
				Fix: &rules.Fix{Description: msg}}},
		}
		if shape&1 != 0 {
			extra[1].Suppressed = &reported.Suppression{Kind: "inSource", Justification: msg}
		}
		run.Findings = append(run.Findings, extra...)
		visible := len(run.Visible())
		for _, name := range []string{"text", "json", "sarif", "github", "junit"} {
			var b bytes.Buffer
			if err := Formats[name](&b, run); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out := b.String()
			checkSafeOutput(t, name, out, name == "github")
			switch name {
			case "json", "sarif":
				var doc any
				if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
					t.Fatalf("%s is not valid JSON: %v", name, err)
				}
			case "junit":
				checkJUnit(t, out)
			case "github":
				lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
				if len(lines) != visible {
					t.Fatalf("github: %d lines for %d visible findings:\n%s", len(lines), visible, out)
				}
				for _, l := range lines {
					if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::notice file=") {
						t.Fatalf("github: not one annotation: %q", l)
					}
					// The runner reads properties up to the first "::".
					props, _, ok := strings.Cut(l[2:], "::")
					if !ok || strings.Count(props, "title=") != 1 {
						t.Fatalf("github: properties broken by the input: %q", l)
					}
				}
			}
		}
		// Standard error: how the CLI prints a note about a path.
		var e bytes.Buffer
		fmt.Fprintf(escape.Writer(&e), "rbaclint: note: %s: %s\n", escape.Line(path), msg)
		checkSafeOutput(t, "stderr", e.String(), false)
		if n := strings.Count(e.String(), "\n"); n < 1 {
			t.Fatalf("stderr note lost its line end: %q", e.String())
		}
	})
}

func checkSafeOutput(t *testing.T, what, out string, commands bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s is not valid UTF-8", what)
	}
	for i, r := range out {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || escape.Invisible(r)) {
			t.Fatalf("%s carries a raw %U at %d: %q", what, r, i, out)
		}
	}
	if strings.Contains(out, "##[") {
		t.Fatalf("%s carries a legacy workflow command: %q", what, out)
	}
	if !commands {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") {
				t.Fatalf("%s has a line that is a workflow command: %q", what, l)
			}
		}
	}
}

func checkJUnit(t *testing.T, out string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(out))
	seen := map[string]bool{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("JUnit is not well-formed: %v\n%s", err, out)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "testsuite" {
			for _, a := range se.Attr {
				if a.Name.Local == "name" {
					if seen[a.Value] {
						t.Fatalf("two JUnit suites named %q", a.Value)
					}
					seen[a.Value] = true
				}
			}
		}
	}
}
