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
func Write(path string, fill func(io.Writer) error) error {
	return write(path, 0o644, fill)
}

// Replace rewrites an existing file with data, keeping its permissions
// (`lint --fix` repairing an input). As with Write, a failure leaves the
// file as it was.
func Replace(path string, data []byte) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	return write(path, fi.Mode().Perm(), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
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
