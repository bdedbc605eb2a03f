package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fatih/color"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestTextColor(t *testing.T) {
	defer func(v bool) { color.NoColor = v }(color.NoColor)
	for _, global := range []bool{true, false} {
		// color.NoColor is what fatih/color guesses from NO_COLOR and
		// os.Stdout; only run.Color may decide.
		color.NoColor = global

		plain := string(render(t, Text, testRun()))
		if strings.Contains(plain, "\x1b") {
			t.Errorf("NoColor=%v: escape codes with Color false:\n%q", global, plain)
		}
		run := testRun()
		run.Color = true
		colored := string(render(t, Text, run))
		if !strings.Contains(colored, "\x1b[31;1merror") {
			t.Errorf("NoColor=%v: Color true did not paint the severity red:\n%q", global, colored)
		}
		if got := ansi.ReplaceAllString(colored, ""); got != plain {
			t.Errorf("NoColor=%v: colour changed more than escape codes:\n%s\nvs\n%s", global, got, plain)
		}
	}
}

func TestTextSummary(t *testing.T) {
	for _, c := range []struct {
		n       counts
		files   int
		skipped []string
		want    string
	}{
		{counts{}, 5, nil, "no problems found in 5 files"},
		{counts{suppressed: 4}, 1, []string{"a", "b"}, "no problems found in 1 file (2 skipped, 4 suppressed)"},
		{counts{errors: 1}, 1, nil, "1 error in 1 file"},
		{counts{errors: 3, warnings: 2, notes: 1}, 5, []string{"a", "b"}, "3 errors, 2 warnings, 1 note in 5 files (2 skipped)"},
		{counts{warnings: 1, notes: 2}, 2, nil, "1 warning, 2 notes in 2 files"},
	} {
		run := &Run{FilesChecked: c.files, FilesSkipped: c.skipped}
		if got := summaryLine(run, c.n); got != c.want {
			t.Errorf("summaryLine(%+v, %d files) = %q, want %q", c.n, c.files, got, c.want)
		}
	}
}

func TestTextHostileText(t *testing.T) {
	run := &Run{FilesChecked: 1, Findings: reported.Of([]rules.Finding{{
		RuleID: "schema", Severity: rules.SeverityError, Path: "a\x1b[2J.json", Span: span(1, 1, 1, 2),
		Message: "name \"x\x1b]0;pwned\x07\"\nis invalid",
	}})}
	out := string(render(t, Text, run))
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("control characters from the input reached the output: %q", out)
	}
	if lines := strings.Count(out, "\n"); lines != 2 {
		t.Errorf("want the finding on one line plus the summary, got %d lines: %q", lines, out)
	}
	if want := `a\x1b[2J.json:1:1: error: name "x\x1b]0;pwned\x07" is invalid [schema]`; !strings.HasPrefix(out, want) {
		t.Errorf("got %q, want it to start with %q", out, want)
	}
}
