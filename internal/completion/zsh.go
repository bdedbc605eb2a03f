package completion

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/command"
)

// Zsh is the zsh script. It works both ways zsh loads completion: saved as
// _rbaclint in a directory of $fpath (compinit autoloads it by its #compdef
// line), or sourced after compinit (it then registers itself).
func Zsh(p Program) string {
	b := header(p, "zsh", "#compdef "+p.Name+"\n")
	fn := "_" + p.Name
	b.WriteString("\n")
	for _, c := range p.all() {
		writeZshCommand(b, p, c)
	}
	fmt.Fprintf(b, "%s() {\n    local -a commands=(\n", fn)
	for _, c := range p.Commands {
		fmt.Fprintf(b, "        %s\n", single(zshEscape(c.Leaf(), ":")+":"+c.Summary))
	}
	fmt.Fprintf(b, `    )
    # The first word is a command, or already what %[2]s takes.
    if ((CURRENT == 2)) && [[ $PREFIX != -* ]]; then
        _describe -t commands '%[1]s command' commands
        _files
        return
    fi
    case $words[2] in
    %[3]s)
        local cmd=$words[2]
        shift words
        ((CURRENT--))
        _%[1]s_${cmd//-/_} ;;
    *) %[4]s ;;
    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %[5]s "$@"
else
    compdef %[5]s %[1]s
fi
`, p.Name, p.Commands[0].Name, strings.Join(names(p.Commands), "|"), zshIdent(p, p.Commands[0]), fn)
	return b.String()
}

func zshIdent(p Program, c *command.Command) string { return "_" + p.ident(c) }

// zshEscape puts a backslash before each of chars in s (and before a
// backslash).
func zshEscape(s, chars string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\\' || strings.ContainsRune(chars, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// writeZshCommand writes one command's function: an _arguments call with a
// spec per flag, and for a command with nested ones, the choice of one.
func writeZshCommand(b *strings.Builder, p Program, c *command.Command) {
	fn := zshIdent(p, c)
	for _, f := range c.Visible() {
		if f.Complete == command.Pairs {
			fmt.Fprintf(b, "%s_%s() {\n    if compset -P '*='; then\n        compadd -- %s\n    else\n        compadd -S '=' -- %s\n    fi\n}\n\n",
				fn, strings.ReplaceAll(f.Name, "-", "_"), quotedWords(f.PairValues), quotedWords(f.Values))
		}
	}
	fmt.Fprintf(b, "%s() {\n", fn)
	if len(c.Subcommands) > 0 {
		b.WriteString("    if ((CURRENT == 2)); then\n        local -a subcommands=(\n")
		for _, s := range c.Subcommands {
			fmt.Fprintf(b, "            %s\n", single(zshEscape(s.Leaf(), ":")+":"+s.Summary))
		}
		fmt.Fprintf(b, "        )\n        _describe -t commands '%s subcommand' subcommands\n        return\n    fi\n", c.Name)
		b.WriteString("    local sub=$words[2]\n    shift words\n    ((CURRENT--))\n    case $sub in\n")
		for _, s := range c.Subcommands {
			fmt.Fprintf(b, "    %s) %s ;;\n", s.Leaf(), zshIdent(p, s))
		}
		b.WriteString("    esac\n}\n\n")
		return
	}
	b.WriteString("    _arguments -s -S \\\n")
	for _, f := range c.Visible() {
		fmt.Fprintf(b, "        %s \\\n", zshFlagSpec(fn, f))
	}
	switch c.Args {
	case command.Files:
		b.WriteString("        '*:path:_files'\n")
	case command.Dirs:
		b.WriteString("        '*:directory:_files -/'\n")
	case command.Values:
		fmt.Fprintf(b, "        %s\n", single("*:value:("+quotedWords(c.ArgValues)+")"))
	default:
		b.WriteString("        && return\n")
	}
	b.WriteString("}\n\n")
}

// zshFlagSpec is one _arguments spec: "*--format=[help]:FORMAT:(a b)".
func zshFlagSpec(fn string, f command.Flag) string {
	help := "[" + zshEscape(f.Help, "[]:") + "]"
	var spec string
	if f.Short != "" {
		// The exclusion list: once one spelling is given, neither is offered.
		ex := "(-" + f.Short + " --" + f.Name + ")"
		if f.Switch() {
			return single(ex) + "{-" + f.Short + ",--" + f.Name + "}" + single(help)
		}
		return single(ex) + "{-" + f.Short + ",--" + f.Name + "=}" + single(help+zshAction(fn, f))
	}
	if f.Repeatable {
		spec = "*"
	}
	spec += "--" + f.Name
	if !f.Switch() {
		spec += "="
	}
	return single(spec + help + zshAction(fn, f))
}

// zshAction is the ":message:action" part of a spec for a flag's value.
func zshAction(fn string, f command.Flag) string {
	if f.Switch() {
		return ""
	}
	msg := ":" + zshEscape(strings.ToLower(f.Arg), ":") + ":"
	switch f.Complete {
	case command.Files:
		return msg + "_files"
	case command.Dirs:
		return msg + "_files -/"
	case command.Values:
		return msg + "(" + quotedWords(f.Values) + ")"
	case command.Pairs:
		return msg + fn + "_" + strings.ReplaceAll(f.Name, "-", "_")
	}
	return msg + " "
}

// quotedWords joins values for a zsh word list, each safe to appear bare.
func quotedWords(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = zshEscape(v, " ()'\"$`:;&|<>*?[]{}#~")
	}
	return strings.Join(out, " ")
}
