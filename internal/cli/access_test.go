package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// accessDir holds the access fixtures, read through the real loaders by
// the real binary; the goldens are in testdata/access here.
var accessDir = filepath.Join("..", "..", "testdata", "access")

// TestAccessGolden compares the inventory of each fixture with its text
// and JSON goldens (go test ./internal/cli -update rewrites them).
func TestAccessGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"pcce-multi-file", []string{"pcce-multi-file"}},
		{"pcce-admins-only", []string{"pcce-admins-only.xml"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				args := append([]string{"access", "--no-config", "--format", format}, c.args...)
				r := run(t, accessDir, "", args...)
				if r.code != 0 {
					t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
				}
				ext := map[string]string{"text": ".txt", "json": ".json"}[format]
				golden(t, filepath.Join("testdata", "access", c.name+ext), r.stdout)
				if format == "json" {
					var doc struct {
						Version int `json:"version"`
						Grants  []struct {
							Principal, Capability, File string
							Line, Column                int
							Via                         []struct {
								Line int `json:"line"`
							}
						} `json:"grants"`
					}
					if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Version != 1 || len(doc.Grants) == 0 {
						t.Fatalf("JSON inventory: version %d, %d grants, err %v", doc.Version, len(doc.Grants), err)
					}
					for _, g := range doc.Grants {
						for i, l := range g.Via {
							if l.Line == 0 {
								t.Errorf("%s %s: link %d has no position", g.Principal, g.Capability, i)
							}
						}
					}
				}
			}
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" { // the package's -update flag (docs_test.go)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden %s (run go test ./internal/cli -update and review it): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s\n--- want\n%s--- got\n%s", path, want, got)
	}
}

// The same input gives byte-identical output, whatever --jobs is.
func TestAccessDeterministic(t *testing.T) {
	var first string
	for i, jobs := range []string{"1", "4", "1", "8"} {
		r := run(t, accessDir, "", "access", "--no-config", "--format", "json", "--jobs", jobs, ".")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if i == 0 {
			first = r.stdout
		} else if r.stdout != first {
			t.Fatalf("--jobs %s output differs from the first run", jobs)
		}
	}
}

func TestAccessFiltersAndFormats(t *testing.T) {
	dir := t.TempDir()
	csvPath, mdPath, dotPath := filepath.Join(dir, "a.csv"), filepath.Join(dir, "a.md"), filepath.Join(dir, "a.dot")
	r := run(t, accessDir, "", "access", "--no-config", "--capability", "manage-admins", "--capability", "org-settings",
		"--principal", `corp\s*`, "--format", "csv", "--output", csvPath, "--format", "markdown", "--output", mdPath,
		"--format", "dot", "--output", dotPath, "--format", "text", "pcce-multi-file")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows[1:] {
		got = append(got, row[0]+" "+row[1])
	}
	want := []string{`manage-admins CORP\secops-ana`, `org-settings CORP\secops-ana`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("filtered CSV rows = %q, want %q", got, want)
	}
	if rows[0][0] != "capability" || len(rows[0]) != len(rows[1]) {
		t.Errorf("CSV header = %v", rows[0])
	}
	if !strings.Contains(r.stdout, `administrator CORP\secops-ana`) || strings.Contains(r.stdout, "jdoe") {
		t.Errorf("text output ignores the filters:\n%s", r.stdout)
	}
	md, _ := os.ReadFile(mdPath)
	if !strings.Contains(string(md), "```mermaid\nflowchart LR\n") || !strings.Contains(string(md), `subgraph vendor_pcce["pcce"]`) {
		t.Errorf("markdown lacks its Mermaid graph:\n%s", md)
	}
	dot, _ := os.ReadFile(dotPath)
	if !strings.HasPrefix(string(dot), "digraph access {") || !strings.Contains(string(dot), `label="administrator CORP\\secops-ana"`) {
		t.Errorf("dot output:\n%s", dot)
	}
}

func TestAccessUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"access"}, "name files or directories"},
		{[]string{"access", "--capability", "manage-user", "."}, "did you mean manage-users?"},
		{[]string{"access", "--format", "sarif", "."}, `unknown --format "sarif"`},
		{[]string{"access", "--format", "json", "--format", "csv", "."}, "2 formats would go to standard output"},
		{[]string{"access", "no-such-dir"}, "no-such-dir"},
	} {
		r := run(t, accessDir, "", c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 with %q", c.args, r.code, r.stderr, c.want)
		}
	}
}
