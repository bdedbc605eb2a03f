package cxone

import (
	"strings"
	"testing"
)

func setterScript() *scriptBuilder {
	return newScript().act(1, "BEGIN", "").act(7, "SETSECURITYUSER", "Set API user").act(8, "GETCONTACT", "").
		branch(1, 7, "Default").branch(7, 8, "Default")
}

func TestErrorBranchMissing(t *testing.T) {
	f := wantOne(t, run(SecurityUserErrorBranch, setterScript().doc(t), nil))
	if f.Pointer != "/actions/7/name" || !strings.Contains(f.Message, `action 7 SETSECURITYUSER "Set API user" has no Error branch`) {
		t.Errorf("got %q at %q", f.Message, f.Pointer)
	}
}

func TestErrorBranchNotWired(t *testing.T) {
	f := wantOne(t, run(SecurityUserErrorBranch, setterScript().branch(7, -1, "Error").doc(t), nil))
	if f.Pointer != "/branches/7/1" || !strings.Contains(f.Message, "Error branch that is not connected") {
		t.Errorf("got %q at %q", f.Message, f.Pointer)
	}
}

func TestErrorBranchToMissingAction(t *testing.T) {
	f := wantOne(t, run(SecurityUserErrorBranch, setterScript().branch(7, 99, "Error").doc(t), nil))
	if !strings.Contains(f.Message, "Error branch to action 99, which does not exist") {
		t.Errorf("got %q", f.Message)
	}
}

func TestErrorBranchConnected(t *testing.T) {
	wantNone(t, run(SecurityUserErrorBranch, setterScript().act(9, "HANGUP", "").branch(7, 9, "Error").doc(t), nil))
	// The older Studio name of the branch.
	wantNone(t, run(SecurityUserErrorBranch, setterScript().act(9, "HANGUP", "").branch(7, "9", "OnError").doc(t), nil))
}
