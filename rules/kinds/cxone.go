package kinds

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// CXoneScript is a NICE CXone Studio script (JSON): header, actions,
// properties and branches, the script itself being the one entity.
var CXoneScript = &Spec{
	Name:       rules.KindCXoneScript,
	IsEntity:   isCXoneScript,
	Markers:    []Marker{{Text: "actions", With: []string{"branches", "header"}}},
	Label:      scriptLabel,
	LabelReads: []string{"header"}, // scriptLabel's
	Part:       cxoneAction,
	Identity:   fingerprintIdentity,
	Schema:     "cxone-script.schema.json",
}

// isCXoneScript: Studio JSON has an actions object keyed by action id beside
// at least one of its other top-level parts.
func isCXoneScript(v tree.Value) bool {
	return v.Get("actions").IsObject() && hasAny(v, "header", "branches", "properties")
}

func scriptLabel(e rules.Entity, _ int) string {
	if s, _ := e.Data.Get("header").Get("scriptName").Str(); strings.TrimSpace(s) != "" {
		return "script " + strconv.Quote(strings.TrimSpace(s))
	}
	return ""
}

// cxoneAction names the action a value inside a script belongs to:
// actions, their properties and their branches are all keyed by action id.
// An entry of "actions" that is not an object is left to the script.
func cxoneAction(script rules.Entity, rel []string) (Part, bool) {
	if len(rel) < 2 {
		return Part{}, false
	}
	p := Part{Label: "action " + rel[1], Pointer: script.Pointer + "/" + rules.EscapeToken(rel[0]) + "/" + rules.EscapeToken(rel[1])}
	switch rel[0] {
	case "actions":
		if len(rel) == 2 {
			if !script.Data.At("/" + rules.EscapeToken(rel[0]) + "/" + rules.EscapeToken(rel[1])).IsObject() {
				return Part{}, false
			}
		}
		return p, true
	case "properties", "branches":
		p.Prefix = rel[0]
		return p, true
	}
	return Part{}, false
}
