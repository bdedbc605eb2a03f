// Package testfiles writes the files tests set up on disk, failing the test
// (not returning an error) when the disk refuses.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes text to path, creating its directory first.
func Write(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}
