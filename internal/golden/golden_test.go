package golden

import (
	"os/exec"
	"strings"
	"testing"
)

// TestEveryTestBinaryAcceptsUpdate keeps `go test ./... -update` working
// from the root: a test binary that does not link this package rejects the
// flag and fails the whole run. A new test package without goldens gets
// update_flag_test.go (a blank import of this package), as the others have.
func TestEveryTestBinaryAcceptsUpdate(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the test binaries")
	}
	cmd := exec.Command(goTool, "list", "-test", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const self = "github.com/rbaclint/rbaclint/internal/golden"
	binaries := 0
	for _, line := range strings.Split(string(out), "\n") {
		bin, deps, _ := strings.Cut(line, " ")
		if !strings.HasSuffix(bin, ".test") {
			continue // a package, not a test binary
		}
		binaries++
		linked := strings.TrimSuffix(bin, ".test") == self
		for _, d := range strings.Fields(deps) {
			linked = linked || d == self || strings.HasPrefix(d, self+" [")
		}
		if !linked {
			t.Errorf("%s does not accept -update: add update_flag_test.go importing %s", strings.TrimSuffix(bin, ".test"), self)
		}
	}
	if binaries < 10 {
		t.Fatalf("go list found only %d test binaries:\n%s", binaries, out)
	}
}
