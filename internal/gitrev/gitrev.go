// Package gitrev reads the files of a git revision with the git command:
// no checkout, no network, nothing written to the repository or its index.
package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Repo is the repository around a directory.
type Repo struct {
	top string // the work tree's top directory, symlinks resolved
	git string // the git executable
}

// File is one file of a revision.
type File struct {
	Path     string // displayed as the working tree's walk would show it
	Size     int64
	Data     []byte // nil when Size is over the limit given to Files
	Explicit bool   // the path named a file, not a directory
}

// Error is a problem the user can fix: no git, not a repository, an unknown
// revision, a path outside the repository.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Open finds the repository that contains dir.
func Open(dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, &Error{Msg: "git is not installed or not on PATH (reading revisions needs the git command)"}
	}
	r := &Repo{git: git}
	out, err := r.run(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		abs, _ := filepath.Abs(dir)
		return nil, &Error{Msg: fmt.Sprintf("%s is not inside a git work tree (%s)", abs, err)}
	}
	r.top = strings.TrimSuffix(string(out), "\n")
	if real, err := filepath.EvalSymlinks(r.top); err == nil {
		r.top = real
	}
	return r, nil
}

// Commit resolves a revision to a commit hash.
func (r *Repo) Commit(rev string) (string, error) {
	if rev == "" {
		return "", &Error{Msg: "empty revision"}
	}
	out, err := r.run(r.top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", &Error{Msg: fmt.Sprintf("unknown revision %q in %s", rev, r.top)}
	}
	return strings.TrimSpace(string(out)), nil
}

// Unborn reports whether HEAD names a branch that has no commit yet (a new
// repository).
func (r *Repo) Unborn() bool {
	if _, err := r.run(r.top, nil, "rev-parse", "--verify", "--quiet", "HEAD"); err == nil {
		return false
	}
	_, err := r.run(r.top, nil, "symbolic-ref", "--quiet", "HEAD")
	return err == nil
}

// Files returns the files of commit below the given paths (relative to cwd
// or absolute; a directory is taken recursively), named as a walk of the
// working tree from cwd would name them, and kept only when want says so
// (walked files; a path naming a file is always kept). Blobs larger than
// maxSize are listed with their size and not read. Symbolic links and
// submodules are left out.
func (r *Repo) Files(commit, cwd string, paths []string, want func(path string) bool, maxSize int64) ([]File, error) {
	type target struct{ arg, rel string }
	var targets []target
	for _, arg := range paths {
		rel, err := r.relative(cwd, arg)
		if err != nil {
			return nil, err
		}
		targets = append(targets, target{arg, rel})
	}
	out, err := r.run(r.top, nil, "ls-tree", "-r", "-z", "-l", "--full-name", commit)
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %v", commit, err)
	}
	type blob struct {
		file File
		oid  string
	}
	var blobs []blob
	seen := map[string]bool{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		meta, name, ok := strings.Cut(string(rec), "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta) // mode type object size
		if len(f) != 4 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		for _, t := range targets {
			var disp string
			explicit := false
			switch {
			case name == t.rel:
				disp, explicit = clean(t.arg), true
			case t.rel == ".":
				disp = clean(t.arg + "/" + name)
			case strings.HasPrefix(name, t.rel+"/"):
				disp = clean(t.arg + "/" + strings.TrimPrefix(name, t.rel+"/"))
			default:
				continue
			}
			if seen[disp] || (!explicit && want != nil && !want(disp)) {
				continue
			}
			seen[disp] = true
			blobs = append(blobs, blob{File{Path: disp, Size: size, Explicit: explicit}, f[2]})
		}
	}
	sort.Slice(blobs, func(i, j int) bool { return blobs[i].file.Path < blobs[j].file.Path })

	// One cat-file process reads every blob that is within the limit.
	var stdin bytes.Buffer
	var toRead []int
	for i, b := range blobs {
		if b.file.Size <= maxSize {
			stdin.WriteString(b.oid + "\n")
			toRead = append(toRead, i)
		}
	}
	files := make([]File, len(blobs))
	for i, b := range blobs {
		files[i] = b.file
	}
	if len(toRead) == 0 {
		return files, nil
	}
	raw, err := r.run(r.top, &stdin, "cat-file", "--batch")
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %v", err)
	}
	br := bufio.NewReader(bytes.NewReader(raw))
	for _, i := range toRead {
		header, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: short output")
		}
		h := strings.Fields(header)
		if len(h) != 3 || h[0] != blobs[i].oid {
			return nil, fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(header))
		}
		n, err := strconv.ParseInt(h[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git cat-file: bad size in %q", strings.TrimSpace(header))
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(br, data); err != nil {
			return nil, fmt.Errorf("git cat-file: short blob")
		}
		br.ReadByte() // the newline after each blob
		files[i].Data, files[i].Size = data, n
	}
	return files, nil
}

// Has reports whether commit has a file or directory at arg (relative to
// cwd or absolute).
func (r *Repo) Has(commit, cwd, arg string) (bool, error) {
	rel, err := r.relative(cwd, arg)
	if err != nil {
		return false, err
	}
	if rel == "." {
		return true, nil
	}
	_, err = r.run(r.top, nil, "cat-file", "-e", commit+":"+rel)
	return err == nil, nil
}

// relative returns arg as a slash path relative to the top of the work tree.
func (r *Repo) relative(cwd, arg string) (string, error) {
	abs := arg
	if !filepath.IsAbs(abs) {
		base := cwd
		if real, err := filepath.EvalSymlinks(cwd); err == nil {
			base = real
		}
		abs = filepath.Join(base, arg)
	} else if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(r.top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &Error{Msg: fmt.Sprintf("%s is outside the git work tree %s", arg, r.top)}
	}
	return filepath.ToSlash(rel), nil
}

// run runs git; optional locks are off so that not even the index's stat
// cache is refreshed.
func (r *Repo) run(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command(r.git, append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		var ee *exec.ExitError
		if msg == "" || !errors.As(err, &ee) {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out, nil
}

func clean(p string) string { return filepath.ToSlash(filepath.Clean(p)) }
