// Package cli implements rbaclint's command line: the subcommands, flag
// parsing and the exit-code contract (0 clean, 1 findings at or above the
// fail level, 2 usage or configuration error, 3 internal error), which is the
// same for every output format.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/rbaclint/rbaclint/internal/command"
	"github.com/rbaclint/rbaclint/internal/completion"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/mapped"
	"github.com/rbaclint/rbaclint/rules"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
	ExitInternal = 3
)

// Version is set at build time with -ldflags "-X github.com/rbaclint/rbaclint/internal/cli.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.0.0-dev" // numeric, as SARIF consumers compare versions
}

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Main runs rbaclint with the given arguments and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// Everything on standard error, the flag package's messages included,
	// passes the escaping the reports use: pre-commit and CI show it in logs
	// that obey workflow commands, and terminals obey escapes.
	e := &env{stdin: stdin, stdout: stdout, stderr: escape.Writer(stderr), getenv: osGetenv}
	defer func() {
		if p := recover(); p != nil {
			if mapped.Faulted(p) { // after engine.Run: see runLint
				fmt.Fprintln(e.stderr, "rbaclint: an input file was truncated while it was read; the report may be incomplete: run again once the file is written")
				code = ExitUsage
				return
			}
			fmt.Fprintf(e.stderr, "rbaclint: internal error: %v\n%s", p, debug.Stack())
			code = ExitInternal
		}
	}()
	cmd, rest := "lint", args
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help":
			cmd, rest = "help", nil
		case "--version", "-version":
			cmd, rest = "version", nil
		default:
			if runners[args[0]] != nil {
				cmd, rest = args[0], args[1:]
			}
		}
	}
	code, err := runners[cmd](e, rest)
	if err != nil {
		return fail(e, err)
	}
	return code
}

// fail prints an error and maps it to its exit code.
func fail(e *env, err error) int {
	var ie *engine.InternalError
	if errors.As(err, &ie) {
		fmt.Fprintf(e.stderr, "rbaclint: %s\n", escape.Line(err.Error()))
		return ExitInternal
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	fmt.Fprintf(e.stderr, "rbaclint: %s\n", escape.Line(err.Error()))
	return ExitUsage
}

// usageError is a problem with the command line.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseInterspersed parses flags that may appear before, between or after
// the positional arguments (`rbaclint examples/ --format json`), like most
// linters accept. "--" ends flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, suggestFlag(fs, err)
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		// flag stops at the first non-flag argument: collect positionals up
		// to the next flag and parse again from there.
		i := 0
		for i < len(rest) && (!strings.HasPrefix(rest[i], "-") || rest[i] == "-") {
			pos = append(pos, rest[i])
			i++
		}
		if i == len(rest) {
			return pos, nil
		}
		args = rest[i:]
	}
}

// suggestFlag adds the nearest defined flag to flag's "flag provided but not
// defined: -formt" error.
func suggestFlag(fs *flag.FlagSet, err error) error {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		// The flag package names flags with one dash; help writes two.
		return usagef("%s", strings.Replace(msg, " flag -", " flag --", 1))
	}
	name := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := rules.Nearest(name, names); near != "" {
		return usagef("unknown flag --%s; did you mean --%s?", name, near)
	}
	return usagef("unknown flag --%s", name)
}

// runners run each subcommand with the arguments after its name.
var runners = map[string]func(*env, []string) (int, error){
	"lint": runLint, "access": runAccess, "diff": runDiff, "rules": runRules, "explain": runExplain,
	"config": runConfig, "init": runInit, "lsp": runLSP, "version": runVersion,
	"completion": runCompletion, "man": runMan, "help": runHelp,
}

// parse reads a command's flags and positional arguments with the flag set
// made from its table entry. -h and --help print the command's help on
// standard output and end the run with exit code 0 (flag.ErrHelp).
func parse(e *env, c *command.Command, args []string) ([]string, error) {
	pos, err := parseInterspersed(c.FlagSet(program), args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, c.Help(program))
	}
	return pos, err
}

// parseNoArgs is parse for a command that takes no positional argument.
func parseNoArgs(e *env, c *command.Command, args []string) error {
	pos, err := parse(e, c, args)
	if err == nil && len(pos) > 0 {
		err = usagef("%s takes no arguments (%s %s --help)", c.Name, program, c.Name)
	}
	return err
}

func runVersion(e *env, args []string) (int, error) {
	if err := parseNoArgs(e, versionCommand(), args); err != nil {
		return ExitUsage, err
	}
	fmt.Fprintf(e.stdout, "rbaclint %s\n", version())
	return ExitClean, nil
}

// runHelp prints the overview, or the help of the command named.
func runHelp(e *env, args []string) (int, error) {
	pos, err := parse(e, helpCommand(), args)
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) == 0 {
		fmt.Fprint(e.stdout, overview())
		return ExitClean, nil
	}
	c, n := command.Find(commands(), pos)
	if c == nil || n < len(pos) {
		msg := fmt.Sprintf("help: no command %q", strings.Join(pos, " "))
		if near := rules.Nearest(pos[0], commandNames()); c == nil && near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		return ExitUsage, usagef("%s", msg)
	}
	fmt.Fprint(e.stdout, c.Help(program))
	return ExitClean, nil
}

// overview is rbaclint --help: the commands, then lint's flags, since lint
// is what runs when no command is named.
func overview() string {
	var b strings.Builder
	b.WriteString("rbaclint: lint contact-center access-control configuration exports\n\nUsage:\n")
	b.WriteString("  rbaclint [lint] [flags] [PATH ...]\n  rbaclint COMMAND [flags] [ARGS ...]\n\nCommands:\n")
	cmds := commands()
	b.WriteString(command.CommandTable(cmds))
	b.WriteString("\nRun rbaclint COMMAND --help for a command's usage and flags.\n\nLint flags:\n")
	b.WriteString(command.FlagTable(cmds[0].Visible()))
	b.WriteString("\n" + exitCodes + "\n")
	return b.String()
}

const exitCodes = "Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage or configuration error,\n3 internal error."

// runCompletion prints the completion script for the shell named.
func runCompletion(e *env, args []string) (int, error) {
	c := completionCommand()
	pos, err := parse(e, c, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, usagef("completion takes one shell: %s", strings.Join(completion.Shells, ", "))
	}
	script, err := completion.Script(pos[0], completion.Program{Name: program, Commands: commands()})
	if err != nil {
		return ExitUsage, usagef("%v", err)
	}
	_, err = io.WriteString(e.stdout, script)
	return ExitClean, err
}

func runMan(e *env, args []string) (int, error) {
	if err := parseNoArgs(e, manCommand(), args); err != nil {
		return ExitUsage, err
	}
	_, err := io.WriteString(e.stdout, manPage().Roff())
	return ExitClean, err
}
