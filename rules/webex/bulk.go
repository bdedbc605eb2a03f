package webex

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// The requestAction values the bulk endpoint documents.
const (
	actionSave   = "SAVE"
	actionDelete = "DELETE"
)

// BulkRequest reports bulk request items the bulk endpoint cannot apply.
var BulkRequest = &rules.Rule{
	ID:              "webex/bulk-request",
	Title:           "A bulk request item has an invalid action, identifier, id or organization",
	Doc:             doc("bulk-request"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkBulkRequest,
}

func checkBulkRequest(pass *rules.Pass) {
	if pass.Doc.Shape != rules.ShapeBulk {
		return
	}
	items := pass.Doc.Data.Get("items")
	entities := bulkEntities(pass.Doc, items.Len())
	firstIdentifier := map[string]int{}
	for i, wrapper := range items.Elems() {
		if !wrapper.IsObject() {
			continue
		}
		at := func(member string) string { return rules.PointerJoin("/items", i, member) }
		item := wrapper.Get("item")
		isObject := item.IsObject()
		// The label is worded only for a finding.
		label := func() string {
			if !isObject {
				return fmt.Sprintf("bulk item #%d", i+1)
			}
			if i < len(entities) && entities[i] > 0 {
				return profileLabel(pass.Doc.Entities[entities[i]-1], i)
			}
			return profileLabel(rules.Entity{Pointer: at("item"), Data: item}, i)
		}
		reportAt := func(sev rules.Severity, ptr string, target rules.Target, msg string, related ...rules.Related) {
			l := label()
			pass.Report(rules.Finding{Severity: sev, Pointer: ptr, Target: target, Entity: l, Message: l + ": " + msg, Related: related})
		}
		report := func(ptr string, target rules.Target, msg string, related ...rules.Related) {
			reportAt(rules.SeverityDefault, ptr, target, msg, related...)
		}

		if n, ok := integerKey(wrapper.Get("itemIdentifier")); ok {
			if prev, dup := firstIdentifier[n]; dup {
				report(at("itemIdentifier"), rules.TargetValue,
					fmt.Sprintf("itemIdentifier %s is already used by bulk item #%d; give every item a unique itemIdentifier", n, prev+1),
					rules.Related{Path: pass.Doc.Path, Pointer: rules.PointerJoin("/items", prev, "itemIdentifier"), Message: "first use"})
			} else {
				firstIdentifier[n] = i
			}
		}

		action, hasAction := wrapper.Get("requestAction").Str()
		switch {
		case hasAction && action != actionSave && action != actionDelete:
			hint := "use SAVE to create or update the profile, or DELETE to remove it"
			if up := strings.ToUpper(action); up == actionSave || up == actionDelete {
				hint = fmt.Sprintf("did you mean %q? actions are upper case", up)
			}
			report(at("requestAction"), rules.TargetValue, fmt.Sprintf("requestAction %q is not SAVE or DELETE; %s", action, hint))
		case action == actionDelete:
			if id := item.Get("id"); isAbsent(id) || isEmptyString(id) {
				// Inferred, so a warning: the API does not say a DELETE
				// item needs its id.
				reportAt(rules.SeverityWarning, at("requestAction"), rules.TargetValue, "requestAction is DELETE but the item has no id; add the id of the profile to delete")
			}
		case isObject && isAbsent(item.Get("organizationId")):
			// A missing requestAction means SAVE; then the item is what
			// makes the organization required.
			ptr, target := at("requestAction"), rules.TargetValue
			if !hasAction {
				ptr, target = at("item"), rules.TargetKey
			}
			report(ptr, target, "organizationId is missing; bulk saves need the organization id on every item")
		}
	}
}

// bulkEntities maps each item of a bulk request to 1 + the index of the
// document's entity it holds (0: none), so that a finding's label names the
// item as the kind list does.
func bulkEntities(doc *rules.Document, items int) []int {
	out := make([]int, items)
	for k, e := range doc.Entities {
		if n, ok := bulkIndex(e.Pointer); ok && n < items {
			out[n] = k + 1
		}
	}
	return out
}

// isAbsent reports a member that is missing or null.
func isAbsent(v tree.Value) bool { return !v.Exists() || v.IsNull() }

// isEmptyString reports the string "".
func isEmptyString(v tree.Value) bool {
	s, ok := v.Str()
	return ok && s == ""
}
