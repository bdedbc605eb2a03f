//go:build unix

package regularfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestFIFOSwappedInAfterTheCheck replaces the regular file by a FIFO
// between Open's check and its open (as a hostile process could): the open
// must not wait for a writer, and the file is refused.
func TestFIFOSwappedInAfterTheCheck(t *testing.T) {
	p := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	afterStat = func(path string) {
		if err := os.Remove(path); err != nil {
			t.Error(err)
		}
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Error(err)
		}
	}
	defer func() { afterStat = nil }()
	done := make(chan error, 1)
	go func() { _, err := Read(p, 100); done <- err }()
	select {
	case err := <-done:
		var nr *NotRegularError
		if !errors.As(err, &nr) || err.Error() != "not a regular file (named pipe)" {
			t.Errorf("a FIFO swapped in: %v", err)
		}
	case <-time.After(10 * time.Second): // a hang guard, not a timing
		// Unblock the open so the goroutine ends.
		if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("opening a FIFO swapped in after the check blocks")
	}
}
