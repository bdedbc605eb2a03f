package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An output that names an input is refused before anything is written:
// the export must come out of the run byte for byte.
func TestOutputNamingAnInputIsRefused(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badProfile, "sub/x": ""})
	abs := filepath.Join(dir, "bad.json")
	if err := os.Link(abs, filepath.Join(dir, "hard.json")); err != nil {
		t.Fatal(err)
	}
	cases := [][]string{
		{"--output", "bad.json", "bad.json"},
		{"--format", "sarif", "--output", "./sub/../bad.json", "bad.json"},
		{"--format", "json", "--output", abs, "bad.json"},
		{"--format", "json", "--output", "hard.json", "bad.json"},
		{"--write-baseline", "bad.json", "bad.json"},
		{"--cpuprofile", "bad.json", "bad.json"},
		{"--memprofile", "bad.json", "bad.json"},
		{"diff", "--format", "json", "--output", "bad.json", "bad.json", "hard.json"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := run(t, dir, "", args...)
			if r.code != 2 || !strings.Contains(r.stderr, "is also an input") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("exit %d, want 2 with one line\nstderr:\n%s", r.code, r.stderr)
			}
			if got, _ := os.ReadFile(abs); string(got) != badProfile {
				t.Errorf("input changed:\n%s", got)
			}
		})
	}
}

func TestEmptyOutputIsAUsageError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badProfile})
	r := run(t, dir, "", "--format", "json", "--output", "", "bad.json")
	if r.code != 2 || !strings.Contains(r.stderr, `--output "": name a file`) {
		t.Errorf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// --write-baseline may update the --baseline it reads.
func TestWriteBaselineOverItsBaseline(t *testing.T) {
	dir := writeFiles(t, map[string]string{"exports/profiles.json": twoProblems})
	if r := run(t, dir, "", "--write-baseline", "base.json", "exports"); r.code != 0 {
		t.Fatalf("write-baseline: %d %s", r.code, r.stderr)
	}
	if r := run(t, dir, "", "--baseline", "base.json", "--write-baseline", "base.json", "exports"); r.code != 0 {
		t.Errorf("updating the baseline in place: %d %s", r.code, r.stderr)
	}
}

// A baseline saved with a UTF-8 byte-order mark (Windows editors) is read.
func TestBaselineWithBOM(t *testing.T) {
	dir := writeFiles(t, map[string]string{"exports/profiles.json": twoProblems})
	if r := run(t, dir, "", "--write-baseline", "base.json", "exports"); r.code != 0 {
		t.Fatalf("write-baseline: %d %s", r.code, r.stderr)
	}
	p := filepath.Join(dir, "base.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(append([]byte("\xef\xbb\xbf"), b...)))
	if r := run(t, dir, "", "--baseline", "base.json", "exports"); r.code != 0 {
		t.Errorf("baseline with a BOM: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestAccessOutputNamingAnInput: the access subcommand's --output and
// --cpuprofile are refused over an input as lint's are.
func TestAccessOutputNamingAnInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": cleanProfile})
	for _, flag := range []string{"--output", "--cpuprofile"} {
		r := run(t, dir, "", "access", flag, "./a.json", "a.json")
		if r.code != 2 || !strings.Contains(r.stderr, "is also an input") {
			t.Errorf("access %s over its input: exit %d\n%s", flag, r.code, r.stderr)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "a.json")); string(b) != cleanProfile {
			t.Errorf("access %s truncated its input: %q", flag, b)
		}
	}
}
