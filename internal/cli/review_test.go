package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/internal/jsontest"
)

// The pull request of issue 14's definition of done, on exports of the
// three vendors: it widens a Webex profile to ALL, adds a PCCE
// administrator to a role that has the administrator feature, and
// re-orders (and re-indents) a tenant user list.
const (
	reviewProfilesBase = `[
  {"id": "7b1d0c9e-0000-4000-8000-000000000001", "name": "Helpdesk Admins", "profileType": "ADMINISTRATOR",
   "active": true, "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
   "permissions": [{"name": "team", "access": "VIEW"}, {"name": "site", "access": "VIEW"}]},
  {"id": "7b1d0c9e-0000-4000-8000-000000000002", "name": "Claims Agents", "profileType": "STANDARD_AGENT",
   "active": true, "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
   "permissions": [{"name": "team", "access": "VIEW"}]}
]
`
	reviewProfilesPR = `[
  {"id": "7b1d0c9e-0000-4000-8000-000000000001", "name": "Helpdesk Admins", "profileType": "ADMINISTRATOR",
   "active": true, "permissionAccessLevel": "ALL", "resourceAccessLevel": "ALL"},
  {"id": "7b1d0c9e-0000-4000-8000-000000000002", "name": "Claims Agents", "profileType": "STANDARD_AGENT",
   "active": true, "permissionAccessLevel": "SPECIFIC", "resourceAccessLevel": "ALL",
   "permissions": [{"name": "team", "access": "VIEW"}]}
]
`
	reviewRolesBase = `<?xml version="1.0" encoding="UTF-8"?>
<results>
  <roles>
    <role>
      <refURL>/unifiedconfig/config/role/5001</refURL>
      <name>UserAdmins</name>
      <accessList>
        <feature><category>access</category><name>administrator</name></feature>
      </accessList>
      <administrators>
        <administrator>
          <refURL>/unifiedconfig/config/administrator/5002</refURL>
          <userName>maria.lopez</userName>
          <domainName>CONTOSO.COM</domainName>
        </administrator>
      </administrators>
      <systemDefined>false</systemDefined>
    </role>
  </roles>
</results>
`
	reviewUsersBase = `{"page_size": 3, "data": [
  {"id": "u-1", "displayName": "Ana Lopez", "email": "ana@example.com", "roles": ["customer.user", "user.admin"], "isParent": false},
  {"id": "u-2", "displayName": "Ben Okafor", "email": "ben@example.com", "roles": ["customer.user", "customer.user.pbx"], "isParent": false},
  {"id": "u-3", "displayName": "Cara Diaz", "email": "cara@example.com", "roles": ["customer.user"], "isParent": false}
], "status": "success"}
`
	reviewUsersPR = `{
    "page_size": 3,
    "data": [
        {"id": "u-3", "displayName": "Cara Diaz", "email": "cara@example.com", "roles": ["customer.user"], "isParent": false},
        {"id": "u-1", "displayName": "Ana Lopez", "email": "ana@example.com", "roles": ["user.admin", "customer.user"], "isParent": false},
        {"id": "u-2", "displayName": "Ben Okafor", "email": "ben@example.com", "roles": ["customer.user.pbx", "customer.user"], "isParent": false}
    ],
    "status": "success"
}
`
)

func reviewRepo(t *testing.T) *gitRepo {
	t.Helper()
	g := newGitRepo(t)
	g.commit("exports", map[string]string{
		"exports/webex/profiles.json": reviewProfilesBase,
		"exports/pcce/roles.xml":      reviewRolesBase,
		"exports/tenant/users.json":   reviewUsersBase,
	})
	g.git("checkout", "-q", "-b", "pr")
	g.commit("the pull request", map[string]string{
		"exports/webex/profiles.json": reviewProfilesPR,
		"exports/pcce/roles.xml": strings.Replace(reviewRolesBase, "      </administrators>", `        <administrator>
          <refURL>/unifiedconfig/config/administrator/5003</refURL>
          <userName>li.wei</userName>
          <domainName>CONTOSO.COM</domainName>
        </administrator>
      </administrators>`, 1),
		"exports/tenant/users.json": reviewUsersPR,
	})
	return g
}

// TestReviewDefinitionOfDone runs rbaclint diff --base main on the pull
// request: exactly the two access-widened findings, in every format, each
// valid (SARIF against the official schema), and the markdown summary
// against its golden file.
func TestReviewDefinitionOfDone(t *testing.T) {
	g := reviewRepo(t)
	dir := g.dir
	out := func(name string) string { return filepath.Join(t.TempDir(), name) }
	files := map[string]string{"json": out("r.json"), "sarif": out("r.sarif"), "github": out("r.github"), "junit": out("r.xml"), "markdown": out("r.md")}
	args := []string{"diff", "--no-config", "--base", "main"}
	for _, f := range []string{"json", "sarif", "github", "junit", "markdown"} {
		args = append(args, "--format", f, "--output", files[f])
	}
	r := run(t, dir, "", append(args, "--format", "text")...)
	if r.code != 0 {
		t.Fatalf("exit %d (two notes under the default fail level error)\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	read := func(f string) []byte {
		b, err := os.ReadFile(files[f])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	// text: the two findings and nothing else.
	var lines []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "exports/") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 || !strings.Contains(lines[0], "exports/pcce/roles.xml:18:11: note: administrator CONTOSO.COM\\li.wei gains manage-admins (a new administrator)") ||
		!strings.Contains(lines[1], "exports/webex/profiles.json:3:20: note: profile Helpdesk Admins gains") || !strings.Contains(lines[1], "[access-widened]") {
		t.Errorf("want exactly the two access-widened findings, got:\n%s", r.stdout)
	}

	// json: two visible findings, both access-widened, with fingerprints;
	// the change summary names both principals and not the tenant users.
	var doc struct {
		Findings []struct {
			Rule, File, Fingerprint string
			Suppressed              *struct{ Kind string }
		}
		Change struct {
			Access []struct{ Principal string }
			Files  []struct{ File, Status string }
		}
	}
	if err := json.Unmarshal(read("json"), &doc); err != nil {
		t.Fatalf("json: %v", err)
	}
	visible := 0
	for _, f := range doc.Findings {
		if f.Suppressed == nil {
			visible++
			if f.Rule != "access-widened" || f.Fingerprint == "" {
				t.Errorf("json finding %+v", f)
			}
		}
	}
	if visible != 2 || len(doc.Change.Access) != 2 {
		t.Errorf("json: %d visible findings and %d access changes, want 2 and 2: %+v", visible, len(doc.Change.Access), doc)
	}
	for _, fc := range doc.Change.Files {
		if strings.Contains(fc.File, "tenant") {
			t.Errorf("the re-ordered tenant list is reported as changed: %+v", fc)
		}
	}

	// sarif: valid against the official schema, two unsuppressed results.
	var sarif any
	if err := json.Unmarshal(read("sarif"), &sarif); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	if err := jsontest.OfficialSARIF(t).Validate(sarif); err != nil {
		t.Errorf("SARIF is not valid against the official schema: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string
				Suppressions []any
			}
		}
	}
	json.Unmarshal(read("sarif"), &log)
	open := 0
	for _, res := range log.Runs[0].Results {
		if len(res.Suppressions) == 0 {
			open++
		}
	}
	if open != 2 {
		t.Errorf("sarif: %d unsuppressed results, want 2", open)
	}

	// github: two notice annotations.
	if gh := strings.TrimSpace(string(read("github"))); strings.Count(gh, "\n")+1 != 2 || strings.Count(gh, "::notice file=exports/") != 2 {
		t.Errorf("github annotations:\n%s", gh)
	}

	// junit: well-formed, the two notes as passing test cases (below the
	// fail level), the unchanged tenant file as a clean one.
	junit := read("junit")
	if err := xml.Unmarshal(junit, new(struct{})); err != nil {
		t.Errorf("junit is not well-formed: %v", err)
	}
	if n := bytes.Count(junit, []byte(`<testcase name="access-widened at `)); n != 2 || bytes.Contains(junit, []byte("<failure")) {
		t.Errorf("junit: %d access-widened cases, want 2 and no failure\n%s", n, junit)
	}

	// markdown: the golden summary.
	md := read("markdown")
	golden.Check(t, filepath.Join("testdata", "review.markdown.golden"), md)

	// With --fail-level note the two access increases block the merge.
	if r := run(t, dir, "", "diff", "--no-config", "--base", "main", "--fail-level", "note"); r.code != 1 {
		t.Errorf("--fail-level note: exit %d, want 1", r.code)
	}
}
