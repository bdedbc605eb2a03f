package completion

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/command"
)

// Bash is the bash script: `source <(rbaclint completion bash)`. It needs
// no bash-completion package. The word being completed is taken from
// COMP_LINE split at blanks (not COMP_WORDS, which bash also splits at '='
// and ':'), so that --format=js and --rule tenant/x=wa complete as a whole.
func Bash(p Program) string {
	b := header(p, "bash", "")
	fn := "_" + p.Name
	fmt.Fprintf(b, "# Load it with: source <(%[1]s completion bash)\n\n", p.Name)
	for _, c := range p.all() {
		writeBashCommand(b, p, c)
	}
	fmt.Fprintf(b, `# %[1]s_reply offers what kind (files, dirs, values, pairs) completes
# for the word $1.
%[1]s_reply() {
    local cur=$1
    case $kind in
    values) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
    files)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur")) ;;
    dirs)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur")) ;;
    pairs)
        if [[ $cur == *=* ]]; then
            COMPREPLY=($(compgen -P "${cur%%%%=*}=" -W "$pairs" -- "${cur#*=}"))
        else
            compopt -o nospace 2>/dev/null
            COMPREPLY=($(compgen -S = -W "$values" -- "$cur"))
        fi ;;
    *) COMPREPLY=() ;;
    esac
    # bash replaces only the text after the last '=' or ':' of the word.
    local pre=${cur%%"${cur##*[=:]}"}
    [[ -n $pre ]] && COMPREPLY=("${COMPREPLY[@]#"$pre"}")
    return 0
}

%[1]s() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a w
    read -ra w <<<"$line"
    [[ -z $line || $line == *[[:space:]] ]] && w+=("")
    local n=${#w[@]}
    local cur=${w[n-1]} prev=${w[n-2]} cmd=%[2]s at=1 flags kind values pairs
    COMPREPLY=()
    case ${w[1]} in
    %[3]s)
        if ((n > 2)); then cmd=%[1]s_${w[1]//-/_} at=2; fi ;;
    esac
`, fn, bashIdent(p, p.Commands[0]), strings.Join(names(p.Commands), "|"))
	// Nested commands: the second word picks one.
	for _, c := range p.Commands {
		if len(c.Subcommands) == 0 {
			continue
		}
		fmt.Fprintf(b, `    if [[ $cmd == %s ]] && ((n > 3)); then
        case ${w[2]} in
`, bashIdent(p, c))
		for _, s := range c.Subcommands {
			fmt.Fprintf(b, "        %s) cmd=%s at=3 ;;\n", s.Leaf(), bashIdent(p, s))
		}
		b.WriteString("        esac\n    fi\n")
	}
	fmt.Fprintf(b, `    # The value of a flag: --flag=VALUE, or the word after a flag that takes one.
    local name=
    if [[ $cur == -*=* ]]; then
        name=${cur%%%%=*} cur=${cur#*=}
    elif ((n - 2 >= at)) && [[ $prev == -?* ]]; then
        name=$prev
    fi
    name=${name#-}
    name=${name#-}
    if [[ -n $name ]] && "$cmd" "$name"; then
        %[1]s_reply "$cur"
        return 0
    fi
    "$cmd" ""
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return 0
    fi
    %[1]s_reply "$cur"
    if ((n == 2)); then
        COMPREPLY+=($(compgen -W "%[2]s" -- "$cur"))
    fi
    return 0
}

complete -F %[1]s %[3]s
`, fn, strings.Join(names(p.Commands), " "), p.Name)
	return b.String()
}

func bashIdent(p Program, c *command.Command) string { return "_" + p.ident(c) }

// writeBashCommand writes the function that, called with "", sets the
// command's flags and what its positional arguments complete to, and,
// called with a flag's name, what that flag's value completes to (false for
// a switch or an unknown flag).
func writeBashCommand(b *strings.Builder, p Program, c *command.Command) {
	var flags []string
	for _, f := range c.Visible() {
		flags = append(flags, spellings(f)...)
	}
	kind, values := argKind(c.Args), c.ArgValues
	if len(c.Subcommands) > 0 {
		kind, values = "values", names(c.Subcommands)
	}
	fmt.Fprintf(b, "%s() {\n    case $1 in\n", bashIdent(p, c))
	fmt.Fprintf(b, "    \"\") flags=%s kind=%s values=%s ;;\n", single(strings.Join(flags, " ")), kind, single(strings.Join(values, " ")))
	for _, vc := range valueCases(c) {
		fmt.Fprintf(b, "    %s) kind=%s values=%s pairs=%s ;;\n", strings.Join(vc.names, "|"), vc.kind, single(strings.Join(vc.values, " ")), single(strings.Join(vc.pairs, " ")))
	}
	b.WriteString("    *) return 1 ;;\n    esac\n}\n\n")
}
