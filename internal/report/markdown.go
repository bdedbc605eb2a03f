package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/reported"
)

// maxMarkdownRows bounds each table of the markdown report: a pull-request
// comment holds at most 65,536 characters. A variable so tests can reach it.
var maxMarkdownRows = 50

// Markdown writes a summary for a pull-request comment or
// $GITHUB_STEP_SUMMARY: one headline, the access changes per principal
// (diff runs), the visible findings, and the changed files folded away.
// It is short when nothing changed.
func Markdown(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	n := countFindings(run, cat)
	var b bytes.Buffer
	ch := run.Change
	if ch != nil {
		fmt.Fprintf(&b, "### rbaclint: %s → %s\n\n", escape.Cell(ch.Before), escape.Cell(ch.After))
	} else {
		b.WriteString("### rbaclint\n\n")
	}
	b.WriteString(headline(run, n) + "\n")

	if ch != nil && len(ch.Access) > 0 {
		b.WriteString("\n#### Access changes\n\n| Principal | Gained | Lost |\n|---|---|---|\n")
		rows(&b, len(ch.Access), "principals", func(i int) string {
			a := ch.Access[i]
			return fmt.Sprintf("| %s | %s | %s |\n", escape.Cell(a.Principal), capabilities(a.Gained), capabilities(a.Lost))
		})
	}
	if vis := run.Visible(); len(vis) > 0 {
		title := "Findings"
		if ch != nil {
			title = "New findings"
		}
		fmt.Fprintf(&b, "\n#### %s\n\n| Severity | Rule | Where | Message |\n|---|---|---|---|\n", title)
		rows(&b, len(vis), "findings", func(i int) string {
			f := &vis[i]
			return fmt.Sprintf("| %s | %s | %s | %s |\n", markdownBadges.of(cat.severity(f)), escape.Cell(f.RuleID), escape.Cell(where(f)), escape.Cell(f.Message))
		})
	}
	if ch != nil && len(ch.Files) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%s changed</summary>\n\n", plural(len(ch.Files), "file"))
		rows(&b, len(ch.Files), "files", func(i int) string {
			fc := ch.Files[i]
			var parts []string
			for _, p := range []struct {
				verb  string
				names []string
			}{{"added", fc.Added}, {"removed", fc.Removed}, {"modified", fc.Modified}} {
				if len(p.names) > 0 {
					parts = append(parts, p.verb+" "+names(p.names))
				}
			}
			line := fmt.Sprintf("- %s (%s)", escape.Cell(fc.Path), fc.Status)
			if len(parts) > 0 {
				line += ": " + strings.Join(parts, "; ")
			}
			return line + "\n"
		})
		b.WriteString("\n</details>\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// headline is the one line a reviewer reads first.
func headline(run *Run, n counts) string {
	var parts []string
	if ch := run.Change; ch != nil {
		switch len(ch.Access) {
		case 0:
			parts = append(parts, "no access change")
		default:
			parts = append(parts, fmt.Sprintf("**%s with changed access**", plural(len(ch.Access), "principal")))
		}
	}
	if v := n.visible(); v == 0 {
		if run.Change != nil {
			parts = append(parts, "no new finding")
		} else {
			parts = append(parts, "no problems found")
		}
	} else {
		parts = append(parts, "**"+n.bySeverity()+"**")
	}
	s := strings.Join(parts, " · ") + " in " + plural(run.FilesChecked, "file")
	if ch := run.Change; ch != nil && ch.PreExisting > 0 {
		s += fmt.Sprintf(" (%d already in %s, not shown)", ch.PreExisting, escape.Cell(ch.Before))
	} else if n.suppressed > 0 {
		s += fmt.Sprintf(" (%d suppressed)", n.suppressed)
	}
	if run.ExitCode == 1 {
		s += " · fails at " + failLevelName(run.FailLevel)
	}
	return s
}

// rows writes at most maxMarkdownRows rows and says how many were left out.
func rows(b *bytes.Buffer, count int, noun string, row func(int) string) {
	for i := 0; i < count && i < maxMarkdownRows; i++ {
		b.WriteString(row(i))
	}
	if count > maxMarkdownRows {
		fmt.Fprintf(b, "\n%d more %s not shown: see the JSON or SARIF output.\n", count-maxMarkdownRows, noun)
	}
}

func capabilities(cs []string) string {
	if len(cs) == 0 {
		return ""
	}
	return "`" + strings.Join(cs, "`, `") + "`" // capability names are the vocabulary's: no backticks
}

func names(ns []string) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = escape.Cell(n)
	}
	return strings.Join(out, ", ")
}

func where(f *reported.Finding) string {
	if f.Span.IsZero() {
		return f.Path
	}
	return fmt.Sprintf("%s:%d:%d", f.Path, f.Span.Start.Line, f.Span.Start.Column)
}
