package finesse

import (
	"errors"
	"net/url"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// Finesse's admin-only configuration APIs are data, kept with their sources
// in admin_apis.json.
var adminAPIList = rules.LazyJSON(files, "admin_apis.json", func(l *struct {
	APIs []adminAPI `json:"apis"`
}) error {
	if len(l.APIs) == 0 {
		return errors.New("no APIs")
	}
	for i := range l.APIs {
		l.APIs[i].segments = strings.Split(l.APIs[i].Path, "/")
	}
	return nil
})

func adminAPIs() []adminAPI { return adminAPIList().APIs }

type adminAPI struct {
	Path        string   `json:"path"`        // after /finesse/api/; '*' matches one segment
	Methods     []string `json:"methods"`     // empty: every method needs an admin
	Alternative string   `json:"alternative"` // the team-scoped API agents and supervisors may call
	segments    []string
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
