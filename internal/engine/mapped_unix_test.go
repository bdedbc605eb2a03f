//go:build linux || darwin

package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/internal/corpus"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// mappedExport writes a generated profile list (big enough that its pages
// are read well after its start) and maps it as a run does; when windows,
// the list is checked a window of entities at a time (Options.Stream), as a
// big one is.
func mappedExport(t *testing.T, windows bool) (input, []byte, Options) {
	t.Helper()
	text, err := corpus.Generate(corpus.Medium, corpus.WebexProfiles)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "webex-user-profiles.json")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	in := input{path: path, fsPath: path, explicit: true}
	opts := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2, MapFiles: true}
	if windows {
		opts.Stream, opts.StreamMin, opts.WindowBytes = true, 1<<16, 1<<16
	}
	return in, text, opts
}

// eachCheck runs test on a whole load and on a check by windows.
func eachCheck(t *testing.T, test func(t *testing.T, windows bool)) {
	for _, windows := range []bool{false, true} {
		name := "whole"
		if windows {
			name = "windows"
		}
		t.Run(name, func(t *testing.T) { test(t, windows) })
	}
}

// TestTruncatedWhileChecked truncates a mapped file before its check reads
// it: the loader's read past the new end faults, and the file's result is
// the changed-file finding.
func TestTruncatedWhileChecked(t *testing.T) { eachCheck(t, truncatedWhileChecked) }

func truncatedWhileChecked(t *testing.T, windows bool) {
	in, text, opts := mappedExport(t, windows)
	opts.budget = workers.New(opts.Jobs)
	data, fi, limit, err := read(in, opts)
	if err != nil || limit != nil || fi == nil || len(data) != len(text) {
		t.Fatalf("read: mapped %v, %d bytes, %v, %v", fi != nil, len(data), limit, err)
	}
	if err := os.Truncate(in.fsPath, int64(len(text)/3)); err != nil {
		t.Fatal(err)
	}
	faulted := false
	res := whileMapped(in, fi, data, func() fileResult {
		defer func() {
			if p := recover(); p != nil {
				faulted = true
				panic(p)
			}
		}()
		return checkText(in, data, opts, checkersByKind(opts.Rules))
	})
	if !faulted {
		t.Error("the check did not fault: the test no longer reads past the end")
	}
	want := []rules.Finding{changedWhileRead(in.path)}
	if res.doc != nil || res.stream != nil || res.err != nil || !reflect.DeepEqual(res.findings, want) {
		t.Errorf("got doc %v, stream %v, err %v, findings %v; want %v", res.doc != nil, res.stream != nil, res.err, res.findings, want)
	}
}

// TestTruncatedAfterChecked truncates a mapped file after its check: the
// positions step reads the text again, faults, and the run settles with the
// changed-file finding instead of the file's findings.
func TestTruncatedAfterChecked(t *testing.T) { eachCheck(t, truncatedAfterChecked) }

func truncatedAfterChecked(t *testing.T, windows bool) {
	in, _, opts := mappedExport(t, windows)
	res, err := Run([]string{in.path}, opts)
	if err != nil || len(res.Findings) < 2 {
		t.Fatalf("untouched: %d findings, %v", len(res.Findings), err)
	}
	opts.budget = workers.New(opts.Jobs)
	results := []fileResult{checkFile(in, opts, checkersByKind(opts.Rules))}
	if results[0].mappedAs == nil || (results[0].stream != nil) != windows {
		t.Fatalf("mapped %v, checked by windows %v; want mapped, by windows %v", results[0].mappedAs != nil, results[0].stream != nil, windows)
	}
	if err := os.Truncate(in.fsPath, 0); err != nil {
		t.Fatal(err)
	}
	got, err := settleWhileMapped([]input{in}, results, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 1 || got.Findings[0].Finding.Message != changedWhileRead(in.path).Message {
		t.Errorf("got %d findings (first %+v), want the changed-file finding alone", len(got.Findings), got.Findings[0].Finding)
	}
	if len(got.Docs) != 0 {
		t.Errorf("the truncated file's document is still in the result")
	}
}

// TestMappedLikeRead: mapping changes nothing a run reports.
func TestMappedLikeRead(t *testing.T) {
	for _, dir := range []string{"../../examples", "../../testdata"} {
		opts := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2}
		read, err := Run([]string{dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.MapFiles = true
		mapped, err := Run([]string{dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(read.Findings, mapped.Findings) || !reflect.DeepEqual(read.Files, mapped.Files) {
			t.Errorf("%s: mapped files give other findings (%d against %d read)", dir, len(mapped.Findings), len(read.Findings))
		}
	}
}
