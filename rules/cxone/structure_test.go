package cxone

import (
	"strings"
	"testing"
)

func TestMissingBegin(t *testing.T) {
	d := newScript().act(7, "SETSECURITYUSER", "").act(8, "GETCONTACT", "").branch(7, 8, "Default").doc(t)
	f := wantOne(t, run(MissingBegin, d, nil))
	if f.Pointer != "/actions" {
		t.Errorf("located at %q", f.Pointer)
	}
	wantNone(t, run(SecurityUserMissing, d, nil))
	wantNone(t, run(UnreachableAction, d, nil))
	wantNone(t, run(MissingBegin, menuScript().doc(t), nil))
	// No actions object at all is the schema rule's business.
	wantNone(t, run(MissingBegin, docOf(t, map[string]any{"header": map[string]any{}}), nil))
}

func TestUnknownBranchTarget(t *testing.T) {
	d := newScript().act(1, "BEGIN", "").act(5, "MENU", "").
		branch(1, "5", "Default").branch(5, 40, "1").branch(5, -1, "2").branch(5, "", "3").
		doc(t)
	f := wantOne(t, run(UnknownBranchTarget, d, nil))
	if f.Pointer != "/branches/5/0/to" || !strings.Contains(f.Message, `branch "1" of action 5 MENU goes to action 40, which is not in the script`) {
		t.Errorf("got %q at %q", f.Message, f.Pointer)
	}
}

func TestUnreachableAction(t *testing.T) {
	d := newScript().
		act(1, "BEGIN", "").act(2, "HANGUP", "").
		act(30, "PLAY", "Old greeting").act(31, "HANGUP", ""). // a dead region entered at 30
		act(40, "ASSIGN", "").act(41, "ASSIGN", "").           // a loop nothing leads into
		act(50, "ONRELEASE", "").act(51, "GETCONTACT", "").    // an event handler
		branch(1, 2, "Default").branch(30, 31, "Default").
		branch(40, 41, "Default").branch(41, 40, "Default").branch(50, 51, "Default").
		doc(t)
	fs := run(UnreachableAction, d, nil)
	if len(fs) != 2 {
		t.Fatalf("got %+v, want findings at 30 and 40", fs)
	}
	if fs[0].Pointer != "/actions/30/name" || !strings.Contains(fs[0].Message, `action 30 PLAY "Old greeting" cannot be reached from BEGIN (nor can 1 action after it)`) {
		t.Errorf("first: %q at %q", fs[0].Message, fs[0].Pointer)
	}
	if fs[1].Pointer != "/actions/40/name" {
		t.Errorf("second at %q", fs[1].Pointer)
	}
}
