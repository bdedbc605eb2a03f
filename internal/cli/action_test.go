package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	yaml "go.yaml.in/yaml/v3"
)

// TestActionScript runs the GitHub Action's step script as the runner does:
// with the INPUT_* variables action.yml passes and the runner's files, over
// the bundled examples with the built binary.
func TestActionScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	root, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	summary, output := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "output")
	sarif := filepath.Join(tmp, "out", "rbaclint.sarif")
	os.MkdirAll(filepath.Dir(sarif), 0o755)
	cmd := exec.Command("bash", filepath.Join(root, "action", "run.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"RBACLINT_BIN="+binary, "RUNNER_TEMP="+tmp, "RBACLINT_ACTION_PATH="+root,
		"GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+output,
		"INPUT_PATHS=examples/webex\nexamples/tenant examples/pcce", "INPUT_FAIL_LEVEL=error",
		"INPUT_CONFIG=", "INPUT_VERSION=", "INPUT_SARIF_FILE="+sarif, "INPUT_ARGS=--no-config --jobs 2")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("the script should exit 1 (findings): %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "::error file=examples/") {
		t.Errorf("no workflow annotations on stdout:\n%s", out)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	b, err := os.ReadFile(sarif)
	if err != nil || json.Unmarshal(b, &log) != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("no SARIF log with results at %s (%v)", sarif, err)
	}
	s, _ := os.ReadFile(summary)
	if !strings.HasPrefix(string(s), "### rbaclint") || !strings.Contains(string(s), "| Severity | Rule | Where | Message |") {
		t.Errorf("job summary:\n%s", s)
	}
	rows := strings.Count(string(s), "\n| ") - 1 // minus the header's separator row
	if rows != len(log.Runs[0].Results) {
		t.Errorf("the summary has %d rows for %d SARIF results", rows, len(log.Runs[0].Results))
	}
	for _, dir := range []string{"examples/webex", "examples/tenant", "examples/pcce"} {
		if !strings.Contains(string(s), dir+"/") {
			t.Errorf("the summary names nothing under %s: paths input not split", dir)
		}
	}
	o, _ := os.ReadFile(output)
	if !strings.Contains(string(o), "exit-code=1\n") || !strings.Contains(string(o), "sarif-file="+sarif+"\n") {
		t.Errorf("step outputs:\n%s", o)
	}
	// Last: the official schema lives outside the repository, and a missing
	// one skips only this check.
	if err := jsontest.OfficialSARIF(t).Validate(jsontest.Decode(t, b)); err != nil {
		t.Errorf("the action's SARIF log is not valid against the official SARIF 2.1.0 schema: %v", err)
	}
}

// TestActionScriptConfigError: a configuration error (exit 2) still leaves a
// valid SARIF log for upload-sarif, and the job summary says what stopped the
// run (not an earlier run's table).
func TestActionScriptConfigError(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	root, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	summary, sarif, config := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "rbaclint.sarif"), filepath.Join(tmp, "bad.yaml")
	writeFile(t, config, "version: 1\nrules:\n  webex/permisions-required: error\n")
	writeFile(t, filepath.Join(tmp, "rbaclint-summary.md"), "| stale | table |\n") // a first run's, same job
	cmd := exec.Command("bash", filepath.Join(root, "action", "run.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"RBACLINT_BIN="+binary, "RUNNER_TEMP="+tmp, "GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_OUTPUT="+filepath.Join(tmp, "output"), "INPUT_PATHS=examples/tenant",
		"INPUT_CONFIG="+config, "INPUT_SARIF_FILE="+sarif, "INPUT_ARGS=")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("the script should exit 2 (configuration error): %v\n%s", err, out)
	}
	s, _ := os.ReadFile(summary)
	if !strings.Contains(string(s), "exit 2") || !strings.Contains(string(s), `bad.yaml:3:3: unknown rule "webex/permisions-required"`) || strings.Contains(string(s), "stale") {
		t.Errorf("job summary after a configuration error:\n%s", s)
	}
	b, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	if err := jsontest.OfficialSARIF(t).Validate(jsontest.Decode(t, b)); err != nil {
		t.Errorf("the SARIF log of a configuration error is not valid: %v", err)
	}
}

// TestActionInputsReachTheScript: every input of action.yml is passed to the
// script as INPUT_<NAME>, and the script reads every variable it is given.
func TestActionInputsReachTheScript(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]any `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID  string            `yaml:"id"`
				Env map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	script, err := os.ReadFile("../../action/run.sh")
	if err != nil {
		t.Fatal(err)
	}
	var env map[string]string
	for _, s := range action.Runs.Steps {
		if s.ID == "rbaclint" {
			env = s.Env
		}
	}
	for name := range action.Inputs {
		if name == "upload-sarif" {
			continue // used by the upload step itself
		}
		v := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if want := "${{ inputs." + name + " }}"; env[v] != want {
			t.Errorf("input %s: env %s = %q, want %q", name, v, env[v], want)
		}
	}
	for v := range env {
		if !regexp.MustCompile(`\$\{?` + v + `\b`).Match(script) {
			t.Errorf("action/run.sh never reads %s", v)
		}
	}
}
