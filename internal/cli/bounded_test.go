package cli_test

// Bounded cost (issue 18, items 7-11): every input under the size limits
// finishes and is reported, whatever its shape. The guard below is not a
// performance assertion: fixed, these runs take well under a second; before
// the fixes each took from 20 s to hours.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const costGuard = 30 * time.Second

// runBounded runs the binary and fails the test when it has not finished
// within costGuard.
func runBounded(t *testing.T, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), costGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	r := finish(t, cmd)
	if ctx.Err() != nil {
		t.Fatalf("rbaclint %q did not finish within %v: unbounded cost", args, costGuard)
	}
	return r
}

// TestHugeUnknownRoleGetsNoSuggestion: a 5 MB unknown role is reported
// without a "did you mean" computed over it (a full edit distance against
// every known role took minutes).
func TestHugeUnknownRoleGetsNoSuggestion(t *testing.T) {
	role := strings.Repeat("customer.user", 5<<20/13)
	dir := writeFiles(t, map[string]string{"users.json": `[{"id": "u-1", "displayName": "Ana", "email": "ana@example.com", "primaryTenant": "acme-01", "roles": ["` + role + `"]}]` + "\n"})
	r := runBounded(t, dir, "--format", "json", "users.json")
	if r.code != 1 || !strings.Contains(r.stdout, `"rule": "tenant/unknown-role"`) {
		t.Fatalf("exit %d; want a tenant/unknown-role finding\n%.2000s\n%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "did you mean") {
		t.Errorf("a suggestion was computed for a 5 MB role")
	}
}

// TestManyDoubleStarGlobs: ten "**/" in an exclude pattern against a
// 26-deep path.
func TestManyDoubleStarGlobs(t *testing.T) {
	deep := strings.Repeat("d/", 26)
	dir := writeFiles(t, map[string]string{
		".rbaclint.yaml":      "version: 1\nexclude:\n  - \"" + strings.Repeat("**/", 10) + "nomatch/x.json\"\n",
		deep + "profile.json": badProfile,
	})
	r := runBounded(t, dir, ".")
	if r.code != 1 || !strings.Contains(r.stdout, filepath.ToSlash(deep)+"profile.json:") {
		t.Fatalf("exit %d, want the deep file checked\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestConfigAndBaselineMustBeRegularFiles: a configuration or baseline that
// is a symlink to /dev/zero, or a FIFO, is exit 2 with one line, never an
// out-of-memory dump or a hang.
func TestConfigAndBaselineMustBeRegularFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := writeFiles(t, map[string]string{"a.json": cleanProfile})
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(dir, "fifo.yaml")); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"--config", "zero.yaml", "a.json"},
		{"--config", "fifo.yaml", "a.json"},
		{"--no-config", "--baseline", "zero.yaml", "a.json"},
		{"--no-config", "--baseline", "fifo.yaml", "a.json"},
		{"config", "verify", "fifo.yaml"},
	} {
		r := runBounded(t, dir, args...)
		if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "not a regular file") {
			t.Errorf("%q: exit %d, want 2 with one line naming the file type\n%s", args, r.code, r.stderr)
		}
	}
	// Discovered: a .rbaclint.yaml that is a FIFO.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(sub, ".rbaclint.yaml")); err != nil {
		t.Fatal(err)
	}
	r := runBounded(t, sub, "../a.json")
	if r.code != 2 || !strings.Contains(r.stderr, "not a regular file (named pipe)") {
		t.Errorf("discovered FIFO configuration: exit %d\n%s", r.code, r.stderr)
	}
}

// TestAliasExpansionCountsBytes: aliases of a large value pass a cap on
// the number of values expanded, yet make every rule read gigabytes (99,999
// aliases of a 1 MB scalar: hours; 1,000 aliased users: 11 GB of memory).
// Both stop with limit-exceeded at the first alias past 16 MiB.
func TestAliasExpansionCountsBytes(t *testing.T) {
	var scalars strings.Builder
	scalars.WriteString("reasonCodes:\n  - &big \"" + strings.Repeat("x", 1<<20) + "\"\n")
	for range 99999 {
		scalars.WriteString("  - *big\n")
	}
	var users strings.Builder
	users.WriteString("users:\n  - &u\n    id: u-1\n    displayName: Ana\n    email: ana@example.com\n    roles:\n")
	for i := range 2000 {
		users.WriteString("      - r" + strings.Repeat("x", 9000) + string(rune('a'+i%26)) + "\n")
	}
	for range 1000 {
		users.WriteString("  - *u\n")
	}
	dir := writeFiles(t, map[string]string{"scalars.yaml": scalars.String(), "users.yaml": users.String()})
	for _, c := range []struct{ file, at string }{
		{"scalars.yaml", "scalars.yaml:18:5"},
		{"users.yaml", "users.yaml:2007:5"},
	} {
		r := runBounded(t, dir, "--kind", "tenant-users", "--no-config", c.file)
		if r.code != 1 || !strings.Contains(r.stdout, c.at) || !strings.Contains(r.stdout, "MiB of text") {
			t.Errorf("%s: exit %d; want limit-exceeded at %s\n%.2000s\n%s", c.file, r.code, c.at, r.stdout, r.stderr)
		}
	}
}

// TestDuplicateKeysPastTheCap: the loaders stop building duplicate-key
// findings at the per-file cap (a million duplicate keys in a 5 MB YAML
// built 1.7 GB of findings for the cap to drop) and count the rest: the
// cap's note says exactly how many findings were left out, at the first
// one left out, as when every finding is built (a cap above the file's
// findings builds them all), with the same exit code; and a key given a
// thousand times is one finding.
func TestDuplicateKeysPastTheCap(t *testing.T) {
	var y, j strings.Builder
	y.WriteString("url: /finesse/api/ReasonCodes\n")
	j.WriteString(`{"url": "/finesse/api/ReasonCodes"`)
	for i := range 3000 {
		fmt.Fprintf(&y, "k%d: 1\nk%d: 2\n", i, i)
		fmt.Fprintf(&j, ",\n\"k%d\": 1, \"k%d\": 2", i, i)
	}
	for range 1000 {
		y.WriteString("same: 1\n")
		j.WriteString(`, "same": 1`)
	}
	j.WriteString("}\n")
	dir := writeFiles(t, map[string]string{"dups.yaml": y.String(), "dups.json": j.String()})
	for _, name := range []string{"dups.yaml", "dups.json"} {
		full := runBounded(t, dir, "--format", "json", "--max-findings", "100000", name)
		all := jsonFindings(t, full.stdout)
		dups := 0
		for _, f := range all {
			if f.Rule == "duplicate-key" {
				dups++
			}
		}
		if full.code != 1 || dups != 3000+1 { // the k keys, and "same" once
			t.Fatalf("%s: exit %d, %d duplicate-key findings, want 3001", name, full.code, dups)
		}
		for _, max := range []int{1, 100, len(all) - 1} {
			r := runBounded(t, dir, "--format", "json", "--max-findings", strconv.Itoa(max), name)
			got := jsonFindings(t, r.stdout)
			if r.code != full.code || len(got) != max+1 {
				t.Fatalf("%s --max-findings %d: exit %d, %d findings, want %d and the note", name, max, r.code, len(got), max+1)
			}
			for i := range max {
				if got[i] != all[i] {
					t.Errorf("%s --max-findings %d: finding %d is %+v, want %+v", name, max, i, got[i], all[i])
				}
			}
			note := got[max]
			want := fmt.Sprintf("%d more findings in this file were not shown (limit %d per file;", len(all)-max, max)
			if note.Rule != "limit-exceeded" || !strings.HasPrefix(note.Message, want) || note.Line != all[max].Line || note.Column != all[max].Column {
				t.Errorf("%s --max-findings %d: note %+v, want %q at %d:%d", name, max, note, want, all[max].Line, all[max].Column)
			}
		}
		// Turned off, the duplicates left out are not counted either.
		r := runBounded(t, dir, "--format", "json", "--max-findings", "1", "--rule", "duplicate-key=off", name)
		if got := jsonFindings(t, r.stdout); len(got) != len(all)-dups {
			t.Errorf("%s with duplicate-key off: %+v", name, got)
		}
	}
}
