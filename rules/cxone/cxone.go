// Package cxone checks NICE CXone Studio scripts (the web Studio JSON form:
// header, actions, properties, branches): whether every action that needs a
// security user runs after SETSECURITYUSER, and whether the script's action
// graph is well formed.
package cxone

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
)

// files are the pack's rule docs and data: the access mapping (grants.json)
// and the security actions (catalog.json).
//
//go:embed docs/*.md grants.json catalog.json
var files embed.FS

func doc(name string) string { return rules.MustDoc(files, "docs/"+name+".md") }

// Rules is this pack's part of the registry, in catalog order: the RULES.md
// rules first, then the graph rules this pack adds.
var Rules = []*rules.Rule{
	SecurityUserMissing, SecurityUserErrorBranch, SecurityUserScriptVar, SecurityUserInput,
	MissingBegin, UnknownBranchTarget, UnreachableAction,
}

// Options are the settings this pack reads.
var Options = []*rules.Option{securityActionsOption, scriptVarOption}

var (
	securityActionsOption = &rules.Option{
		Key: "catalog.cxone.securityActions", Type: rules.OptionNames,
		Doc: "more action names that need a security user", Example: "[MYAPIACTION]",
	}
	scriptVarOption = &rules.Option{
		Key: "catalog.cxone.scriptVar", Type: rules.OptionString, Default: defaultScriptVar,
		Doc: "the ScriptVar the API actions read", Example: "SecurityUser",
		Schema: `{"type": "string", "minLength": 1}`,
	}
)

var scriptKinds = []rules.Kind{rules.KindCXoneScript}
