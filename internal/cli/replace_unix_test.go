//go:build unix

package cli_test

// Replacing outputs (issue 18, item 13): one rule for symlinked,
// read-only and existing targets, and a failure among several outputs
// says which were written.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputReplaceRule: a symlinked --output is written through (the
// link stays), a read-only one is refused with exit 2 and left alone, a
// replaced file keeps its permissions; the same for --write-baseline.
func TestOutputReplaceRule(t *testing.T) {
	out := t.TempDir()
	dir := writeFiles(t, map[string]string{"a.json": badProfile})
	real := filepath.Join(out, "real.json")
	link := filepath.Join(out, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	for _, flags := range [][]string{{"--format", "json", "--output", link}, {"--write-baseline", link}} {
		os.Remove(real)
		r := run(t, dir, "", append(flags, "a.json")...)
		if r.code == 2 {
			t.Fatalf("%v: exit 2\n%s", flags, r.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%v: the symlink was replaced (%v)", flags, err)
		}
		if b, err := os.ReadFile(real); err != nil || !json.Valid(b) {
			t.Errorf("%v: the link's target holds no report: %v %q", flags, err, b)
		}
	}

	ro := filepath.Join(out, "ro.json")
	if err := os.WriteFile(ro, []byte("keep\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", "--format", "json", "--output", ro, "a.json")
	if r.code != 2 || !strings.Contains(r.stderr, "cannot write "+ro+": it is read-only") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("read-only target: exit %d\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(ro); string(b) != "keep\n" {
		t.Errorf("read-only target changed: %q", b)
	}

	kept := filepath.Join(out, "private.sarif")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "", "--format", "sarif", "--output", kept, "a.json"); r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file's mode %v, want 0600 kept", fi.Mode().Perm())
	}
}

// TestOneOutputFailing: with three --output files of which the second is
// a full disk (/dev/full) or a read-only file, the run exits 2 and says
// which were written and which not; the first is whole, the third absent,
// and /dev/full is still a device (it is written, never replaced).
func TestOneOutputFailing(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": badProfile})
	out := t.TempDir()
	ro := filepath.Join(out, "ro.sarif")
	if err := os.WriteFile(ro, nil, 0o444); err != nil {
		t.Fatal(err)
	}
	full := []string{ro}
	if fi, err := os.Stat("/dev/full"); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		full = append(full, "/dev/full")
	}
	for _, second := range full {
		first, third := filepath.Join(out, "first.json"), filepath.Join(out, "third.xml")
		os.Remove(first)
		os.Remove(third)
		r := run(t, dir, "", "--format", "json", "--output", first, "--format", "sarif", "--output", second,
			"--format", "junit", "--output", third, "a.json")
		want := "; written: " + first + "; not written: " + third
		if r.code != 2 || !strings.Contains(r.stderr, "cannot write "+second+": ") || !strings.Contains(r.stderr, want) {
			t.Errorf("second output %s: exit %d, want 2 and %q\n%s", second, r.code, want, r.stderr)
		}
		if b, err := os.ReadFile(first); err != nil || !json.Valid(b) {
			t.Errorf("second output %s: the first is not whole: %v", second, err)
		}
		if _, err := os.Stat(third); err == nil {
			t.Errorf("second output %s: the third was written", second)
		}
	}
	if fi, err := os.Lstat("/dev/full"); err == nil && fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("/dev/full is no longer a device: %v", fi.Mode())
	}
}
