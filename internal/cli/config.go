package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/command"
	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

func ruleIDs() []string {
	var ids []string
	for _, r := range registry.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// loadConfig loads the given configuration, or the one found upward from the
// working directory; with none, the zero Config holds the defaults.
func loadConfig(path string, disabled bool) (*config.Config, error) {
	if disabled {
		return &config.Config{}, nil
	}
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if path, err = config.Find(wd); err != nil {
			return nil, err
		}
		if path == "" {
			return &config.Config{}, nil
		}
		if rel, err := relToWD(path); err == nil {
			path = rel
		}
	}
	return config.Load(path, ruleIDs())
}

// runConfig implements `rbaclint config verify [FILE ...]`.
func runConfig(e *env, args []string) (int, error) {
	c := configCommand()
	if len(args) > 0 && args[0] == "show" {
		return runConfigShow(e, c.Subcommands[1], args[1:])
	}
	if len(args) == 0 || args[0] != "verify" {
		if _, err := parse(e, c, args); err != nil {
			return ExitUsage, err
		}
		return ExitUsage, usagef("usage: rbaclint config verify [FILE ...] | rbaclint config show [FILE]")
	}
	files, err := parse(e, c.Subcommands[0], args[1:])
	if err != nil {
		return ExitUsage, err
	}
	if len(files) == 0 {
		files = []string{""} // the configuration found upward
	}
	// Each file is verified and reported, so that a pre-commit run over two
	// staged configurations shows the problems of both.
	code := ExitClean
	for _, path := range files {
		cfg, err := loadConfig(path, false)
		if err == nil && cfg.Path == "" {
			err = usagef("no %s (or %s) found in this directory or its parents (create one with rbaclint init)", config.FileName, config.AltFileName)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "rbaclint: %s\n", escape.Line(err.Error()))
			code = ExitUsage
			continue
		}
		fmt.Fprintf(e.stdout, "%s: ok\n", escape.Commands(escape.Line(cfg.Path)))
	}
	return code, nil
}

// runInit implements `rbaclint init`: it writes a commented starter
// configuration, never overwriting an existing file.
func runInit(e *env, args []string) (int, error) {
	if err := parseNoArgs(e, initCommand(), args); err != nil {
		return ExitUsage, err
	}
	if _, err := os.Stat(config.AltFileName); err == nil {
		return ExitUsage, usagef("%s already exists; not writing %s beside it", config.AltFileName, config.FileName)
	}
	f, err := os.OpenFile(config.FileName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return ExitUsage, usagef("%s already exists; not overwriting it", config.FileName)
		}
		return ExitUsage, usagef("cannot create %s: %v", config.FileName, atomicfile.Cause(err))
	}
	if _, err := f.WriteString(config.Starter); err != nil {
		f.Close()
		return ExitUsage, usagef("cannot write %s: %v", config.FileName, atomicfile.Cause(err))
	}
	if err := f.Close(); err != nil {
		return ExitUsage, usagef("cannot write %s: %v", config.FileName, atomicfile.Cause(err))
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", config.FileName)
	return ExitClean, nil
}

// relToWD shortens an absolute path to one relative to the working
// directory, for messages.
func relToWD(p string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return filepath.Rel(wd, p)
}

// runConfigShow implements `rbaclint config show [FILE]`: the effective
// configuration, with every rule's level (configured or default) outside
// the paths of overrides.
func runConfigShow(e *env, c *command.Command, args []string) (int, error) {
	files, err := parse(e, c, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(files) > 1 {
		return ExitUsage, usagef("config show takes at most one file")
	}
	path := ""
	if len(files) == 1 {
		path = files[0]
	}
	cfg, err := loadConfig(path, false)
	if err != nil {
		return ExitUsage, err
	}
	var b strings.Builder
	if cfg.Path == "" {
		b.WriteString("# no configuration file: the defaults\n")
	} else {
		fmt.Fprintf(&b, "# effective configuration from %s\n", cfg.Path)
	}
	b.WriteString("rules:\n")
	for _, r := range registry.All() {
		lv, from := cfg.Level(r.ID, ""), "configured"
		if lv == rules.SeverityDefault {
			lv, from = r.DefaultSeverity, "default"
		}
		fmt.Fprintf(&b, "  %s: %s  # %s\n", r.ID, lv, from)
	}
	shown := cfg.Show()
	if shown.Overrides > 0 {
		fmt.Fprintf(&b, "# %d overrides set other levels for some paths (see the file)\n", shown.Overrides)
	}
	fmt.Fprintf(&b, "exclude: [%s]\n", quotedList(shown.Exclude))
	if shown.Kinds > 0 {
		fmt.Fprintf(&b, "# %d kinds entries force a kind for some paths (see the file)\n", shown.Kinds)
	}
	b.WriteString("ignore:")
	if len(cfg.Ignores) == 0 {
		b.WriteString(" []")
	}
	b.WriteString("\n")
	for _, ig := range cfg.Ignores {
		fmt.Fprintf(&b, "  - {rule: %s, files: [%s], pointer: %q, reason: %q}\n", ig.Rule, quotedList(ig.Files), ig.Pointer, ig.Reason)
	}
	fmt.Fprintf(&b, "limits: {maxFileSize: %d, maxDepth: %d, maxFindings: %d}\n",
		firstNonZero64(cfg.Limits.MaxFileSize, engine.DefaultMaxFileSize), firstNonZero(cfg.Limits.MaxDepth, source.DefaultMaxDepth), firstNonZero(cfg.Limits.MaxFindings, engine.DefaultMaxFindings))
	_, err = io.WriteString(e.stdout, escape.Text(b.String()))
	return ExitClean, err
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
