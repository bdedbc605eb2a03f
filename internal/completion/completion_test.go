package completion

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/command"
)

// The shells themselves run the scripts in internal/cli's tests; here, the
// choice of shell and the names the scripts define.
func TestScript(t *testing.T) {
	p := Program{Name: "tool", Commands: []*command.Command{
		{Name: "check", Args: command.Files, Flags: []command.Flag{{Name: "fail-level", Arg: "LEVEL", Complete: command.Values, Values: []string{"error", "none"}, Var: new(string)}}},
		{Name: "conf", Subcommands: []*command.Command{{Name: "conf show", Args: command.Files}}},
	}}
	for shell, want := range map[string]string{
		"bash": "complete -F _tool tool\n",
		"zsh":  "compdef _tool tool\n",
		"fish": "complete -c tool -f -n '__tool_is conf' -a show",
	} {
		s, err := Script(shell, p)
		if err != nil || !strings.Contains(s, want) || !strings.Contains(s, "error none") {
			t.Errorf("%s: %v\n%s", shell, err, s)
		}
	}
	if _, err := Script("tcsh", p); err == nil || !strings.Contains(err.Error(), "want bash, zsh, fish") {
		t.Errorf("tcsh: %v", err)
	}
}
