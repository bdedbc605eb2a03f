// Package atomicfile writes output files (reports, baselines) so that a
// reader never sees a partial file: the content goes to a temporary file in
// the same directory, which is then renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

func write(path string, mode fs.FileMode, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	defer os.Remove(tmp.Name())
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
