package gitrev

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/testfiles"
)

// gitIn runs the real git in dir for building test repositories.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	testfiles.Write(t, filepath.Join(dir, "exports", "a.json"), `{"a": 1}`)
	testfiles.Write(t, filepath.Join(dir, "exports", "sub", "b.xml"), `<role/>`)
	testfiles.Write(t, filepath.Join(dir, "exports", "notes.txt"), "not an export")
	testfiles.Write(t, filepath.Join(dir, "top.json"), `[]`)
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "one")
	return dir
}

func TestFiles(t *testing.T) {
	dir := repo(t)
	r, err := Open(filepath.Join(dir, "exports"))
	if err != nil {
		t.Fatal(err)
	}
	commit, err := r.Commit("main")
	if err != nil {
		t.Fatal(err)
	}
	// Paths are named as a walk from the working directory names them.
	want := func(p string) bool { return !strings.HasSuffix(p, ".txt") }
	for _, c := range []struct {
		cwd   string
		paths []string
		want  string
	}{
		{dir, []string{"."}, "exports/a.json exports/sub/b.xml top.json"},
		{dir, []string{"exports/"}, "exports/a.json exports/sub/b.xml"},
		{filepath.Join(dir, "exports"), []string{"."}, "a.json sub/b.xml"},
		{filepath.Join(dir, "exports"), []string{"../top.json", "sub"}, "../top.json sub/b.xml"},
		{filepath.Join(dir, "exports"), []string{"notes.txt"}, "notes.txt"}, // named: kept
		{dir, []string{filepath.Join(dir, "exports", "sub")}, filepath.ToSlash(filepath.Join(dir, "exports", "sub", "b.xml"))},
	} {
		fs, err := r.Files(commit, c.cwd, c.paths, want, 1<<20)
		if err != nil {
			t.Fatalf("%v: %v", c.paths, err)
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Path)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s %v: got %v, want %s", c.cwd, c.paths, got, c.want)
		}
	}
	fs, err := r.Files(commit, dir, []string{"exports/a.json"}, nil, 1<<20)
	if err != nil || len(fs) != 1 || string(fs[0].Data) != `{"a": 1}` || !fs[0].Explicit {
		t.Fatalf("a.json: %+v, %v", fs, err)
	}
	// Over the size limit: listed with its size, not read.
	fs, _ = r.Files(commit, dir, []string{"exports/a.json"}, nil, 3)
	if len(fs) != 1 || fs[0].Data != nil || fs[0].Size != 8 {
		t.Fatalf("over the limit: %+v", fs)
	}
}

func TestErrors(t *testing.T) {
	dir := repo(t)
	outside := t.TempDir()
	if _, err := Open(outside); err == nil || !strings.Contains(err.Error(), "not inside a git work tree") {
		t.Errorf("outside a repository: %v", err)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"no-such-branch", "--output=x", ""} {
		if _, err := r.Commit(rev); err == nil {
			t.Errorf("revision %q resolved", rev)
		} else if _, ok := err.(*Error); !ok {
			t.Errorf("revision %q: %T, want *Error", rev, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a revision that looks like an option wrote a file")
	}
	commit, _ := r.Commit("HEAD")
	if _, err := r.Files(commit, dir, []string{outside}, nil, 1<<20); err == nil || !strings.Contains(err.Error(), "outside the git work tree") {
		t.Errorf("path outside the repository: %v", err)
	}
}

// TestReadOnly reads a revision and checks that the repository's index and
// refs are byte for byte what they were.
func TestReadOnly(t *testing.T) {
	dir := repo(t)
	testfiles.Write(t, filepath.Join(dir, "exports", "a.json"), `{"a": 2}`) // a dirty work tree
	snapshot := func() map[string][]byte {
		m := map[string][]byte{}
		filepath.Walk(filepath.Join(dir, ".git"), func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				b, _ := os.ReadFile(p)
				m[p] = b
			}
			return nil
		})
		return m
	}
	before := snapshot()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	commit, _ := r.Commit("main")
	if _, err := r.Files(commit, dir, []string{"."}, nil, 1<<20); err != nil {
		t.Fatal(err)
	}
	r.Has(commit, dir, "exports")
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("files under .git: %d before, %d after", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s changed", p)
		}
	}
}

// TestRunsOnlyGit checks the source: every program this package starts is
// the git found on PATH, and no git command it runs can reach the network.
func TestRunsOnlyGit(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gitrev.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile("gitrev.go")
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == "exec" {
			arg := string(src[fset.Position(call.Args[0].Pos()).Offset:fset.Position(call.Args[0].End()).Offset])
			switch sel.Sel.Name {
			case "LookPath":
				if arg != `"git"` {
					t.Errorf("%s: exec.LookPath(%s)", fset.Position(call.Pos()), arg)
				}
			case "Command", "CommandContext":
				if arg != "r.git" {
					t.Errorf("%s: exec.%s(%s): only git runs", fset.Position(call.Pos()), sel.Sel.Name, arg)
				}
			}
		}
		return true
	})
	for _, word := range []string{`"fetch"`, `"pull"`, `"clone"`, `"remote"`, `"ls-remote"`, `"checkout"`, `"update-index"`} {
		if bytes.Contains(src, []byte(word)) {
			t.Errorf("gitrev.go names the git command %s", word)
		}
	}
}
