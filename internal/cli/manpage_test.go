package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The man page that rbaclint man prints is valid roff: groff with every
// warning on reports nothing, and man -l renders it at several widths
// without a warning, with every command and the flags' values in it.
func TestManPageRenders(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "man")
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, ".TH RBACLINT 1 ") {
		t.Fatalf("rbaclint man: exit %d %s\n%.200s", r.code, r.stderr, r.stdout)
	}
	page := filepath.Join(dir, "rbaclint.1")
	if err := os.WriteFile(page, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	groff := program(t, "groff")
	out, err := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z", page).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("groff -man -Tutf8 -ww: %v\n%s", err, out)
	}
	man := program(t, "man")
	for _, width := range []string{"60", "80", "120"} {
		cmd := exec.Command(man, "-l", page)
		cmd.Env = append(os.Environ(), "MANWIDTH="+width, "MANPAGER=cat", "PAGER=cat", "MAN_KEEP_FORMATTING=")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		text, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Errorf("man -l at width %s: %v\n%s", width, err, stderr.String())
			continue
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		for _, want := range []string{
			"rbaclint - lint contact-center access-control configuration exports",
			"rbaclint diff [flags] --base REV [--head REV] [PATH ...]",
			"rbaclint config show [FILE]", "rbaclint completion SHELL",
			"--fail-level LEVEL", "-q, --quiet", "--rule ID=LEVEL", "--capability CAP",
			"EXIT STATUS",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("man -l at width %s: no %q in\n%s", width, want, text)
				break
			}
		}
	}
}
