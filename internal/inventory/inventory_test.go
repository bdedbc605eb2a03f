package inventory

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
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

func direct(vendor, principal string, kind access.PrincipalKind, caps ...access.Capability) []access.Grant {
	var out []access.Grant
	for _, c := range caps {
		out = append(out, access.Grant{Vendor: vendor, Principal: principal, PrincipalKind: kind, Capability: c,
			Via: []access.Link{{Kind: string(kind), Name: principal}, {Kind: "access level", Name: "ALL"}}})
	}
	return out
}

func mermaid(t *testing.T, inv *Inventory) string {
	t.Helper()
	md := render(t, "markdown", inv)
	i := strings.Index(md, "```mermaid\n")
	if i < 0 {
		return ""
	}
	return md[i : i+strings.Index(md[i+3:], "```")+6]
}

// A few hundred principals stay one readable diagram: people are grouped by
// the role key they hold, profiles with the same access are one node.
func TestGraphOfAFewHundredPrincipals(t *testing.T) {
	var gs []access.Grant
	keys := []string{"user.admin", "pbx.silentmonitor", "recording.viewer", "customer.settings", "pbx.controlagent"}
	caps := []access.Capability{access.ManageUsers, access.Monitor, access.Recordings, access.OrgSettings, access.ControlAgents}
	for i := 0; i < 300; i++ {
		who := fmt.Sprintf("user%03d@example.com", i)
		k := i % len(keys)
		gs = append(gs, access.Grant{Vendor: "tenant", Principal: who, PrincipalKind: access.PrincipalUser, Capability: caps[k],
			Via: []access.Link{{Kind: "user", Name: who}, {Kind: "role key", Name: keys[k]}}})
	}
	for i := 0; i < 40; i++ {
		gs = append(gs, direct("webex", fmt.Sprintf("Admins %02d", i), access.PrincipalProfile, access.ManageUsers, access.ManageAdmins, access.Routing)...)
	}
	gs = append(gs, direct("webex", "Odd One", access.PrincipalProfile, access.Billing)...)
	access.Sort(gs)
	g := mermaid(t, &Inventory{Grants: gs, Vendors: []string{"webex", "tenant"}})
	if g == "" {
		t.Fatal("no Mermaid graph for 341 principals")
	}
	for _, want := range []string{`["60 users"]`, `["role key pbx.silentmonitor"]`, `["40 profiles"]`, `["profile Odd One"]`} {
		if !strings.Contains(g, want) {
			t.Errorf("graph lacks %s:\n%s", want, g)
		}
	}
	if strings.Contains(g, "user007@example.com") || strings.Contains(g, "Admins 07") {
		t.Errorf("grouped principals drawn one by one:\n%s", g)
	}
	if n := strings.Count(g, "-->"); n > 30 {
		t.Errorf("%d edges for 341 principals in 11 groups", n)
	}
}

// A graph Mermaid would refuse is left out with a note, not written broken.
func TestGraphTooBigForMermaid(t *testing.T) {
	var gs []access.Grant
	for set := 1; set < 1<<len(access.Vocabulary); set += 3 { // distinct capability sets: nothing to group
		var caps []access.Capability
		for i, v := range access.Vocabulary {
			if set&(1<<i) != 0 {
				caps = append(caps, v.Name)
			}
		}
		gs = append(gs, direct("webex", fmt.Sprintf("P%04d", set), access.PrincipalProfile, caps...)...)
	}
	access.Sort(gs)
	inv := &Inventory{Grants: gs, Vendors: []string{"webex"}}
	if g := mermaid(t, inv); g != "" {
		t.Errorf("a graph of %d grants was written for Mermaid", len(gs))
	}
	if md := render(t, "markdown", inv); !strings.Contains(md, "too big for Mermaid") || !strings.Contains(md, "| profile P0001 |") {
		t.Errorf("the note or the tables are missing")
	}
	if dot := render(t, "dot", inv); !strings.Contains(dot, `label="profile P0001"`) {
		t.Errorf("dot lost the graph")
	}
}
