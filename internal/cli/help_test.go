package cli_test

import (
	"regexp"
	"strings"
	"testing"
)

// Every subcommand answers -h and --help with its own usage on standard
// output and exit code 0; help COMMAND prints the same.
func TestHelpOnEverySubcommand(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string // its synopsis line
	}{
		{nil, "rbaclint [lint] [flags] [PATH ...]"},
		{[]string{"lint"}, "rbaclint [lint] [flags] [PATH ...]"},
		{[]string{"access"}, "rbaclint access [flags] [PATH ...]"},
		{[]string{"diff"}, "rbaclint diff [flags] --base REV [--head REV] [PATH ...]"},
		{[]string{"rules"}, "rbaclint rules [--format FORMAT]"},
		{[]string{"explain"}, "rbaclint explain RULE-ID"},
		{[]string{"lsp"}, "rbaclint lsp"},
		{[]string{"config"}, "rbaclint config verify [FILE ...]"},
		{[]string{"config", "verify"}, "rbaclint config verify [FILE ...]"},
		{[]string{"config", "show"}, "rbaclint config show [FILE]"},
		{[]string{"init"}, "rbaclint init"},
		{[]string{"version"}, "rbaclint version"},
		{[]string{"completion"}, "rbaclint completion SHELL"},
		{[]string{"man"}, "rbaclint man"},
		{[]string{"help"}, "rbaclint help [COMMAND]"},
	} {
		var first string
		for _, h := range []string{"-h", "--help", "-help"} {
			args := append(append([]string{}, c.args...), h)
			r := run(t, dir, "", args...)
			if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "\n  "+c.want+"\n") {
				t.Errorf("rbaclint %s: exit %d, stderr %q, stdout:\n%s", strings.Join(args, " "), r.code, r.stderr, r.stdout)
				continue
			}
			if first == "" {
				first = r.stdout
			} else if r.stdout != first {
				t.Errorf("rbaclint %s prints another help than %s", strings.Join(args, " "), c.args)
			}
		}
		if len(c.args) == 0 || first == "" {
			continue
		}
		if r := run(t, dir, "", append([]string{"help"}, c.args...)...); r.code != 0 || r.stdout != first {
			t.Errorf("rbaclint help %s: exit %d, not the same as --help:\n%s%s", strings.Join(c.args, " "), r.code, r.stdout, r.stderr)
		}
	}
	// init -h must not have written a starter.
	if r := run(t, dir, "", "config", "show"); !strings.Contains(r.stdout, "no configuration file") {
		t.Errorf("init -h wrote a configuration:\n%s", r.stdout)
	}
}

// Each flag that a command's help lists is one the command accepts, and
// the overview names every command that runs.
func TestHelpListsWhatParses(t *testing.T) {
	dir := t.TempDir()
	spelled := regexp.MustCompile(`(?m)^  (?:-\w, )?--([a-z-]+)`)
	for _, cmd := range []string{"lint", "access", "diff", "rules"} {
		r := run(t, dir, "", cmd, "--help")
		flags := spelled.FindAllStringSubmatch(r.stdout, -1)
		if len(flags) == 0 {
			t.Fatalf("%s --help lists no flags:\n%s", cmd, r.stdout)
		}
		for _, f := range flags {
			// A flag that exists fails for another reason than being unknown
			// (a missing value or input), or runs (--list-formats, --list).
			got := run(t, dir, "", cmd, "--"+f[1])
			if strings.Contains(got.stderr, "unknown flag") {
				t.Errorf("%s --help lists --%s, which %s does not accept: %s", cmd, f[1], cmd, got.stderr)
			}
		}
	}
	over := run(t, dir, "", "--help")
	block := over.stdout[strings.Index(over.stdout, "Commands:\n"):strings.Index(over.stdout, "\nRun rbaclint")]
	names := regexp.MustCompile(`(?m)^  ([a-z]+) `).FindAllStringSubmatch(block, -1)
	if len(names) < 12 {
		t.Fatalf("the overview lists %d commands:\n%s", len(names), block)
	}
	for _, n := range names {
		if r := run(t, dir, "", n[1], "--help"); r.code != 0 || !strings.Contains(r.stdout, "rbaclint ") {
			t.Errorf("the overview lists %s, but %s --help: exit %d %s", n[1], n[1], r.code, r.stderr)
		}
	}
	if r := run(t, dir, "", "help", "difff"); r.code != 2 || !strings.Contains(r.stderr, "did you mean diff?") {
		t.Errorf("help difff: exit %d %s", r.code, r.stderr)
	}
}
