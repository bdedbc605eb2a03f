// Package golden compares test output with checked-in golden files. Every
// golden in the repository goes through it, so one flag, -update, rewrites
// them all (see the README's Development section).
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output, then review the diff")

// Updating reports whether the run rewrites goldens instead of comparing.
func Updating() bool { return *update }

// Check compares got with the file at path, or rewrites the file with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if *update {
		if err == nil && bytes.Equal(got, want) {
			return // unchanged: other tests may be reading it meanwhile
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatalf("missing golden file: %v (run the test with -update, then review it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (-update rewrites it)\n--- want\n%s--- got\n%s", path, want, got)
	}
}

// IsFixture reports whether a file of a fixture folder is a case (its
// golden is <case>.want beside it), not a golden or a case's configuration.
func IsFixture(name string) bool {
	if strings.HasSuffix(name, ".rbaclint.yaml") || strings.HasPrefix(name, ".") {
		return false
	}
	switch filepath.Ext(name) {
	case ".json", ".xml", ".yaml", ".yml", ".env":
		return true
	}
	return false
}
