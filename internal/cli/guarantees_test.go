package cli_test

// The guarantees DESIGN.md promises users, each checked on the real binary:
// inputs are never written, secrets are never echoed, output does not depend
// on --jobs or on the run, --output files appear atomically, and no network
// call is ever made.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/testfiles"
)

var formats = []string{"text", "json", "sarif", "github", "junit", "codeclimate"}

// repoRoot is the module root, where examples/ and testdata/ live.
var repoRoot = filepath.Join("..", "..")

type fileState struct {
	mode  fs.FileMode
	mtime time.Time
	size  int64
	hash  [32]byte
	link  string
}

// snapshot records every entry under the given trees: type, mode, size,
// mtime and content hash (symlinks: their target), so that a write, a
// touch, a chmod, a new file or a deleted file all show.
func snapshot(t *testing.T, roots ...string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			st := fileState{mode: fi.Mode(), mtime: fi.ModTime(), size: fi.Size()}
			switch {
			case fi.Mode()&fs.ModeSymlink != 0:
				st.link, _ = os.Readlink(p)
			case fi.Mode().IsRegular():
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				st.hash = sha256.Sum256(b)
			case fi.IsDir():
				st.size = 0 // a directory's size is file-system bookkeeping
			}
			out[p] = st
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestInputsNeverWritten runs the binary over examples/ and testdata/ with
// every format (to stdout and to --output files in a temporary directory)
// and a baseline written elsewhere, and checks that no file or directory
// under the inputs changed in content, mode or mtime, and none appeared or
// disappeared.
func TestInputsNeverWritten(t *testing.T) {
	roots := []string{filepath.Join(repoRoot, "examples"), filepath.Join(repoRoot, "testdata")}
	before := snapshot(t, roots...)
	out := t.TempDir()
	for _, f := range formats {
		if r := run(t, repoRoot, "", "--format", f, "examples", "testdata"); r.code != 1 {
			t.Fatalf("--format %s to stdout: exit %d, want 1\n%s", f, r.code, r.stderr)
		}
	}
	args := []string{"--write-baseline", filepath.Join(out, "baseline.json")}
	for _, f := range formats {
		args = append(args, "--format", f, "--output", filepath.Join(out, "out."+f))
	}
	if r := run(t, repoRoot, "", append(args, "examples", "testdata")...); r.code != 0 {
		t.Fatalf("all formats to files with --write-baseline: exit %d, want 0\n%s", r.code, r.stderr)
	}
	after := snapshot(t, roots...)
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("%s disappeared", p)
		case a != b:
			t.Errorf("%s changed: before %+v, after %+v", p, b, a)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared in an input tree", p)
		}
	}
}

// secrets are distinctive fake credentials; none may appear in any output.
var secrets = []string{
	"SECRET-json-pw-7Qx9", "SECRET-json-token-Vb31", "SECRET-json-apikey-Lm44", "SECRET-json-basic-Zq88",
	"SECRET-json-urlpw-Hh21",
	"SECRET-yaml-pw-Rt56", "SECRET-yaml-clientsecret-Ua02", "SECRET-yaml-apikey-Pp17", "SECRET-yaml-bearer-Kk93",
	"SECRET-cxone-pw-Ee61",
	"SECRET-tenant-token-Ww73", "SECRET-tenant-pw-Jj29", "SECRET-tenant-pw2-Ff47",
	"SECRET-broken-json-Cc12", "SECRET-broken-yaml-Dd34", "SECRET-esc-Aa11",
}

var secretFixtures = map[string]string{
	// A Finesse integration with every kind of inline credential, and one in a URL.
	"finesse-sync.json": `{
  "name": "wallboard-sync",
  "finesse": {
    "url": "https://finesse-a.example.com:8445/finesse/api/ReasonCodes?category=ALL",
    "username": "administrator",
    "password": "SECRET-json-pw-7Qx9",
    "token": "SECRET-json-token-Vb31",
    "apiKey": "SECRET-json-apikey-Lm44",
    "headers": {"Authorization": "Basic SECRET-json-basic-Zq88"}
  },
  "mirror": "https://administrator:SECRET-json-urlpw-Hh21@finesse-b.example.com/finesse/api/Team/1"
}
`,
	"finesse-sync.yaml": `name: wallboard-sync
finesse:
  url: https://finesse-a.example.com:8445/finesse/api/ReasonCodes
  username: administrator
  password: SECRET-yaml-pw-Rt56
  client_secret: SECRET-yaml-clientsecret-Ua02
  apiKey: SECRET-yaml-apikey-Pp17
  Authorization: Bearer SECRET-yaml-bearer-Kk93
`,
	// A CXone script whose SETSECURITYUSER has a property named Password.
	"script.json": `{
  "header": {"masterId": 1001, "scriptName": "Support_Main", "mediaType": 4, "mediaTypeName": "call", "purposeType": "General"},
  "actions": {
    "1": {"actionId": 1, "name": "BEGIN", "label": "Begin", "version": 1},
    "2": {"actionId": 2, "name": "SETSECURITYUSER", "label": "Set API user", "version": 1},
    "30": {"actionId": 30, "name": "END", "label": "End", "version": 1}
  },
  "properties": {
    "2": {"0": {"name": "Caption", "value": "Set API user"}, "1": {"name": "Agent", "value": "{ApiAgentId}"}, "2": {"name": "Password", "value": "SECRET-cxone-pw-Ee61"}}
  },
  "branches": {
    "1": [{"to": 2, "label": "Default", "type": "default", "index": 0}],
    "2": [{"to": 30, "label": "Default", "type": "default", "index": 0}]
  }
}
`,
	// Tenant users with a "token" key, and a password given twice (a
	// duplicate-key finding quotes the key, never the values).
	"users.json": `[
  {"id": "u-1", "displayName": "Ana Lopez", "email": "ana@example.com", "primaryTenant": "acme-01", "roles": ["customer.user", "user.admin"], "token": "SECRET-tenant-token-Ww73"},
  {"id": "u-2", "displayName": "Bo Chen", "email": "bo@example.com", "primaryTenant": "acme-01", "roles": ["customer.user"], "password": "SECRET-tenant-pw-Jj29", "password": "SECRET-tenant-pw2-Ff47"}
]
`,
	// Broken files whose syntax error sits on the secret: the message may
	// quote a character, never the token.
	"broken.json": `{"url": "/finesse/api/ReasonCodes", "password": SECRET-broken-json-Cc12}` + "\n",
	"broken.yaml": "url: /finesse/api/ReasonCodes\npassword: \"SECRET-broken-yaml-Dd34\n",
	"escape.json": `{"url": "/finesse/api/ReasonCodes", "password": "SECRET-esc-Aa11\q"}` + "\n",
}

// TestSecretsNeverEchoed lints fixtures holding fake secrets with every
// format, a baseline and --verbose, and checks that no secret appears on
// stdout, stderr, in an --output file or in the baseline.
func TestSecretsNeverEchoed(t *testing.T) {
	dir := writeFiles(t, secretFixtures)
	out := t.TempDir()
	var outputs []string
	check := func(what, text string) {
		t.Helper()
		outputs = append(outputs, text)
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s echoes the secret %s", what, s)
			}
		}
	}
	for _, f := range formats {
		r := run(t, dir, "", "--verbose", "--format", f, ".")
		if r.code != 1 {
			t.Fatalf("--format %s: exit %d, want 1\n%s", f, r.code, r.stderr)
		}
		check("--format "+f+" stdout", r.stdout)
		check("--format "+f+" stderr", r.stderr)
		baseline := filepath.Join(out, "baseline-"+f+".json")
		if r = run(t, dir, "", "--verbose", "--format", f, "--write-baseline", baseline, "."); r.code != 0 {
			t.Fatalf("--write-baseline with --format %s: exit %d, want 0\n%s", f, r.code, r.stderr)
		}
		check("--write-baseline with --format "+f+" stdout", r.stdout)
		check("--write-baseline with --format "+f+" stderr", r.stderr)
		b, err := os.ReadFile(baseline)
		if err != nil {
			t.Fatal(err)
		}
		check("the baseline written with --format "+f, string(b))
	}
	args := []string{}
	for _, f := range formats {
		args = append(args, "--format", f, "--output", filepath.Join(out, "out."+f))
	}
	r := run(t, dir, "", append(args, ".")...)
	check("stdout with --output", r.stdout)
	check("stderr with --output", r.stderr)
	for _, f := range formats {
		b, err := os.ReadFile(filepath.Join(out, "out."+f))
		if err != nil {
			t.Fatal(err)
		}
		check("--output out."+f, string(b))
	}
	// The test is only meaningful if the secrets were seen: every fixture
	// holding a valid credential must have a plaintext-secret finding.
	all := strings.Join(outputs, "\n")
	for _, want := range []string{"finesse-sync.json:6:", "finesse-sync.yaml:5:", "script.json:", "users.json:2:"} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding at %s: the fixture no longer exercises the secret rules", want)
		}
	}
	if strings.Count(all, "plaintext-secret") < 10 {
		t.Errorf("expected plaintext-secret findings on the fixtures")
	}
}

// TestOutputIdenticalAcrossJobsAndRuns: for every format, the output over
// examples/ and testdata/ is byte-identical for --jobs 1, 2 and 8 and across
// repeated runs (scheduling must never show).
func TestOutputIdenticalAcrossJobsAndRuns(t *testing.T) {
	for _, f := range formats {
		t.Run(f, func(t *testing.T) {
			var first string
			for i, jobs := range []string{"1", "2", "8", "8", "1"} {
				r := run(t, repoRoot, "", "--jobs", jobs, "--format", f, "examples", "testdata")
				if r.code != 1 {
					t.Fatalf("--jobs %s: exit %d\n%s", jobs, r.code, r.stderr)
				}
				if i == 0 {
					first = r.stdout
					continue
				}
				if r.stdout != first {
					t.Fatalf("--format %s: run %d (--jobs %s) differs from the first (--jobs 1):\n%s", f, i, jobs, firstDifference(first, r.stdout))
				}
			}
		})
	}
}

func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths differ: %d vs %d lines", len(la), len(lb))
}

// bigUsers is a tenant export whose SARIF log is several megabytes, so that
// writing it takes long enough to be interrupted.
func bigUsers(n int) string {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  {"id": "u-%d", "email": "user%d@example.com", "primaryTenant": "acme-01", "roles": ["customer.user", "user.admin", "customer.user.supervisorl1", "customer.user.supervisorl2"]}`, i, i)
	}
	b.WriteString("\n]\n")
	return b.String()
}

// TestOutputWrittenAtomically SIGKILLs the binary while it writes a large
// SARIF log to --output, at several points (at once, when it starts writing,
// part-way through), with an older log already in place. Whatever the point,
// the target must be either the old log or a complete new one: never a
// truncated file. A run left to finish leaves no temporary file behind.
func TestOutputWrittenAtomically(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL semantics and rename-over differ on Windows")
	}
	dir := writeFiles(t, map[string]string{"users.json": bigUsers(5000)})
	target := filepath.Join(dir, "out.sarif")
	const old = `{"old": "log"}`
	args := []string{"--max-findings", "1000000", "--format", "sarif", "--output", target, "users.json"}

	// written reports how many bytes the run has written so far: any file
	// other than the input, plus the target if it no longer holds the old log.
	written := func() int64 {
		var n int64
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() == "users.json" {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				continue
			}
			if e.Name() == "out.sarif" {
				if b, _ := os.ReadFile(target); string(b) == old {
					continue
				}
			}
			n += fi.Size()
		}
		return n
	}
	// Kill points: at once, as soon as anything is written, and after
	// 1 MB and 3 MB of the ~6 MB log. They are reached by polling, never
	// by timing assumptions; the deadline only bounds a stuck run.
	for _, after := range []int64{-1, 1, 1 << 20, 3 << 20} {
		writeFile(t, target, old)
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		deadline := time.After(60 * time.Second)
	poll:
		for after >= 0 && written() < after {
			select {
			case <-exited:
				break poll
			case <-deadline:
				t.Fatalf("the run wrote fewer than %d bytes in 60s", after)
			case <-time.After(time.Millisecond):
			}
		}
		atKill := written()
		cmd.Process.Kill()
		<-exited
		t.Logf("killed after %d bytes were written (wanted %d)", atKill, after)
		b, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("kill after %d bytes: the old log is gone: %v", after, err)
		}
		if string(b) == old {
			continue
		}
		var doc struct {
			Runs []json.RawMessage `json:"runs"`
		}
		if err := json.Unmarshal(b, &doc); err != nil || len(doc.Runs) != 1 {
			t.Fatalf("kill after %d bytes: the target holds %d bytes that are neither the old log nor a complete SARIF log: %v", after, len(b), err)
		}
	}

	// A run left to finish: the complete log, and nothing else beside it.
	for _, e := range mustReadDir(t, dir) {
		if e.Name() != "users.json" {
			os.Remove(filepath.Join(dir, e.Name())) // temporaries left by the killed runs
		}
	}
	if r := run(t, dir, "", args...); r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var names []string
	for _, e := range mustReadDir(t, dir) {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "out.sarif,users.json" {
		t.Errorf("files after a completed run: %q, want only out.sarif and users.json (no temporary files)", names)
	}
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestNonUTF8FileNameInEveryFormat: a file name that is not valid UTF-8
// must not make any machine-readable output invalid: JSON, SARIF, GitHub
// annotations and JUnit stay valid UTF-8, JUnit stays well-formed XML, and
// the SARIF artifact URI percent-encodes the raw byte. (Text output shows
// the byte as \xff, as it shows every byte that is not text.)
func TestNonUTF8FileNameInEveryFormat(t *testing.T) {
	dir := t.TempDir()
	testfiles.WriteNonUTF8Name(t, dir, badProfile)
	name := testfiles.NonUTF8Name
	for _, f := range formats {
		r := run(t, dir, "", "--format", f, ".")
		if r.code != 1 {
			t.Fatalf("--format %s: exit %d, want 1\n%s", f, r.code, r.stderr)
		}
		if f == "text" {
			if !strings.Contains(r.stdout, `bad\xffname.json:`) {
				t.Errorf("text output does not show the raw byte escaped:\n%q", r.stdout)
			}
			continue
		}
		if !utf8.ValidString(r.stdout) {
			t.Errorf("--format %s output is not valid UTF-8: %q", f, firstInvalidLine(r.stdout))
		}
		switch f {
		case "json", "sarif":
			var doc any
			if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
				t.Errorf("--format %s is not valid JSON: %v", f, err)
			}
		case "junit":
			d := xml.NewDecoder(strings.NewReader(r.stdout))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("JUnit output is not well-formed XML: %v", err)
					break
				}
			}
		}
		if f == "sarif" {
			if !strings.Contains(r.stdout, `"uri": "bad%FFname.json"`) {
				t.Errorf("SARIF does not percent-encode the raw byte in the artifact URI")
			}
			if u, err := url.PathUnescape("bad%FFname.json"); err != nil || u != name {
				t.Errorf("the percent-encoded URI does not decode back to the file name")
			}
		}
	}
}

func firstInvalidLine(s string) string {
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if !utf8.Valid(sc.Bytes()) {
			return sc.Text()
		}
	}
	return ""
}

// TestNoNetworkSyscalls traces the binary over examples/ (every format) and
// fails on any network system call (socket, connect, bind, sendto...): the
// tool never touches the network. Skipped when strace is not installed.
func TestNoNetworkSyscalls(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed: the static import checks in internal/engine still apply")
	}
	out := t.TempDir()
	log := filepath.Join(out, "strace.log")
	args := []string{"-f", "-e", "trace=network", "-e", "signal=none", "-o", log, binary}
	for _, f := range formats {
		args = append(args, "--format", f, "--output", filepath.Join(out, "out."+f))
	}
	cmd := exec.Command(strace, append(args, "examples")...)
	cmd.Dir = repoRoot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		if strings.Contains(stderr.String(), "ptrace") {
			t.Skipf("strace cannot trace here (no ptrace permission): %s", stderr.String())
		}
		t.Fatalf("strace %s: %v (want the linter's exit code 1)\n%s", binary, err, stderr.String())
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	exits := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.Contains(line, "+++ exited with") {
			exits++
			continue
		}
		if unnamedAtExit(line) {
			continue
		}
		t.Errorf("network system call: %s", line)
	}
	if exits == 0 {
		t.Fatalf("the strace log shows no process exit; was the binary traced?\n%s", b)
	}
}

// unnamedAtExit reports whether an strace line is a system call strace
// could not name, cut off by the process's exit ("12 ???( <unfinished
// ...>"): a CI run on a loaded machine logged one under -e trace=network.
// Every call strace decodes is named, so a network call is never one.
func unnamedAtExit(line string) bool {
	_, call, ok := strings.Cut(line, " ")
	return ok && (strings.TrimSpace(call) == "???( <unfinished ...>" || strings.HasPrefix(strings.TrimSpace(call), "<... ??? resumed>"))
}

// TestSpecialFilesExitCode: a FIFO or a device named on the command line is
// exit 2 with a clear message, and a FIFO met while walking is a note; the
// run must return either way (opening a FIFO would block it), so it runs
// under a hang guard that kills the binary.
func TestSpecialFilesExitCode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	dir := writeFiles(t, map[string]string{"tree/bad.json": badProfile})
	if err := mkfifo(filepath.Join(dir, "tree", "pipe.json")); err != nil {
		t.Skipf("cannot create a FIFO here: %v", err)
	}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"tree/pipe.json"}, 2, "tree/pipe.json: not a regular file (named pipe)"},
		{[]string{os.DevNull}, 2, os.DevNull + ": not a regular file (device)"},
		{[]string{"tree"}, 1, "rbaclint: note: tree/pipe.json: not a regular file (named pipe), skipped"},
	}
	for _, c := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cmd := exec.CommandContext(ctx, binary, c.args...)
		cmd.Dir = dir
		r := finish(t, cmd)
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Errorf("rbaclint %v did not return within 10s: it blocks on the FIFO", c.args)
			continue
		}
		if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("rbaclint %v: exit %d, stderr %q; want exit %d and %q", c.args, r.code, r.stderr, c.code, c.stderr)
		}
	}
}
