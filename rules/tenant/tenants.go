package tenant

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// tenant is one group of users for the set-level rules.
type tenant struct {
	id    string          // primaryTenant; "" when the group is a file's users
	doc   *rules.Document // where the group's first customer user is
	users []*member       // in path and document order, parent users included
}

// label names the tenant in messages. A file's own group is named without
// its path: the finding is located in that file.
func (t *tenant) label() string {
	if t.id == "" {
		return "the users of this file"
	}
	return fmt.Sprintf("tenant %q", t.id)
}

// entity is the Finding.Entity of a tenant-wide finding.
func (t *tenant) entity() string {
	if t.id == "" {
		return ""
	}
	return fmt.Sprintf("tenant %q", t.id)
}

// tenantsKey is the rules.View key of a set of documents' tenants: the
// addresses of the documents, in order.
type tenantsKey struct{ docs string }

// tenantsOf returns groupTenants(docs), grouped once per set of documents:
// the pack's set rules each group the same documents, and a big export's
// grouping costs a map entry and a slice element per user. Callers must
// not modify the groups.
func tenantsOf(docs []*rules.Document) []*tenant {
	if len(docs) == 0 {
		return nil
	}
	var key strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&key, "%p,", d)
	}
	return rules.View(docs[0], tenantsKey{key.String()}, func(*rules.Document) []*tenant { return groupTenants(docs) })
}

// groupTenants groups the users of all documents by tenant (RULES.md): the
// primaryTenant of non-parent users; users without one, and parent users
// (whose primaryTenant is the reseller's), join the file's tenant, which is
// the one primaryTenant its non-parent users share, else the file itself.
// Groups come in order of first appearance; docs are sorted by path.
func groupTenants(docs []*rules.Document) []*tenant {
	// A group is keyed by its tenant id or, for a file's own group, by the
	// file's path: a struct, so that no key is concatenated per user.
	type groupKey struct {
		file bool
		name string // the tenant id, or the path
	}
	var out []*tenant
	byKey := map[groupKey]*tenant{}
	var last *tenant // a list's users mostly share a tenant: no lookup for them
	var lastKey groupKey
	group := func(key groupKey, id string) *tenant {
		if last != nil && key == lastKey {
			return last
		}
		t, ok := byKey[key]
		if !ok {
			t = &tenant{id: id}
			byKey[key] = t
			out = append(out, t)
		}
		last, lastKey = t, key
		return t
	}
	// Twice: first to count each group's users, so that each list is
	// made once at its size (a big tenant's would grow through twenty
	// sizes), then to fill them.
	each := func(visit func(t *tenant, u *member)) {
		for _, doc := range docs {
			chunks := membersOf(doc)
			fileKey, fileID := groupKey{file: true, name: doc.Path}, ""
			if id, ok := sharedTenant(chunks); ok {
				fileKey, fileID = groupKey{name: id}, id
			}
			for _, users := range chunks {
				for i := range users {
					u := &users[i]
					if id := u.tenant; id != "" && !u.parent {
						visit(group(groupKey{name: id}, id), u)
					} else {
						visit(group(fileKey, fileID), u)
					}
				}
			}
		}
	}
	counts := map[*tenant]int{}
	each(func(t *tenant, _ *member) { counts[t]++ })
	for _, t := range out {
		t.users = make([]*member, 0, counts[t])
	}
	each(func(t *tenant, u *member) {
		if t.doc == nil && !u.parent {
			t.doc = u.doc
		}
		t.users = append(t.users, u)
	})
	return out
}

// sharedTenant returns the primaryTenant every non-parent user that has one
// agrees on.
func sharedTenant(chunks [][]member) (string, bool) {
	shared := ""
	for _, users := range chunks {
		for i := range users {
			u := &users[i]
			id := u.tenant
			if u.parent || id == "" {
				continue
			}
			if shared != "" && id != shared {
				return "", false
			}
			shared = id
		}
	}
	return shared, shared != ""
}

// anchor is where a tenant-wide finding goes: the data array of a Get-All
// envelope, else the document root.
func (t *tenant) anchor() (doc *rules.Document, pointer string) {
	doc = t.doc
	if doc == nil {
		doc = t.users[0].doc
	}
	if doc.Shape == rules.ShapeList && doc.Data.Get("data").IsArray() {
		return doc, "/data"
	}
	return doc, ""
}
