package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo is a real git repository built with the git binary.
type gitRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	program(t, "git")
	g := &gitRepo{t: t, dir: t.TempDir()}
	g.env = append(os.Environ(), "GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	g.git("init", "-q", "-b", "main", ".")
	return g
}

func (g *gitRepo) git(args ...string) string {
	g.t.Helper()
	c := exec.Command("git", args...)
	c.Dir, c.Env = g.dir, g.env
	out, err := c.CombinedOutput()
	if err != nil {
		g.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// commit writes the files (an empty content removes one) and commits all.
func (g *gitRepo) commit(msg string, files map[string]string) {
	g.t.Helper()
	g.write(files)
	g.git("add", "-A")
	g.git("commit", "-qm", msg)
}

func (g *gitRepo) write(files map[string]string) {
	g.t.Helper()
	for name, content := range files {
		p := filepath.Join(g.dir, filepath.FromSlash(name))
		if content == "" {
			if err := os.Remove(p); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		writeFile(g.t, p, content)
	}
}

const profilesV1 = `[
  {"id": "p-1", "name": "Claims Agents", "profileType": "STANDARD_AGENT", "active": true,
   "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
   "permissions": [{"name": "team", "access": "VIEW"}]},
  {"id": "p-2", "name": "Night Shift", "profileType": "SUPERVISOR", "active": true,
   "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL"}
]
`

// profilesV2 re-orders and re-indents V1 and changes one profile's type;
// "Night Shift" keeps its lint finding (SPECIFIC without permissions).
const profilesV2 = `[
    {"id": "p-2", "name": "Night Shift", "profileType": "SUPERVISOR", "active": true,
     "resourceAccessLevel": "ALL", "permissionAccessLevel": "SPECIFIC"},
    {"id": "p-1", "name": "Claims Agents", "profileType": "PREMIUM_AGENT", "active": true,
     "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
     "permissions": [{"name": "team", "access": "VIEW"}]}
]
`

// profilesV3 adds a profile with a new lint finding to V1, re-ordered.
const profilesV3 = `[
  {"id": "p-2", "name": "Night Shift", "profileType": "SUPERVISOR", "active": true,
   "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL"},
  {"id": "p-1", "name": "Claims Agents", "profileType": "STANDARD_AGENT", "active": true,
   "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
   "permissions": [{"name": "team", "access": "VIEW"}]},
  {"id": "p-3", "name": "Weekend Shift", "profileType": "SUPERVISOR", "active": true,
   "permissionAccessLevel": "ALL", "resourceAccessLevel": "SPECIFIC"}
]
`

func TestDiffPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"old/profiles.json": profilesV1, "new/profiles.json": profilesV2,
		"same/profiles.json": profilesV1, "v1.json": profilesV1, "v2.json": profilesV2,
	})
	cases := []struct {
		name string
		args []string
		code int
		out  string
		err  string
	}{
		{"directories", []string{"diff", "--no-config", "old", "new"}, 1, "new/profiles.json:4:59: error: profile \"Claims Agents\": profileType changes from STANDARD_AGENT to PREMIUM_AGENT", ""},
		{"files", []string{"diff", "--no-config", "v1.json", "v2.json"}, 1, "[webex/profile-type-changed]", ""},
		{"fail level none", []string{"diff", "--no-config", "--fail-level", "none", "old", "new"}, 0, "[webex/profile-type-changed]", ""},
		{"reordered copy: nothing", []string{"diff", "--no-config", "old", "same"}, 0, "no problems found", ""},
		{"one argument", []string{"diff", "old"}, 2, "", "diff takes OLD and NEW"},
		{"missing path", []string{"diff", "old", "nope"}, 2, "", "nope: no such file or directory"},
		{"file and directory", []string{"diff", "old", "v2.json"}, 2, "", "both be files or both directories"},
		{"stdin", []string{"diff", "-", "new"}, 2, "", "does not read standard input"},
		{"head without base", []string{"diff", "--head", "x"}, 2, "", "--head needs --base"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, dir, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stdout, c.out) || !strings.Contains(r.stderr, c.err) {
				t.Errorf("exit %d (want %d)\nstdout (want %q):\n%s\nstderr (want %q):\n%s", r.code, c.code, c.out, r.stdout, c.err, r.stderr)
			}
		})
	}
	// The lint finding both versions have is not reported as new.
	if r := run(t, dir, "", "diff", "--no-config", "old", "new"); strings.Contains(r.stdout, "permissions-required") {
		t.Errorf("a lint finding present in OLD is reported:\n%s", r.stdout)
	}
}

func TestDiffGitRevisions(t *testing.T) {
	g := newGitRepo(t)
	g.commit("base", map[string]string{"exports/profiles.json": profilesV1, "README.md": "not an export\n"})
	g.git("checkout", "-q", "-b", "feature")
	g.commit("change", map[string]string{"exports/profiles.json": profilesV2})
	g.git("checkout", "-q", "main")
	g.write(map[string]string{"exports/profiles.json": profilesV3}) // uncommitted
	status := g.git("status", "--porcelain")
	index, err := os.ReadFile(filepath.Join(g.dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, dir string
		args      []string
		code      int
		out       string
		err       string
	}{
		{"working tree against its base: only the new lint findings", ".", []string{"diff", "--no-config", "--base", "main"}, 1, "exports/profiles.json:8:59: error: profile \"Weekend Shift\"", ""},
		{"a revision against itself: nothing", ".", []string{"diff", "--no-config", "--base", "main", "--head", "main"}, 0, "no problems found", ""},
		{"two revisions", ".", []string{"diff", "--no-config", "--base", "main", "--head", "feature"}, 1, "exports/profiles.json:4:59: error: profile \"Claims Agents\": profileType changes", ""},
		{"from a subdirectory, a path", "exports", []string{"diff", "--no-config", "--base", "main", "--head", "feature", "profiles.json"}, 1, "profiles.json:4:59: error:", ""},
		{"unknown revision", ".", []string{"diff", "--base", "no-such-rev"}, 2, "", `--base: unknown revision "no-such-rev"`},
		{"unknown head", ".", []string{"diff", "--base", "main", "--head", "nope"}, 2, "", `--head: unknown revision "nope"`},
		{"path in neither", ".", []string{"diff", "--base", "main", "nothing-here"}, 2, "", "nothing-here: no such file or directory in main or the working tree"},
		{"new-from-rev hides what main had", ".", []string{"lint", "--no-config", "--new-from-rev", "main", "exports"}, 1, "Weekend Shift", ""},
		{"new-from-rev on the unchanged file of a revision", ".", []string{"lint", "--no-config", "--new-from-rev", "feature", "exports"}, 1, "Weekend Shift", ""},
		{"new-from-rev unknown revision", ".", []string{"lint", "--new-from-rev", "nope", "exports"}, 2, "", `--new-from-rev: unknown revision "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, filepath.Join(g.dir, c.dir), "", c.args...)
			if r.code != c.code || !strings.Contains(r.stdout, c.out) || !strings.Contains(r.stderr, c.err) {
				t.Errorf("exit %d (want %d)\nstdout (want %q):\n%s\nstderr (want %q):\n%s", r.code, c.code, c.out, r.stdout, c.err, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "goroutine ") {
				t.Error("Go stack trace in output")
			}
		})
	}

	// --new-from-rev: the finding main had is hidden, the new one is shown.
	r := run(t, g.dir, "", "lint", "--no-config", "--new-from-rev", "main", "exports")
	if strings.Contains(r.stdout, "Night Shift") || !strings.Contains(r.stdout, "1 suppressed") {
		t.Errorf("--new-from-rev shows the old finding or does not count it:\n%s", r.stdout)
	}
	if r := run(t, g.dir, "", "lint", "--no-config", "exports"); !strings.Contains(r.stdout, "Night Shift") {
		t.Errorf("plain lint lost the old finding:\n%s", r.stdout)
	}

	r = run(t, g.dir, "", "diff", "--no-config", "--base", "main")
	if strings.Contains(r.stdout, "Night Shift") || !strings.Contains(r.stdout, "1 suppressed") {
		t.Errorf("diff --base shows the lint finding main had:\n%s", r.stdout)
	}

	// Reading revisions changed nothing: same status, same index bytes.
	if s := g.git("status", "--porcelain"); s != status {
		t.Errorf("git status changed:\n%s\nwas:\n%s", s, status)
	}
	if after, _ := os.ReadFile(filepath.Join(g.dir, ".git", "index")); string(after) != string(index) {
		t.Error("the index was rewritten")
	}

	outside := t.TempDir()
	if r := run(t, outside, "", "diff", "--base", "main"); r.code != 2 || !strings.Contains(r.stderr, "not inside a git work tree") {
		t.Errorf("outside a repository: exit %d\n%s", r.code, r.stderr)
	}
}

// TestDiffPreCommitHook runs the README's pre-commit hook (rbaclint diff
// --base HEAD on the staged exports) through the real pre-commit.
func TestDiffPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed (.ci/run installs it)")
		}
		t.Skip("pre-commit is not installed")
	}
	g := newGitRepo(t)
	g.env = append(g.env, "PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit-home"), "NO_COLOR=1")

	// Before the first commit HEAD has no files: everything is added.
	g.write(map[string]string{"exports/profiles.json": profilesV1})
	if r := run(t, g.dir, "", "diff", "--no-config", "--base", "HEAD", "exports/profiles.json"); r.code != 1 || !strings.Contains(r.stdout, "webex/permissions-required") {
		t.Fatalf("diff --base HEAD in a repository without commits: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	g.write(map[string]string{"exports/profiles.json": ""})

	g.write(map[string]string{".pre-commit-config.yaml": `repos:
  - repo: local
    hooks:
      - id: rbaclint-diff
        name: rbaclint diff
        entry: ` + binary + ` diff --base HEAD --skip-unknown
        language: system
        types_or: [json, xml, yaml]
        require_serial: true
`})
	g.git("add", "-A")
	g.git("commit", "-qm", "hooks", "--no-verify")
	install := exec.Command("pre-commit", "install")
	install.Dir, install.Env = g.dir, g.env
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("pre-commit install: %v\n%s", err, out)
	}
	commit := func(content string) (bool, string) {
		g.write(map[string]string{"exports/profiles.json": content})
		g.git("add", "-A")
		c := exec.Command("git", "commit", "-qm", "change")
		c.Dir, c.Env = g.dir, g.env
		out, err := c.CombinedOutput()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		return err == nil, string(out)
	}
	clean := strings.Replace(profilesV1, `"resourceAccessLevel": "ALL"}`, `"resourceAccessLevel": "ALL", "permissions": [{"name": "team", "access": "VIEW"}]}`, 1)
	if ok, out := commit(clean); !ok {
		t.Fatalf("a clean new export was blocked:\n%s", out)
	}
	changed := strings.Replace(clean, `"STANDARD_AGENT"`, `"PREMIUM_AGENT"`, 1)
	if ok, out := commit(changed); ok || !strings.Contains(out, "exports/profiles.json:2:") || !strings.Contains(out, "[webex/profile-type-changed]") {
		t.Fatalf("a profile type change was not blocked with its finding (committed: %v):\n%s", ok, out)
	}
	g.git("reset", "-q", "--hard", "HEAD")
	reordered := `[
    {"id": "p-2", "name": "Night Shift", "profileType": "SUPERVISOR", "active": true,
     "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL", "permissions": [{"name": "team", "access": "VIEW"}]},
    {"id": "p-1", "name": "Claims Agents", "profileType": "STANDARD_AGENT", "active": true,
     "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
     "permissions": [{"name": "team", "access": "VIEW"}]}
]
`
	if ok, out := commit(reordered); !ok {
		t.Fatalf("re-ordering and re-indenting the profiles was blocked:\n%s", out)
	}
}
