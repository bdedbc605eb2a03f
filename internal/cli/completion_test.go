package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// completionCase is a command line typed up to the cursor and what the
// shell must offer there, with the shells' differences taken out (see
// normalize).
type completionCase struct {
	line string
	want []string
}

// completionCases are the same for every shell. The expected rule IDs and
// formats come from the binary's own listings, not from the scripts' table.
func completionCases(t *testing.T, dir string) []completionCase {
	var ids, formats []string
	for _, l := range strings.Split(strings.TrimSpace(run(t, dir, "", "rules").stdout), "\n") {
		ids = append(ids, strings.Fields(l)[0])
	}
	for _, l := range strings.Split(strings.TrimSpace(run(t, dir, "", "--list-formats").stdout), "\n") {
		formats = append(formats, strings.Fields(l)[0])
	}
	if len(ids) < 50 || len(formats) != 7 {
		t.Fatalf("rules lists %d IDs, --list-formats %d formats", len(ids), len(formats))
	}
	commands := []string{"lint", "access", "diff", "rules", "explain", "config", "init", "lsp", "version", "completion", "man", "help"}
	return []completionCase{
		{"rbaclint ", append([]string{"sub", "users.json"}, commands...)},
		{"rbaclint --format ", formats},
		{"rbaclint --format=js", []string{"json"}},
		{"rbaclint examples/ --color=", []string{"auto", "always", "never"}},
		{"rbaclint lint --fail-level ", []string{"error", "warning", "note", "none"}},
		{"rbaclint diff --kind pcce-", []string{"pcce-roles", "pcce-administrators", "pcce-features"}},
		{"rbaclint --rule tenant/duplicate-e", []string{"tenant/duplicate-email"}},
		{"rbaclint --rule tenant/duplicate-email=", []string{"off", "note", "warning", "error"}},
		{"rbaclint lint --rule tenant/duplicate-email=w", []string{"warning"}},
		{"rbaclint --disable ", ids},
		{"rbaclint --enable finesse/p", []string{"finesse/plain-http"}},
		{"rbaclint explain finesse/pl", []string{"finesse/plain-http"}},
		{"rbaclint --output us", []string{"users.json"}},
		{"rbaclint --set-context ", []string{"sub"}},
		{"rbaclint config ", []string{"verify", "show"}},
		{"rbaclint config verify us", []string{"users.json"}},
		{"rbaclint access --capability manage-", []string{"manage-users", "manage-access", "manage-admins"}},
		{"rbaclint access --form", []string{"--format"}},
		{"rbaclint diff --ba", []string{"--base", "--baseline"}},
		{"rbaclint examples/ --no-", []string{"--no-config", "--no-exclude"}},
		{"rbaclint completion ", []string{"bash", "zsh", "fish"}},
		{"rbaclint rules --format ", []string{"text", "json", "markdown"}},
	}
}

// completionDir is a working directory with one file and one directory to
// complete.
func completionDir(t *testing.T) string {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "users.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// script writes `rbaclint completion SHELL` to a file.
func script(t *testing.T, dir, sh string) string {
	r := run(t, dir, "", "completion", sh)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("completion %s: exit %d %s", sh, r.code, r.stderr)
	}
	path := filepath.Join(t.TempDir(), "rbaclint."+sh)
	if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// normalize takes out how the shells differ in showing one completion:
// fish repeats the token's text before the last '=' (bash must not: it
// replaces only the text after it) and adds a description after a tab,
// bash and fish keep the '=' after a KEY of KEY=VALUE, fish and zsh add '/'
// to a directory. The result is sorted.
func normalize(sh string, got []string) []string {
	var out []string
	for _, g := range got {
		g, _, _ = strings.Cut(g, "\t")
		g = strings.TrimSpace(g)
		if i := strings.LastIndex(strings.TrimSuffix(g, "="), "="); i >= 0 && sh == "fish" {
			g = g[i+1:]
		}
		g = strings.TrimSuffix(strings.TrimSuffix(g, "="), "/")
		if g != "" {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func checkCompletions(t *testing.T, sh string, c completionCase, got []string) {
	t.Helper()
	want := slices.Clone(c.want)
	slices.Sort(want)
	if g := normalize(sh, got); !slices.Equal(g, want) {
		t.Errorf("%s: %q completes to %q, want %q", sh, c.line, g, want)
	}
}

func shellRun(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %q: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// Bash: the script is sourced, registers its function with complete, and
// the function is called as bash calls it on TAB, with COMP_LINE and
// COMP_POINT (what the script reads) set to the line typed so far.
func TestCompletionBash(t *testing.T) {
	bash := program(t, "bash")
	dir := completionDir(t)
	path := script(t, dir, "bash")
	if out := shellRun(t, dir, bash, "--norc", "-c", `source "$1" && complete -p rbaclint`, "bash", path); strings.TrimSpace(out) != "complete -F _rbaclint rbaclint" {
		t.Fatalf("the script registers %q", out)
	}
	for _, c := range completionCases(t, dir) {
		out := shellRun(t, dir, bash, "--norc", "-c", `source "$1"
COMP_LINE=$2 COMP_POINT=${#2} COMP_TYPE=9 COMP_KEY=9
read -ra COMP_WORDS <<<"$2"; COMP_CWORD=${#COMP_WORDS[@]}
_rbaclint rbaclint
printf '%s\n' "${COMPREPLY[@]}"`, "bash", path, c.line)
		checkCompletions(t, "bash", c, strings.Split(out, "\n"))
	}
}

// Fish: its own complete -C completes a command line with the script
// loaded, as TAB does.
func TestCompletionFish(t *testing.T) {
	fish := program(t, "fish")
	dir := completionDir(t)
	path := script(t, dir, "fish")
	if out := shellRun(t, dir, fish, "--no-config", "-n", path); out != "" {
		t.Fatalf("fish -n: %s", out)
	}
	for _, c := range completionCases(t, dir) {
		out := shellRun(t, dir, fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, path, c.line)
		checkCompletions(t, "fish", c, strings.Split(out, "\n"))
	}
}

// zshCapture runs inside an interactive zsh on a pseudo-terminal: it loads
// the completion system and the script, and hooks compadd to print every
// match the completion widget adds, then ends the shell after one
// completion.
const zshCapture = `PROMPT='' RPROMPT='' PS2=''
if [[ -n $RBACLINT_FPATH ]]; then
  fpath=($RBACLINT_FPATH $fpath)
  autoload -Uz compinit && compinit -u -D
else
  autoload -Uz compinit && compinit -u -D
  source $RBACLINT_SCRIPT
fi
print -r -- "<registered:$_comps[rbaclint]>"
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -r -l -- "<match>"${^__hits}
  builtin compadd "$@"
}
__capture_end() { print -r -- "<end>"; exit }
comppostfuncs=(__capture_end)
bindkey '^I' complete-word
print -r -- "<ready>"
`

// zshDrive types a line and TAB into that shell and prints the matches.
const zshDrive = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)1}"
local line
while zpty -r z line; do
  [[ $line == *'<registered:'* ]] && print -r -- ${line//[$'\r\n']/}
  [[ $line == *'<ready>'* ]] && break
done
zpty -w -n z "$2"$'\t'
while zpty -r z line; do
  [[ $line == *'<end>'* ]] && break
  [[ $line == *'<match>'* ]] && print -r -- "${${line#*<match>}//[$'\r\n']/}"
done
zpty -d z
`

// Zsh: a real completion through zsh's line editor on a pseudo-terminal
// (zpty), with the script sourced after compinit and, once, installed as
// _rbaclint in $fpath as the README says.
func TestCompletionZsh(t *testing.T) {
	zsh := program(t, "zsh")
	dir := completionDir(t)
	path := script(t, dir, "zsh")
	if out := shellRun(t, dir, zsh, "-n", path); out != "" {
		t.Fatalf("zsh -n: %s", out)
	}
	tmp := t.TempDir()
	capture, drive := filepath.Join(tmp, "capture.zsh"), filepath.Join(tmp, "drive.zsh")
	fpathDir := filepath.Join(tmp, "fpath")
	for file, text := range map[string]string{capture: zshCapture, drive: zshDrive} {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(fpathDir, 0o755); err != nil {
		t.Fatal(err)
	}
	body, _ := os.ReadFile(path)
	if err := os.WriteFile(filepath.Join(fpathDir, "_rbaclint"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	complete := func(c completionCase, fpath string) []string {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, zsh, "-f", drive, capture, c.line)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "RBACLINT_SCRIPT="+path, "RBACLINT_FPATH="+fpath, "HOME="+tmp)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("zsh completing %q: %v\n%s", c.line, err, out)
		}
		lines := strings.Split(string(out), "\n")
		if len(lines) == 0 || lines[0] != "<registered:_rbaclint>" {
			t.Fatalf("zsh: the script did not register _rbaclint for rbaclint: %q", out)
		}
		return lines[1:]
	}
	cases := completionCases(t, dir)
	for _, c := range cases {
		checkCompletions(t, "zsh", c, complete(c, ""))
	}
	checkCompletions(t, "zsh (fpath)", cases[1], complete(cases[1], fpathDir))
}

func TestCompletionRefusesUnknownShell(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "", "completion", "tcsh"); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, `no completion for shell "tcsh" (want bash, zsh, fish)`) {
		t.Errorf("completion tcsh: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, dir, "", "completion"); r.code != 2 || !strings.Contains(r.stderr, "completion takes one shell") {
		t.Errorf("completion: exit %d\n%s", r.code, r.stderr)
	}
}
