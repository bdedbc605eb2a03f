package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// TestFixSkipsFileChangedOnDisk changes a file after it was linted and
// before the fixes are written: it must be left as the other writer left it.
func TestFixSkipsFileChangedOnDisk(t *testing.T) {
	users := `{"data": [{"id": "1", "displayName": "A", "email": "a@example.com", "roles": ["customer.user", "user.admin", "customer.user", "customer.settings"]}]}`
	path := filepath.Join(t.TempDir(), "users.json")
	if err := os.WriteFile(path, []byte(users), 0o644); err != nil {
		t.Fatal(err)
	}
	const theirs = `{"data": []}`
	lint := func(overlay map[string][]byte) (*engine.Result, error) {
		res, err := engine.Run([]string{filepath.ToSlash(path)}, engine.Options{Rules: registry.All(), Overlay: overlay})
		if err == nil {
			if werr := os.WriteFile(path, []byte(theirs), 0o644); werr != nil {
				t.Fatal(werr)
			}
		}
		return res, err
	}
	var stderr bytes.Buffer
	_, done, err := runFixes(lint, false, &bytes.Buffer{}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != theirs {
		t.Errorf("the file was written over: %s", got)
	}
	if done.fixes != 0 || !strings.Contains(stderr.String(), "changed on disk since it was read; not fixed") {
		t.Errorf("fixes %d, stderr %q", done.fixes, stderr.String())
	}
}
