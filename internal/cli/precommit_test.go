package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// These tests run the hooks of .pre-commit-hooks.yaml through the real
// pre-commit in a real git repository. The hooks are declared as local
// "system" hooks whose entry is the manifest's, with the freshly built binary
// in place of "rbaclint": pre-commit then selects, batches and passes files
// exactly as it does for users, without building a Go environment per test
// (.ci/run installs the published hook itself with pre-commit try-repo).

// hookRepo is a git repository with the rbaclint hooks installed.
type hookRepo struct {
	t            *testing.T
	dir          string
	env          []string
	keepRejected bool
}

func newHookRepo(t *testing.T) *hookRepo {
	t.Helper()
	program(t, "pre-commit")
	t.Parallel() // pre-commit and git mostly wait on each other
	h := &hookRepo{t: t, dir: t.TempDir()}
	h.env = append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit-home"),
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir(), "NO_COLOR=1")
	h.git("init", "-q", ".")
	h.write(".pre-commit-config.yaml", localHooks(t))
	h.git("add", ".pre-commit-config.yaml")
	h.git("commit", "-qm", "hooks", "--no-verify")
	if out, err := h.cmd("pre-commit", "install").CombinedOutput(); err != nil {
		t.Fatalf("pre-commit install: %v\n%s", err, out)
	}
	return h
}

// localHooks turns the published manifest into a local configuration.
func localHooks(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		entry, _ := h["entry"].(string)
		if !strings.HasPrefix(entry, "rbaclint") {
			t.Fatalf("hook %v: entry %q does not start with rbaclint", h["id"], entry)
		}
		h["entry"] = binary + strings.TrimPrefix(entry, "rbaclint")
		h["language"] = "system"
	}
	out, err := yaml.Marshal([]map[string]any{{"repo": "local", "hooks": hooks}})
	if err != nil {
		t.Fatal(err)
	}
	return "repos:\n" + indent(string(out))
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "  " + strings.Join(lines, "\n  ") + "\n"
}

func (h *hookRepo) cmd(name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Dir = h.dir
	c.Env = h.env
	return c
}

func (h *hookRepo) git(args ...string) string {
	h.t.Helper()
	out, err := h.cmd("git", args...).CombinedOutput()
	if err != nil {
		h.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (h *hookRepo) write(name, content string) {
	h.t.Helper()
	writeFile(h.t, filepath.Join(h.dir, filepath.FromSlash(name)), content)
}

// commit stages the files and commits them through the installed hook; it
// returns whether the commit went through, and pre-commit's output. A
// rejected change is dropped unless keepRejected is set.
func (h *hookRepo) commit(files map[string]string) (bool, string) {
	h.t.Helper()
	for name, content := range files {
		h.write(name, content)
	}
	h.git("add", "-A")
	var out bytes.Buffer
	c := h.cmd("git", "commit", "-qm", "change")
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		h.t.Fatalf("git commit: %v", err)
	}
	if err != nil && !h.keepRejected {
		h.git("reset", "-q", "--hard", "HEAD") // drop the rejected change
	}
	return err == nil, out.String()
}

// Files a repository holds beside its exports, which rbaclint's strict
// parsers reject or which match no kind.
var unrelatedFiles = map[string]string{
	"tsconfig.json": `{
  // TypeScript settings: JSON with comments
  "compilerOptions": { "strict": true, /* trailing comma next */ },
}
`,
	".vscode/settings.json":  "{\n  // editor settings\n  \"editor.formatOnSave\": true\n}\n",
	"charts/app/Chart.yaml":  "apiVersion: v2\nname: app\nversion: 0.1.0\n",
	"charts/app/values.yaml": "replicas: 2\nimage: {repository: app, tag: \"1.0\"}\n",
	"charts/app/templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  replicas: {{ .Values.replicas }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 8 }}
  {{- end }}
`,
	".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n",
	"renovate.json":            `{"extends": ["config:base"],}`,
	"docs/openapi.yaml":        "openapi: 3.0.0\ninfo: {title: API, version: '1'}\npaths: {}\n",
}

// TestPreCommitUnrelatedFilesPass is the acceptance case: in a
// repository whose exports sit beside tsconfig.json, VS Code settings, a Helm
// chart and a workflow, a commit of those files passes, and one bad export
// is blocked with its finding, and with nothing about the other files.
func TestPreCommitUnrelatedFilesPass(t *testing.T) {
	h := newHookRepo(t)
	first := map[string]string{"exports/webex/profile.json": cleanProfile}
	for name, src := range map[string]string{
		"exports/tenant/users.json":           ".ci/hook-fixtures/good-users.json",
		"exports/pcce/administrators.xml":     "examples/pcce/administrators.xml",
		"exports/pcce/available_features.xml": "examples/pcce/available_features.xml",
	} {
		b, err := os.ReadFile("../../" + src)
		if err != nil {
			t.Fatal(err)
		}
		first[name] = string(b)
	}
	for name, content := range unrelatedFiles {
		first[name] = content
	}
	ok, out := h.commit(first)
	if !ok {
		t.Fatalf("the hook blocked a commit of clean exports and files that are not exports:\n%s", out)
	}
	// A broken export is still blocked with its syntax finding.
	ok, out = h.commit(map[string]string{"exports/profile.json": `{"name": "Tier 1", "profileType": "AGENT",`})
	if ok || !strings.Contains(out, "exports/profile.json:1:") || !strings.Contains(out, "[syntax]") {
		t.Fatalf("a truncated export was not blocked with a syntax finding (committed: %v):\n%s", ok, out)
	}
	// One export made bad is blocked with its finding, and only with it.
	bad, err := os.ReadFile("../../.ci/hook-fixtures/bad-users.json")
	if err != nil {
		t.Fatal(err)
	}
	ok, out = h.commit(map[string]string{"exports/tenant/users.json": string(bad)})
	want := regexp.MustCompile(`(?m)^exports/tenant/users\.json:15:34: error: user ben\.okafor@example\.com has supervisor levels customer\.user\.supervisorl2 and customer\.user\.supervisorl4, which are exclusive: .* \[tenant/supervisor-levels-exclusive\]$`)
	if ok || !want.MatchString(out) {
		t.Fatalf("a bad export was not blocked with its finding (committed: %v):\n%s", ok, out)
	}
	if got := findingLines(out); len(got) != 1 {
		t.Errorf("the hook reported %d findings for one bad export, want 1:\n%s", len(got), out)
	}
}

func TestPreCommitHonoursExclude(t *testing.T) {
	h := newHookRepo(t)
	bad, err := os.ReadFile("../../.ci/hook-fixtures/bad-users.json")
	if err != nil {
		t.Fatal(err)
	}
	ok, out := h.commit(map[string]string{
		".rbaclint.yaml":            "version: 1\nexclude: [\"exports/archive/**\"]\n",
		"exports/archive/old.json":  string(bad),
		"exports/current/good.json": cleanProfile,
	})
	if !ok {
		t.Fatalf("a file under exclude: blocked the commit:\n%s", out)
	}
	// The same file outside the excluded folder is checked.
	ok, out = h.commit(map[string]string{"exports/current/users.json": string(bad)})
	if ok || !strings.Contains(out, "exports/current/users.json") {
		t.Fatalf("a bad export outside exclude: was not blocked:\n%s", out)
	}
}

// TestSkipUnparsableNonExports runs the binary directly: what is skipped,
// what --verbose says, and that a named file still gets its syntax finding
// without --skip-unknown.
func TestSkipUnparsableNonExports(t *testing.T) {
	files := map[string]string{"broken-export.json": `{"data": [{"email": "a@example.com", "roles": ["customer.user"`}
	for name, content := range unrelatedFiles {
		files[name] = content
	}
	dir := writeFiles(t, files)
	r := run(t, dir, "", "--verbose", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "broken-export.json:1:") {
		t.Fatalf("walk: code %d, the broken export was not reported:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"tsconfig.json", ".vscode/settings.json", "charts/app/templates/deployment.yaml", "renovate.json"} {
		if strings.Contains(r.stdout, name) {
			t.Errorf("walk reported %s, which is not an export:\n%s", name, r.stdout)
		}
		if !strings.Contains(r.stderr, "skipped "+name+": cannot be parsed and does not look like an export") {
			t.Errorf("--verbose does not list %s as skipped:\n%s", name, r.stderr)
		}
	}
	r = run(t, dir, "", "--skip-unknown", "tsconfig.json", "charts/app/templates/deployment.yaml", ".github/workflows/ci.yml")
	if r.code != 0 {
		t.Errorf("--skip-unknown on named non-exports: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "", "tsconfig.json")
	if r.code != 1 || !strings.Contains(r.stdout, "[syntax]") {
		t.Errorf("a named file without --skip-unknown should keep its syntax finding: code %d\n%s", r.code, r.stdout)
	}
}

func TestExcludeNamedFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".rbaclint.yaml":   "version: 1\nexclude: [\"archive/**\"]\n",
		"archive/bad.json": badProfile,
	})
	r := run(t, dir, "", "--verbose", "archive/bad.json")
	if r.code != 0 || !strings.Contains(r.stderr, "skipped archive/bad.json: excluded by the configuration's exclude:") {
		t.Errorf("named excluded file: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "", "--no-exclude", "archive/bad.json")
	if r.code != 1 || !strings.Contains(r.stdout, "archive/bad.json:2:") {
		t.Errorf("--no-exclude should check the named file: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The config hook verifies every staged configuration, .yml included, not
// only the one at the root.
func TestPreCommitConfigVerify(t *testing.T) {
	h := newHookRepo(t)
	if ok, out := h.commit(map[string]string{".rbaclint.yaml": "version: 1\n"}); !ok {
		t.Fatalf("a valid root configuration was blocked:\n%s", out)
	}
	ok, out := h.commit(map[string]string{"teams/b/.rbaclint.yml": "version: 1\nrules:\n  webex/permisions-required: error\n"})
	if ok || !strings.Contains(out, "teams/b/.rbaclint.yml:3:3: unknown rule") {
		t.Fatalf("a broken .rbaclint.yml in a subdirectory was not blocked with its error (committed: %v):\n%s", ok, out)
	}
	if ok, out := h.commit(map[string]string{"teams/b/.rbaclint.yml": "version: 1\n"}); !ok {
		t.Fatalf("a valid .rbaclint.yml was blocked:\n%s", out)
	}
}

// TestPreCommitLargeCommitBatches commits 3,000 tenant exports at once:
// pre-commit splits them into several runs of the hook, and the findings of
// all runs together must be those of one run over every file, set-level
// findings included. A duplicate e-mail pairs the first and the last file
// (which land in different runs), and the tenant's only admin is in the
// last file (a run without it would report a tenant with no user admin).
func TestPreCommitLargeCommitBatches(t *testing.T) {
	h := newHookRepo(t)
	// Count the runs: a wrapper logs each invocation's file list.
	log := filepath.Join(t.TempDir(), "runs.log")
	wrapper := filepath.Join(t.TempDir(), "rbaclint-wrapper")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexec '" + binary + "' \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	h.write(".pre-commit-config.yaml", strings.ReplaceAll(localHooks(t), binary, wrapper))
	h.git("add", ".pre-commit-config.yaml")
	h.git("commit", "-qm", "wrapper", "--no-verify")

	const n = 3000
	files := map[string]string{}
	var names []string
	for i := 0; i < n; i++ {
		// Long paths, as real repositories have, so that pre-commit splits.
		name := fmt.Sprintf("exports/hosted-uc/tenant-users/region-emea/customer-northwind/users-%04d.json", i)
		email, roles := fmt.Sprintf("agent%04d@northwind.example", i), `"customer.user"`
		switch i {
		case 0, n - 1:
			email = "shared.mailbox@northwind.example"
		}
		if i == n-1 {
			roles = `"customer.user", "user.admin"`
		}
		if i%500 == 7 { // a per-file finding now and then
			roles = `"customer.user", "customer.user.supervisorl1", "customer.user.supervisorl4"`
		}
		files[name] = fmt.Sprintf(`{"page_size": 1, "status": "success", "data": [{"id": "u-%04d", "displayName": "Agent %04d", "email": %q, "roles": [%s], "primaryTenant": "northwind"}]}`+"\n", i, i, email, roles)
		names = append(names, name)
	}
	h.keepRejected = true // the one run below reads the same files
	ok, out := h.commit(files)
	if ok {
		t.Fatalf("the commit passed although it has findings:\n%s", out)
	}
	runs, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var batches []string
	for _, l := range strings.Split(strings.TrimSpace(string(runs)), "\n") {
		if strings.Contains(l, "users-") {
			batches = append(batches, l)
		}
	}
	if len(batches) < 2 {
		t.Fatalf("pre-commit ran the hook %d time(s): the test needs a commit it splits", len(batches))
	}
	for _, b := range batches {
		if strings.Contains(b, names[0]) && strings.Contains(b, names[n-1]) {
			t.Fatalf("the first and the last file share a run; the duplicate e-mail would not cross runs")
		}
	}

	one := run(t, h.dir, "", append([]string{"lint", "--skip-unknown"}, names...)...)
	if one.code != 1 {
		t.Fatalf("one run: code %d\n%s", one.code, one.stderr)
	}
	want, got := findingLines(one.stdout), findingLines(out)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%d runs of the hook found:\n%s\n\none run over the same files found:\n%s", len(batches), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	joined := strings.Join(want, "\n")
	if !strings.Contains(joined, names[n-1]+":1:") || !strings.Contains(joined, "[tenant/duplicate-email]") || strings.Contains(joined, "tenant/user-admin-required") {
		t.Errorf("unexpected findings of the one run:\n%s", joined)
	}
}

// findingLines are the finding lines of text output (related locations
// included), sorted.
func findingLines(out string) []string {
	re := regexp.MustCompile(`^\s*\S+:\d+:\d+: (error|warning|note): `)
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if re.MatchString(l) {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}
