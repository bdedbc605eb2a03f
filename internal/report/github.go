package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/rbaclint/rbaclint/internal/escape"
)

// GitHub writes one workflow command per visible finding, which GitHub
// Actions shows as an annotation on the file:
// "::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::message".
func GitHub(w io.Writer, run *Run) error {
	cat := newCatalog(run)
	var b bytes.Buffer
	for _, f := range run.Visible() {
		props := []string{"file=" + escapeProperty(f.Path)}
		if s := f.Span; !s.IsZero() {
			props = append(props, fmt.Sprintf("line=%d", s.Start.Line))
			// GitHub's annotations take columns only for a range on one
			// line (check runs API); a multi-line range gets lines alone.
			sameLine := s.End.IsZero() || s.End.Line == s.Start.Line
			if sameLine {
				props = append(props, fmt.Sprintf("col=%d", s.Start.Column))
			}
			if !s.End.IsZero() {
				props = append(props, fmt.Sprintf("endLine=%d", s.End.Line))
				if sameLine {
					props = append(props, fmt.Sprintf("endColumn=%d", s.End.Column))
				}
			}
		}
		props = append(props, "title="+escapeProperty(f.RuleID))
		fmt.Fprintf(&b, "::%s %s::%s\n", githubLevels.of(cat.severity(&f)), strings.Join(props, ","), escapeData(f.Message))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// The escaping the Actions runner undoes: in the message, "%" and line
// breaks; in property values also ":" and ",", which delimit properties.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData and escapeProperty then escape what the runner would print raw
// (control and format characters, invalid UTF-8, which it cannot parse) the
// way every other output does, so that nothing reaches the job log unseen.
func escapeData(s string) string {
	return escape.Legacy(escape.Text(dataEscaper.Replace(s)), `\x5b`)
}

func escapeProperty(s string) string {
	return escape.Legacy(escape.Text(propertyEscaper.Replace(s)), `\x5b`)
}
