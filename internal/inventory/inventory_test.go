package inventory

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules/access"
)

// hostile is a principal whose name tries to break out of every format: a
// Mermaid label, a markdown table cell, a DOT string, a spreadsheet cell
// and a terminal line.
const hostile = "=HYPERLINK(\"x\")|<b>\\\"]\n::error::\x1b[31m"

func hostileInventory() *Inventory {
	g := access.Grant{Vendor: "tenant", Principal: hostile, PrincipalKind: access.PrincipalUser, Capability: access.ManageUsers,
		Via: []access.Link{
			{Kind: "user", Name: hostile, Path: "u.json", Line: 2, Column: 3},
			{Kind: "role key", Name: "user.admin", Path: "u.json", Line: 4, Column: 5},
		}}
	return &Inventory{Grants: []access.Grant{g}, Vendors: []string{"tenant"}, Files: 1}
}

func render(t *testing.T, format string, inv *Inventory) string {
	t.Helper()
	var b bytes.Buffer
	if err := Formats[format](&b, inv); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHostileNamesStayInTheirPlace(t *testing.T) {
	inv := hostileInventory()
	for _, format := range FormatNames {
		out := render(t, format, inv)
		if strings.ContainsRune(out, '\x1b') {
			t.Errorf("%s: a terminal escape got through", format)
		}
		if format != "json" && strings.Contains(out, "\n::error::") {
			t.Errorf("%s: a workflow command starts a line", format)
		}
	}
	md := render(t, "markdown", inv)
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "    n") && strings.Count(line, `"`) != 2 {
			t.Errorf("markdown: a Mermaid label is not one quoted string: %s", line)
		}
		if strings.HasPrefix(line, "| user ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 5 {
			t.Errorf("markdown: a table row does not have four cells: %s", line)
		}
		if strings.Contains(line, "<b>") {
			t.Errorf("markdown: raw HTML got through: %s", line)
		}
	}
	dot := render(t, "dot", inv)
	for _, line := range strings.Split(dot, "\n") {
		if strings.Contains(line, "[label=") && strings.Count(strings.ReplaceAll(line, `\"`, ""), `"`) != 2 {
			t.Errorf("dot: a label is not one quoted string: %s", line)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(render(t, "csv", inv))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %d rows, err %v", len(rows), err)
	}
	if p := rows[1][1]; !strings.HasPrefix(p, "'=") {
		t.Errorf("csv: a formula cell is not neutralised: %q", p)
	}
	var doc struct {
		Grants []struct{ Principal string }
	}
	if err := json.Unmarshal([]byte(render(t, "json", inv)), &doc); err != nil || doc.Grants[0].Principal != hostile {
		t.Errorf("json: the principal does not round-trip: %v", err)
	}
}

func TestEmptyInventory(t *testing.T) {
	inv := &Inventory{}
	if out := render(t, "json", inv); out != "{\n  \"version\": 1,\n  \"vendors\": [],\n  \"grants\": []\n}\n" {
		t.Errorf("json = %q", out)
	}
	if out := render(t, "text", inv); !strings.Contains(out, "no grant") {
		t.Errorf("text = %q", out)
	}
	if out := render(t, "dot", inv); out != "digraph access {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n}\n" {
		t.Errorf("dot = %q", out)
	}
	if rows, _ := csv.NewReader(strings.NewReader(render(t, "csv", inv))).ReadAll(); len(rows) != 1 {
		t.Errorf("csv of nothing has %d rows, want the header only", len(rows))
	}
}
