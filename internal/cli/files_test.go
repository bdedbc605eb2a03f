package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFileNamedTwiceCheckedOnce (issue 18, item 14): one file under several
// spellings is checked once, with its findings once.
func TestFileNamedTwiceCheckedOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": badProfile, "sub/keep.txt": "x"})
	abs, err := filepath.Abs(filepath.Join(dir, "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", "a.json", "./a.json", "sub/../a.json", abs)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "[webex/permissions-required]"); n != 1 {
		t.Errorf("the finding is reported %d times, want once:\n%s", n, r.stdout)
	}
	if !strings.Contains(r.stdout, "in 1 file") || !strings.HasPrefix(r.stdout, "a.json:") {
		t.Errorf("want one file checked, named as first given:\n%s", r.stdout)
	}
}
