// Package testfiles writes the files tests set up on disk, failing the test
// (not returning an error) when the disk refuses.
package testfiles

import (
	"os"
	"path/filepath"
	"runtime"
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

// NonUTF8Name is a file name that is not valid UTF-8.
const NonUTF8Name = "bad\xffname.json"

// WriteNonUTF8Name writes text to NonUTF8Name in dir. It skips the test
// where the file system takes only UTF-8 (or UTF-16) names.
func WriteNonUTF8Name(tb testing.TB, dir, text string) {
	tb.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		tb.Skip("the file system requires UTF-8 (or UTF-16) names")
	}
	if err := os.WriteFile(filepath.Join(dir, NonUTF8Name), []byte(text), 0o644); err != nil {
		tb.Skipf("the file system refuses non-UTF-8 names: %v", err)
	}
}
