package command

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestFlagSetAppliesDefaultsAndAliases(t *testing.T) {
	var level string
	var jobs int
	var size int64
	var quiet bool
	c := &Command{Name: "lint", Flags: []Flag{
		{Name: "fail-level", Arg: "LEVEL", Default: "error", Var: &level},
		{Name: "jobs", Arg: "N", Default: "4", Var: &jobs},
		{Name: "max", Arg: "BYTES", Default: "1099511627776", Var: &size},
		{Name: "quiet", Short: "q", Var: &quiet},
	}}
	fs := c.FlagSet("prog")
	if level != "error" || jobs != 4 || size != 1<<40 {
		t.Fatalf("defaults not applied: %q %d %d", level, jobs, size)
	}
	if err := fs.Parse([]string{"-q", "--jobs", "2"}); err != nil {
		t.Fatal(err)
	}
	if !quiet || jobs != 2 {
		t.Errorf("-q --jobs 2 parsed as quiet=%v jobs=%d", quiet, jobs)
	}
	if err := c.FlagSet("prog").Parse([]string{"--help"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: %v, want flag.ErrHelp", err)
	}
}

func TestFlagSetRefusesAMismatchedEntry(t *testing.T) {
	for _, f := range []Flag{
		{Name: "a", Arg: "N", Var: new(bool)},
		{Name: "b", Var: new(string)},
		{Name: "c", Arg: "N", Default: "x", Var: new(int)},
		{Name: "d", Arg: "N", Var: new(float64)},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("flag %s: no panic", f.Name)
				}
			}()
			(&Command{Name: "x", Flags: []Flag{f}}).FlagSet("prog")
		}()
	}
}

func TestHelpShowsValuesDefaultsAndHidesHidden(t *testing.T) {
	long := make([]string, listed+1)
	for i := range long {
		long[i] = strings.Repeat("r", i+1)
	}
	c := &Command{Name: "lint", Synopsis: []string{"lint [PATH ...]"}, About: "Checks.", Flags: []Flag{
		{Name: "color", Arg: "WHEN", Complete: Values, Values: []string{"auto", "never"}, Default: "auto", Help: "colour", Var: new(string)},
		{Name: "enable", Arg: "ID", Complete: Values, Values: long, Repeatable: true, Help: "run a rule", Var: new(string)},
		{Name: "fix", Hidden: true, Var: new(bool)},
	}}
	h := c.Help("prog")
	for _, want := range []string{"  prog lint [PATH ...]\n", "\nChecks.\n", "--color WHEN  colour; one of auto, never (default: auto)\n", "--enable ID   run a rule; repeatable\n"} {
		if !strings.Contains(h, want) {
			t.Errorf("help lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "--fix") {
		t.Errorf("help shows a hidden flag:\n%s", h)
	}
}

func TestFind(t *testing.T) {
	show := &Command{Name: "config show"}
	cmds := []*Command{{Name: "lint"}, {Name: "config", Subcommands: []*Command{{Name: "config verify"}, show}}}
	if c, n := Find(cmds, []string{"config", "show", "x"}); c != show || n != 2 {
		t.Errorf("Find config show x = %v, %d", c, n)
	}
	if c, _ := Find(cmds, []string{"nope"}); c != nil {
		t.Errorf("Find nope = %v", c)
	}
}
