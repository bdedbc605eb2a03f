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

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/escape"
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
			fmt.Fprintf(e.stderr, "rbaclint: internal error: %v\n%s", p, debug.Stack())
			code = ExitInternal
		}
	}()
	cmd, rest := "lint", args
	if len(args) > 0 {
		switch args[0] {
		case "lint", "access", "diff", "lsp", "rules", "explain", "version", "help", "config", "init":
			cmd, rest = args[0], args[1:]
		case "-h", "-help", "--help":
			cmd, rest = "help", nil
		case "--version", "-version":
			cmd, rest = "version", nil
		}
	}
	var err error
	switch cmd {
	case "lint":
		code, err = runLint(e, rest)
	case "access":
		code, err = runAccess(e, rest)
	case "diff":
		code, err = runDiff(e, rest)
	case "lsp":
		code, err = runLSP(e, rest)
	case "config":
		code, err = runConfig(e, rest)
	case "init":
		code, err = runInit(e, rest)
	case "rules":
		err = runRules(e, rest)
	case "explain":
		err = runExplain(e, rest)
	case "version":
		fmt.Fprintf(stdout, "rbaclint %s\n", version())
	case "help":
		fmt.Fprint(stdout, usageText)
	}
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

const usageText = `rbaclint: lint contact-center access-control configuration exports

Usage:
  rbaclint [lint] [flags] [PATH ...]   check files, directories (recursively) or - for stdin
  rbaclint access [flags] [PATH ...]   who can do what: the effective-access inventory (--help)
  rbaclint diff [flags] OLD NEW        review a change: two files or two directories (paired by relative path)
  rbaclint diff [flags] --base REV [--head REV] [PATH ...]
                                       the same between git revision REV and the working tree (or --head REV)
  rbaclint rules [--format text|json|markdown]
  rbaclint explain RULE-ID
  rbaclint config verify [FILE ...]    validate .rbaclint.yaml (found upward from here, or each FILE)
  rbaclint config show [FILE]          print the effective configuration: every rule's level, ignores, exclude, limits
  rbaclint init                        write a commented starter .rbaclint.yaml
  rbaclint lsp                         language server on stdin/stdout, for editors (LSP 3.17)
  rbaclint version

Lint flags:
  --format FORMAT        text (default), json, sarif, github, junit, codeclimate or markdown; repeatable
  --output FILE          write the preceding --format to FILE (pairs by position); repeatable
  --fail-level LEVEL     exit 1 on findings at or above error (default), warning, note; none never fails
  --kind KIND            force the document kind of every input
  --jobs N               parallel workers (default: number of CPUs)
  --color WHEN           auto (default), always or never; NO_COLOR is honoured
  --rule ID=LEVEL        set a rule's level for this run (off, note, warning, error); repeatable
  --enable ID, --disable ID   run a rule at its default level / turn it off for this run; repeatable
  --list-formats         list the output formats and exit
  --show-source          print the source line and a caret under each text finding (default: on a terminal)
  --stdin-filename NAME  the name to report for - (standard input)
  --skip-unknown         skip named files that match no kind (for pre-commit) instead of reporting them
  --set-context DIR      set-level rules also read the exports under DIR; only named files' findings are reported
  --no-exclude           check files that the configuration's exclude: matches (named or walked)
  --max-file-size BYTES  skip larger files with a limit-exceeded finding (default 268435456)
  --max-depth N          deepest nesting accepted (default 512)
  --max-findings N       findings shown per file (default 1000)
  -q, --quiet            print findings only, no summary
  -v, --verbose          also list skipped files
  --config FILE          configuration (default: .rbaclint.yaml found upward); --no-config ignores it
  --baseline FILE        hide findings recorded in FILE; report entries that no longer match
  --write-baseline FILE  record the current findings in FILE
  --new-from-rev REV     lint only: fail only on findings the files did not have at git revision REV
  --fix                  apply the suggested fixes, then report what remains; --dry-run: print a diff
  --cpuprofile FILE, --memprofile FILE   write Go profiles

Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage or configuration error,
3 internal error.
`

// suggestFlag adds the nearest defined flag to flag's "flag provided but not
// defined: -formt" error.
func suggestFlag(fs *flag.FlagSet, err error) error {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		return err
	}
	name := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := rules.Nearest(name, names); near != "" {
		return usagef("unknown flag --%s; did you mean --%s?", name, near)
	}
	return usagef("unknown flag --%s", name)
}
