//go:build unix

package cli_test

// Temporary files (issue 18, item 12): none is left beside an --output
// target or a baseline after SIGINT or SIGTERM, one left by SIGKILL is
// removed by the next write to the same target, and git does not pick
// them up once the documented .gitignore line is in place.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigExport is a JSON file with n distinct duplicate keys: with the cap
// raised, n findings, a report of tens of megabytes that takes a while to
// write.
func bigExport(n int) string {
	var b strings.Builder
	b.WriteString(`{"url": "/finesse/api/ReasonCodes"`)
	for i := range n {
		k := strconv.Itoa(i)
		b.WriteString(",\n\"k" + k + "\": 1, \"k" + k + "\": 2")
	}
	b.WriteString("}\n")
	return b.String()
}

// tempFiles lists the temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, ".*.rbaclint.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestSignalRemovesTemporaryFiles starts the binary writing a large
// --output and a baseline, sends the signal as soon as a temporary file
// appears, and checks that none remains and the targets keep their old
// content.
func TestSignalRemovesTemporaryFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"big.json": bigExport(60000)})
	out := t.TempDir()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, target := range []string{"report.json", "baseline.json"} {
			p := filepath.Join(out, target)
			if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"--max-findings", "1000000", "--format", "json", "--output", p, "big.json"}
			if target == "baseline.json" {
				args = []string{"--max-findings", "1000000", "--write-baseline", p, "big.json"}
			}
			caught := false
			for attempt := 0; attempt < 5 && !caught; attempt++ {
				cmd := exec.Command(binary, args...)
				cmd.Dir = dir
				var errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = nil, &errb
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				var err error
			poll:
				for {
					select {
					case err = <-done:
						break poll // finished before a temporary file was seen: try again
					default:
					}
					if len(tempFiles(t, out)) > 0 {
						caught = true
						cmd.Process.Signal(sig)
						err = <-done
						break
					}
					time.Sleep(200 * time.Microsecond)
				}
				if !caught {
					continue
				}
				ee, ok := err.(*exec.ExitError)
				if !ok || ee.ExitCode() != 128+int(sig) {
					t.Errorf("%v while writing %s: %v, want exit %d\n%s", sig, target, err, 128+int(sig), errb.String())
				}
				if left := tempFiles(t, out); len(left) > 0 {
					t.Errorf("%v while writing %s left %v", sig, target, left)
				}
				// The old content, or (the signal came as the file was
				// renamed) the whole new one: never part of it.
				if b, _ := os.ReadFile(p); string(b) != "old\n" && !json.Valid(b) {
					t.Errorf("%v while writing %s: the target holds %d bytes of a partial file", sig, target, len(b))
				}
			}
			if !caught {
				t.Fatalf("%s: the run never showed a temporary file in 5 attempts", target)
			}
		}
	}
}

// TestStaleTemporaryFilesAndGit: a temporary file whose writer was killed
// (SIGKILL: no handler runs) is removed by the next write to the same
// target; one of a running process, or of another target, is kept. In a
// git work tree, `git add -A` picks such a file up unless ignored: the
// .gitignore line the README gives (and the common "*.tmp") ignores it.
func TestStaleTemporaryFilesAndGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	dir := writeFiles(t, map[string]string{"a.json": cleanProfile})
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
		return string(b)
	}
	git("init", "-q")
	// A dead writer's pid: a process that has exited.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	deadPid := strconv.Itoa(dead.Process.Pid)
	stale := ".report.json." + deadPid + "-1234.rbaclint.tmp"
	running := ".report.json." + strconv.Itoa(os.Getpid()) + "-5678.rbaclint.tmp"
	other := ".other.json." + deadPid + "-1.rbaclint.tmp"
	for _, n := range []string{stale, running, other} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "-A", "--dry-run")
	if out := git("add", "-A", "--dry-run"); !strings.Contains(out, stale) {
		t.Fatalf("git add -A does not pick up %s without an ignore line, so the test proves nothing:\n%s", stale, out)
	}
	for _, ignore := range []string{"*.rbaclint.tmp\n", "*.tmp\n"} {
		if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(ignore), 0o644); err != nil {
			t.Fatal(err)
		}
		if out := git("add", "-A", "--dry-run"); strings.Contains(out, ".rbaclint.tmp") {
			t.Errorf("with %q in .gitignore, git add -A picks up temporary files:\n%s", ignore, out)
		}
	}
	if r := run(t, dir, "", "--format", "json", "--output", "report.json", "a.json"); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for n, want := range map[string]bool{stale: false, running: true, other: true} {
		if _, err := os.Stat(filepath.Join(dir, n)); (err == nil) != want {
			t.Errorf("%s: exists %v after the write, want %v", n, err == nil, want)
		}
	}
}
