package report

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// counts tallies a run's findings for summaries.
type counts struct {
	errors, warnings, notes int // visible findings by severity
	suppressed              int
}

func countFindings(run *Run, cat *catalog) counts {
	var n counts
	for i := range run.Findings {
		f := &run.Findings[i]
		if f.Suppressed != nil {
			n.suppressed++
			continue
		}
		switch cat.severity(f) {
		case rules.SeverityError:
			n.errors++
		case rules.SeverityWarning:
			n.warnings++
		default:
			n.notes++
		}
	}
	return n
}

func (n counts) visible() int { return n.errors + n.warnings + n.notes }

// bySeverity is "3 errors, 1 note": the non-zero counts.
func (n counts) bySeverity() string {
	var parts []string
	for _, c := range []struct {
		n    int
		noun string
	}{{n.errors, "error"}, {n.warnings, "warning"}, {n.notes, "note"}} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// summaryLine is the text format's last line, e.g.
// "3 errors, 1 note in 5 files (2 skipped, 4 suppressed)".
func summaryLine(run *Run, n counts) string {
	var b strings.Builder
	if n.visible() == 0 {
		b.WriteString("no problems found")
	} else {
		b.WriteString(n.bySeverity())
	}
	fmt.Fprintf(&b, " in %s", plural(run.FilesChecked, "file"))
	var extra []string
	if k := len(run.FilesSkipped); k > 0 {
		extra = append(extra, fmt.Sprintf("%d skipped", k))
	}
	if n.suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", n.suppressed))
	}
	if len(extra) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(extra, ", "))
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
