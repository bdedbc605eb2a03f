package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/internal/jsontest"
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
		{"webex-profiles", []string{"webex-profiles.json"}},
		{"tenant-users", []string{"tenant-users.json"}},
		{"cxone-script", []string{"cxone-script.json"}},
		{"finesse-integration", []string{"finesse-integration.yaml"}},
		{"broken", []string{"broken"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			formats := []string{"text", "json"}
			if c.name == "pcce-multi-file" || c.name == "tenant-users" {
				formats = append(formats, "markdown", "dot")
			}
			for _, format := range formats {
				args := append([]string{"access", "--no-config", "--format", format}, c.args...)
				r := run(t, accessDir, "", args...)
				if r.code != 0 {
					t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
				}
				// Only a file that cannot be read is said on stderr.
				wantErr := ""
				if c.name == "broken" {
					wantErr = "broken/roles.xml:9:3: error: this end tag does not match the start tag at 4:5; a \"<\" in text must be written as &lt; [syntax]\n"
				}
				if r.stderr != wantErr {
					t.Errorf("stderr = %q, want %q", r.stderr, wantErr)
				}
				ext := map[string]string{"text": ".txt", "json": ".json", "markdown": ".md", "dot": ".dot"}[format]
				golden.Check(t, filepath.Join("testdata", "access", c.name+ext), []byte(r.stdout))
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
	// The first three outputs take their format from the file name.
	r := run(t, accessDir, "", "access", "--no-config", "--capability", "manage-admins", "--capability", "org-settings",
		"--principal", `corp\s*`, "--output", csvPath, "--output", mdPath, "--output", dotPath, "pcce-multi-file")
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
	if r.stdout != "" {
		t.Errorf("every format went to a file, yet stdout has:\n%s", r.stdout)
	}
	r = run(t, accessDir, "", "access", "--no-config", "--principal", `corp\s*`, "pcce-multi-file")
	if !strings.Contains(r.stdout, `administrator CORP\secops-ana`) || strings.Contains(r.stdout, "jdoe") {
		t.Errorf("text output ignores --principal:\n%s", r.stdout)
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

// A role or role key held by many principals is one group node in the
// graphs; the tables still list every principal.
func TestAccessGraphGroupsBigRoles(t *testing.T) {
	var users []string
	for i := 1; i <= 8; i++ {
		users = append(users, fmt.Sprintf(`{"displayName": "U%d", "email": "u%d@example.com", "roles": ["customer.user", "pbx.silentmonitor"]}`, i, i))
	}
	users = append(users, `{"displayName": "Boss", "email": "boss@example.com", "roles": ["customer.user", "user.admin"]}`)
	dir := writeFiles(t, map[string]string{"users.json": "[\n" + strings.Join(users, ",\n") + "\n]\n"})
	r := run(t, dir, "", "access", "--no-config", "--format", "markdown", "users.json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	graph := r.stdout[strings.Index(r.stdout, "```mermaid"):]
	graph = graph[:strings.Index(graph[3:], "```")+3]
	if !strings.Contains(graph, `["8 users"]`) || strings.Contains(graph, "u3@example.com") {
		t.Errorf("the 8 holders of pbx.silentmonitor are not grouped:\n%s", graph)
	}
	if !strings.Contains(graph, `["user boss@example.com"]`) {
		t.Errorf("a role held by one principal lost its principal:\n%s", graph)
	}
	if !strings.Contains(r.stdout, "| user u3@example.com |") {
		t.Errorf("the table does not list every principal:\n%s", r.stdout)
	}
}

// The bundled examples: the inventory an auditor reads (text, and the CSV of
// who can create administrators), and the example policy that fails CI on
// the planted grant.
func TestAccessExamples(t *testing.T) {
	r := run(t, repoRoot, "", "access", "--no-config", "examples")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	golden.Check(t, filepath.Join("testdata", "access", "examples.txt"), []byte(r.stdout))
	r = run(t, repoRoot, "", "access", "--no-config", "--capability", "manage-admins", "--format", "csv", "examples/")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	golden.Check(t, filepath.Join("testdata", "access", "examples-manage-admins.csv"), []byte(r.stdout))

	r = run(t, repoRoot, "", "--config", "examples/access-policy.yaml", "--format", "json", "examples/")
	if r.code != 1 {
		t.Fatalf("the example policy: exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	var out struct {
		Findings []struct {
			Rule, Message, File string
			Line                int
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Findings {
		if strings.HasPrefix(f.Rule, "access/") {
			got = append(got, fmt.Sprintf("%s:%d %s %s", f.File, f.Line, f.Rule, f.Message[:strings.Index(f.Message, " holds")]))
		}
	}
	want := []string{
		`examples/pcce/roles.xml:68 access/not-allowed administrator CONTOSO.COM\helpdesk.svc`,
		`examples/pcce/roles.xml:68 access/not-allowed role HelpdeskAdmins`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("access findings of the example policy:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// access --list documents the vocabulary and every vendor's mapping, with
// a source per row and the inferred ones marked.
func TestAccessList(t *testing.T) {
	r := run(t, accessDir, "", "access", "--list")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"  manage-users    create, edit or delete users\n", "  routing         change scripts, flows or routing configuration\n",
		"\nwebex:\n", "\ntenant:\n", "\npcce:\n", "\ncxone:\n", "\nfinesse:\n",
		"built-in role SystemAdmin → manage-admins, manage-access, and what ConfigAdmin grants [documented]",
		"role key recording.viewer → recordings [inferred]",
		"profile type STANDARD_AGENT → nothing [documented]",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("access --list lacks %q", want)
		}
	}
	if n := strings.Count(r.stdout, "      source: "); n != strings.Count(r.stdout, " → ") {
		t.Errorf("%d sources for %d mapping rows", n, strings.Count(r.stdout, " → "))
	}
}

// Access findings are valid SARIF, and two principals holding one grant are
// two results with two fingerprints: a baseline that accepted one does not
// hide the other.
func TestAccessFindingsSARIF(t *testing.T) {
	r := run(t, repoRoot, "", "--config", "examples/access-policy.yaml", "--format", "sarif", "examples/")
	if err := jsontest.OfficialSARIF(t).Validate(jsontest.Decode(t, []byte(r.stdout))); err != nil { // related locations in the config file included
		t.Errorf("the SARIF log with access findings is not valid: %v", err)
	}
	seen := map[string]bool{}
	n := 0
	for _, res := range sarifResults(t, r.stdout) {
		if res.RuleID != "access/not-allowed" {
			continue
		}
		n++
		for _, fp := range res.PartialFingerprints {
			if seen[fp] {
				t.Errorf("two access/not-allowed results share the fingerprint %s", fp)
			}
			seen[fp] = true
		}
	}
	if n != 2 {
		t.Errorf("%d access/not-allowed results, want 2", n)
	}
}

// The README's "Access reviews" section documents every capability of the
// vocabulary and every vendor's principals.
func TestAccessREADME(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, "\n## Access reviews\n")
	if i < 0 {
		t.Fatal(`README has no "Access reviews" section`)
	}
	section := readme[i:]
	section = section[:strings.Index(section[1:], "\n## ")+1]
	r := run(t, accessDir, "", "access", "--list")
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && !strings.Contains(line, "→") {
			name := strings.Fields(line)[0]
			if !strings.Contains(section, "| `"+name+"` |") {
				t.Errorf("README's vocabulary table lacks %s", name)
			}
		}
	}
	for _, vendor := range []string{"webex", "tenant", "pcce", "cxone", "finesse"} {
		if !strings.Contains(section, "| `"+vendor+"` |") {
			t.Errorf("README's principals table lacks %s", vendor)
		}
	}
	for _, cmd := range []string{"rbaclint access --capability manage-admins --format csv examples/", "rbaclint --config examples/access-policy.yaml examples/"} {
		if !strings.Contains(section, cmd) {
			t.Errorf("README's Access reviews section lacks %q", cmd)
		}
	}
}

// Graphviz itself reads the dot output (the test needs the dot command;
// CI installs it).
func TestAccessDotRendersWithGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not installed")
	}
	r := run(t, repoRoot, "", "access", "--no-config", "--format", "dot", "examples", "testdata/access")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(r.stdout)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "<svg") || strings.Contains(string(out), "Warning") {
		t.Errorf("dot -Tsvg: %v\n%.2000s", err, out)
	}
}

// The finding quoted in access/not-allowed's documentation is the one the
// examples really produce.
func TestAccessDocQuotesRealOutput(t *testing.T) {
	r := run(t, repoRoot, "", "--config", "examples/access-policy.yaml", "--color", "never", "examples/")
	var line string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, `examples/pcce/roles.xml:68:45: error: administrator CONTOSO.COM\helpdesk.svc`) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no access/not-allowed finding for helpdesk.svc:\n%s", r.stdout)
	}
	if doc := run(t, repoRoot, "", "explain", "access/not-allowed"); !strings.Contains(doc.stdout, line) {
		t.Errorf("the rule's doc does not quote the real finding:\n%s", line)
	}
}
