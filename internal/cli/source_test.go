package cli_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestShowSource: with --show-source each text finding is followed by its
// source line and a caret under its column; the finding lines are exactly
// those of a run without it; credential lines are never shown.
func TestShowSource(t *testing.T) {
	plain := run(t, "../..", "", "--no-config", "examples")
	shown := run(t, "../..", "", "--no-config", "--show-source", "examples")
	if plain.code != 1 || shown.code != 1 {
		t.Fatalf("codes %d %d", plain.code, shown.code)
	}
	finding := regexp.MustCompile(`^(\S.*?):(\d+):(\d+): (error|warning|note): `)
	var kept []string
	lines := strings.Split(shown.stdout, "\n")
	carets := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "      | ") {
			// The caret sits under the finding's column of the line above.
			m := finding.FindStringSubmatch(lines[i-2])
			src := lines[i-1][strings.Index(lines[i-1], " | ")+3:]
			caret := strings.Index(l[8:], "^")
			col := 0
			for _, c := range m[3] {
				col = col*10 + int(c-'0')
			}
			if !strings.HasPrefix(src, "…") && utf8.RuneCountInString(l[8:8+caret]) != col-1 {
				t.Errorf("caret at %d for column %d:\n%s\n%s\n%s", caret+1, col, lines[i-2], lines[i-1], l)
			}
			carets++
			continue
		}
		if regexp.MustCompile(`^ +\d+ \| `).MatchString(l) {
			continue
		}
		kept = append(kept, l)
	}
	if carets < 5 {
		t.Fatalf("only %d excerpts:\n%s", carets, shown.stdout)
	}
	if strings.Join(kept, "\n") != plain.stdout {
		t.Errorf("without the excerpts the output differs from a run without --show-source:\n%s\n---\n%s", strings.Join(kept, "\n"), plain.stdout)
	}
	if strings.Contains(shown.stdout, "password:") {
		t.Errorf("a credential line was shown:\n%s", shown.stdout)
	}
	// Not on a terminal (here: a pipe), no excerpts unless asked.
	if strings.Contains(plain.stdout, "      | ") {
		t.Errorf("excerpts without --show-source on a pipe")
	}
}

func TestShowSourceNeverEchoesSecrets(t *testing.T) {
	dir := writeFiles(t, secretFixtures)
	r := run(t, dir, "", "--show-source", ".")
	for _, s := range secrets {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("--show-source echoes the secret %s", s)
		}
	}
}

// TestProblemMatcher: the README's VS Code problem matcher pattern matches
// every finding line of the text output, with the right groups, and no
// excerpt line.
func TestProblemMatcher(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"regexp": ("(?:[^"\\]|\\.)*")`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no problem matcher regexp")
	}
	var pattern string
	if err := json.Unmarshal(m[1], &pattern); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(pattern)
	r := run(t, "../..", "", "--no-config", "--show-source", "--color", "never", "examples")
	matched := 0
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		g := re.FindStringSubmatch(l)
		isFinding := regexp.MustCompile(`^\S+:\d+:\d+: `).MatchString(l)
		switch {
		case isFinding && g == nil:
			t.Errorf("the problem matcher misses %q", l)
		case !isFinding && g != nil:
			t.Errorf("the problem matcher matches a line that is not a finding: %q", l)
		case g != nil:
			matched++
			if !strings.HasPrefix(g[1], "examples/") || !strings.Contains(l, "["+g[6]+"]") || g[5] == "" {
				t.Errorf("groups of %q: %q", l, g)
			}
		}
	}
	if matched < 10 {
		t.Errorf("only %d findings matched", matched)
	}
}
