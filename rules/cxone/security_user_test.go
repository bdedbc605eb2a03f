package cxone

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// menuScript: BEGIN → MENU; option 1 sets the security user before
// GETCONTACT, option 2 goes to GETCONTACT directly.
func menuScript() *scriptBuilder {
	return newScript().
		act(1, "BEGIN", "Begin").
		act(5, "MENU", "Main menu").
		act(7, "SETSECURITYUSER", "Set API user").
		act(12, "GETCONTACT", "Get contact").
		act(20, "HANGUP", "Hang up").
		prop(7, "Agent", "{ApiAgentId}").
		prop(7, "ScriptVar", "SecurityUser").
		branch(1, 5, "Default").
		branch(5, 7, "1").
		branch(5, 12, "2").
		branch(7, 12, "Default").
		branch(7, 20, "Error").
		branch(12, 20, "Default")
}

func TestSecurityUserMissingOnOneBranch(t *testing.T) {
	f := wantOne(t, run(SecurityUserMissing, menuScript().doc(t), nil))
	if f.Pointer != "/actions/12/name" || f.Entity != "action 12" {
		t.Errorf("located at %q (%s), want /actions/12/name", f.Pointer, f.Entity)
	}
	for _, part := range []string{`action 12 GETCONTACT "Get contact" needs a security user`, `BEGIN(1) → MENU(5) via "2" → GETCONTACT(12)`} {
		if !strings.Contains(f.Message, part) {
			t.Errorf("message %q lacks %q", f.Message, part)
		}
	}
}

func TestSecurityUserFirstIsClean(t *testing.T) {
	d := newScript().
		act(1, "BEGIN", "").act(2, "SETSECURITYUSER", "").act(5, "MENU", "").
		act(12, "GETCONTACT", "").act(20, "HANGUP", "").act(21, "PLAY", "Sorry").
		prop(12, "SecurityUser", "{SecurityUser}").
		branch(1, 2, "Default").branch(2, 5, "Default").branch(2, 21, "Error").
		branch(5, 12, "1").branch(5, 20, "2").branch(12, 5, "Default").branch(21, 20, "Default").
		doc(t)
	for _, r := range Rules {
		wantNone(t, run(r, d, nil))
	}
}

func TestSecurityUserErrorBranchPath(t *testing.T) {
	d := newScript().
		act(1, "BEGIN", "").act(2, "SETSECURITYUSER", "").act(3, "ASSIGN", "").
		act(10, "GETAGENTS", "Agents").act(20, "HANGUP", "").
		branch(1, 2, "Default").branch(2, 3, "Default").branch(2, 10, "Error").
		branch(3, 10, "Default").branch(10, 20, "Default").
		doc(t)
	f := wantOne(t, run(SecurityUserMissing, d, nil))
	if !strings.Contains(f.Message, `after SETSECURITYUSER 2 failed: BEGIN(1) → SETSECURITYUSER(2) via "Error" → GETAGENTS(10)`) {
		t.Errorf("message %q does not show the Error path", f.Message)
	}
}

// A backup SETSECURITYUSER on the Error branch covers what follows it.
func TestSecurityUserBackupOnError(t *testing.T) {
	d := newScript().
		act(1, "BEGIN", "").act(2, "SETSECURITYUSER", "").act(3, "SETSECURITYUSER", "Backup").
		act(10, "GETAGENTS", "").act(20, "HANGUP", "").
		branch(1, 2, "Default").branch(2, 10, "Default").branch(2, 3, "Error").
		branch(3, 10, "Default").branch(3, 20, "Error").branch(10, 20, "Default").
		doc(t)
	wantNone(t, run(SecurityUserMissing, d, nil))
}

func TestSecurityUserLoops(t *testing.T) {
	// MENU repeats itself and loops back through PLAY before reaching the
	// API action through a string-typed branch target.
	d := newScript().
		act(1, "BEGIN", "").act(2, "MENU", "").act(3, "PLAY", "").act(9, "GETCONTACT", "").
		branch(1, 2, "Default").branch(2, 2, "1").branch(2, 3, "2").branch(3, 2, "Default").
		branch(3, "9", "Timeout").branch(9, 1, "Default").
		doc(t)
	f := wantOne(t, run(SecurityUserMissing, d, nil))
	if !strings.Contains(f.Message, `BEGIN(1) → MENU(2) via "2" → PLAY(3) via "Timeout" → GETCONTACT(9)`) {
		t.Errorf("message %q lacks the shortest path", f.Message)
	}
}

func TestSecurityUserPropertyReference(t *testing.T) {
	b := newScript().
		act(1, "BEGIN", "").act(2, "SNIPPET", "Lookup").act(3, "SETSECURITYUSER", "").act(20, "HANGUP", "").
		prop(2, "Code", "ASSIGN x = 1").
		prop(2, "Input", []any{"id", "{apiuser}"}).
		prop(3, "ScriptVar (out)", "ApiUser").
		branch(1, 2, "Default").branch(2, 3, "Default").branch(3, 20, "Default").branch(3, 20, "Error")
	f := wantOne(t, run(SecurityUserMissing, b.doc(t), nil))
	if !strings.Contains(f.Message, "reads {apiuser}") {
		t.Errorf("message %q does not name the variable read", f.Message)
	}
	if len(f.Related) != 1 || f.Related[0].Pointer != "/properties/2/1/value" {
		t.Errorf("related %+v, want the property value", f.Related)
	}
	// {SecurityUser} is read whatever SETSECURITYUSER writes.
	b.prop(2, "Other", "{SecurityUser}")
	wantOne(t, run(SecurityUserMissing, b.doc(t), nil))
}

func TestSecurityUserConfiguredActions(t *testing.T) {
	d := newScript().act(1, "BEGIN", "").act(2, "MyApiAction", "").branch(1, 2, "Default").doc(t)
	wantNone(t, run(SecurityUserMissing, d, nil))
	f := wantOne(t, run(SecurityUserMissing, d, rules.NewOptions(map[*rules.Option]any{securityActionsOption: []string{"myapiaction"}})))
	if !strings.Contains(f.Message, "MYAPIACTION") {
		t.Errorf("message %q", f.Message)
	}
}

func TestSecurityUserUnreachableNotReported(t *testing.T) {
	// No path leads to 12: cxone/unreachable-action reports it, not this rule.
	d := newScript().act(1, "BEGIN", "").act(12, "GETCONTACT", "").doc(t)
	wantNone(t, run(SecurityUserMissing, d, nil))
}

func TestLongPathIsElided(t *testing.T) {
	b := newScript().act(1, "BEGIN", "")
	for i := 2; i <= 12; i++ {
		b.act(i, "ASSIGN", "").branch(i-1, i, "Default")
	}
	b.act(13, "GETCONTACT", "").branch(12, 13, "Default")
	f := wantOne(t, run(SecurityUserMissing, b.doc(t), nil))
	if !strings.Contains(f.Message, "BEGIN(1) → ASSIGN(2) → ASSIGN(3) → … 6 more → ASSIGN(10) → ASSIGN(11) → ASSIGN(12) → GETCONTACT(13)") {
		t.Errorf("message %q", f.Message)
	}
}
