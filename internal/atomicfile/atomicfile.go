// Package atomicfile writes output files (reports, baselines) so that a
// reader never sees a partial file: the content goes to a temporary file in
// the same directory, which is then renamed over the target. Temporary
// files are removed on SIGINT and SIGTERM, and those a killed run left
// behind are removed by the next write to the same target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Write creates or replaces path with what fill writes. On any error the
// target is left as it was and no temporary file remains.
//
// The one rule for an existing target, for reports, baselines and fixes
// alike: a symbolic link is written through (the file it names is
// replaced, the link stays, as a shell redirect does); a regular file
// without its owner's write permission is refused, whoever runs; a
// replaced file keeps its permissions, a new one gets 0644; a target that
// is no regular file (/dev/null, a pipe) is written directly, as it cannot
// be replaced; a directory is refused.
func Write(path string, fill func(io.Writer) error) error {
	target, mode, direct, err := prepare(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if direct {
		return writeDirect(path, target, fill)
	}
	return write(target, mode, fill)
}

// Replace rewrites an existing file with data (`lint --fix` repairing an
// input), by the same rule as Write.
func Replace(path string, data []byte) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// prepare applies the rule above: the file to write, its mode, and
// whether to write it directly.
func prepare(path string) (target string, mode fs.FileMode, direct bool, err error) {
	// Stat follows links as the kernel does, /proc's too (/dev/stdout).
	fi, err := os.Stat(path)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", 0, false, Cause(err)
	case err == nil && fi.IsDir():
		return "", 0, false, errors.New("it is a directory")
	case err == nil && !fi.Mode().IsRegular():
		return path, 0, true, nil
	case err == nil && fi.Mode().Perm()&0o200 == 0:
		return "", 0, false, errors.New("it is read-only (give it write permission, or name another file)")
	}
	if target, err = resolve(path); err != nil {
		return "", 0, false, err
	}
	if fi == nil {
		return target, 0o644, false, nil
	}
	return target, fi.Mode().Perm(), false, nil
}

// resolve follows symbolic links, also to a target that does not exist
// yet (a dangling link is written through too).
func resolve(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", Cause(err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// writeDirect writes a target that is no regular file.
func writeDirect(path, target string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	return nil
}

// TempSuffix ends every temporary file's name: ".<target>.<pid>-<random>"
// then this. Files ending in ".tmp" are ignored by the common .gitignore
// templates; "*.rbaclint.tmp" in .gitignore ignores exactly these (git
// itself ignores nothing by name, so a temporary file that outlives a
// SIGKILL would otherwise be picked up by `git add -A`).
const TempSuffix = ".rbaclint.tmp"

func write(path string, mode fs.FileMode, fill func(io.Writer) error) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	removeStale(dir, base)
	tmp, err := create(dir, base)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	defer release(tmp.Name())
	if err := fill(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	// CreateTemp makes the file private; reports and baselines are meant to
	// be shared like a file a shell redirect writes.
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	return nil
}

// tempPrefix starts the names of target base's temporary files, those of
// process pid; the pid tells a stale file (its writer is gone) from one
// another run is writing.
func tempPrefix(base string, pid int) string {
	return "." + base + "." + strconv.Itoa(pid) + "-"
}

// create makes a temporary file for target base in dir and registers it
// for removal on SIGINT and SIGTERM.
func create(dir, base string) (*os.File, error) {
	live.Lock()
	defer live.Unlock()
	if len(live.paths) == 0 {
		watchSignals() // before the file exists: a signal then finds it registered
	}
	tmp, err := os.CreateTemp(dir, tempPrefix(base, os.Getpid())+"*"+TempSuffix)
	if err != nil {
		if len(live.paths) == 0 {
			unwatchSignals()
		}
		return nil, err
	}
	live.paths[tmp.Name()] = true
	return tmp, nil
}

// release removes the temporary file (if it was not renamed) and
// unregisters it.
func release(name string) {
	live.Lock()
	defer live.Unlock()
	os.Remove(name)
	delete(live.paths, name)
	if len(live.paths) == 0 {
		unwatchSignals()
	}
}

// live holds the temporary files being written.
var live = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

// removeStale removes the temporary files of target base in dir that a
// run killed before it could (SIGKILL, a crash, a power cut) left behind:
// those of a process that no longer exists.
func removeStale(dir, base string) {
	names, err := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".*-*"+TempSuffix))
	if err != nil {
		return
	}
	for _, n := range names {
		rest := strings.TrimPrefix(filepath.Base(n), "."+base+".")
		pid, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, '-'), 0)])
		if err == nil && pid > 0 && pid != os.Getpid() && !processExists(pid) {
			os.Remove(n)
		}
	}
}

// globEscape quotes the glob metacharacters of a file name.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}

// Cause strips the operation and path from a file-system error ("open
// x.json: permission denied" becomes "permission denied"), for messages
// that name the file themselves.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
