package report

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// unescapeCommand undoes the escaping the way the Actions runner does.
var unescapeCommand = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")

// parseCommand splits "::level k=v,k=v::message" into its parts.
func parseCommand(t *testing.T, line string) (level string, props map[string]string, msg string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	head, msg, ok2 := strings.Cut(rest, "::")
	if !ok || !ok2 {
		t.Fatalf("not a workflow command: %q", line)
	}
	level, list, _ := strings.Cut(head, " ")
	props = map[string]string{}
	for _, kv := range strings.Split(list, ",") {
		k, v, _ := strings.Cut(kv, "=")
		props[k] = unescapeCommand.Replace(v)
	}
	return level, props, unescapeCommand.Replace(msg)
}

func TestGitHubEscaping(t *testing.T) {
	f := rules.Finding{
		RuleID: "schema", Severity: rules.SeverityError, Path: "odd,dir/a:b 100%.json", Span: span(3, 4, 3, 9),
		Message: "50% done,\r\nnext: line",
	}
	out := string(render(t, GitHub, &Run{Findings: reported.Of([]rules.Finding{f})}))
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("want one line per finding, got %q", out)
	}
	level, props, msg := parseCommand(t, strings.TrimSuffix(out, "\n"))
	if level != "error" || props["file"] != f.Path || props["title"] != f.RuleID || msg != f.Message {
		t.Errorf("round trip lost data: level %q, props %v, message %q", level, props, msg)
	}
	if props["line"] != "3" || props["col"] != "4" || props["endLine"] != "3" || props["endColumn"] != "9" {
		t.Errorf("position properties = %v", props)
	}
}

func TestGitHubPositions(t *testing.T) {
	run := &Run{Findings: []reported.Finding{
		{Finding: rules.Finding{RuleID: "a", Severity: rules.SeverityNote, Path: "x.json"}},
		{Finding: rules.Finding{RuleID: "b", Severity: rules.SeverityWarning, Path: "x.json", Span: span(5, 3, 9, 4)}},
		{Finding: rules.Finding{RuleID: "c", Severity: rules.SeverityError, Path: "x.json", Span: span(2, 1, 2, 1)}, Suppressed: &reported.Suppression{Kind: "external"}},
	}}
	lines := strings.Split(strings.TrimSuffix(string(render(t, GitHub, run)), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want the two visible findings, got %q", lines)
	}
	level, props, _ := parseCommand(t, lines[0])
	if _, has := props["line"]; level != "notice" || has {
		t.Errorf("file-level note: level %q, props %v; want notice without line", level, props)
	}
	_, props, _ = parseCommand(t, lines[1])
	_, col := props["col"]
	_, endCol := props["endColumn"]
	if props["line"] != "5" || props["endLine"] != "9" || col || endCol {
		t.Errorf("multi-line span: props %v; want lines without columns", props)
	}
}
