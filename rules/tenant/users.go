package tenant

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	kindspec "github.com/rbaclint/rbaclint/rules/kinds" // the pack has a kinds variable
)

// user is the part of a tenant user object the rules read.
type user struct {
	doc     *rules.Document
	index   int // in doc.Entities
	pointer string
	data    tree.Value // the user object
	parent  bool       // isParent: configured at a higher (reseller) level
	// parentSaid: the export has isParent. The reseller Get User answer
	// (/accounts/{id}/users/{id}) has not: see catalog.atResellerLevel.
	parentSaid bool
	tenant     string // primaryTenant, trimmed; "" when absent
	listed     bool   // the export has a roles array for this user (Get All leaves it out)
	roles      []roleRef
}

// roleRef is one entry of a user's roles array. It keeps the entry's index,
// not its pointer: almost no entry is ever reported, so the pointer is
// built only for a finding (see user.rolePointer).
type roleRef struct {
	key   string
	index int
}

// rolePointer returns the pointer to one of u's role entries.
func (u *user) rolePointer(r roleRef) string {
	return u.pointer + "/roles/" + strconv.Itoa(r.index)
}

// usersKey is the rules.View key of a document's users.
type usersKey struct{}

// usersOf returns the users of a document, read once per document and
// shared by the pack's rules: every rule reads every user. Callers must not
// modify them.
func usersOf(doc *rules.Document) []*user {
	return rules.View(doc, usersKey{}, readUsers)
}

// eachUser makes a document check of one that judges a user at a time, in
// file order. The catalog is looked up once per document; S is the check's
// scratch (sets it refills for each user), made once per document so that a
// big export does not cost allocations per user.
func eachUser[S any](check func(p *rules.Pass, cat *catalog, s *S, u *user)) func(*rules.Pass) {
	return func(p *rules.Pass) {
		cat, s := catalogFor(p.Options), new(S)
		for _, u := range usersOf(p.Doc) {
			check(p, cat, s, u)
		}
	}
}

// readUsers reads the users of a document. Role entries that are not
// strings are skipped: the schema rule reports them. The users and all their
// role entries share a few allocations, not one or more per user: a big
// export has many users with a few roles each.
func readUsers(doc *rules.Document) []*user {
	n, entries := 0, 0
	for _, e := range doc.Entities {
		if e.Data.IsObject() {
			n, entries = n+1, entries+e.Data.Get("roles").Len()
		}
	}
	us := make([]user, n)
	out := make([]*user, n)
	refs := make([]roleRef, 0, entries)
	i := 0
	for k, e := range doc.Entities {
		if !e.Data.IsObject() {
			continue
		}
		refs = fillUser(&us[i], doc, k, e, refs)
		out[i] = &us[i]
		i++
	}
	return out
}

// readUser reads the user that is entity k of doc.
func readUser(doc *rules.Document, k int, e rules.Entity) *user {
	u := new(user)
	fillUser(u, doc, k, e, nil)
	return u
}

// fillUser reads entity k of doc into u, appending its role entries to
// refs, which it returns.
func fillUser(u *user, doc *rules.Document, k int, e rules.Entity, refs []roleRef) []roleRef {
	u.doc, u.index, u.pointer, u.data = doc, k, e.Pointer, e.Data
	var hasParent bool
	u.parent, hasParent = e.Data.Get("isParent").Bool()
	u.tenant = u.field("primaryTenant")
	roles := e.Data.Get("roles")
	u.listed = roles.IsArray()
	start := len(refs)
	for j, r := range roles.Elems() {
		if s, ok := r.Str(); ok {
			refs = append(refs, roleRef{key: s, index: j})
		}
	}
	u.roles = refs[start:len(refs):len(refs)]
	u.parentSaid = hasParent
	if !hasParent {
		u.parent = resellerAccountUser(u.roles)
	}
	return refs
}

// resellerAccountUser reports whether a user whose export does not say
// isParent holds reseller-level roles only: the reseller Get User answer
// (GET /accounts/{ACCOUNT_TENANT_ID}/users/{USER_ID}) has no isParent and
// roles such as account.user. Such a user is a parent (account) user. A
// role every level may hold (user.admin) does not decide it either way.
func resellerAccountUser(roles []roleRef) bool {
	cat := builtinCatalog()
	account := false
	for _, r := range roles {
		role, ok := cat.roles[r.key]
		switch {
		case ok && role.reseller():
			account = true
		case r.key == keyAdmin || r.key == "onboarding.admin" || r.key == "webhooks.admin":
			// held at both levels (the reseller users page lists them too)
		default:
			return false
		}
	}
	return account
}

// entity names the user as the kind list does: by e-mail, else display
// name, else id, else its place in the file.
func (u *user) entity() string {
	return kindspec.TenantUsers.Label(rules.Entity{Pointer: u.pointer, Data: u.data}, 0)
}

// field returns a trimmed string member, "" when absent or not a string.
func (u *user) field(key string) string {
	s, _ := u.data.Get(key).Str()
	return strings.TrimSpace(s)
}

// first returns the first entry of key in the user's roles.
func (u *user) first(key string) (roleRef, bool) {
	for _, r := range u.roles {
		if r.key == key {
			return r, true
		}
	}
	return roleRef{}, false
}
