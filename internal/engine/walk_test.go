package engine

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rbaclint/rbaclint/internal/testfiles"
)

// A walked or named file's content does not matter to these tests, only
// whether it is checked; this one is a tenant user with one finding.
const walkDoc = `[{"id": "u-1", "displayName": "Ana", "email": "ana@example.com", "primaryTenant": "acme-01",
  "roles": ["customer.user", "user.admin", "customer.user.supervisorl1", "customer.user.supervisorl2"]}]
`

// guarded runs fn under the hang guard: walking or reading a FIFO blocks
// forever, and the test must report that instead of blocking CI.
func guarded(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	timer := time.NewTimer(hangGuard)
	defer timer.Stop()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s panicked: %v", what, p)
		}
	case <-timer.C:
		t.Fatalf("%s did not return within %v: it blocks (a FIFO opened, or a symlink loop followed)", what, hangGuard)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot create symlinks here: %v", err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := makeFIFO(p); err != nil {
		t.Skipf("cannot create a FIFO here: %v", err)
	}
}

// walkRun runs the engine over args (relative to dir) under the hang guard.
func walkRun(t *testing.T, dir string, args []string, opts Options) (*Result, error) {
	t.Helper()
	t.Chdir(dir)
	var res *Result
	var err error
	guarded(t, "Run("+strings.Join(args, " ")+")", func() { res, err = Run(args, opts) })
	return res, err
}

func hasNote(res *Result, prefix, contains string) bool {
	for _, n := range res.Notes {
		if strings.HasPrefix(n, prefix) && strings.Contains(n, contains) {
			return true
		}
	}
	return false
}

// TestWalkSymlinks: a directory symlink pointing at its parent must not loop
// (symlinked directories are not followed while walking), a symlink to a
// file outside the tree is checked under the link's name, a dangling symlink
// becomes a note, and every real file is checked exactly once.
func TestWalkSymlinks(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside", "users.json")
	testfiles.Write(t, outside, walkDoc)
	root := filepath.Join(base, "tree")
	testfiles.Write(t, filepath.Join(root, "a", "users.json"), walkDoc)
	symlink(t, "..", filepath.Join(root, "a", "up"))             // a loop: tree/a/up/a/up/...
	symlink(t, "..", filepath.Join(root, "a", "up.json"))        // a loop named like an export
	symlink(t, outside, filepath.Join(root, "linked.json"))      // a file outside the tree
	symlink(t, "missing.json", filepath.Join(root, "gone.json")) // dangling

	res, err := walkRun(t, base, []string{"tree"}, hostileOptions())
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	want := []string{"tree/a/users.json", "tree/linked.json"}
	if strings.Join(res.Files, ",") != strings.Join(want, ",") {
		t.Errorf("checked %q, want %q", res.Files, want)
	}
	if !hasNote(res, "tree/gone.json", "no such file") {
		t.Errorf("no note for the dangling symlink; notes: %q", res.Notes)
	}
	if !hasNote(res, "tree/a/up.json", "directory") {
		t.Errorf("a symlinked directory named like an export should be noted as a directory, not followed; notes: %q", res.Notes)
	}
	for _, f := range res.Findings {
		if strings.Contains(f.Path, "up/") {
			t.Errorf("the walk followed the directory symlink: finding on %s", f.Path)
		}
	}
}

// TestSymlinkedDirectoryNamedExplicitly: `rbaclint link` where link is a
// symlink to a directory is a request to check that directory. Walking it
// as a lone symlink entry checked nothing and exited 0: a silent false clean.
func TestSymlinkedDirectoryNamedExplicitly(t *testing.T) {
	base := t.TempDir()
	testfiles.Write(t, filepath.Join(base, "real", "users.json"), walkDoc)
	symlink(t, "real", filepath.Join(base, "link"))
	symlink(t, ".", filepath.Join(base, "real", "self")) // not followed below the named link
	for _, arg := range []string{"link", "link/"} {
		res, err := walkRun(t, base, []string{arg}, hostileOptions())
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if strings.Join(res.Files, ",") != "link/users.json" {
			t.Errorf("%s: checked %q, want [link/users.json]", arg, res.Files)
		}
	}
}

// walkSkipping walks base/tree, which must not fail the run, and wants only
// checked read and a note saying why for each skipped entry.
func walkSkipping(t *testing.T, base, checked, why string, skipped ...string) *Result {
	t.Helper()
	res, err := walkRun(t, base, []string{"tree"}, hostileOptions())
	if err != nil {
		t.Fatalf("entries skipped while walking must not fail the run: %v", err)
	}
	if strings.Join(res.Files, ",") != checked {
		t.Errorf("checked %q, want only %s", res.Files, checked)
	}
	for _, p := range skipped {
		if !hasNote(res, p, why) {
			t.Errorf("no %q note for %s; notes: %q", why, p, res.Notes)
		}
	}
	return res
}

// TestWalkSkipsFIFOs: a FIFO met while walking is skipped with a note and
// never opened (opening one blocks until a writer appears), also when a
// symlink leads to it.
func TestWalkSkipsFIFOs(t *testing.T) {
	base := t.TempDir()
	testfiles.Write(t, filepath.Join(base, "tree", "users.json"), walkDoc)
	mkfifo(t, filepath.Join(base, "tree", "pipe.json"))
	mkfifo(t, filepath.Join(base, "tree", "pipe.txt")) // not an export name: ignored silently
	symlink(t, "pipe.json", filepath.Join(base, "tree", "to-pipe.xml"))

	res := walkSkipping(t, base, "tree/users.json", "named pipe", "tree/pipe.json", "tree/to-pipe.xml")
	if hasNote(res, "tree/pipe.txt", "") {
		t.Errorf("a FIFO with a non-export name should be ignored silently; notes: %q", res.Notes)
	}
}

// TestExplicitSpecialFiles: a FIFO (directly or through a symlink) or a
// device named on the command line is a usage error with a clear message
// (exit 2), returned at once.
func TestExplicitSpecialFiles(t *testing.T) {
	base := t.TempDir()
	mkfifo(t, filepath.Join(base, "pipe.json"))
	symlink(t, "pipe.json", filepath.Join(base, "to-pipe.json"))
	cases := map[string]string{
		"pipe.json":    "pipe.json: not a regular file (named pipe)",
		"to-pipe.json": "to-pipe.json: not a regular file (named pipe)",
	}
	if fi, err := os.Stat(os.DevNull); err == nil && fi.Mode()&os.ModeDevice != 0 {
		cases[os.DevNull] = os.DevNull + ": not a regular file (device)"
	}
	for arg, want := range cases {
		_, err := walkRun(t, base, []string{arg}, hostileOptions())
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%s: got %v, want a usage error", arg, err)
			continue
		}
		if ue.Msg != want {
			t.Errorf("%s: message %q, want %q", arg, ue.Msg, want)
		}
	}
}

// TestReadRefusesFIFO: discovery checked the file type, but a file can be
// replaced by a FIFO before a worker reads it; read itself must refuse it
// (not block in open), also through a symlink.
func TestReadRefusesFIFO(t *testing.T) {
	base := t.TempDir()
	fifo := filepath.Join(base, "users.json")
	mkfifo(t, fifo)
	link := filepath.Join(base, "link.json")
	symlink(t, fifo, link)
	for _, p := range []string{fifo, link} {
		var err error
		guarded(t, "read("+p+")", func() { _, _, _, err = read(input{path: p, fsPath: p}, Options{MapFiles: true}) })
		if err == nil || !strings.Contains(err.Error(), "not a regular file (named pipe)") {
			t.Errorf("read(%s): %v, want a not-a-regular-file error", p, err)
		}
	}
}

// TestFileVanishesBeforeRead: a file found by the walk that disappears
// before it is read becomes a note; a file named on the command line that
// disappears is a usage error. The Exclude hook runs during the walk, after
// earlier files were discovered, which makes the race deterministic.
func TestFileVanishesBeforeRead(t *testing.T) {
	base := t.TempDir()
	testfiles.Write(t, filepath.Join(base, "named.json"), walkDoc)
	testfiles.Write(t, filepath.Join(base, "tree", "a.json"), walkDoc)
	testfiles.Write(t, filepath.Join(base, "tree", "b.json"), walkDoc)
	remover := func(victim string) func(string) bool {
		return func(p string) bool {
			if p == "tree/b.json" {
				os.Remove(filepath.Join(base, victim))
			}
			return false
		}
	}

	opts := hostileOptions()
	opts.Exclude = remover("tree/a.json")
	res, err := walkRun(t, base, []string{"tree"}, opts)
	if err != nil {
		t.Fatalf("a walked file that vanished must not fail the run: %v", err)
	}
	if strings.Join(res.Files, ",") != "tree/b.json" || !hasNote(res, "tree/a.json", "no such file") {
		t.Errorf("files %q notes %q; want b.json checked and a note for a.json", res.Files, res.Notes)
	}

	opts.Exclude = remover("named.json")
	_, err = walkRun(t, base, []string{"named.json", "tree"}, opts)
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Msg != "named.json: no such file or directory" {
		t.Errorf("named file vanished: got %v, want the usage error %q", err, "named.json: no such file or directory")
	}
}

// TestUnreadableEntries: unreadable files and directories met while walking
// are notes; an unreadable file named explicitly is a usage error.
func TestUnreadableEntries(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits do not make files unreadable on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop root from reading, so an unreadable file cannot be made (run the tests as an ordinary user to cover this)")
	}
	base := t.TempDir()
	testfiles.Write(t, filepath.Join(base, "tree", "ok.json"), walkDoc)
	testfiles.Write(t, filepath.Join(base, "tree", "secret.json"), walkDoc)
	testfiles.Write(t, filepath.Join(base, "tree", "locked", "inner.json"), walkDoc)
	for _, p := range []string{"tree/secret.json", "tree/locked"} {
		if err := os.Chmod(filepath.Join(base, p), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(base, p), 0o755) })
	}
	walkSkipping(t, base, "tree/ok.json", "permission denied", "tree/secret.json", "tree/locked")
	_, err := walkRun(t, base, []string{"tree/secret.json"}, hostileOptions())
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "permission denied") {
		t.Errorf("unreadable named file: got %v, want a permission-denied usage error", err)
	}
}

// TestNonUTF8FileName: a file whose name is not valid UTF-8 is found,
// checked and reported under its exact name (so the finding can be mapped
// back to the file); the reporters keep their output valid (checked on the
// real binary in internal/cli).
func TestNonUTF8FileName(t *testing.T) {
	base := t.TempDir()
	testfiles.WriteNonUTF8Name(t, base, walkDoc)
	name := testfiles.NonUTF8Name
	res, err := walkRun(t, base, []string{"."}, hostileOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0] != name {
		t.Fatalf("checked %q, want [%q]", res.Files, name)
	}
	var paths []string
	for _, f := range res.Findings {
		paths = append(paths, f.Path)
	}
	sort.Strings(paths)
	if len(paths) == 0 || paths[0] != name {
		t.Errorf("findings on %q, want them on %q", paths, name)
	}
}
