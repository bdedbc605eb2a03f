package access

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Mapping is one row of a vendor pack's access mapping: what grants which
// capabilities, and the source that says so. Packs keep their rows as
// embedded JSON ({"rows": [Mapping...]}) so they can be reviewed against the
// vendor documentation without reading code.
type Mapping struct {
	// Grant says what kind of thing grants: "role key", "feature",
	// "built-in role", "permission", "access level", "profile type",
	// "action", "api".
	Grant string `json:"grant"`
	Name  string `json:"name"`
	// Access lists the access values that grant (a Webex permission's EDIT,
	// ENABLED); empty means any.
	Access       []string     `json:"access,omitempty"`
	Capabilities []Capability `json:"capabilities"`
	Source       string       `json:"source"`
	// Inferred marks a row that no vendor document states: rbaclint's
	// reading of what the grant lets its holder do.
	Inferred bool `json:"inferred,omitempty"`
	// Includes names the rows (same Grant) this one includes, for
	// hierarchies such as PCCE's built-in roles.
	Includes []string `json:"includes,omitempty"`
}

// ParseMapping reads a pack's embedded mapping and checks it: every row has a
// grant, a name, a source and known capabilities. A bad embedded mapping is
// a bug in rbaclint, caught by the pack's tests.
func ParseMapping(data []byte) ([]Mapping, error) {
	var doc struct {
		Rows []Mapping `json:"rows"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	for i, r := range doc.Rows {
		if r.Grant == "" || r.Name == "" || r.Source == "" {
			return nil, fmt.Errorf("row %d (%s %s): grant, name and source are required", i, r.Grant, r.Name)
		}
		for _, c := range r.Capabilities {
			if !Known(c) {
				return nil, fmt.Errorf("row %d (%s %s): unknown capability %q", i, r.Grant, r.Name, c)
			}
		}
	}
	return doc.Rows, nil
}

// MustMapping is ParseMapping for embedded data, panicking on a bad file.
func MustMapping(data []byte) []Mapping {
	rows, err := ParseMapping(data)
	if err != nil {
		panic("access: bad embedded mapping: " + err.Error())
	}
	return rows
}

// Grants returns one grant per capability of the row, to the principal (the
// first link of via), through via, with the row's source and status.
func (r Mapping) Grants(kind PrincipalKind, via ...Link) []Grant {
	out := make([]Grant, 0, len(r.Capabilities))
	for _, c := range r.Capabilities {
		out = append(out, Grant{
			Principal: via[0].Name, PrincipalKind: kind, Capability: c,
			Via: append([]Link(nil), via...), Inferred: r.Inferred, Source: r.Source,
		})
	}
	return out
}

// FindGrants returns what the rows for one grant kind, name and access (as
// Find matches them) give the principal via[0], through via.
func FindGrants(rows []Mapping, grant, name, access string, kind PrincipalKind, via ...Link) []Grant {
	var out []Grant
	for _, r := range Find(rows, grant, name, access) {
		out = append(out, r.Grants(kind, via...)...)
	}
	return out
}

// Find returns the rows for one grant kind and name (case-insensitive) whose
// Access admits access (case-insensitive; "" admits only rows without Access).
func Find(rows []Mapping, grant, name, access string) []Mapping {
	var out []Mapping
	for _, r := range rows {
		if r.Grant != grant || !strings.EqualFold(r.Name, name) || !admits(r.Access, access) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func admits(list []string, access string) bool {
	if len(list) == 0 {
		return true
	}
	for _, a := range list {
		if strings.EqualFold(a, access) {
			return true
		}
	}
	return false
}

// Expand returns the row for (grant, name) followed by every row it includes,
// transitively, each once, in include order (SystemAdmin, ConfigAdmin,
// ScriptAdmin, AgentAdmin).
func Expand(rows []Mapping, grant, name string) []Mapping {
	var out []Mapping
	seen := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		if seen[strings.ToLower(n)] {
			return
		}
		seen[strings.ToLower(n)] = true
		for _, r := range Find(rows, grant, n, "") {
			out = append(out, r)
			for _, inc := range r.Includes {
				visit(inc)
			}
		}
	}
	visit(name)
	return out
}
