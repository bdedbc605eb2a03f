package cli

import (
	"path/filepath"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/lsp"
)

// runLSP implements `rbaclint lsp`: a language server on stdin/stdout.
func runLSP(e *env, args []string) (int, error) {
	if err := parseNoArgs(e, lspCommand(), args); err != nil {
		return ExitUsage, err
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
