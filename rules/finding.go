package rules

// Finding is one problem found in a document.
type Finding struct {
	RuleID   string
	Severity Severity // SeverityDefault: the rule's default
	Message  string   // one line; names the entity and says what to do

	Path    string // the document's Path
	Pointer string // JSON Pointer into the document's data model
	Target  Target // key or value of the member at Pointer
	Span    Span   // filled from Pointer by the engine when zero

	Entity  string    // e.g. `profile "Sales Supervisors"`, "user ana@example.com"
	Related []Related // other places that explain the finding (the first occurrence of a duplicate)
	Fix     *Fix      // optional suggested fix
	// A finding's fingerprint and suppression are results of processing,
	// not of the rule: see internal/reported.
}

// Related is a secondary location of a finding.
type Related struct {
	Path    string
	Pointer string
	Target  Target
	Span    Span
	Message string
}
