package report

import "github.com/rbaclint/rbaclint/rules"

// levelWords is one output format's word for each level. Off, and a level
// not yet resolved to the rule's default, take the off word: the reporters
// see resolved levels (catalog.severity), so it only guards a bare Run.
type levelWords struct {
	error, warning, note, off string
}

func (w levelWords) of(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return w.error
	case rules.SeverityWarning:
		return w.warning
	case rules.SeverityNote:
		return w.note
	}
	return w.off
}

var (
	// GitHub's workflow commands: error, warning and notice.
	githubLevels = levelWords{error: "error", warning: "warning", note: "notice", off: "notice"}
	// GitLab's info, minor, major, critical and blocker: an error blocks an
	// apply, hence critical.
	codeClimateLevels = levelWords{error: "critical", warning: "major", note: "info", off: "info"}
	// The markdown report's badges.
	markdownBadges = levelWords{error: "🛑 error", warning: "⚠️ warning", note: "ℹ️ note", off: "ℹ️ note"}
	// SARIF's result.level: none, note, warning and error.
	sarifLevels = levelWords{error: "error", warning: "warning", note: "note", off: "none"}
	// GitHub code scanning's problem.severity property of a rule: error,
	// warning or recommendation; none is left out.
	problemSeverities = levelWords{error: "error", warning: "warning", note: "recommendation", off: ""}
)
