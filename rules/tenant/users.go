package tenant

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// user is the part of a tenant user object the rules read.
type user struct {
	doc     *rules.Document
	pointer string
	obj     map[string]any
	parent  bool // isParent: configured at a higher (reseller) level
	roles   []roleRef
}

// roleRef is one entry of a user's roles array.
type roleRef struct {
	key     string
	pointer string
}

// usersOf reads the users of a document. Role entries that are not strings
// are skipped: the schema rule reports them.
func usersOf(doc *rules.Document) []*user {
	us := make([]*user, 0, len(doc.Entities))
	for _, e := range doc.Entities {
		if e.Value == nil {
			continue
		}
		u := &user{doc: doc, pointer: e.Pointer, obj: e.Value}
		u.parent, _ = rules.Bool(e.Value, "isParent")
		roles, _ := rules.Array(e.Value["roles"])
		prefix := e.Pointer + "/roles/"
		for i, r := range roles {
			if s, ok := r.(string); ok {
				u.roles = append(u.roles, roleRef{key: s, pointer: prefix + strconv.Itoa(i)})
			}
		}
		us = append(us, u)
	}
	return us
}

// entity names the user the way messages do: by e-mail, else display name,
// else id, else its place in the file.
func (u *user) entity() string {
	if s := u.field("email"); s != "" {
		return "user " + s
	}
	if s := u.field("displayName"); s != "" {
		return fmt.Sprintf("user %q", s)
	}
	if s := u.field("id"); s != "" {
		return "user id " + s
	}
	if u.pointer == "" {
		return "user"
	}
	return "user at " + u.pointer
}

// field returns a trimmed string member, "" when absent or not a string.
func (u *user) field(key string) string {
	s, _ := rules.String(u.obj, key)
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
