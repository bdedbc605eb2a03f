package report

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// What a JUnit consumer reads, declared independently of junit.go.
type (
	parsedSuites struct {
		Tests    int           `xml:"tests,attr"`
		Failures int           `xml:"failures,attr"`
		Suites   []parsedSuite `xml:"testsuite"`
	}
	parsedSuite struct {
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Cases    []parsedCase `xml:"testcase"`
	}
	parsedCase struct {
		Name      string `xml:"name,attr"`
		ClassName string `xml:"classname,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Text    string `xml:",chardata"`
		} `xml:"failure"`
		SystemOut string `xml:"system-out"`
	}
)

// text is the case's report, from the failure or from system-out.
func (c parsedCase) text() string {
	if c.Failure != nil {
		return c.Failure.Text
	}
	return c.SystemOut
}

func parseJUnit(t *testing.T, run *Run) parsedSuites {
	t.Helper()
	var p parsedSuites
	if err := xml.Unmarshal(render(t, JUnit, run), &p); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	return p
}

func TestJUnitParses(t *testing.T) {
	p := parseJUnit(t, testRun())
	tests, failures := 0, 0
	cases := map[string]parsedCase{}
	files := map[string]int{}
	for _, s := range p.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %q says %d tests, has %d", s.Name, s.Tests, len(s.Cases))
		}
		tests += len(s.Cases)
		files[s.Name] = len(s.Cases)
		for _, c := range s.Cases {
			if c.ClassName != s.Name {
				t.Errorf("case %q in suite %q has classname %q", c.Name, s.Name, c.ClassName)
			}
			if c.Failure != nil {
				failures++
			}
			if strings.Contains(c.text(), "password") {
				t.Errorf("the suppressed finding appears in %q", c.Name)
			}
			cases[s.Name+" "+c.Name] = c
		}
	}
	if tests != p.Tests || failures != p.Failures {
		t.Errorf("root says %d tests, %d failures; cases add up to %d, %d", p.Tests, p.Failures, tests, failures)
	}
	// Fail level warning: 3 errors and 2 warnings fail, the note passes.
	if failures != 5 || tests != 7 {
		t.Errorf("got %d failures in %d tests, want 5 in 7", failures, tests)
	}
	if files["finesse/reasons.xml"] != 1 || files["notes.txt"] != 1 {
		t.Errorf("want the clean file and the file of no kind as suites, got %v", files)
	}
	dup := cases["pcce/rôles.xml duplicate-key at 4:5"]
	if dup.Failure == nil || dup.Failure.Type != "error" || dup.Failure.Message != `role "TeamLead" has <name> twice; the first is on line 3` {
		t.Fatalf("duplicate-key case = %+v", dup)
	}
	if !strings.Contains(dup.Failure.Text, "\n    pcce/rôles.xml:3:5: note: first <name> here") {
		t.Errorf("failure text lacks the related location: %q", dup.Failure.Text)
	}
	if note := cases["pcce/rôles.xml pcce/update-only-subfeature at 12:7"]; note.Failure != nil || note.SystemOut == "" {
		t.Errorf("a note below the fail level must pass with its text in system-out, got %+v", note)
	}
}

func TestJUnitFailLevelNone(t *testing.T) {
	run := testRun()
	run.FailLevel = rules.SeverityOff
	if p := parseJUnit(t, run); p.Failures != 0 {
		t.Errorf("--fail-level none: %d failures, want 0 (the exit code is 0)", p.Failures)
	}
}

func TestJUnitInvalidXMLCharacters(t *testing.T) {
	run := &Run{Findings: reported.Of([]rules.Finding{{
		RuleID: "syntax", Severity: rules.SeverityError, Path: "bad\xff.json", Span: span(1, 1, 1, 2),
		Message: "invalid byte \xfe\x00 and \uFFFE here ]]> <x/> &amp;",
	}})}
	p := parseJUnit(t, run)
	if len(p.Suites) != 1 || p.Suites[0].Cases[0].Failure == nil {
		t.Fatalf("got %+v", p)
	}
	if got := p.Suites[0].Cases[0].Failure.Message; !strings.Contains(got, "]]> <x/> &amp;") {
		t.Errorf("markup in a message was not kept as text: %q", got)
	}
}
