// Package testfiles writes the files tests set up on disk, failing the test
// (not returning an error) when the disk refuses.
package testfiles

import (
	"io/fs"
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

// Walk calls fn with the path and content of every file under dirs that
// keep accepts, in lexical order, failing the test when a directory or
// file cannot be read.
func Walk(tb testing.TB, keep func(path string) bool, fn func(path string, data []byte), dirs ...string) {
	tb.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !keep(path) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fn(path, data)
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}
