package cli

import (
	"strconv"

	"github.com/rbaclint/rbaclint/internal/command"
	"github.com/rbaclint/rbaclint/internal/completion"
	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/inventory"
	"github.com/rbaclint/rbaclint/internal/manpage"
	"github.com/rbaclint/rbaclint/internal/report"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// This file is rbaclint's command line as one table: every subcommand with
// its flags. Each run function parses with the flag set made from its entry;
// help, the completion scripts and the man page are made from the same
// entries (commands() binds them to throwaway variables).

const program = "rbaclint"

// Levels a rule can be set to, and levels that fail a run.
var (
	ruleLevelNames = []string{"off", "note", "warning", "error"}
	failLevelNames = []string{"error", "warning", "note", "none"}
	colorModes     = []string{"auto", "always", "never"}
)

func kindNames() []string {
	var s []string
	for _, k := range kinds.Names() {
		s = append(s, string(k))
	}
	return s
}

// inputFlags are how lint, diff and access read their inputs.
func inputFlags(kind *string, jobs *int, stdinName, configPath *string, noConfig *bool, cpuProfile *string) []command.Flag {
	return []command.Flag{
		{Name: "kind", Arg: "KIND", Complete: command.Values, Values: kindNames(), Var: kind,
			Help: "force the document kind of every input"},
		{Name: "jobs", Arg: "N", DefaultDoc: "number of CPUs", Var: jobs,
			Help: "parallel workers"},
		{Name: "stdin-filename", Arg: "NAME", Complete: command.Files, Var: stdinName,
			Help: "the name to report for - (standard input)"},
		{Name: "config", Arg: "FILE", Complete: command.Files, DefaultDoc: ".rbaclint.yaml or .rbaclint.yml found upward", Var: configPath,
			Help: "the configuration file"},
		{Name: "no-config", Var: noConfig,
			Help: "ignore any configuration file"},
		{Name: "cpuprofile", Arg: "FILE", Complete: command.Files, Var: cpuProfile,
			Help: "write a Go CPU profile to FILE"},
	}
}

// reportFlags are the flags lint and diff share: outputs, levels, limits,
// baselines.
func (lf *lintFlags) reportFlags() []command.Flag {
	fl := []command.Flag{
		{Name: "format", Arg: "FORMAT", Complete: command.Values, Values: report.FormatNames(), DefaultDoc: "text", Repeatable: true, Var: &lf.formats,
			Help: "output format"},
		{Name: "output", Arg: "FILE", Complete: command.Files, Repeatable: true, Var: &lf.outputs,
			Help: "write the preceding --format to FILE (they pair by position; without --format, the format follows the file's extension)"},
		{Name: "fail-level", Arg: "LEVEL", Complete: command.Values, Values: failLevelNames, Default: "error", Var: &lf.failLevel,
			Help: "exit 1 on findings at or above LEVEL; none never fails"},
		{Name: "color", Arg: "WHEN", Complete: command.Values, Values: colorModes, Default: "auto", Var: &lf.color,
			Help: "colour the text output (NO_COLOR is honoured)"},
		{Name: "rule", Arg: "ID=LEVEL", Complete: command.Pairs, Values: ruleIDs(), PairValues: ruleLevelNames, Repeatable: true, Var: ruleFlag{&lf.ruleLevels, ""},
			Help: "set a rule's level for this run (off, note, warning or error), over the configuration"},
		{Name: "enable", Arg: "ID", Complete: command.Values, Values: ruleIDs(), Repeatable: true, Var: ruleFlag{&lf.ruleLevels, "default"},
			Help: "run a rule at its default level even if the configuration turns it off (rbaclint rules lists the IDs)"},
		{Name: "disable", Arg: "ID", Complete: command.Values, Values: ruleIDs(), Repeatable: true, Var: ruleFlag{&lf.ruleLevels, "off"},
			Help: "turn a rule off for this run (rbaclint rules lists the IDs)"},
		{Name: "list-formats", Var: &lf.listFormats,
			Help: "list the output formats and exit"},
		{Name: "show-source", Var: &lf.showSource, DefaultDoc: "on a terminal",
			Help: "print the source line and a caret under each text finding"},
		{Name: "skip-unknown", Var: &lf.skipUnknown,
			Help: "skip named files that match no kind (for pre-commit) instead of reporting them"},
		{Name: "no-exclude", Var: &lf.noExclude,
			Help: "check files that the configuration's exclude: matches, named or walked"},
		{Name: "max-file-size", Arg: "BYTES", DefaultDoc: strconv.Itoa(engine.DefaultMaxFileSize), Var: &lf.maxFileSize,
			Help: "skip larger files with a limit-exceeded finding"},
		{Name: "max-depth", Arg: "N", DefaultDoc: strconv.Itoa(source.DefaultMaxDepth), Var: &lf.maxDepth,
			Help: "deepest nesting accepted"},
		{Name: "max-findings", Arg: "N", DefaultDoc: strconv.Itoa(engine.DefaultMaxFindings), Var: &lf.maxFindings,
			Help: "findings shown per file"},
		{Name: "quiet", Short: "q", Var: &lf.quiet,
			Help: "print findings only, no summary"},
		{Name: "verbose", Short: "v", Var: &lf.verbose,
			Help: "also list skipped files"},
		{Name: "baseline", Arg: "FILE", Complete: command.Files, Var: &lf.baseline,
			Help: "hide findings recorded in FILE; report entries that no longer match"},
		{Name: "write-baseline", Arg: "FILE", Complete: command.Files, Var: &lf.writeBaseline,
			Help: "record the current findings in FILE"},
		{Name: "memprofile", Arg: "FILE", Complete: command.Files, Var: &lf.memProfile,
			Help: "write a Go heap profile to FILE"},
	}
	return append(fl, inputFlags(&lf.kind, &lf.jobs, &lf.stdinName, &lf.configPath, &lf.noConfig, &lf.cpuProfile)...)
}

func lintCommand(lf *lintFlags, newFromRev *string) *command.Command {
	fl := append(lf.reportFlags(),
		command.Flag{Name: "set-context", Arg: "DIR", Complete: command.Dirs, Repeatable: true, Var: &lf.setContext,
			Help: "set-level rules also read the exports under DIR; only the named files' findings are reported"},
		command.Flag{Name: "new-from-rev", Arg: "REV", Var: newFromRev,
			Help: "fail only on findings the files did not have at git revision REV"},
		command.Flag{Name: "fix", Var: &lf.fix,
			Help: "apply the suggested fixes to the files, then report what remains"},
		command.Flag{Name: "dry-run", Var: &lf.dryRun,
			Help: "with --fix: print the fixes as a unified diff and write nothing"},
	)
	return &command.Command{
		Name:     "lint",
		Synopsis: []string{"[lint] [flags] [PATH ...]"},
		Summary:  "check files, directories (recursively) or - for standard input; the default command",
		About:    "Checks access-control exports against the rules (rbaclint rules lists them) and reports each finding as file:line:col: severity: message [rule-id]. Directories are walked recursively; - reads standard input.",
		Args:     command.Files,
		Flags:    fl,
	}
}

func diffCommand(lf *lintFlags, base, head *string) *command.Command {
	fl := append(lf.reportFlags(),
		command.Flag{Name: "base", Arg: "REV", Var: base,
			Help: "compare the paths at git revision REV with the working tree"},
		command.Flag{Name: "head", Arg: "REV", Var: head,
			Help: "with --base: compare with revision REV instead of the working tree"},
		// Refused with a message that says why (see runDiff).
		command.Flag{Name: "fix", Hidden: true, Var: &lf.fix},
		command.Flag{Name: "dry-run", Hidden: true, Var: &lf.dryRun},
		command.Flag{Name: "set-context", Arg: "DIR", Hidden: true, Var: &lf.setContext},
	)
	// diff reads no standard input: the flag is accepted, as before, but not
	// offered.
	for i := range fl {
		if fl[i].Name == "stdin-filename" {
			fl[i].Hidden = true
		}
	}
	return &command.Command{
		Name:     "diff",
		Synopsis: []string{"diff [flags] OLD NEW", "diff [flags] --base REV [--head REV] [PATH ...]"},
		Summary:  "review a change: what it adds, removes or widens",
		About:    "Compares two files or two directories (paired by relative path), or the paths at git revision REV with the working tree (or with --head REV), and reports the findings the change introduces and the access it widens.",
		Args:     command.Files,
		Flags:    fl,
	}
}

// accessFlags are the access command's settings.
type accessFlags struct {
	formats, outputs, capabilities repeated
	principal, kind, stdinName     string
	configPath, cpuProfile         string
	list, noConfig                 bool
	jobs                           int
}

func accessCommand(af *accessFlags) *command.Command {
	fl := []command.Flag{
		{Name: "format", Arg: "FORMAT", Complete: command.Values, Values: inventory.FormatNames, DefaultDoc: "text", Repeatable: true, Var: &af.formats,
			Help: "output format"},
		{Name: "output", Arg: "FILE", Complete: command.Files, Repeatable: true, Var: &af.outputs,
			Help: "write the preceding --format to FILE (they pair by position)"},
		{Name: "capability", Arg: "CAP", Complete: command.Values, Values: access.Names(), Repeatable: true, Var: &af.capabilities,
			Help: "only this capability"},
		{Name: "principal", Arg: "GLOB", Var: &af.principal,
			Help: "only principals matching GLOB ('*', '?', case-insensitive)"},
		{Name: "list", Var: &af.list,
			Help: "print the capability vocabulary and each vendor's mapping with its sources"},
	}
	return &command.Command{
		Name:     "access",
		Synopsis: []string{"access [flags] [PATH ...]"},
		Summary:  "who can do what: the effective-access inventory",
		About:    "Lists who can do what: every grant of the access vocabulary (rbaclint access --list) in the files named, with the chain of roles, features, permissions or profile types that gives it and each link's file:line:column.",
		Args:     command.Files,
		Flags:    append(fl, inputFlags(&af.kind, &af.jobs, &af.stdinName, &af.configPath, &af.noConfig, &af.cpuProfile)...),
	}
}

func rulesCommand(format *string) *command.Command {
	return &command.Command{
		Name:     "rules",
		Synopsis: []string{"rules [--format FORMAT]"},
		Summary:  "list the rules",
		About:    "Lists every rule: its ID, default severity, category and title.",
		Args:     command.None,
		Flags: []command.Flag{{Name: "format", Arg: "FORMAT", Complete: command.Values, Values: []string{"text", "json", "markdown"}, Default: "text", Var: format,
			Help: "output format"}},
	}
}

func explainCommand() *command.Command {
	return &command.Command{
		Name:      "explain",
		Synopsis:  []string{"explain RULE-ID"},
		Summary:   "print a rule's documentation",
		About:     "Prints a rule's documentation: why it matters, a bad and a good example (rbaclint rules lists the IDs).",
		Args:      command.Values,
		ArgValues: ruleIDs(),
	}
}

func configCommand() *command.Command {
	return &command.Command{
		Name:     "config",
		Synopsis: []string{"config verify [FILE ...]", "config show [FILE]"},
		Summary:  "validate or show the configuration",
		Subcommands: []*command.Command{
			{
				Name:     "config verify",
				Synopsis: []string{"config verify [FILE ...]"},
				Summary:  "validate .rbaclint.yaml (found upward from here, or each FILE)",
				About:    "Validates the configuration found upward from the working directory, or each FILE, against its schema and the rule catalog; prints FILE: ok for each valid one.",
				Args:     command.Files,
			},
			{
				Name:     "config show",
				Synopsis: []string{"config show [FILE]"},
				Summary:  "print the effective configuration",
				About:    "Prints the effective configuration: the file found upward from here (or FILE), every rule's level, ignores, exclude and limits.",
				Args:     command.Files,
			},
		},
	}
}

func simpleCommand(name, summary, about string, args command.Complete, values ...string) *command.Command {
	synopsis := name
	switch args {
	case command.Values:
		synopsis += " " + values[0]
		values = values[1:]
	}
	return &command.Command{Name: name, Synopsis: []string{synopsis}, Summary: summary, About: about, Args: args, ArgValues: values}
}

func initCommand() *command.Command {
	return simpleCommand("init", "write a commented starter .rbaclint.yaml",
		"Writes a commented starter .rbaclint.yaml in the working directory, never over an existing one.", command.None)
}

func lspCommand() *command.Command {
	return simpleCommand("lsp", "language server on standard input and output, for editors (LSP 3.17)",
		"A Language Server Protocol (3.17) server on standard input and output, for editors. It reads .rbaclint.yaml from the workspace root and logs to standard error.", command.None)
}

func versionCommand() *command.Command {
	return simpleCommand("version", "print the version", "Prints rbaclint's version (also: rbaclint --version).", command.None)
}

func completionCommand() *command.Command {
	return simpleCommand("completion", "print a shell completion script (bash, zsh or fish)",
		"Prints the completion script for SHELL: subcommands, flags, flag values (formats, levels, kinds, rule IDs) and paths. A script completes what the binary that printed it knows: print it again after an upgrade (source <(rbaclint completion bash) does so at each start).",
		command.Values, append([]string{"SHELL"}, completion.Shells...)...)
}

func manCommand() *command.Command {
	return simpleCommand("man", "print the man page (roff)",
		"Prints the rbaclint(1) man page in roff, made from the same table as the flags: rbaclint man | man -l -", command.None)
}

func helpCommand() *command.Command {
	return simpleCommand("help", "print the help of rbaclint or of a command",
		"Prints the overview, or the help of COMMAND (the same as rbaclint COMMAND --help).",
		command.Values, append([]string{"[COMMAND]"}, commandNames()...)...)
}

// commandNames are the names of the top-level commands, for help's
// completion (which cannot take them from commands(): it is one of them).
func commandNames() []string {
	return []string{"lint", "access", "diff", "rules", "explain", "config", "init", "lsp", "version", "completion", "man", "help"}
}

// commands is the whole table, bound to throwaway variables, in the order
// help lists it.
func commands() []*command.Command {
	return []*command.Command{
		lintCommand(new(lintFlags), new(string)),
		accessCommand(new(accessFlags)),
		diffCommand(new(lintFlags), new(string), new(string)),
		rulesCommand(new(string)),
		explainCommand(),
		configCommand(),
		initCommand(),
		lspCommand(),
		versionCommand(),
		completionCommand(),
		manCommand(),
		helpCommand(),
	}
}

// manPage is rbaclint(1); docs/rbaclint.1 is a copy kept current by a
// test.
func manPage() manpage.Page {
	return manpage.Page{
		Name: program, Section: "1",
		Summary:  "lint contact-center access-control configuration exports",
		Synopsis: []string{"[lint] [flags] [PATH ...]", "COMMAND [flags] [ARGS ...]"},
		Description: `rbaclint checks the access-control exports of contact-center platforms (Webex Contact Center user profiles, tenant users, Cisco PCCE roles, administrators and features, NICE CXone scripts, Finesse reason codes and integration settings) against a catalog of rules, and prints each finding as file:line:col: severity: message [rule-id], or in another format (JSON, SARIF, GitHub annotations, JUnit, GitLab Code Quality, markdown).

Files are recognised by their content. Directories are walked recursively; - reads standard input. The configuration (.rbaclint.yaml) sets rule levels, ignores, excludes and limits; flags win over it for one run.

Every command takes -h or --help and prints its usage; rbaclint explain RULE-ID prints a rule's documentation.`,
		Commands: commands(),
		After: []manpage.Part{
			{Title: "Exit status", Text: "0: no finding at or above the fail level. 1: findings at or above it. 2: a usage or configuration error (a bad flag, an unreadable configuration, a path that does not exist). 3: an internal error. The same for every output format."},
			{Title: "Environment", Text: "NO_COLOR: when set and not empty, text output is not coloured (as with --color never). TERM=dumb: the same."},
			{Title: "Files", Text: config.FileName + " (or " + config.AltFileName + "): the configuration, found in the working directory or the nearest parent that has one. Its schema: " + config.SchemaURL},
			{Title: "See also", Text: "rbaclint rules and rbaclint explain RULE-ID list and document the rules; https://github.com/rbaclint/rbaclint has the README and docs/rules.md."},
		},
	}
}
