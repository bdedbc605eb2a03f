package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/escape"
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
	if len(args) == 0 || args[0] != "verify" {
		return ExitUsage, usagef("usage: rbaclint config verify [FILE ...]")
	}
	fs := flag.NewFlagSet("rbaclint config verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	files, err := parseInterspersed(fs, args[1:])
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
	if len(args) > 0 {
		return ExitUsage, usagef("init takes no arguments")
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
