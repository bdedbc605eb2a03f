package webex

import (
	"fmt"
	"strings"

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
	root, _ := rules.Object(pass.Doc.Root)
	items, _ := rules.Array(root["items"])
	firstIdentifier := map[string]int{}
	for i, v := range items {
		wrapper, ok := rules.Object(v)
		if !ok {
			continue
		}
		at := func(tokens ...any) string { return rules.PointerJoin("/items", append([]any{i}, tokens...)...) }
		item, isObject := rules.Object(wrapper["item"])
		label := fmt.Sprintf("bulk item #%d", i+1)
		if isObject {
			label = profileLabel(item, i)
		}
		reportAt := func(sev rules.Severity, ptr string, target rules.Target, msg string, related ...rules.Related) {
			pass.Report(rules.Finding{Severity: sev, Pointer: ptr, Target: target, Entity: label, Message: label + ": " + msg, Related: related})
		}
		report := func(ptr string, target rules.Target, msg string, related ...rules.Related) {
			reportAt(rules.SeverityDefault, ptr, target, msg, related...)
		}

		if n, ok := integerKey(wrapper["itemIdentifier"]); ok {
			if prev, dup := firstIdentifier[n]; dup {
				report(at("itemIdentifier"), rules.TargetValue,
					fmt.Sprintf("itemIdentifier %s is already used by bulk item #%d; give every item a unique itemIdentifier", n, prev+1),
					rules.Related{Path: pass.Doc.Path, Pointer: rules.PointerJoin("/items", prev, "itemIdentifier"), Message: "first use"})
			} else {
				firstIdentifier[n] = i
			}
		}

		action, hasAction := rules.String(wrapper, "requestAction")
		switch {
		case hasAction && action != actionSave && action != actionDelete:
			hint := "use SAVE to create or update the profile, or DELETE to remove it"
			if up := strings.ToUpper(action); up == actionSave || up == actionDelete {
				hint = fmt.Sprintf("did you mean %q? actions are upper case", up)
			}
			report(at("requestAction"), rules.TargetValue, fmt.Sprintf("requestAction %q is not SAVE or DELETE; %s", action, hint))
		case action == actionDelete:
			if id, isString := item["id"].(string); (isString && id == "") || item["id"] == nil {
				// Inferred, so a warning: the API does not say a DELETE
				// item needs its id.
				reportAt(rules.SeverityWarning, at("requestAction"), rules.TargetValue, "requestAction is DELETE but the item has no id; add the id of the profile to delete")
			}
		case isObject && item["organizationId"] == nil:
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
