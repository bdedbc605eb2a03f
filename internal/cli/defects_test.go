package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
)

// --output without --format takes the format its file name says, or is
// refused: a SARIF upload must never receive the text report.
func TestOutputFormatFromExtension(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.json": badProfile})
	r := run(t, dir, "", "--output", "x.sarif", "--output", "r.json", "bad.json")
	if r.code != 1 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []any  `json:"runs"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "x.sarif"))
	if err := json.Unmarshal(b, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 {
		t.Errorf("x.sarif is not a SARIF log (%v):\n%s", err, b)
	}
	var doc map[string]any
	b, _ = os.ReadFile(filepath.Join(dir, "r.json"))
	if err := json.Unmarshal(b, &doc); err != nil || doc["findings"] == nil {
		t.Errorf("r.json is not the JSON report (%v):\n%s", err, b)
	}
	if r.stdout != "" {
		t.Errorf("nothing should go to stdout when every format has a file:\n%s", r.stdout)
	}
	r = run(t, dir, "", "--output", "report.out", "bad.json")
	if r.code != 2 || !strings.Contains(r.stderr, "cannot tell the format from the file name") {
		t.Errorf("--output report.out: code %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.out")); err == nil {
		t.Errorf("report.out was written although the format is unknown")
	}
	// An explicit --format still wins over the name.
	r = run(t, dir, "", "--format", "text", "--output", "t.sarif", "bad.json")
	if b, _ := os.ReadFile(filepath.Join(dir, "t.sarif")); r.code != 1 || !strings.HasPrefix(string(b), "bad.json:2:") {
		t.Errorf("explicit --format text: code %d\n%s", r.code, b)
	}
}

func TestJUnitCaseNamesUnique(t *testing.T) {
	// Two schema findings at 1:1: two missing required keys of one object.
	dir := writeFiles(t, map[string]string{"p.json": `{"profileType": "SUPERVISOR", "permissionAccessLevel": "ALL", "resourceAccessLevel": "ALL"}`})
	r := run(t, dir, "", "--no-config", "--format", "junit", "p.json")
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name      string `xml:"name,attr"`
				ClassName string `xml:"classname,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("junit: %v\n%s", err, r.stdout)
	}
	seen := map[string]bool{}
	n := 0
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			key := c.ClassName + "\x00" + c.Name
			if seen[key] {
				t.Errorf("test case %q of %s repeats", c.Name, c.ClassName)
			}
			seen[key] = true
			n++
		}
	}
	if n < 2 || !seen["p.json\x00schema at 1:1 (2)"] {
		t.Errorf("expected two schema cases at 1:1, got %v", seen)
	}
}

func TestConfigErrorsNameKeysUnescaped(t *testing.T) {
	dir := writeFiles(t, map[string]string{".rbaclint.yaml": "version: 1\nrules:\n  webex/privilege-escalation: loud\n"})
	r := run(t, dir, "", "config", "verify")
	if r.code != 2 || !strings.Contains(r.stderr, "rules.webex/privilege-escalation:") || strings.Contains(r.stderr, "~1") {
		t.Errorf("code %d\n%s", r.code, r.stderr)
	}
}

func TestHelpAndNegativeCounts(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "", "explain", "-h"); r.code != 0 || !strings.Contains(r.stdout, "rbaclint explain RULE-ID") {
		t.Errorf("explain -h: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, flag := range []string{"--jobs", "--max-file-size", "--max-depth", "--max-findings"} {
		r := run(t, dir, "", flag, "-1", ".")
		if r.code != 2 || !strings.Contains(r.stderr, flag+" -1: want a positive number") {
			t.Errorf("%s -1: code %d\n%s", flag, r.code, r.stderr)
		}
	}
}

// The README's commands that write files from a test must not be served
// from go test's cache, which would write nothing.
func TestReadmeFileWritingTestsUncached(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "_DIR=") && strings.Contains(line, "go test") && !strings.Contains(line, "-count=1") {
			t.Errorf("README command can be cached by go test (add -count=1): %s", line)
		}
	}
}

// A run stopped by a configuration error still writes its SARIF log (valid
// against the official schema), with the error as a tool notification, so
// that upload-sarif with if: always() finds a file.
func TestSARIFWrittenOnConfigError(t *testing.T) {
	schema := jsontest.OfficialSARIF(t)
	dir := writeFiles(t, map[string]string{
		".rbaclint.yaml": "version: 1\nrules:\n  webex/permisions-required: error\n",
		"p.json":         cleanProfile,
	})
	for _, args := range [][]string{
		{"--format", "sarif", "--output", "out.sarif", "--format", "github", "p.json"}, // config error
		{"--output", "out.sarif"}, // no input
	} {
		os.Remove(filepath.Join(dir, "out.sarif"))
		r := run(t, dir, "", args...)
		if r.code != 2 {
			t.Fatalf("%v: code %d, want 2\n%s", args, r.code, r.stderr)
		}
		b, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
		if err != nil {
			t.Fatalf("%v: no SARIF log written on exit 2: %v", args, err)
		}
		if err := schema.Validate(jsontest.Decode(t, b)); err != nil {
			t.Errorf("%v: the SARIF log is not valid: %v", args, err)
		}
		var log struct {
			Runs []struct {
				Results     []any `json:"results"`
				Invocations []struct {
					ExecutionSuccessful bool `json:"executionSuccessful"`
					ExitCode            int  `json:"exitCode"`
					Notes               []struct {
						Level   string `json:"level"`
						Message struct {
							Text string `json:"text"`
						} `json:"message"`
					} `json:"toolExecutionNotifications"`
				} `json:"invocations"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(b, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
			t.Fatalf("%v: unexpected SARIF shape (%v):\n%s", args, err, b)
		}
		inv := log.Runs[0].Invocations[0]
		stderrLine := strings.TrimPrefix(strings.SplitN(r.stderr, "\n", 2)[0], "rbaclint: ")
		if inv.ExecutionSuccessful || inv.ExitCode != 2 || len(inv.Notes) != 1 || inv.Notes[0].Level != "error" || !strings.Contains(inv.Notes[0].Message.Text, stderrLine) {
			t.Errorf("%v: invocation %+v does not carry the error %q", args, inv, stderrLine)
		}
	}
}

// --set-context: set-level rules see the other exports of the directory,
// and only the named files' findings are reported.
func TestSetContext(t *testing.T) {
	user := func(id, email, roles string) string {
		return `{"page_size": 1, "status": "success", "data": [{"id": "` + id + `", "displayName": "User ` + id + `", "email": "` + email + `", "roles": [` + roles + `], "primaryTenant": "t1"}]}` + "\n"
	}
	dir := writeFiles(t, map[string]string{
		"a.json": user("u1", "same@example.com", `"customer.user", "user.admin"`),
		"b.json": user("u2", "same@example.com", `"customer.user"`),
		"c.json": user("u3", "c@example.com", `"customer.user"`),
	})
	r := run(t, dir, "", "--set-context", ".", "b.json")
	if r.code != 1 || !strings.Contains(r.stdout, "b.json:1:") || !strings.Contains(r.stdout, "[tenant/duplicate-email]") || !strings.Contains(r.stdout, "a.json:1:") {
		t.Errorf("b.json with context: code %d\n%s", r.code, r.stdout)
	}
	// Alone, c.json's tenant would have no user admin; a.json (context) has one.
	if r := run(t, dir, "", "c.json"); !strings.Contains(r.stdout, "tenant/user-admin-required") {
		t.Errorf("without context, c.json alone should lack an admin:\n%s", r.stdout)
	}
	r = run(t, dir, "", "--set-context", ".", "c.json")
	if r.code != 0 || strings.Contains(r.stdout, "a.json") || strings.Contains(r.stdout, "b.json") {
		t.Errorf("c.json with context: code %d (findings of context files must not be reported)\n%s", r.code, r.stdout)
	}
}

func TestRuleControlAndIntrospection(t *testing.T) {
	root := "../.."
	base := run(t, root, "", "--no-config", "--format", "json", "examples")
	count := func(out, id string) int { return strings.Count(out, `"rule": "`+id+`"`) }
	if count(base.stdout, "webex/permissions-required") == 0 {
		t.Fatalf("the examples have no webex/permissions-required finding:\n%s", base.stdout)
	}
	r := run(t, root, "", "--no-config", "--format", "json", "--disable", "webex/permissions-required", "examples")
	if count(r.stdout, "webex/permissions-required") != 0 {
		t.Errorf("--disable left findings of the rule")
	}
	r = run(t, root, "", "--no-config", "--rule", "webex/permissions-required=note", "examples")
	if !strings.Contains(r.stdout, ": note: ") || strings.Contains(r.stdout, "error: profile \"Tier 2 Agents\": permissionAccessLevel is SPECIFIC") {
		t.Errorf("--rule ID=note did not lower the level:\n%s", r.stdout)
	}
	// --enable wins over a configuration that turns the rule off.
	dir := writeFiles(t, map[string]string{".rbaclint.yaml": "version: 1\nrules:\n  webex/permissions-required: off\n", "p.json": badProfile})
	if r := run(t, dir, "", "p.json"); strings.Contains(r.stdout, "permissions-required") {
		t.Fatalf("the configuration did not turn the rule off:\n%s", r.stdout)
	}
	if r := run(t, dir, "", "--enable", "webex/permissions-required", "p.json"); r.code != 1 || !strings.Contains(r.stdout, "[webex/permissions-required]") {
		t.Errorf("--enable: code %d\n%s", r.code, r.stdout)
	}
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--rule", "webex/permisions-required=off", "."}, "did you mean webex/permissions-required?"},
		{[]string{"--rule", "schema=loud", "."}, `level "loud"`},
		{[]string{"--rule", "schema", "."}, "want RULE-ID=LEVEL"},
		{[]string{"--formt", "json", "."}, "unknown flag --formt; did you mean --format?"},
	} {
		if r := run(t, dir, "", c.args...); r.code != 2 || !strings.Contains(r.stderr, c.err) {
			t.Errorf("%v: code %d, stderr lacks %q:\n%s", c.args, r.code, c.err, r.stderr)
		}
	}
	r = run(t, dir, "", "--list-formats")
	for _, f := range []string{"text", "json", "sarif", "github", "junit", "codeclimate", "markdown"} {
		if r.code != 0 || !strings.Contains(r.stdout, f+" ") {
			t.Errorf("--list-formats lacks %s (code %d):\n%s", f, r.code, r.stdout)
		}
	}
}
