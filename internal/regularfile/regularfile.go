// Package regularfile opens and reads files that must be regular files:
// inputs, the configuration and baselines. A FIFO would block the run until
// a writer appears, a device such as /dev/zero never ends, and a symlink may
// point at either; all of them are refused, before and after opening.
package regularfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError is a FIFO, device, socket or directory where a file was
// expected.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("not a regular file (%s)", TypeName(e.Mode))
}

// TooLargeError is a file over the size limit; it was not read.
type TooLargeError struct{ Size, Max int64 } // Size < 0: more than Max, found while reading

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("more than %d bytes, over the %d-byte limit", e.Max, e.Max)
	}
	return fmt.Sprintf("%d bytes, over the %d-byte limit", e.Size, e.Max)
}

// TypeName names the kind of a file that is not regular.
func TypeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsDir():
		return "directory" // a symlinked directory met while walking, which is not followed
	}
	return "special file"
}

// afterStat, when a test sets it, runs between Open's check and its open:
// the moment another process could swap the file, made deterministic.
var afterStat func(path string)

// Open opens path for reading if it is a regular file (following
// symlinks). It checks the type before opening, opens without blocking (a
// FIFO swapped in after the check opens at once instead of waiting for a
// writer) and checks the open file again.
func Open(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Mode: fi.Mode()}
	}
	if afterStat != nil {
		afterStat(path)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Mode: fi.Mode()}
	}
	return f, fi, nil
}

// Read returns the bytes of the regular file path, at most max of them:
// a larger file is a *TooLargeError, and is not read.
func Read(path string, max int64) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > max {
		return nil, &TooLargeError{Size: fi.Size(), Max: max}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Size: -1, Max: max}
	}
	return data, nil
}
