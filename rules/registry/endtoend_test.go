package registry_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/registry"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

// The end-to-end goldens run every rule: the hostile corpus (each file
// alone) and each directory of examples/ as one run, as the README's first
// command does.
func TestHostile(t *testing.T) {
	ruletest.Cases(t, filepath.Join("..", "..", "testdata", "hostile"), registry.All()...)
}

func TestExamples(t *testing.T) {
	root := filepath.Join("..", "..", "examples")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			t.Run(d.Name(), func(t *testing.T) {
				ruletest.Case(t, filepath.Join(root, d.Name()), filepath.Join("..", "..", "testdata", "examples", d.Name()+".want"), registry.All()...)
			})
		}
	}
}

// The access policy rules read the grants every pack maps, so their cases
// are sets of every vendor's exports (also rbaclint access's goldens, in
// internal/cli); they run with the two policy rules alone, and their
// configurations may tune any rule.
func TestAccessFixtures(t *testing.T) {
	ruletest.CasesOf(t, filepath.Join("..", "..", "testdata", "access"), registry.All(),
		registry.ByID(access.IDNotAllowed), registry.ByID(access.IDUnusedPolicy))
}

// The vendor corpus (one folder per kind of testdata/vendor) runs end to
// end: its cases reproduce the vendors' own examples, which no rule may
// misjudge (internal/engine's TestVendorCorpus holds the verdicts).
func TestVendorCorpusGoldens(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "vendor")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			t.Run(d.Name(), func(t *testing.T) { ruletest.Cases(t, filepath.Join(root, d.Name()), registry.All()...) })
		}
	}
}

// elsewhere lists the rules whose cases are not a rule directory of their
// pack's fixtures: with a directory, the goldens there must show the rule;
// without one, why no golden can.
var elsewhere = map[string]struct{ dir, why string }{
	"access/not-allowed": {"testdata/access",
		"reads every pack's grants against the access policy; its cases run end to end (TestAccessFixtures) and are also rbaclint access's goldens"},
	"access/unused-policy": {"testdata/access",
		"reads every pack's grants against the access policy; its cases run end to end (TestAccessFixtures) and are also rbaclint access's goldens"},
	"stale-baseline-entry": {"",
		"needs a baseline file, which a rule-test case cannot carry; internal/baseline (TestWriteLoadApply) and internal/cli (TestBaselineSurvivesReordering) test it"},
}

// The change rules of diff mode are tested by internal/diff's goldens.
const changeGoldens = "internal/diff/testdata"

// TestEveryRuleHasFixtures holds the rule-test layout: every registered rule
// has cases (testdata/<pack>/<rule>/, see rules/ruletest) and at least one of
// its goldens shows a finding of it, unless it is listed in elsewhere.
func TestEveryRuleHasFixtures(t *testing.T) {
	root := filepath.Join("..", "..")
	for id, e := range elsewhere {
		if registry.ByID(id) == nil {
			t.Errorf("elsewhere lists %s, which is not registered", id)
		}
		if e.why == "" {
			t.Errorf("elsewhere: %s needs a reason", id)
		}
	}
	for _, r := range registry.All() {
		dir := filepath.Join(root, fixtureDir(r))
		e, listed := elsewhere[r.ID]
		switch {
		case listed && e.dir == "":
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("%s is listed as untestable (%s) but has fixtures in %s", r.ID, e.why, dir)
			}
			continue
		case listed:
			dir = filepath.Join(root, e.dir)
		case r.CheckChange != nil || r.CheckChangeSet != nil:
			dir = filepath.Join(root, changeGoldens)
		}
		if !showsFinding(t, dir, r.ID) {
			t.Errorf("%s: no golden under %s shows a finding of it; add a case that does (or list the rule in elsewhere, with why)", r.ID, dir)
		}
	}
}

// fixtureDir is where the rule-test layout puts a rule's cases:
// testdata/<pack>/<rule>/, with testdata/general/ for rules without a pack
// prefix.
func fixtureDir(r *rules.Rule) string {
	pack, _, ok := strings.Cut(r.ID, "/")
	if !ok {
		pack = "general"
	}
	return filepath.Join("testdata", pack, ruletest.Dir(r))
}

// showsFinding reports whether some case's .want file under dir has a finding line
// of the rule id (`[file:]line:col: id[ (severity)]: message`).
func showsFinding(t *testing.T, dir, id string) bool {
	t.Helper()
	line := regexp.MustCompile(`(?m)^(\S+:)?\d+:\d+: ` + regexp.QuoteMeta(id) + `( \([a-z]+\))?: `)
	found := false
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		// A rule's findings over the pack's shared inputs (_pack.want) do
		// not count: a case of its own must show it.
		if err != nil || found || d.IsDir() || filepath.Ext(p) != ".want" || d.Name() == ruletest.PackDir+".want" {
			return err
		}
		b, err := os.ReadFile(p)
		found = err == nil && line.Match(b)
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return found
}
