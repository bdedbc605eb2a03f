package engine

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/regularfile"
	"github.com/rbaclint/rbaclint/internal/source"
)

// input is one file to check.
type input struct {
	path     string // as displayed: slash-separated, relative when the user gave a relative path
	fsPath   string // what to open; "" for stdin
	explicit bool   // named on the command line (unknown kinds are then reported, not skipped)
	excluded bool   // named, but matched by the configuration's exclude: (skipped)
	stdin    io.Reader
	memory   *File // a file held in memory (a git revision's blob)
}

// File is an input held in memory, such as a file of a git revision.
type File struct {
	Path     string // as displayed, slash-separated
	Data     []byte // nil when Size is over the file-size limit and was not read
	Size     int64
	Explicit bool // named by the user: an unknown kind is reported, not skipped
}

// Wanted reports whether a file met while walking a directory (by its
// display path) is checked: the same test the walk applies, for callers
// that list files from elsewhere (a git tree).
func Wanted(path string, exclude func(string) bool) bool {
	dir, name := "", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, name = path[:i], path[i+1:]
	}
	for _, seg := range strings.Split(dir, "/") {
		if skipDir(seg) {
			return false
		}
	}
	return source.Supported(name) && name != ".rbaclint.yaml" && (exclude == nil || !exclude(path))
}

// UsageError is a problem with what the user asked for (a path that does not
// exist, an unreadable explicit file): exit code 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// discover expands the command-line paths into inputs: directories are walked
// recursively (skipping .git and other VCS folders, and not following
// symlinked directories, so symlink loops cannot hang the walk), globs are
// expanded, and each file appears once. Problems met while walking become
// notes for the caller instead of failing the run.
//
// Named files that exclude matches are kept as excluded inputs (skipped, and
// listed with --verbose): pre-commit names every staged file, and exclude:
// must hold for those too.
func discover(args []string, stdinName string, exclude func(string) bool) ([]input, []string, error) {
	var out []input
	var notes []string
	seen := map[string]bool{}
	add := func(in input) {
		// One file however it is spelt: "a.json", "./a.json", "x/../a.json"
		// and its absolute path are checked once, under the first spelling.
		key := in.fsPath
		if key == "" {
			key = "\x00stdin"
		} else if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, in)
	}
	for _, arg := range args {
		if arg == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			add(input{path: filepath.ToSlash(name), explicit: true})
			continue
		}
		matches := []string{arg}
		if _, err := os.Lstat(arg); err != nil && strings.ContainsAny(arg, "*?[") {
			g, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, nil, &UsageError{Msg: fmt.Sprintf("%s: bad glob pattern: %v", arg, gerr)}
			}
			if len(g) == 0 {
				return nil, nil, &UsageError{Msg: fmt.Sprintf("%s: no file matches this pattern", arg)}
			}
			sort.Strings(g)
			matches = g
		}
		for _, m := range matches {
			fi, err := os.Stat(m)
			if err != nil {
				return nil, nil, &UsageError{Msg: describeOpenError(m, err)}
			}
			if !fi.IsDir() {
				if !fi.Mode().IsRegular() {
					return nil, nil, &UsageError{Msg: fmt.Sprintf("%s: not a regular file (%s)", m, regularfile.TypeName(fi.Mode()))}
				}
				disp := displayPath(m)
				add(input{path: disp, fsPath: m, explicit: true, excluded: exclude != nil && exclude(disp)})
				continue
			}
			walkNotes, err := walk(m, exclude, add)
			if err != nil {
				return nil, nil, err
			}
			notes = append(notes, walkNotes...)
		}
	}
	return out, notes, nil
}

// walk adds the supported files below root.
func walk(root string, exclude func(string) bool, add func(input)) ([]string, error) {
	var notes []string
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A symlink to a directory named on the command line is a request to
		// check that directory, but filepath.WalkDir does not descend into a
		// symlinked root (it would silently check nothing); a trailing
		// separator makes it resolve the root. Symlinks below it are still
		// not followed.
		root += string(filepath.Separator)
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return &UsageError{Msg: describeOpenError(p, err)}
			}
			notes = append(notes, describeOpenError(p, err)+" (skipped)")
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		disp := displayPath(p)
		if d.IsDir() {
			if p != root && (skipDir(d.Name()) || (exclude != nil && exclude(disp))) {
				return fs.SkipDir
			}
			return nil
		}
		if !source.Supported(d.Name()) || isConfigName(d.Name()) || (exclude != nil && exclude(disp)) {
			return nil // rbaclint's own configuration is not an export
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, serr := os.Stat(p)
			if serr != nil {
				notes = append(notes, describeOpenError(p, serr)+" (skipped)")
				return nil
			}
			mode = fi.Mode()
		}
		if !mode.IsRegular() {
			notes = append(notes, fmt.Sprintf("%s: not a regular file (%s), skipped", disp, regularfile.TypeName(mode)))
			return nil
		}
		add(input{path: disp, fsPath: p})
		return nil
	})
	return notes, err
}

// isConfigName: rbaclint's own configuration files (config.FileName and
// config.AltFileName; the engine does not import the config package).
func isConfigName(name string) bool {
	return name == ".rbaclint.yaml" || name == ".rbaclint.yml"
}

func skipDir(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", "node_modules":
		return true
	}
	return false
}

func displayPath(p string) string {
	return filepath.ToSlash(filepath.Clean(p))
}

func describeOpenError(p string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file or directory", p)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied", p)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", p, pe.Err)
	}
	return fmt.Sprintf("%s: %v", p, err)
}
