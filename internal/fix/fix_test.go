package fix

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

func edit(from, to int, s string) rules.Edit {
	return rules.Edit{Span: rules.Span{Start: rules.Position{Offset: from}, End: rules.Position{Offset: to}}, NewText: s}
}

func finding(path string, es ...rules.Edit) reported.Finding {
	return reported.Finding{Finding: rules.Finding{Path: path, Fix: &rules.Fix{Edits: es}}}
}

func TestPlan(t *testing.T) {
	hidden := finding("a", edit(40, 41, "h"))
	hidden.Suppressed = &reported.Suppression{Kind: "baseline"}
	plan := Plan([]reported.Finding{
		finding("a", edit(10, 20, "")),
		finding("a", edit(15, 25, "")),                    // overlaps the first: waits
		finding("a", edit(30, 31, "x"), edit(5, 6, "y")),  // fits whole
		finding("a", edit(30, 31, "x")),                   // the same edit again: once
		finding("a", edit(32, 33, "z"), edit(19, 21, "")), // one edit overlaps: none taken
		finding("a", edit(10, 10, "ins")),                 // starts where one starts: waits
		hidden,
		finding("b", edit(0, 1, "")),
		{Finding: rules.Finding{Path: "c"}},
	})
	got := fmt.Sprint(plan["a"].Edits)
	want := fmt.Sprint([]rules.Edit{edit(5, 6, "y"), edit(10, 20, ""), edit(30, 31, "x")})
	if got != want || plan["a"].Fixes != 3 {
		t.Errorf("plan for a: %s (%d fixes), want %s (3 fixes)", got, plan["a"].Fixes, want)
	}
	if len(plan) != 2 || plan["b"] == nil {
		t.Errorf("files planned: %v", plan)
	}
}

func TestApplyRejectsEditsOutsideText(t *testing.T) {
	if Apply([]byte("abc"), []rules.Edit{edit(2, 9, "")}) != nil {
		t.Error("an edit past the end was applied")
	}
	if got := string(Apply([]byte("abcdef"), []rules.Edit{edit(0, 1, "X"), edit(3, 3, "-"), edit(5, 6, "")})); got != "Xbc-de" {
		t.Errorf("got %q", got)
	}
}

// TestDiffAppliesWithPatch checks the unified diff with the real patch(1):
// applied to the original, it must give what Apply gives, for hunks far
// apart, close together, a removed line, an insertion and a last line
// without a newline.
func TestDiffAppliesWithPatch(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("patch(1) is not installed")
	}
	var lines []string
	for i := 1; i <= 30; i++ {
		lines = append(lines, fmt.Sprintf("line %d é", i))
	}
	text := strings.Join(lines, "\n") // no final newline
	at := func(line int) int { return strings.Index(text, fmt.Sprintf("line %d é", line)) }
	cases := [][]rules.Edit{
		{edit(at(2), at(2)+4, "LINE")},
		{edit(at(2), at(3), ""), edit(at(5), at(5), "new\n"), edit(at(20), at(20)+1, "L")},
		{edit(at(29), len(text), "end")},
		{edit(at(1), at(1), "first\n"), edit(len(text), len(text), "\n")},
	}
	for i, es := range cases {
		dir := t.TempDir()
		p := filepath.Join(dir, "f.txt")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		d := Diff("f.txt", []byte(text), es)
		cmd := exec.Command("patch", "-p1", "--quiet")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: patch: %v\n%s\n%s", i, err, out, d)
		}
		got, _ := os.ReadFile(p)
		if want := Apply([]byte(text), es); string(got) != string(want) {
			t.Errorf("case %d: patched text differs\n got %q\nwant %q\n%s", i, got, want, d)
		}
	}
}
