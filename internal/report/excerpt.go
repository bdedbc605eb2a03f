package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/rules"
)

// excerptMaxWidth bounds an excerpt line: a minified export is one long
// line, and the excerpt then shows a window around the span.
const excerptMaxWidth = 160

// excerpts prints source lines under text findings, as actionlint does:
//
//	12 |     "permissionAccessLevel": "SPECIFIC",
//	   |                              ^~~~~~~~~~
//
// The finding line above it is unchanged. Lines that hold a finding of a
// secrets rule are never shown, so no credential reaches the output.
type excerpts struct {
	sources map[string][]byte
	hidden  map[string]map[int]bool // path → lines not to show
}

func newExcerpts(run *Run, cat *catalog) *excerpts {
	if !run.ShowSource || len(run.Sources) == 0 {
		return nil
	}
	x := &excerpts{sources: run.Sources, hidden: map[string]map[int]bool{}}
	for i := range run.Findings {
		f := &run.Findings[i]
		if r, _, ok := cat.rule(f.RuleID); !ok || !hasTag(r, rules.TagSecrets) || f.Span.IsZero() {
			continue
		}
		if x.hidden[f.Path] == nil {
			x.hidden[f.Path] = map[int]bool{}
		}
		for l := f.Span.Start.Line; l <= max(f.Span.End.Line, f.Span.Start.Line); l++ {
			x.hidden[f.Path][l] = true
		}
	}
	return x
}

func hasTag(r *rules.Rule, tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// write prints the excerpt of a span, if its line is known and may be shown.
func (x *excerpts) write(b *bytes.Buffer, path string, s rules.Span, pal *palette) {
	if x == nil || s.IsZero() || x.hidden[path][s.Start.Line] {
		return
	}
	line, ok := sourceLine(x.sources[path], s.Start.Line)
	if !ok {
		return
	}
	runes := []rune(line)
	start := min(max(s.Start.Column-1, 0), len(runes))
	end := len(runes) // a span over several lines: to the end of the first
	if s.End.Line == s.Start.Line {
		end = min(max(s.End.Column-1, start+1), len(runes))
	}
	// A window around the span on long lines.
	from, to := 0, len(runes)
	if len(runes) > excerptMaxWidth {
		from = max(0, start-excerptMaxWidth/4)
		to = min(len(runes), from+excerptMaxWidth)
		end = min(end, to)
	}
	var text, marks strings.Builder
	if from > 0 {
		text.WriteString("…")
		marks.WriteByte(' ')
	}
	for i := from; i < to; i++ {
		r := runes[i]
		if r == '\t' {
			text.WriteByte('\t') // keep the caret under its column
		} else {
			text.WriteString(escape.Line(string(r)))
		}
		switch {
		case i < start:
			if r == '\t' {
				marks.WriteByte('\t')
			} else {
				marks.WriteByte(' ')
			}
		case i == start:
			marks.WriteByte('^')
		case i < end:
			marks.WriteByte('~')
		}
	}
	if start >= to { // the span starts at the end of the line
		marks.WriteByte('^')
	}
	if to < len(runes) {
		text.WriteString("…")
	}
	gutter := fmt.Sprintf("%5d | ", s.Start.Line)
	fmt.Fprintf(b, "%s%s\n", pal.paint(pal.faint, gutter), text.String())
	fmt.Fprintf(b, "%s%s\n", pal.paint(pal.faint, strings.Repeat(" ", len(gutter)-2)+"| "), pal.paint(pal.warn, marks.String()))
}

// sourceLine returns 1-based line n of data, without its line break.
func sourceLine(data []byte, n int) (string, bool) {
	if n < 1 || data == nil {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return "", false
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	data = bytes.TrimSuffix(data, []byte("\r"))
	if !utf8.Valid(data) {
		return "", false
	}
	return string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))), true
}
