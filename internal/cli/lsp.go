package cli

import (
	"flag"
	"fmt"
	"path/filepath"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/lsp"
)

// runLSP implements `rbaclint lsp`: a language server on stdin/stdout.
func runLSP(e *env, args []string) (int, error) {
	fs := flag.NewFlagSet("rbaclint lsp", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, "usage: rbaclint lsp\n\nA Language Server Protocol (3.17) server on standard input and output, for editors.\nIt reads .rbaclint.yaml from the workspace root and logs to standard error.\n")
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("rbaclint lsp takes no arguments")
	}
	err := lsp.Serve(e.stdin, e.stdout, lsp.Options{Configure: workspaceOptions, Version: version(), Log: e.stderr})
	if err == lsp.ErrExitWithoutShutdown {
		return 1, nil // the specification's exit code for an exit without shutdown
	}
	if err != nil {
		return ExitInternal, err
	}
	return ExitClean, nil
}

// workspaceOptions are the lint options for a workspace root: its
// .rbaclint.yaml (found upward from the root, as lint finds it from the
// working directory), or the defaults.
func workspaceOptions(root string) (engine.Options, string, error) {
	if root == "" {
		return configuredOptions(&config.Config{}), "", nil
	}
	path, err := config.Find(filepath.FromSlash(root))
	if err != nil {
		return engine.Options{}, "", err
	}
	if path == "" {
		return configuredOptions(&config.Config{}), "", nil
	}
	cfg, err := config.Load(path, ruleIDs())
	if err != nil {
		return engine.Options{}, path, err
	}
	return configuredOptions(cfg), filepath.ToSlash(path), nil
}
