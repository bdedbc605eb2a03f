package webex

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// ProfileTypeChanged reports an existing profile whose type changes.
var ProfileTypeChanged = &rules.Rule{
	ID:              "webex/profile-type-changed",
	Title:           "An existing profile changes its profileType",
	Doc:             doc("profile-type-changed"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckChange:     checkProfileTypeChanged,
}

// SystemDefaultChanged reports a modified system default profile.
var SystemDefaultChanged = &rules.Rule{
	ID:              "webex/system-default-changed",
	Title:           "A system default profile is modified",
	Doc:             doc("system-default-changed"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryError,
	Inferred:        true,
	CheckChange:     checkSystemDefaultChanged,
}

// A profile is the same existing profile only when both versions carry the
// same id: a profile without id is one still to be created.
func sameID(p rules.EntityPair) (string, bool) {
	if p.Old == nil || p.New == nil {
		return "", false
	}
	o, _ := p.Old.Data.Get("id").Str()
	n, _ := p.New.Data.Get("id").Str()
	return n, o != "" && o == n
}

func checkProfileTypeChanged(pass *rules.ChangePass) {
	for _, p := range pass.Pairs {
		if _, ok := sameID(p); !ok {
			continue
		}
		was, ok1 := p.Old.Data.Get("profileType").Str()
		now, ok2 := p.New.Data.Get("profileType").Str()
		if !ok1 || !ok2 || was == now {
			continue
		}
		label := profileLabel(*p.New, 0)
		pass.Report(rules.Finding{
			Pointer: rules.PointerJoin(p.New.Pointer, "profileType"),
			Entity:  label,
			Message: label + ": profileType changes from " + was + " to " + now +
				"; the platform does not change the type of an existing profile: create a new " + now +
				" profile and move its users to it",
			Related: []rules.Related{pass.Was(rules.PointerJoin(p.Old.Pointer, "profileType"), "profileType was "+was+" in "+pass.Before)},
		})
	}
}

// volatile members change on every save without being an edit.
var volatile = []string{"createdTime", "lastUpdatedTime", "version", "links"}

func checkSystemDefaultChanged(pass *rules.ChangePass) {
	for _, p := range pass.Pairs {
		if p.Old == nil || p.New == nil {
			continue
		}
		if def, _ := p.Old.Data.Get("systemDefault").Bool(); !def {
			continue
		}
		changed := rules.ChangedMembers(p.Old.Data, p.New.Data, volatile...)
		if len(changed) == 0 {
			continue
		}
		label := profileLabel(*p.New, 0)
		f := rules.Finding{
			Pointer: p.New.Pointer,
			Entity:  label,
			Message: label + " is a system default profile (systemDefault: true) and is modified (" +
				strings.Join(changed, ", ") + "); keep default profiles as the platform made them: copy it into a custom profile and change that",
			Related: []rules.Related{pass.Was(p.Old.Pointer, "the profile in "+pass.Before)},
		}
		// Point at the first changed member that NEW still has.
		for _, m := range changed {
			if p.New.Data.Has(m) {
				f.Pointer, f.Target = rules.PointerJoin(p.New.Pointer, m), rules.TargetKey
				break
			}
		}
		pass.Report(f)
	}
}
