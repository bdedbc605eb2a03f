//go:build linux || darwin

package mapped

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestTruncatedMappingFaults: after the file is truncated, reading the
// mapping past the new end faults; with SetPanicOnFault that is a panic,
// and Shrunk sees the change.
func TestTruncatedMappingFaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.json")
	text := strings.Repeat("x", 3*os.Getpagesize())
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	data, ok := Map(f, fi.Size())
	f.Close() // the mapping outlives the file
	if !ok {
		t.Fatal("a regular file was not mapped")
	}
	if string(data) != text {
		t.Fatal("the mapping does not hold the file's bytes")
	}
	if Shrunk(path, fi, data) {
		t.Fatal("Shrunk before any change")
	}
	if err := os.Truncate(path, 10); err != nil {
		t.Fatal(err)
	}
	if !Shrunk(path, fi, data) {
		t.Fatal("Shrunk missed the truncation")
	}
	var faulted any
	func() {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { faulted = recover() }()
		sink = data[len(data)-1]
	}()
	if faulted == nil {
		t.Fatal("reading past the new end did not fault")
	}
	if !Faulted(faulted) {
		t.Errorf("Faulted does not know the fault %v", faulted)
	}
	var nilDeref any
	func() {
		defer func() { nilDeref = recover() }()
		var p *[4]byte
		sink = p[1]
	}()
	if nilDeref == nil || Faulted(nilDeref) || Faulted("a string") {
		t.Errorf("Faulted takes other panics (%v) for a truncated mapping", nilDeref)
	}
}

// TestReplacedFileIsNotShrunk: a file renamed over the mapped one (as
// editors and --fix write) leaves the mapping whole.
func TestReplacedFileIsNotShrunk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "users.json")
	if err := os.WriteFile(path, []byte(strings.Repeat("y", 5000)), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	data, ok := Map(f, fi.Size())
	if !ok {
		t.Fatal("not mapped")
	}
	other := filepath.Join(dir, "new")
	if err := os.WriteFile(other, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if Shrunk(path, fi, data) {
		t.Error("a replaced file counted as shrunk")
	}
	if data[len(data)-1] != 'y' {
		t.Error("the mapping lost the old file's bytes")
	}
}

func TestEmptyFileIsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.json")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, ok := Map(f, 0); ok {
		t.Error("an empty file was mapped")
	}
}

var sink byte // a read the compiler keeps
