package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/rbaclint/rbaclint/internal/golden"
)

// render runs a formatter and fails the test on error.
func render(t *testing.T, f Formatter, run *Run) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, run); err != nil {
		t.Fatalf("render: %v", err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	quiet := testRun()
	quiet.Quiet = true
	clean := testRun()
	clean.Findings = nil
	clean.FilesSkipped = nil
	clean.ExitCode = 0

	unchanged := testRun()
	unchanged.Findings, unchanged.ExitCode = nil, 0
	unchanged.Change = &Change{Before: "main", After: "working tree"}

	cases := []struct {
		name   string
		format string
		run    *Run
	}{
		{"run.text", "text", testRun()},
		{"run-quiet.text", "text", quiet},
		{"clean.text", "text", clean},
		{"run.json", "json", testRun()},
		{"clean.json", "json", clean},
		{"run.sarif", "sarif", testRun()},
		{"run.github", "github", testRun()},
		{"run.junit", "junit", testRun()},
		{"clean.junit", "junit", clean},
		{"run.codeclimate", "codeclimate", testRun()},
		{"run.markdown", "markdown", testRun()},
		{"diff.markdown", "markdown", diffRun()},
		{"diff-unchanged.markdown", "markdown", unchanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", c.name+".golden"), render(t, Formats[c.format], c.run))
		})
	}
}

// TestDeterministic renders every format twice: map iteration or anything
// else that varies between calls would show as a difference.
func TestDeterministic(t *testing.T) {
	for _, name := range FormatNames() {
		a := render(t, Formats[name], testRun())
		b := render(t, Formats[name], testRun())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same run differ", name)
		}
	}
}
