package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rbaclint/rbaclint/internal/diff"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/gitrev"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// runDiff implements `rbaclint diff OLD NEW` and `rbaclint diff --base REV
// [--head REV] [PATH ...]`.
func runDiff(e *env, args []string) (code int, err error) {
	var lf lintFlags
	var base, head string
	pos, err := parse(e, diffCommand(&lf, &base, &head), args)
	if err != nil {
		return ExitUsage, err
	}
	switch {
	case lf.fix || lf.dryRun:
		return ExitUsage, usagef("diff does not fix: run rbaclint lint --fix on the new version")
	case len(lf.setContext) > 0:
		return ExitUsage, usagef("diff does not take --set-context: each version's set-level rules read that version's files")
	}
	for _, p := range pos {
		if p == "-" {
			return ExitUsage, usagef("diff does not read standard input: name files or directories")
		}
	}
	dests, err := destinations(lf.formats, lf.outputs)
	if err != nil {
		return ExitUsage, err
	}
	if err := refuseOutputOverInput(lf.runOutputs(dests), lf.runInputs(pos)); err != nil {
		return ExitUsage, err
	}
	// As in lint: a run stopped by an error still writes its SARIF logs.
	defer func() {
		if err != nil {
			writeFailureLogs(dests, err, code, e.stdout)
		}
	}()
	s, err := lf.setup(e, dests)
	if err != nil {
		return ExitUsage, err
	}
	defer s.stop()
	var old, new diff.Side
	switch {
	case base == "" && head != "":
		return ExitUsage, usagef("--head needs --base: rbaclint diff --base REV --head REV [PATH ...]")
	case base == "":
		if old, new, err = pathSides(pos); err != nil {
			return ExitUsage, err
		}
	default:
		if old, new, err = revSides(s, base, head, pos); err != nil {
			return ExitUsage, err
		}
	}
	res, err := diff.Run(old, new, s.opts, registry.GrantSources())
	if err != nil {
		return engineError(err)
	}
	return s.emit(e, &lf, outcome{findings: res.Findings, files: res.Files, skipped: res.Skipped, skipReasons: res.SkipReasons, notes: res.Notes, change: res.Summary, baselinable: res.Baselinable, capped: res.Capped})
}

// pathSides are OLD and NEW given as two files or two directories.
func pathSides(pos []string) (diff.Side, diff.Side, error) {
	if len(pos) != 2 {
		return diff.Side{}, diff.Side{}, usagef("diff takes OLD and NEW (two files or two directories), or --base REV [PATH ...]")
	}
	var dirs [2]bool
	for i, p := range pos {
		fi, err := os.Stat(p)
		if err != nil {
			return diff.Side{}, diff.Side{}, usagef("%s: no such file or directory", p)
		}
		dirs[i] = fi.IsDir()
	}
	if dirs[0] != dirs[1] {
		return diff.Side{}, diff.Side{}, usagef("OLD and NEW must both be files or both directories (%s, %s)", pos[0], pos[1])
	}
	side := func(p string) diff.Side {
		return diff.Side{Label: displayPath(p), Paths: []string{p}, Root: displayPath(p)}
	}
	return side(pos[0]), side(pos[1]), nil
}

// revSides are the paths at revision base, and at head or in the working
// tree.
func revSides(s *setup, base, head string, paths []string) (diff.Side, diff.Side, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	wd, err := os.Getwd()
	if err != nil {
		return diff.Side{}, diff.Side{}, err
	}
	repo, err := gitrev.Open(wd)
	if err != nil {
		return diff.Side{}, diff.Side{}, usagef("--base: %v", err)
	}
	baseCommit, err := repo.Commit(base)
	unborn := err != nil && base == "HEAD" && repo.Unborn()
	if err != nil && !unborn {
		return diff.Side{}, diff.Side{}, usagef("--base: %v", err)
	}
	headCommit := ""
	if head != "" {
		if headCommit, err = repo.Commit(head); err != nil {
			return diff.Side{}, diff.Side{}, usagef("--head: %v", err)
		}
	}
	// A path may exist on one side only (a deleted or a new directory),
	// but it must exist on one.
	var present []string
	for _, p := range paths {
		inBase := false
		if !unborn {
			if inBase, err = repo.Has(baseCommit, wd, p); err != nil {
				return diff.Side{}, diff.Side{}, usagef("%v", err)
			}
		}
		inNew := false
		if headCommit != "" {
			if inNew, err = repo.Has(headCommit, wd, p); err != nil {
				return diff.Side{}, diff.Side{}, usagef("%v", err)
			}
		} else if _, err := os.Stat(p); err == nil {
			inNew = true
			present = append(present, p)
		}
		if !inBase && !inNew {
			where := "the working tree"
			if head != "" {
				where = head
			}
			return diff.Side{}, diff.Side{}, usagef("%s: no such file or directory in %s or %s", p, base, where)
		}
	}
	// Before the first commit, HEAD has no files: everything is added (a
	// pre-commit hook on a new repository).
	oldFiles := []engine.File{}
	if !unborn {
		if oldFiles, err = revFiles(s, repo, baseCommit, wd, paths); err != nil {
			return diff.Side{}, diff.Side{}, err
		}
	}
	old := diff.Side{Label: base, Files: oldFiles}
	if headCommit == "" {
		return old, diff.Side{Label: "working tree", Paths: present}, nil
	}
	newFiles, err := revFiles(s, repo, headCommit, wd, paths)
	if err != nil {
		return diff.Side{}, diff.Side{}, err
	}
	return old, diff.Side{Label: head, Files: newFiles}, nil
}

// revFiles reads the files below paths at a commit, filtered as a walk of
// the working tree would filter them.
func revFiles(s *setup, repo *gitrev.Repo, commit, wd string, paths []string) ([]engine.File, error) {
	max := s.opts.MaxFileSize
	if max <= 0 {
		max = engine.DefaultMaxFileSize
	}
	want := func(p string) bool { return engine.Wanted(p, s.opts.Exclude) }
	gfs, err := repo.Files(commit, wd, paths, want, max)
	if err != nil {
		return nil, err
	}
	files := make([]engine.File, 0, len(gfs))
	for _, f := range gfs {
		files = append(files, engine.File{Path: f.Path, Data: f.Data, Size: f.Size, Explicit: f.Explicit})
	}
	return files, nil
}

// suppressFromRev makes lint --new-from-rev hide the findings that the
// same paths had at rev (linted in memory): only new findings fail the run.
func (s *setup) suppressFromRev(rev string, paths []string) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	repo, err := gitrev.Open(wd)
	if err != nil {
		return usagef("--new-from-rev: %v", err)
	}
	commit, err := repo.Commit(rev)
	if err != nil {
		return usagef("--new-from-rev: %v", err)
	}
	var named []string
	for _, p := range paths {
		if p == "-" {
			if s.opts.StdinName == "" {
				return usagef("--new-from-rev with - needs --stdin-filename: the name of the file at %s", rev)
			}
			p = s.opts.StdinName
		}
		named = append(named, p)
	}
	files, err := revFiles(s, repo, commit, wd, named)
	if err != nil {
		return err
	}
	oldOpts := s.opts
	oldOpts.Ignore, oldOpts.Baseline, oldOpts.Files = nil, nil, files
	had := diff.Known{}
	if len(files) > 0 {
		res, err := engine.Run(nil, oldOpts)
		if err != nil {
			return fmt.Errorf("linting %s: %w", rev, err)
		}
		for _, f := range res.Findings {
			had[f.Fingerprint]++
		}
	}
	userBaseline := s.opts.Baseline
	s.opts.Baseline = func(fs []reported.Finding, checked []string) []reported.Finding {
		if userBaseline != nil {
			fs = userBaseline(fs, checked)
		}
		had.Hide(fs, "already at "+rev, func(f reported.Finding) string { return f.Fingerprint })
		return fs
	}
	return nil
}

func displayPath(p string) string { return filepath.ToSlash(filepath.Clean(p)) }
