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
	Kinds:           []rules.Kind{rules.KindPCCERoles},
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkDuplicateFeature,
}

func checkDuplicateFeature(pass *rules.Pass) {
	for _, e := range pass.Doc.Entities {
		first := map[string]feature{}
		for _, f := range features(e.Pointer, e.Value) {
			k := strings.ToLower(f.name)
			prev, seen := first[k]
			if !seen {
				first[k] = f
				continue
			}
			pass.Report(rules.Finding{
				Pointer: f.pointer,
				Entity:  roleLabel(e.Value),
				Message: fmt.Sprintf("%s lists the feature %q twice (names are case-insensitive); remove this entry", roleLabel(e.Value), f.name),
				Related: []rules.Related{{Path: pass.Doc.Path, Pointer: prev.pointer, Message: "first listed here"}},
			})
		}
	}
}
