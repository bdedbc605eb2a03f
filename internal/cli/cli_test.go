package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/testfiles"
)

// The CLI tests run the real binary, built once.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rbaclint-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "rbaclint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, "../../cmd/rbaclint")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building rbaclint: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=")
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	return finish(t, cmd)
}

// finish runs cmd and returns what it printed and its exit code; a binary
// that could not be started fails the test.
func finish(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running rbaclint: %v", err)
	}
	return result{out.String(), errb.String(), code}
}

const cleanProfile = `{
  "name": "Contact Center Admins",
  "profileType": "ADMINISTRATOR",
  "active": true,
  "permissionAccessLevel": "ALL",
  "resourceAccessLevel": "ALL"
}
`

const badProfile = `{
  "name": "Sales.Team",
  "profileType": "SUPERVISOR",
  "active": true,
  "permissionAccessLevel": "SPECIFIC",
  "resourceAccessLevel": "ALL"
}
`

// program finds a program the tests drive (git, pre-commit, shells); CI
// installs them all, elsewhere a missing one skips its test.
func program(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (.ci/run installs it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// writeFiles writes each file (a slash-separated name to its content) under
// a new temporary directory and returns the directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), content)
	}
	return dir
}

// writeFile writes content to path, creating its directory first.
var writeFile = testfiles.Write

func TestExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"clean.json":     cleanProfile,
		"bad.json":       badProfile,
		"truncated.json": `{"name": "Tier 1", "profileType": `,
		"notes.txt":      "not a config file",
	})
	cases := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout
		err  string // substring of stderr
	}{
		{"clean file", []string{"clean.json"}, 0, "no problems", ""},
		{"findings", []string{"bad.json"}, 1, "bad.json:2:", ""},
		{"malformed file is a finding", []string{"truncated.json"}, 1, "[syntax]", ""},
		{"fail level none", []string{"--fail-level", "none", "bad.json"}, 0, "bad.json:", ""},
		{"missing path", []string{"nope.json"}, 2, "", "nope.json: no such file"},
		{"bad flag", []string{"--frobnicate", "clean.json"}, 2, "", "frobnicate"},
		{"bad format", []string{"--format", "yaml", "clean.json"}, 2, "", "unknown --format"},
		{"bad kind", []string{"--kind", "pbx", "clean.json"}, 2, "", "not a supported kind"},
		{"no input", nil, 2, "", "no input"},
		{"flags after paths", []string{"bad.json", "--fail-level", "none"}, 0, "bad.json:", ""},
		{"unknown explicit file", []string{"notes.txt"}, 0, "[unknown-document]", ""},
		{"directory walk skips unknown files", []string{"."}, 1, "truncated.json", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, dir, "", c.args...)
			if r.code != c.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, c.out) {
				t.Errorf("stdout lacks %q:\n%s", c.out, r.stdout)
			}
			if !strings.Contains(r.stderr, c.err) {
				t.Errorf("stderr lacks %q:\n%s", c.err, r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stdout, "goroutine ") {
				t.Errorf("Go stack trace in output")
			}
		})
	}
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, badProfile, "--stdin-filename", "exports/profile.json", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "exports/profile.json:2:") {
		t.Fatalf("stdin: code %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestOutputFilesAndFormats(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badProfile})
	r := run(t, dir, "", "--format", "json", "--output", "out.json", "--format", "text", "bad.json")
	if r.code != 1 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "bad.json:2:") {
		t.Errorf("text format should go to stdout:\n%s", r.stdout)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("out.json is not JSON: %v\n%s", err, b)
	}
	if _, ok := doc["findings"]; !ok {
		t.Errorf("out.json has no findings key:\n%s", b)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".out.json.tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	// Two formats cannot both go to stdout.
	if r := run(t, dir, "", "--format", "json", "--format", "text", "bad.json"); r.code != 2 {
		t.Errorf("two stdout formats: code %d, want 2", r.code)
	}
	// An unwritable output is a usage error, not a crash.
	if r := run(t, dir, "", "--format", "json", "--output", "missing-dir/out.json", "bad.json"); r.code != 2 || !strings.Contains(r.stderr, "cannot write") {
		t.Errorf("unwritable output: code %d, stderr %s", r.code, r.stderr)
	}
}

// TestJobsDeterminism checks the output is byte-identical whatever --jobs is.
func TestJobsDeterminism(t *testing.T) {
	root := filepath.Join("..", "..")
	var outs []string
	for _, jobs := range []string{"1", "8", "1", "3"} {
		r := run(t, root, "", "--jobs", jobs, "--format", "json", "examples", "testdata")
		if r.code != 1 {
			t.Fatalf("jobs %s: code %d, stderr %s", jobs, r.code, r.stderr)
		}
		outs = append(outs, r.stdout)
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Fatalf("output differs between runs (--jobs 1 vs later run %d)", i)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "rules")
	if r.code != 0 || !strings.Contains(r.stdout, "plaintext-secret") {
		t.Fatalf("rules: code %d\n%s", r.code, r.stdout)
	}
	r = run(t, dir, "", "rules", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) == 0 {
		t.Fatalf("rules --format json: %v\n%s", err, r.stdout)
	}
	r = run(t, dir, "", "explain", "plaintext-secret")
	if r.code != 0 || !strings.Contains(r.stdout, "## Why") {
		t.Errorf("explain: code %d\n%s", r.code, r.stdout)
	}
	r = run(t, dir, "", "explain", "plaintext-secrets")
	if r.code != 2 || !strings.Contains(r.stderr, "did you mean plaintext-secret") {
		t.Errorf("explain unknown: code %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, "", "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "rbaclint ") {
		t.Errorf("version: %q", r.stdout)
	}
}
