package report

import (
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// span builds a span from 1-based line/column pairs; offsets are not
// printed except in fix edits, where editSpan sets them.
func span(l1, c1, l2, c2 int) rules.Span {
	return rules.Span{Start: rules.Position{Line: l1, Column: c1}, End: rules.Position{Line: l2, Column: c2}}
}

// testRun is the shared synthetic run every format renders: findings across
// three checked files (one path with a space, one with a non-ASCII letter)
// plus a named file of no kind, related locations, a file-level finding, a
// suppressed finding, security findings, a note with a fix, a clean file.
func testRun() *Run {
	catalog := []*rules.Rule{
		{ID: rules.IDSyntax, Title: "The file is not well-formed JSON, XML or YAML",
			Doc: "# syntax\n\nThe parser stopped here.\n", DefaultSeverity: rules.SeverityError, Category: rules.CategoryError},
		{ID: rules.IDDuplicateKey, Title: "The same key appears twice in one object",
			Doc: "# duplicate-key\n\nThe platform keeps the last value\nsilently.\n\n## Why\n\nData loss.\n", DefaultSeverity: rules.SeverityError, Category: rules.CategoryError},
		{ID: rules.IDUnknownDocument, Title: "A file named on the command line matches no supported kind",
			DefaultSeverity: rules.SeverityWarning, Category: rules.CategoryWarning},
		{ID: "plaintext-secret", Title: "A credential is written in plain text",
			Doc:             "# plaintext-secret\n\nCredentials belong in a secret store.\n\n## Bad\n\n```json\n{\"password\": \"x\"}\n```\n",
			DefaultSeverity: rules.SeverityError, Category: rules.CategorySecurity,
			Tags: []string{"security", "secrets"}, SecuritySeverity: 8.5},
		{ID: "webex/permissions-required", Title: "SPECIFIC permission access needs a permissions list",
			Doc:             "# webex/permissions-required\n\nWith `permissionAccessLevel` SPECIFIC the API needs `permissions`.\n\n## Why\n\nThe API rejects the profile.\n",
			DefaultSeverity: rules.SeverityError, Category: rules.CategoryError},
		{ID: "webex/privilege-escalation", Title: "A non-administrator profile can widen its own access",
			Doc:             "# webex/privilege-escalation\n\nHolders can edit user profiles, including their own.\n",
			DefaultSeverity: rules.SeverityWarning, Category: rules.CategorySecurity,
			SecuritySeverity: 7, Inferred: true},
		{ID: "pcce/update-only-subfeature", Title: "An update-only sub-feature repeats what its feature grants",
			Doc: "# pcce/update-only-subfeature\n\nRedundant.\n", DefaultSeverity: rules.SeverityNote, Category: rules.CategorySuggestion},
	}
	editSpan := span(12, 7, 12, 31)
	editSpan.Start.Offset, editSpan.End.Offset = 301, 325
	return &Run{
		Tool:  Tool{Name: "rbaclint", Version: "v1.2.0", InformationURI: "https://github.com/rbaclint/rbaclint"},
		Rules: catalog,
		Findings: []reported.Finding{
			{Finding: rules.Finding{RuleID: rules.IDUnknownDocument, Severity: rules.SeverityWarning, Path: "notes.txt",
				Message: "notes.txt matches no supported kind; force one with --kind or drop it from the arguments"}},
			{Finding: rules.Finding{RuleID: rules.IDDuplicateKey, Severity: rules.SeverityError, Path: "pcce/rôles.xml",
				Message: `role "TeamLead" has <name> twice; the first is on line 3`,
				Pointer: "/role/name", Span: span(4, 5, 4, 29), Entity: `role "TeamLead"`,
				Related: []rules.Related{{Span: span(3, 5, 3, 27), Pointer: "/role/name", Message: "first <name> here"}}}, Fingerprint: "5d41402abc4b2a76"},
			{Finding: rules.Finding{RuleID: "pcce/update-only-subfeature", Severity: rules.SeverityNote, Path: "pcce/rôles.xml",
				Message: `role "TeamLead" grants "Agent Team" and its update-only part; drop the part`,
				Pointer: "/role/features/feature/2", Span: editSpan, Entity: `role "TeamLead"`,
				Fix: &rules.Fix{Description: "remove the redundant sub-feature", Edits: []rules.Edit{{Span: editSpan}}}}, Fingerprint: "7215ee9c7d9dc229"},
			{Finding: rules.Finding{RuleID: "webex/permissions-required", Severity: rules.SeverityError, Path: "profiles/sales team.json",
				Message: `profile "Sales 100%" has permissionAccessLevel SPECIFIC but no permissions; list them or use ALL`,
				Pointer: "/permissionAccessLevel", Span: span(2, 3, 2, 37), Entity: `profile "Sales 100%"`}, Fingerprint: "e4da3b7fbbce2345"},
			{Finding: rules.Finding{RuleID: "webex/privilege-escalation", Severity: rules.SeverityWarning, Path: "profiles/sales team.json",
				Message: `profile "Sales 100%" (type AGENT) can EDIT user-profile; make it an ADMINISTRATOR profile or drop the permission`,
				Pointer: "/permissions/0", Span: span(5, 3, 9, 4), Entity: `profile "Sales 100%"`}, Fingerprint: "1679091c5a880faf"},
			{Finding: rules.Finding{RuleID: "plaintext-secret", Severity: rules.SeverityError, Path: "profiles/sales team.json",
				Message: `profile "Sales 100%" has a literal "password"; use a reference such as ${ENV}`,
				Pointer: "/settings/password", Span: span(14, 17, 14, 29), Entity: `profile "Sales 100%"`}, Fingerprint: "8f14e45fceea167a", Suppressed: &reported.Suppression{Kind: "external", Justification: "lab tenant, rotated nightly"}},
			{Finding: rules.Finding{RuleID: "plaintext-secret", Severity: rules.SeverityError, Path: "users.json",
				Message: `user ana@example.com has a literal "apiKey"; use a reference such as ${ENV}`,
				Pointer: "/data/0/apiKey", Span: span(7, 5, 7, 21), Entity: "user ana@example.com"}, Fingerprint: "c9f0f895fb98ab91"},
		},
		FilesChecked: 4,
		FilesSkipped: []string{"misc/readme.json"},
		Files:        []string{"finesse/reasons.xml", "pcce/rôles.xml", "profiles/sales team.json", "users.json"},
		FailLevel:    rules.SeverityWarning,
		ExitCode:     1,
		WorkDir:      "/home/ci/work space/repo",
	}
}

// diffRun is testRun as a comparison: two principals whose access changed
// (one with a hostile name), files added, removed and changed, findings
// already in the base suppressed.
func diffRun() *Run {
	run := testRun()
	run.Change = &Change{
		Before: "main", After: "working tree",
		Access: []AccessChange{
			{Principal: `administrator CONTOSO\li.wei`, Gained: []string{"manage-admins"}},
			{Principal: "profile Night | <b>Shift</b>", Gained: []string{"manage-users", "monitor"}, Lost: []string{"recordings"}},
		},
		Files: []ChangedFile{
			{Path: "exports/profiles.json", Status: "changed", Modified: []string{`profile "Night Shift"`}},
			{Path: "exports/new users.json", Status: "added", Added: []string{"user ana@example.com"}},
			{Path: "exports/old.xml", Status: "removed", Removed: []string{`role "Reporting"`}},
		},
		PreExisting: 1,
	}
	return run
}
