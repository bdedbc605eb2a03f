package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// DuplicateFeature reports the same feature twice in one role's accessList.
var DuplicateFeature = &rules.Rule{
	ID:              "pcce/duplicate-feature",
	Title:           "The same feature appears twice in one accessList",
	Doc:             doc("duplicate-feature"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Fixable:         true,
	Check:           checkDuplicateFeature,
}

func checkDuplicateFeature(pass *rules.Pass) {
	var fs []feature
	var first map[string]feature
	for _, e := range pass.Doc.Entities {
		if fs = appendFeatures(fs[:0], e.Data); len(fs) < 2 {
			continue
		}
		first = rules.ReuseMap(first)
		for _, f := range fs {
			k := strings.ToLower(f.name)
			prev, seen := rules.Repeat(first, k, f)
			if !seen {
				continue
			}
			role := roleLabel(e.Data)
			pass.Report(rules.Finding{
				Pointer: f.pointer(e.Pointer),
				Entity:  role,
				Message: fmt.Sprintf("%s lists the feature %q twice (names are case-insensitive); remove this entry", role, f.name),
				Related: []rules.Related{{Path: pass.Doc.Path, Pointer: prev.pointer(e.Pointer), Message: "first listed here"}},
				Fix:     rules.NewFix("Remove the repeated feature", rules.RemoveElement(rules.PointerJoin(e.Pointer, "accessList", f.index))),
			})
		}
	}
}
