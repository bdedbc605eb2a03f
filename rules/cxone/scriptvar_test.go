package cxone

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func scriptVarScript(name, value string) *scriptBuilder {
	return newScript().act(1, "BEGIN", "").act(7, "SETSECURITYUSER", "").
		prop(7, "Agent", "1234").prop(7, name, value).branch(1, 7, "Default")
}

func TestScriptVarOther(t *testing.T) {
	f := wantOne(t, run(SecurityUserScriptVar, scriptVarScript("ScriptVar", "ApiUser").doc(t), nil))
	if f.Pointer != "/properties/7/1/value" {
		t.Errorf("located at %q", f.Pointer)
	}
	if !strings.Contains(f.Message, `writes the security user to "ApiUser", but API actions read "SecurityUser"`) {
		t.Errorf("message %q", f.Message)
	}
}

func TestScriptVarDefaultAndVariants(t *testing.T) {
	for _, c := range [][2]string{
		{"ScriptVar", "SecurityUser"},
		{"ScriptVar (out)", "securityuser"},
		{"Script Variable", "{SecurityUser}"},
		{"ScriptVar", ""},
		{"TimeZone", "ApiUser"}, // not the output variable
	} {
		wantNone(t, run(SecurityUserScriptVar, scriptVarScript(c[0], c[1]).doc(t), nil))
	}
	wantOne(t, run(SecurityUserScriptVar, scriptVarScript("scriptVariable", "Other").doc(t), nil))
}

func TestScriptVarConfigured(t *testing.T) {
	opts := rules.NewOptions(map[*rules.Option]any{scriptVarOption: "ApiUser"})
	wantNone(t, run(SecurityUserScriptVar, scriptVarScript("ScriptVar", "ApiUser").doc(t), opts))
	f := wantOne(t, run(SecurityUserScriptVar, scriptVarScript("ScriptVar", "SecurityUser").doc(t), opts))
	if !strings.Contains(f.Message, `API actions read "ApiUser"`) {
		t.Errorf("message %q", f.Message)
	}
}
