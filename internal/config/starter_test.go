package config

import (
	"regexp"
	"strings"
	"testing"
)

// uncomment does what an editor's "toggle comment" does to the starter's
// indented example lines: it removes "# " and keeps the indentation. Only
// lines inside the given top-level sections are touched (all when none).
func uncomment(text string, sections ...string) string {
	example := regexp.MustCompile(`^(\s+)# ?`)
	section := ""
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '#' {
			section, _, _ = strings.Cut(l, ":")
		}
		if len(sections) > 0 && !contains(sections, section) {
			continue
		}
		lines[i] = example.ReplaceAllString(l, "$1")
	}
	return strings.Join(lines, "\n")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestStarterExamplesUncommented(t *testing.T) {
	known := append(known, "webex/privilege-escalation")
	all := uncomment(Starter)
	if all == Starter {
		t.Fatal("the starter has no indented examples to uncomment")
	}
	if _, err := Parse("/tmp/.rbaclint.yaml", []byte(all), known); err != nil {
		t.Fatalf("the starter with every example uncommented does not validate:\n%v\n%s", err, all)
	}
	for _, s := range []string{"rules", "overrides", "ignore", "kinds", "exclude", "catalog", "access", "tenant", "finesse", "limits"} {
		text := uncomment(Starter, s)
		if text == Starter {
			t.Errorf("section %s has no example", s)
			continue
		}
		if _, err := Parse("/tmp/.rbaclint.yaml", []byte(text), known); err != nil {
			t.Errorf("the starter with the %s example uncommented does not validate:\n%v", s, err)
		}
	}
}

func TestStarterModelineIsSchemaID(t *testing.T) {
	var doc struct {
		ID string `json:"$id"`
	}
	readSchema(t, &doc)
	if doc.ID != SchemaURL {
		t.Errorf("schema $id %q, SchemaURL %q", doc.ID, SchemaURL)
	}
	first, _, _ := strings.Cut(Starter, "\n")
	if first != "# yaml-language-server: $schema="+doc.ID {
		t.Errorf("the starter's first line is %q, want the modeline for %s", first, doc.ID)
	}
}
