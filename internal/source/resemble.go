package source

import "bytes"

// ResemblesExport reports whether the raw text of a file that could not be
// parsed still looks like one of the supported exports: it names a key or
// element that only those exports use. A repository holds many JSON and
// YAML files that are not exports and that rbaclint's strict parsers reject
// (tsconfig.json with comments, Helm and Go templates); those are skipped,
// while a broken export still gets its syntax finding. The markers are the
// ones Detect and the XML kinds classify by.
func ResemblesExport(data []byte) bool {
	for _, m := range exportMarkers {
		if bytes.Contains(data, []byte(m)) {
			return true
		}
	}
	// Tenant users and CXone scripts are told apart by pairs of common keys.
	for _, pair := range exportMarkerPairs {
		if bytes.Contains(data, []byte(pair[0])) && (bytes.Contains(data, []byte(pair[1])) || bytes.Contains(data, []byte(pair[2]))) {
			return true
		}
	}
	return false
}

// exportMarkers appear in one kind of export each (without quotes, so that
// JSON, YAML and XML spellings all match).
var exportMarkers = []string{
	"profileType", "permissionAccessLevel", "resourceAccessLevel", // Webex user profiles
	"requestAction", "itemIdentifier", // Webex bulk requests
	finesseAPI,                    // Finesse integration settings
	"<ReasonCode", "<ReasonCodes", // Finesse reason codes
	"<role>", "<roles>", "<administrator>", "<administrators>", // PCCE
	"<accessList>", "<feature>", "<results>", // PCCE features and result pages
}

// exportMarkerPairs: the first key together with one of the two others.
var exportMarkerPairs = [][3]string{
	{"roles", "email", "displayName"}, // tenant users
	{"actions", "branches", "header"}, // CXone Studio scripts
}
