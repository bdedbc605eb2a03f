package config

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
	"github.com/rbaclint/rbaclint/schemas"
)

var known = []string{"schema", "plaintext-secret", "webex/unknown-permission", "tenant/realtime-auto-assign", "unused-ignore"}

func TestStarterIsValid(t *testing.T) {
	if _, err := Parse("/tmp/.rbaclint.yaml", []byte(Starter), known); err != nil {
		t.Fatalf("the starter config written by rbaclint init does not validate:\n%v", err)
	}
}

func TestParseErrorsHavePositions(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"missing version", "rules: {}\n", "1:1: configuration: missing required key \"version\""},
		{"wrong version", "version: 2\n", "1:1: version: only version 1 is supported"},
		{"bad level", "version: 1\nrules:\n  schema: warn\n", "3:3: rules.schema: value must be one of"},
		{"unknown key", "version: 1\nrulez: {}\n", "2:1: configuration: unknown key \"rulez\""},
		{"unknown rule", "version: 1\nrules:\n  plaintext-secrets: off\n", "3:3: unknown rule \"plaintext-secrets\"; did you mean plaintext-secret?"},
		{"unknown nested key", "version: 1\ncatalog:\n  webex:\n    permissions: [a]\n    permisions: [b]\n", "5:5: catalog.webex: unknown key \"permisions\""},
		{"two missing keys", "version: 1\nignore:\n  - files: [a.json]\n", "3:5: ignore.0: missing required key \"rule\", \"reason\""},
		{"ignore without reason", "version: 1\nignore:\n  - rule: schema\n    files: [a.json]\n", "3:5: ignore.0: missing required key \"reason\""},
		{"bad glob", "version: 1\nexclude: [\"a/[b\"]\n", "malformed glob"},
		{"syntax", "version: 1\nrules: [\n", "rbaclint.yaml:"},
		{"duplicate key", "version: 1\nrules: {}\nrules: {}\n", "3:1:"},
		// yaml.v3 names the line where the enclosing block starts (1 here).
		{"example uncommented under a flow mapping", "version: 1\n\n# levels\nrules: {}\n  tenant/realtime-auto-assign: off\n", ".rbaclint.yaml:5:1: did not find expected key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("/tmp/.rbaclint.yaml", []byte(c.text), known)
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\nwant it to contain %q", err, c.want)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Errorf("error is %T, want config.Errors", err)
			}
		})
	}
}

// readSchema decodes the embedded configuration schema into v.
func readSchema(t *testing.T, v any) {
	t.Helper()
	b, err := fs.ReadFile(schemas.FS, SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func loadIn(t *testing.T, text string) *Config {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p, known)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return c
}

func TestLevelsOverridesKindsExclude(t *testing.T) {
	c := loadIn(t, `version: 1
rules:
  webex/unknown-permission: error
  tenant/realtime-auto-assign: off
overrides:
  - files: ["legacy/**"]
    rules:
      webex/unknown-permission: note
kinds:
  - files: ["odd/*.json"]
    kind: webex-user-profile
exclude: ["archive/**", "*.bak.json"]
tenant:
  region: uk
finesse:
  platform: uccx
catalog:
  tenant:
    roles:
      - key: customer.custom.reporting
        prerequisites: [customer.user]
  pcce:
    features: [customfeature]
`)
	if got := c.Level("webex/unknown-permission", "exports/a.json"); got != rules.SeverityError {
		t.Errorf("top-level level = %v, want error", got)
	}
	if got := c.Level("webex/unknown-permission", "legacy/deep/a.json"); got != rules.SeverityNote {
		t.Errorf("override level = %v, want note", got)
	}
	if got := c.Level("tenant/realtime-auto-assign", "a.json"); got != rules.SeverityOff {
		t.Errorf("off = %v", got)
	}
	if got := c.Level("schema", "a.json"); got != rules.SeverityDefault {
		t.Errorf("unconfigured rule = %v, want default", got)
	}
	if got := c.KindFor("odd/x.json"); got != rules.KindWebexUserProfile {
		t.Errorf("KindFor = %q", got)
	}
	if c.KindFor("odd/sub/x.json") != "" {
		t.Errorf("single * must not cross directories")
	}
	if !c.Excluded("archive/2024/x.json") || !c.Excluded("deep/old.bak.json") || c.Excluded("exports/x.json") {
		t.Errorf("exclude globs wrong")
	}
	o := c.RuleOptions()
	opt := map[string]*rules.Option{}
	for _, x := range registry.Options() {
		opt[x.Key] = x
	}
	roles := o.Records(opt["catalog.tenant.roles"])
	if o.String(opt["tenant.region"]) != "uk" || o.String(opt["finesse.platform"]) != "uccx" || len(roles) != 1 ||
		roles[0]["prerequisites"].([]any)[0] != "customer.user" || o.Names(opt["catalog.pcce.features"])[0] != "customfeature" {
		t.Errorf("options = %+v", o)
	}
}

func TestIgnores(t *testing.T) {
	c := loadIn(t, `version: 1
ignore:
  - rule: schema
    files: ["exports/*.json"]
    pointer: /data/1
    reason: known vendor quirk
  - rule: plaintext-secret
    files: ["exports/*.json"]
    reason: fake password in a test export
  - rule: plaintext-secret
    files: ["other/*.json"]
    reason: not checked in this run
`)
	fs := []reported.Finding{
		{Finding: rules.Finding{RuleID: "schema", Path: "exports/a.json", Pointer: "/data/1/name"}},
		{Finding: rules.Finding{RuleID: "schema", Path: "exports/a.json", Pointer: "/data/10/name"}},
		{Finding: rules.Finding{RuleID: "schema", Path: "exports/a.json", Pointer: "/data/1"}},
	}
	out := c.ApplyIgnores(fs, []string{"exports/a.json"})
	if out[0].Suppressed == nil || out[0].Suppressed.Justification != "known vendor quirk" {
		t.Errorf("finding below the pointer not suppressed")
	}
	if out[1].Suppressed != nil {
		t.Errorf("/data/10 must not match pointer /data/1")
	}
	if out[2].Suppressed == nil {
		t.Errorf("finding at the pointer not suppressed")
	}
	var unused []reported.Finding
	for _, f := range out {
		if f.RuleID == rules.IDUnusedIgnore {
			unused = append(unused, f)
		}
	}
	if len(unused) != 1 {
		t.Fatalf("got %d unused-ignore findings, want 1 (the third ignore covers no checked file): %+v", len(unused), unused)
	}
	if unused[0].Span.Start.Line != 7 || unused[0].Path != c.Path {
		t.Errorf("unused ignore at %s:%d, want %s:7 (the second ignore)", unused[0].Path, unused[0].Span.Start.Line, c.Path)
	}
}

func TestGlob(t *testing.T) {
	cases := []struct {
		pat, name string
		want      bool
	}{
		{"*.json", "a/b/c.json", true},
		{"a/*.json", "a/c.json", true},
		{"a/*.json", "a/b/c.json", false},
		{"a/**/c.json", "a/c.json", true},
		{"a/**/c.json", "a/x/y/c.json", true},
		{"**", "anything/at/all", true},
		{"./exports/*.xml", "exports/r.xml", true},
		{"exports/*.xml", "other/exports/r.xml", false},
		{"a/**", "a", true},
		{"a/**", "b/a", false},
		{"**/**/c.json", "c.json", true},
		{"a/**/b/**/c", "a/b/x/b/c", true},
		{"a/**/b/**/c", "a/x/c", false},
		{"**/x/**/y", "x/y", true},
		{strings.Repeat("**/", 10) + "z", strings.Repeat("d/", 26) + "y", false},
	}
	for _, c := range cases {
		if got := matchGlob(c.pat, c.name); got != c.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", c.pat, c.name, got, c.want)
		}
	}
}

func TestFindWalksUp(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, FileName)
	if err := os.WriteFile(want, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Find(sub)
	if err != nil || got != want {
		t.Errorf("Find = %q, %v; want %q", got, err, want)
	}
}
