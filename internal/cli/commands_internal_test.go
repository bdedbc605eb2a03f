package cli

import (
	"slices"
	"testing"
)

// The table, the dispatch and help's list of names hold the same commands,
// and every entry makes a flag set (a Var that does not fit its flag
// panics).
func TestCommandTableMatchesDispatch(t *testing.T) {
	var names []string
	for _, c := range commands() {
		names = append(names, c.Name)
		if runners[c.Name] == nil {
			t.Errorf("%s is in the table but does not run", c.Name)
		}
		c.FlagSet(program)
		for _, sub := range c.Subcommands {
			sub.FlagSet(program)
		}
	}
	if !slices.Equal(names, commandNames()) {
		t.Errorf("commandNames() = %v, the table holds %v", commandNames(), names)
	}
	if len(runners) != len(names) {
		t.Errorf("%d commands run, the table holds %d", len(runners), len(names))
	}
}
