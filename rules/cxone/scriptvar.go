package cxone

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// defaultScriptVar is the variable SETSECURITYUSER writes and API actions
// read unless configured otherwise (NICE recommends keeping it).
const defaultScriptVar = "SecurityUser"

// SecurityUserScriptVar finds a SETSECURITYUSER that writes another variable
// than the one the API actions read.
var SecurityUserScriptVar = &rules.Rule{
	ID:              "cxone/security-user-scriptvar",
	Title:           "SETSECURITYUSER writes a ScriptVar the API actions do not read",
	Doc:             doc("security-user-scriptvar"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           eachSetter(checkScriptVar),
}

func checkScriptVar(p *rules.Pass, a *action) {
	prop, got, ok := a.writtenVar()
	want := readVar(p.Options)
	if !ok || strings.EqualFold(got, want) {
		return
	}
	p.Report(rules.Finding{
		Pointer: prop.pointer,
		Entity:  a.entity(),
		Message: a.describe() + " writes the security user to " + strconv.Quote(got) +
			", but API actions read " + strconv.Quote(want) + "; set ScriptVar to " + want +
			" (or set catalog.cxone.scriptVar in the config if every action reads " + got + ")",
	})
}

// readVar is the variable API actions read: the configured one or Studio's
// default.
func readVar(o *rules.Options) string {
	if v := strings.TrimSpace(o.String(scriptVarOption)); v != "" {
		return v
	}
	return defaultScriptVar
}

// scriptVar finds a SETSECURITYUSER's output variable property. Its JSON name
// is not documented: the help labels are "ScriptVar (out)" (Desktop Studio)
// and "Script Variable" (web Studio), so both spellings are accepted.
func (a *action) scriptVar() (property, bool) {
	for _, p := range a.props {
		switch letters(p.name) {
		case "scriptvar", "scriptvarout", "scriptvariable", "scriptvariableout":
			return p, true
		}
	}
	return property{}, false
}

// writtenVar is the variable a SETSECURITYUSER writes: its ScriptVar
// property and the name in it; false when there is none or it is blank.
func (a *action) writtenVar() (property, string, bool) {
	prop, ok := a.scriptVar()
	if !ok {
		return property{}, "", false
	}
	name := varName(prop.value)
	return prop, name, name != ""
}

// letters lower-cases s and drops everything but letters, so that
// "ScriptVar (out)" and "scriptVar" compare equal.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// varName reads a variable name from a property value; an output variable
// written as {Name} is the same variable.
func varName(v tree.Value) string {
	s, _ := v.Str()
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}
