package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// JUnit layout: one <testsuite> per file (checked files from run.Files plus
// any other file a finding names), one <testcase> per visible finding,
// named "<rule-id> at <line>:<col>" with the file as classname. A finding
// at or above the fail level is a <failure>, so failures agree with the
// exit code; a finding below it passes and keeps its text in <system-out>.
// A clean file gets one passing case, "no findings", so CI dashboards
// (GitLab, Jenkins) count it.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		ClassName string        `xml:"classname,attr"`
		Failure   *junitFailure `xml:"failure"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

const junitCleanCase = "no findings"

// JUnit writes the run as JUnit XML (layout above).
func JUnit(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	byFile := map[string][]junitCase{}
	// Suites are keyed by the escaped name they are shown with, so that two
	// names that print alike make one suite, never two with one name.
	for _, p := range run.Files {
		byFile[escape.Line(p)] = nil
	}
	for _, f := range run.Visible() {
		p := escape.Line(f.Path)
		byFile[p] = append(byFile[p], junitCaseOf(&f, cat.severity(&f), run.FailLevel))
	}
	files := make([]string, 0, len(byFile))
	for p := range byFile {
		files = append(files, p)
	}
	sort.Strings(files)

	doc := junitSuites{Name: run.Tool.Name}
	for _, p := range files {
		cases := byFile[p]
		if len(cases) == 0 {
			cases = []junitCase{{Name: junitCleanCase, ClassName: p}}
		}
		uniqueCaseNames(cases)
		s := junitSuite{Name: p, Tests: len(cases), Cases: cases}
		for _, c := range cases {
			if c.Failure != nil {
				s.Failures++
			}
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	b.WriteByte('\n')
	// "##[" is only ever in attribute values and text here: the character
	// reference reads back as "[" but no CI log that shows the file obeys it.
	_, err := io.WriteString(w, escape.Legacy(b.String(), "&#x5B;"))
	return err
}

// uniqueCaseNames numbers the repeats of a test case name within a file
// ("rule at 3:5 (2)"): CI test reports key cases by classname and name, and
// two findings of one rule at one place would otherwise merge into one.
func uniqueCaseNames(cases []junitCase) {
	seen := map[string]int{}
	for i := range cases {
		n := seen[cases[i].Name] + 1
		seen[cases[i].Name] = n
		if n > 1 {
			cases[i].Name = fmt.Sprintf("%s (%d)", cases[i].Name, n)
		}
	}
}

func junitCaseOf(f *reported.Finding, sev, failLevel rules.Severity) junitCase {
	var b bytes.Buffer
	writeTextFinding(&b, f, sev, newPalette(false), nil)
	text := strings.TrimSuffix(b.String(), "\n")
	c := junitCase{Name: f.RuleID, ClassName: escape.Line(f.Path)}
	if !f.Span.IsZero() {
		c.Name = fmt.Sprintf("%s at %d:%d", f.RuleID, f.Span.Start.Line, f.Span.Start.Column)
	}
	if failLevel != rules.SeverityOff && sev >= failLevel {
		c.Failure = &junitFailure{Message: escape.Line(f.Message), Type: sev.String(), Text: text}
	} else {
		c.SystemOut = text
	}
	return c
}
