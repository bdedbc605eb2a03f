package engine

import (
	"path/filepath"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// Set context: pre-commit splits a large commit into several runs, and a
// set-level rule that sees only one run's files misses a duplicate across
// the split or reports a tenant's missing admin whose admin is in another
// run. With Options.SetContext, the set-level rules also read every export
// found under those directories (walked as a directory argument is, with
// exclude: applied), and only findings in the files this run checks are
// reported. A file's findings then depend on the file and the context only,
// never on which other files share its run.

// loadContext loads the context exports that are not among the inputs. Only
// detection and the configuration's kinds: entries classify them (--kind
// forces the named files, not a whole repository); files that do not load
// cleanly are left out, as their own run reports them.
func loadContext(opts Options, inputs []input) ([]*rules.Document, []string, error) {
	if len(opts.SetContext) == 0 {
		return nil, nil, nil
	}
	found, notes, err := discover(opts.SetContext, "", opts.Exclude)
	if err != nil {
		return nil, nil, err
	}
	named := map[string]bool{}
	for _, in := range inputs {
		if in.fsPath != "" {
			named[absPath(in.fsPath)] = true
		}
	}
	var todo []input
	for _, in := range found {
		if !in.excluded && !named[absPath(in.fsPath)] {
			todo = append(todo, in)
		}
	}
	docs := make([]*rules.Document, len(todo))
	opts.budget.Each(len(todo), func(i int) {
		docs[i] = loadContextDoc(todo[i], opts)
	})
	out := docs[:0]
	for _, d := range docs {
		if d != nil {
			out = append(out, d)
		}
	}
	return out, notes, nil
}

func loadContextDoc(in input, opts Options) *rules.Document {
	// Read, not mapped: the set-level rules read context documents after
	// the checks, where a fault would not be the file's finding.
	opts.MapFiles = false
	data, _, limit, err := read(in, opts)
	if err != nil || limit != nil {
		return nil
	}
	var kind rules.Kind
	if opts.KindFor != nil {
		kind = opts.KindFor(in.path)
	}
	if kind == "" && !source.Recognisable(in.path, data) {
		return nil
	}
	// Each context file loads on one goroutine: the budget's workers
	// already share the files between them.
	doc, findings := source.Load(in.path, data, source.Options{Kind: kind, MaxDepth: opts.MaxDepth, MaxFindings: opts.loaderCap()})
	if doc == nil || doc.Kind == "" || len(findings) > 0 {
		return nil
	}
	return doc
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// inContext drops the set-level findings located in context documents:
// those files are not checked in this run.
func inContext(fs []rules.Finding, context []*rules.Document) []rules.Finding {
	if len(context) == 0 {
		return fs
	}
	skip := map[string]bool{}
	for _, d := range context {
		skip[d.Path] = true
	}
	out := fs[:0]
	for _, f := range fs {
		if !skip[f.Path] {
			out = append(out, f)
		}
	}
	return out
}
