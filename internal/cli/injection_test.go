package cli_test

// Hostile names and values must never reach a terminal or a CI log as
// anything but visible text (issue 18, items 1-3): no workflow command, no
// terminal escape, no bidi or zero-width character, in any format or on
// standard error.

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hostileNames are file names a contributor can commit; pre-commit passes
// them to rbaclint as arguments.
var hostileNames = []string{
	"x\n::stop-commands::tok.json",
	"::warning file=a::b.json",
	"  ::error::indented.json",
	"\u00a0\u3000::error::nbsp.json",
	"osc\x1b]0;owned\x07.json",
	"csi\x1b[31mred.json",
	"c1\u009b31m.json",
	"bidi\u202eevil\u2066x\u2069.json",
	"zero\u200bwidth\ufeff.json",
	"sep\u2028line\u2029para.json",
	"legacy##[warning]x.json",
}

// hostileKey is a role key that is a legacy workflow command.
const hostileKeyProfile = `{
  "name": "Sales.Team",
  "profileType": "SUPERVISOR",
  "active": true,
  "permissionAccessLevel": "SPECIFIC",
  "resourceAccessLevel": "ALL",
  "bogus.##[set-output name=verdict;]pass": 1,
  "bidi\u202ekey": 2
}
`

// unsafeRune is what no output may carry raw: control characters other
// than line breaks and tab, format characters, line/paragraph separators.
func unsafeRune(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// checkNoInjection fails on any raw unsafe character, any legacy "##[" and
// any line that starts with "::" (a workflow command) unless commands are
// allowed, in which case every such line must be one rbaclint wrote.
func checkNoInjection(t *testing.T, what, out string, commands bool) {
	t.Helper()
	if i := strings.IndexFunc(out, unsafeRune); i >= 0 {
		t.Errorf("%s carries a raw %U: %q", what, []rune(out[i:])[0], around(out, i))
	}
	if !utf8.ValidString(out) {
		t.Errorf("%s is not valid UTF-8: %q", what, firstInvalidLine(out))
	}
	if i := strings.Index(out, "##["); i >= 0 {
		t.Errorf("%s carries a legacy workflow command: %q", what, around(out, i))
	}
	for _, l := range strings.Split(out, "\n") {
		t2 := strings.TrimLeftFunc(l, unicode.IsSpace)
		if !strings.HasPrefix(t2, "::") {
			continue
		}
		if !commands || !isRbaclintCommand(t2) {
			t.Errorf("%s has a line that is a workflow command: %q", what, l)
		}
	}
}

// isRbaclintCommand parses l as the Actions runner does: "::", the command
// name up to a blank, properties up to the next "::", then the message. It
// must be an annotation whose properties are all ones rbaclint writes.
func isRbaclintCommand(l string) bool {
	rest, ok := strings.CutPrefix(l, "::")
	if !ok {
		return false
	}
	name, rest, ok := strings.Cut(rest, " ")
	if !ok || name != "error" && name != "warning" && name != "notice" {
		return false
	}
	props, _, ok := strings.Cut(rest, "::")
	if !ok {
		return false
	}
	for _, p := range strings.Split(props, ",") {
		k, _, ok := strings.Cut(p, "=")
		switch k {
		case "file", "line", "col", "endLine", "endColumn", "title":
		default:
			return false
		}
		if !ok {
			return false
		}
	}
	return true
}

func around(s string, i int) string {
	lo, hi := max(0, i-30), min(len(s), i+30)
	return s[lo:hi]
}

func writeHostileNames(t *testing.T) (string, []string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows file names cannot hold these characters")
	}
	dir := t.TempDir()
	var made []string
	for _, n := range hostileNames {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(hostileKeyProfile), 0o644); err != nil {
			t.Fatalf("creating %q: %v", n, err)
		}
		made = append(made, n)
	}
	// A dangling symlink (a note when walked) with a hostile name.
	if err := os.Symlink("missing.json", filepath.Join(dir, "dangling\n::stop-commands::tok2.json")); err != nil {
		t.Fatal(err)
	}
	return dir, made
}

// TestHostileNamesNeverInject runs every format over files with hostile
// names, walked and named, with --verbose, and checks stdout and stderr.
func TestHostileNamesNeverInject(t *testing.T) {
	dir, names := writeHostileNames(t)
	writeFile(t, filepath.Join(dir, "notes.txt\n::warning::skipped.yaml"), "a: 1\n")
	for _, f := range formats {
		for _, args := range [][]string{
			{"--verbose", "--format", f, "."},
			append([]string{"--verbose", "--format", f}, names...),
		} {
			r := run(t, dir, "", args...)
			if r.code != 1 {
				t.Fatalf("%q: exit %d, want 1\n%s", args, r.code, r.stderr)
			}
			checkNoInjection(t, "--format "+f+" stdout", r.stdout, f == "github")
			checkNoInjection(t, "--format "+f+" stderr", r.stderr, false)
			if f == "github" {
				checkOneCommandPerLine(t, r.stdout)
			}
			if f == "json" || f == "sarif" {
				var doc any
				if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
					t.Errorf("--format %s is not valid JSON: %v", f, err)
				}
			}
			if f == "junit" {
				checkJUnitNames(t, r.stdout)
			}
		}
	}
	// The escaped name is still recognisable and says what was there.
	r := run(t, dir, "", "--format", "text", ".")
	for _, want := range []string{`bidi\u202eevil\u2066x\u2069.json:`, `osc\x1b]0;owned\x07.json:`, `\x3a:warning file=a::b.json:`, `legacy##\x5bwarning]x.json:`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text output does not show %s:\n%s", want, r.stdout)
		}
	}
}

// TestHostileNamesOnUsageErrors: a missing file, a dangling symlink or a bad
// glob named on the command line is a usage error whose message shows the
// name escaped.
func TestHostileNamesOnUsageErrors(t *testing.T) {
	dir, _ := writeHostileNames(t)
	for _, args := range [][]string{
		{"missing\n::stop-commands::tok.json"},
		{"dangling\n::stop-commands::tok2.json"},
		{"bad[\x1b]0;x\x07\n::error::glob"},
		{"--kind", "x\n::error::kind", "a.json"},
		{"--fail-level", "x\n::error::lvl", "a.json"},
		{"--nope\n::error::flag", "a.json"},
		{"--config", "cfg\n::error::c.yaml", "a.json"},
		{"--baseline", "base\n::error::b.json", "a.json"},
		{"config", "verify", "cfg\u202e\n::error::c.yaml"},
	} {
		r := run(t, dir, "", args...)
		if r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		checkNoInjection(t, "stderr of "+strings.Join(args, " "), r.stderr, false)
		checkNoInjection(t, "stdout of "+strings.Join(args, " "), r.stdout, false)
	}
}

// checkOneCommandPerLine: the github format is one command per line and
// nothing else.
func checkOneCommandPerLine(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !isRbaclintCommand(l) {
			t.Errorf("--format github line is not one rbaclint command: %q", l)
		}
	}
}

// checkJUnitNames: well-formed, no two suites with one name, and no name
// made lossy with U+FFFD.
func checkJUnitNames(t *testing.T, out string) {
	t.Helper()
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				ClassName string `xml:"classname,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	d := xml.NewDecoder(strings.NewReader(out))
	if err := d.Decode(&doc); err != nil && err != io.EOF {
		t.Fatalf("JUnit is not well-formed: %v", err)
	}
	seen := map[string]bool{}
	for _, s := range doc.Suites {
		if seen[s.Name] {
			t.Errorf("two JUnit suites named %q", s.Name)
		}
		seen[s.Name] = true
		for _, c := range s.Cases {
			for _, n := range []string{s.Name, c.Name, c.ClassName} {
				if strings.ContainsRune(n, utf8.RuneError) || strings.IndexFunc(n, unsafeRune) >= 0 {
					t.Errorf("JUnit name %q is lossy or carries a raw unsafe character", n)
				}
			}
		}
	}
}

// TestHostileCorpusOutputsSafe lints the committed attacks in every format:
// whatever the files hold, no output carries an injection.
func TestHostileCorpusOutputsSafe(t *testing.T) {
	for _, f := range formats {
		r := run(t, repoRoot, "", "--verbose", "--format", f, "testdata/hostile")
		if r.code != 1 {
			t.Fatalf("--format %s: exit %d, want 1\n%s", f, r.code, r.stderr)
		}
		checkNoInjection(t, "--format "+f+" stdout", r.stdout, f == "github")
		checkNoInjection(t, "--format "+f+" stderr", r.stderr, false)
	}
}
