package report

// Change is what a comparison of two versions found besides its findings
// (rbaclint diff): the files and entities that differ and the access that
// principals gained or lost.
type Change struct {
	Before, After string // what the versions are called: "main", "working tree", "old/"
	Files         []ChangedFile
	Access        []AccessChange
	// PreExisting counts NEW's lint findings that OLD already had; they
	// are in the run as suppressed findings.
	PreExisting int
}

// ChangedFile is one file that differs between the versions.
type ChangedFile struct {
	Path     string // NEW's path; OLD's for a removed file
	Status   string // "added", "removed" or "changed"
	Added    []string
	Removed  []string
	Modified []string // entities, by identity
}

// AccessChange is one principal's capabilities gained and lost.
type AccessChange struct {
	Principal    string
	Gained, Lost []string
}
