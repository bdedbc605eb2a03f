package pcce

import (
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// BuiltinRoleChanged reports a change to the feature list of a built-in
// role between two versions of an export.
var BuiltinRoleChanged = &rules.Rule{
	ID:              "pcce/builtin-role-changed",
	Title:           "The accessList of a built-in role changes",
	Doc:             doc("builtin-role-changed"),
	Kinds:           roleKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckChange:     checkBuiltinRoleChanged,
}

func checkBuiltinRoleChanged(pass *rules.ChangePass) {
	for _, p := range pass.Pairs {
		if p.Old == nil || p.New == nil || !(systemDefined(p.Old.Data) || systemDefined(p.New.Data)) {
			continue
		}
		was, now := featuresByName(p.Old.Data), featuresByName(p.New.Data)
		added, removed := missingFrom(now, was), missingFrom(was, now)
		if len(added) == 0 && len(removed) == 0 {
			continue
		}
		label := roleLabel(p.New.Data)
		var what []string
		if len(added) > 0 {
			what = append(what, "adds "+names(added))
		}
		if len(removed) > 0 {
			what = append(what, "removes "+names(removed))
		}
		msg := label + " is a built-in role (systemDefined) and its accessList " + strings.Join(what, " and ") +
			"; the feature access of built-in roles cannot be changed: create a custom role with the features you need"
		f := rules.Finding{Entity: label, Message: msg}
		if len(added) > 0 {
			// At the first added feature, with the old list beside it.
			f.Pointer = added[0].pointer(p.New.Pointer)
			f.Related = []rules.Related{pass.Was(rules.PointerJoin(p.Old.Pointer, "accessList"), "the accessList in "+pass.Before)}
			pass.Report(f)
			continue
		}
		// Only removals: the removed feature is in OLD's file.
		f.Pointer = removed[0].pointer(p.Old.Pointer)
		f.Related = []rules.Related{{Path: pass.New.Path, Pointer: rules.PointerJoin(p.New.Pointer, "accessList"), Message: "the accessList now"}}
		pass.ReportRemoved(f)
	}
}

// featuresByName is a role's features by lower-case name (category is only
// informative in get/list responses, so it is not compared).
func featuresByName(role tree.Value) map[string]feature {
	m := map[string]feature{}
	for _, f := range appendFeatures(nil, role) {
		if _, dup := m[strings.ToLower(f.name)]; !dup {
			m[strings.ToLower(f.name)] = f
		}
	}
	return m
}

// missingFrom returns the features of a that b lacks, in a's list order.
func missingFrom(a, b map[string]feature) []feature {
	var out []feature
	for k, f := range a {
		if _, ok := b[k]; !ok {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].index < out[j].index })
	return out
}

func names(fs []feature) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.name)
	}
	return strings.Join(s, ", ")
}
