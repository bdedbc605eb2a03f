package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/fix"
)

// maxFixPasses bounds the lint-fix rounds: a fix that overlaps another is
// applied in a later round, after a re-lint; eslint stops at 10 as well.
const maxFixPasses = 10

// fixRun is what --fix did.
type fixRun struct {
	fixes, files int
}

// runFixes applies the suggested fixes of lint's findings, lints again and
// repeats while fixes remain (fixes that overlapped wait for the next
// round), then returns the last result: what remains. With dryRun nothing
// is written: each round works on the texts of the previous one in memory
// and its unified diff goes to out, so that the whole output, applied with
// `patch -p1` or `git apply`, does what --fix would do.
//
// A file is written atomically, only with the bytes the edits name, and
// only while it still holds the text that was linted: one changed on disk
// meanwhile is left alone and reported on stderr.
func runFixes(lint func(overlay map[string][]byte) (*engine.Result, error), dryRun bool, out, stderr io.Writer) (*engine.Result, fixRun, error) {
	var done fixRun
	overlay := map[string][]byte{}
	changed := map[string]bool{}
	skip := map[string]bool{} // changed on disk since read: never written
	for pass := 0; ; pass++ {
		res, err := lint(overlay)
		if err != nil || pass == maxFixPasses {
			return res, done, err
		}
		plan := fix.Plan(res.Findings)
		paths := make([]string, 0, len(plan))
		for p := range plan {
			if !skip[p] && res.Texts[p] != nil {
				paths = append(paths, p)
			}
		}
		if len(paths) == 0 {
			done.files = len(changed)
			return res, done, nil
		}
		sort.Strings(paths)
		for _, p := range paths {
			file, text := plan[p], res.Texts[p]
			fixed := fix.Apply(text, file.Edits)
			if fixed == nil {
				return nil, done, &engine.InternalError{Msg: "fix edits outside " + p}
			}
			if dryRun {
				if _, err := io.WriteString(out, fix.Diff(p, text, file.Edits)); err != nil {
					return nil, done, err
				}
				overlay[p] = fixed
			} else {
				fsPath := filepath.FromSlash(p)
				now, err := os.ReadFile(fsPath)
				if err != nil || !bytes.Equal(now, text) {
					fmt.Fprintf(stderr, "rbaclint: %s changed on disk since it was read; not fixed\n", p)
					skip[p] = true
					continue
				}
				if err := atomicfile.Replace(fsPath, fixed); err != nil {
					return nil, done, err
				}
			}
			done.fixes += file.Fixes
			changed[p] = true
		}
	}
}
