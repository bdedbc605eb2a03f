package completion

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/command"
)

// Fish is the fish script: saved as ~/.config/fish/completions/rbaclint.fish,
// or sourced.
func Fish(p Program) string {
	var b strings.Builder
	b.WriteString(fishHeader(p))
	// The commands, with their summaries, then each command's flags.
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "complete -c %s -n 'test -z (__%s_command)' -a %s -d %s\n", p.Name, p.Name, c.Leaf(), single(c.Summary))
	}
	for _, c := range p.all() {
		writeFishCommand(&b, p, c)
	}
	return b.String()
}

// fishHeader is the functions the completions' conditions call.
func fishHeader(p Program) string {
	b := header(p, "fish", "")
	fmt.Fprintf(b, `
# __%[1]s_command prints the command being completed: the first word
# when it names one (with its nested command), else the default, %[2]s.
# Before any word it prints nothing.
function __%[1]s_command
    set -l words (commandline -opc)
    if test (count $words) -lt 2
        return
    end
    switch $words[2]
        case %[3]s
`, p.Name, p.Commands[0].Name, strings.Join(names(p.Commands), " "))
	for _, c := range p.Commands {
		if len(c.Subcommands) == 0 {
			continue
		}
		fmt.Fprintf(b, "            if test $words[2] = %s; and test (count $words) -ge 3; and contains -- $words[3] %s\n                echo %s $words[3]\n                return\n            end\n",
			c.Name, strings.Join(names(c.Subcommands), " "), c.Name)
	}
	fmt.Fprintf(b, `            echo $words[2]
        case '*'
            echo %[2]s
    end
end

# __%[1]s_is CMD: whether CMD is being completed (the default command also
# before any word).
function __%[1]s_is
    set -l cmd (__%[1]s_command)
    test "$cmd" = "$argv"; or begin
        test -z "$cmd"; and test "$argv" = %[2]s
    end
end

# __%[1]s_pairs KEYS -- VALUES completes KEY=VALUE: a key, then its values.
function __%[1]s_pairs
    set -l i (contains -i -- -- $argv)
    set -l tok (string replace -r -- '^-+[a-z-]+=' '' (commandline -ct))
    if string match -q -- '*=*' $tok
        set -l key (string split -m1 = -- $tok)[1]
        printf '%%s\n' $key=$argv[(math $i + 1)..-1]
    else
        printf '%%s=\n' $argv[1..(math $i - 1)]
    end
end
`, p.Name, p.Commands[0].Name)
	return b.String()
}

func writeFishCommand(b *strings.Builder, p Program, c *command.Command) {
	cond := single("__" + p.Name + "_is " + c.Name)
	fmt.Fprintf(b, "\n# %s %s\n", p.Name, c.Name)
	switch {
	case len(c.Subcommands) > 0:
		for _, s := range c.Subcommands {
			fmt.Fprintf(b, "complete -c %s -f -n %s -a %s -d %s\n", p.Name, cond, s.Leaf(), single(s.Summary))
		}
	case c.Args == command.Values:
		fmt.Fprintf(b, "complete -c %s -f -n %s -a %s\n", p.Name, cond, single(strings.Join(c.ArgValues, " ")))
	case c.Args == command.Dirs:
		fmt.Fprintf(b, "complete -c %s -f -n %s -a '(__fish_complete_directories)'\n", p.Name, cond)
	case c.Args != command.Files:
		fmt.Fprintf(b, "complete -c %s -f -n %s\n", p.Name, cond)
	}
	for _, f := range c.Visible() {
		line := fmt.Sprintf("complete -c %s -n %s -l %s", p.Name, cond, f.Name)
		if f.Short != "" {
			line += " -s " + f.Short
		}
		switch {
		case f.Switch():
		case f.Complete == command.Files:
			line += " -r -F"
		case f.Complete == command.Dirs:
			line += " -x -a '(__fish_complete_directories)'"
		case f.Complete == command.Values:
			line += " -x -a " + single(strings.Join(f.Values, " "))
		case f.Complete == command.Pairs:
			line += " -x -a " + single("(__"+p.Name+"_pairs "+strings.Join(f.Values, " ")+" -- "+strings.Join(f.PairValues, " ")+")")
		default:
			line += " -x"
		}
		b.WriteString(line + " -d " + single(f.Help) + "\n")
	}
}
