package report

import (
	"bytes"
	"fmt"
	"io"

	"github.com/fatih/color"
	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// Text writes one line per visible finding,
// "file:line:col: severity: message [rule-id]", its related locations
// indented under it, then a summary line unless run.Quiet.
func Text(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	pal := newPalette(run.Color)
	var b bytes.Buffer
	x := newExcerpts(run, cat)
	for _, f := range run.Visible() {
		writeTextFinding(&b, &f, cat.severity(&f), pal, x)
	}
	if !run.Quiet {
		b.WriteString(pal.paint(pal.bold, summaryLine(run, countFindings(run, cat))))
		b.WriteByte('\n')
	}
	// A file named "::warning file=x::y" or a key holding "##[" must not
	// become a workflow command when the text report lands in a CI log.
	_, err := io.WriteString(w, escape.Lines(b.String()))
	return err
}

// writeTextFinding writes a finding and its related locations; JUnit reuses
// it, uncoloured, for failure bodies.
// x (nil: none) prints the source excerpts under the finding line.
func writeTextFinding(b *bytes.Buffer, f *reported.Finding, sev rules.Severity, pal *palette, x *excerpts) {
	fmt.Fprintf(b, "%s: %s: %s %s\n",
		pal.paint(pal.bold, location(f.Path, f.Span)),
		pal.severity(sev),
		escape.Line(f.Message),
		pal.paint(pal.faint, "["+f.RuleID+"]"))
	x.write(b, f.Path, f.Span, pal)
	for _, r := range f.Related {
		fmt.Fprintf(b, "    %s: %s: %s\n",
			location(relatedPath(f, r), r.Span),
			pal.paint(pal.note, "note"),
			escape.Line(r.Message))
	}
}

// location is "file:line:col", or "file" for a file-level span.
func location(path string, s rules.Span) string {
	path = escape.Line(path)
	if s.IsZero() {
		return path
	}
	return fmt.Sprintf("%s:%d:%d", path, s.Start.Line, s.Start.Column)
}

// relatedPath is the related location's file; empty means the finding's own.
func relatedPath(f *reported.Finding, r rules.Related) string {
	if r.Path == "" {
		return f.Path
	}
	return r.Path
}

// palette holds the text colours; with colour off every field is nil and
// paints nothing.
type palette struct {
	bold, faint, err, warn, note *color.Color
}

// newPalette forces each colour on when asked, because the CLI has already
// decided: the package-global color.NoColor (set from NO_COLOR and from
// whether os.Stdout is a terminal) must neither overrule --color=always nor
// apply to a writer that is not os.Stdout.
func newPalette(on bool) *palette {
	if !on {
		return &palette{}
	}
	mk := func(a ...color.Attribute) *color.Color {
		c := color.New(a...)
		c.EnableColor()
		return c
	}
	return &palette{
		bold:  mk(color.Bold),
		faint: mk(color.Faint),
		err:   mk(color.FgRed, color.Bold),
		warn:  mk(color.FgYellow, color.Bold),
		note:  mk(color.FgCyan),
	}
}

func (p *palette) paint(c *color.Color, s string) string {
	if c == nil {
		return s
	}
	return c.Sprint(s)
}

func (p *palette) severity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return p.paint(p.err, s.String())
	case rules.SeverityWarning:
		return p.paint(p.warn, s.String())
	}
	return p.paint(p.note, s.String())
}
