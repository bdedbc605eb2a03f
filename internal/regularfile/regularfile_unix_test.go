//go:build unix

package regularfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadRefusesAndBounds(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(p, 100); err != nil || len(b) != 100 {
		t.Errorf("Read at the limit: %d bytes, %v", len(b), err)
	}
	var tl *TooLargeError
	if _, err := Read(p, 99); !errors.As(err, &tl) || tl.Size != 100 {
		t.Errorf("Read over the limit: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	var nr *NotRegularError
	if _, err := Read(fifo, 100); !errors.As(err, &nr) || err.Error() != "not a regular file (named pipe)" {
		t.Errorf("Read of a FIFO: %v", err)
	}
	if _, err := Read(dir, 100); !errors.As(err, &nr) {
		t.Errorf("Read of a directory: %v", err)
	}
}
