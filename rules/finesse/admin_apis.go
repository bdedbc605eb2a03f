package finesse

import (
	_ "embed"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
)

// Finesse's admin-only configuration APIs are data, kept with their sources
// in admin_apis.json.
//
//go:embed admin_apis.json
var adminAPIsJSON []byte

type adminAPI struct {
	Path        string   `json:"path"`        // after /finesse/api/; '*' matches one segment
	Methods     []string `json:"methods"`     // empty: every method needs an admin
	Alternative string   `json:"alternative"` // the team-scoped API agents and supervisors may call
	segments    []string
}

// adminAPIs is parsed on first use, not at start-up: a run that meets no
// Finesse integration never pays for it.
var adminAPIs = sync.OnceValue(func() []adminAPI { return mustAdminAPIs(adminAPIsJSON) })

// mustAdminAPIs panics on a malformed embedded list: that is a build mistake
// the package tests catch, never user input.
func mustAdminAPIs(b []byte) []adminAPI {
	var d struct {
		APIs []adminAPI `json:"apis"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		panic("finesse: bad embedded admin_apis.json: " + err.Error())
	}
	if len(d.APIs) == 0 {
		panic("finesse: embedded admin_apis.json lists no APIs")
	}
	for i := range d.APIs {
		d.APIs[i].segments = strings.Split(d.APIs[i].Path, "/")
	}
	return d.APIs
}

const apiPrefix = "/finesse/api/"

// finesseCall is a Finesse API path found in a string value.
type finesseCall struct {
	path     string // "/finesse/api/ReasonCodes", without host, query or fragment
	segments []string
	inlinePW bool // the URL itself carries a password (https://user:pw@host/...)
}

// parseCall finds the Finesse API path in s.
func parseCall(s string) (finesseCall, bool) {
	i := strings.Index(strings.ToLower(s), apiPrefix)
	if i < 0 {
		return finesseCall{}, false
	}
	rest := s[i+len(apiPrefix):]
	if end := strings.IndexAny(rest, "?# \t\r\n\"'"); end >= 0 {
		rest = rest[:end]
	}
	rest = strings.Trim(rest, "/")
	c := finesseCall{path: s[i:i+len(apiPrefix)] + rest, segments: strings.Split(rest, "/")}
	if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.User != nil {
		_, c.inlinePW = u.User.Password()
	}
	return c, true
}

// admin returns the admin-only API the call uses with method ("" when
// unknown), if any.
func (c finesseCall) admin(method string) (adminAPI, bool) {
	for _, api := range adminAPIs() {
		if !matchSegments(api.segments, c.segments) {
			continue
		}
		if len(api.Methods) == 0 {
			return api, true
		}
		for _, m := range api.Methods {
			if strings.EqualFold(m, method) {
				return api, true
			}
		}
	}
	return adminAPI{}, false
}

// matchSegments compares paths segment by segment without regard to case.
func matchSegments(pattern, path []string) bool {
	if len(pattern) != len(path) {
		return false
	}
	for i, p := range pattern {
		if path[i] == "" || (p != "*" && !strings.EqualFold(p, path[i])) {
			return false
		}
	}
	return true
}
