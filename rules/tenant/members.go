package tenant

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// member is what the set-level rules read of a user: a few words, not the
// user's members, so that the facts of a big export hold none of them
// (rules.Summary). What a finding says about a member (its label, the
// e-mail it shares) is read from the user again: member.whole.
type member struct {
	*userShape        // shared by the members of a window alike in it
	email      uint64 // emailHash of the e-mail; 0 when it has none
	index      int    // in doc.Entities
}

// userShape is what the set rules read of a user besides its e-mail and
// its place: a tenant's users hold a few combinations of roles between
// them. A shape belongs to one window (or document).
type userShape struct {
	doc    *rules.Document
	tenant string    // primaryTenant, trimmed; "" when absent
	roles  []roleRef // as user.roles
	parent bool      // as user.parent
	listed bool      // as user.listed
}

// members is the summary the set-level rules read: every user of a
// document, in document order, in chunks (a big export's windows').
var members = &rules.Summary{Read: readMembers, Join: joinMembers}

// membersOf returns the members of a document, in chunks.
func membersOf(doc *rules.Document) [][]member {
	ms, _ := rules.Summarized(doc, members).([][]member)
	return ms
}

// readMembers reads the members of one document or window. Their shapes
// are stored once per window, with copied strings: the strings the tree
// gives point into the file's text, and a member outlives its window.
func readMembers(doc *rules.Document) any {
	users := usersOf(doc)
	out := make([]member, len(users))
	shapes := map[string]*userShape{}
	var key []byte
	for i, u := range users {
		m := &out[i]
		m.index = doc.EntityBase + u.index
		if email := u.field("email"); email != "" {
			m.email = hashEmail(email)
		}
		key = append(key[:0], u.tenant...)
		key = append(key, 0, flag(u.parent), flag(u.listed))
		for _, r := range u.roles {
			key = append(key, r.key...)
			key = append(key, 0, byte(r.index), byte(r.index>>8), byte(r.index>>16), byte(r.index>>24))
		}
		sh, ok := shapes[string(key)]
		if !ok {
			sh = &userShape{tenant: strings.Clone(u.tenant), parent: u.parent, listed: u.listed, roles: make([]roleRef, len(u.roles))}
			for j, r := range u.roles {
				sh.roles[j] = roleRef{key: strings.Clone(r.key), index: r.index}
			}
			shapes[string(key)] = sh
		}
		m.userShape = sh
	}
	return out
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// joinMembers makes the windows' members the members of doc, a chunk per
// window: joining them into one slice would double them for a moment.
func joinMembers(doc *rules.Document, parts []any) any {
	out := make([][]member, len(parts))
	for i, p := range parts {
		out[i] = p.([]member)
		for j := range out[i] {
			out[i][j].userShape.doc = doc // a shape is one window's
		}
	}
	return out
}

// hashEmail is emailHash; tests make e-mails collide through it.
var hashEmail = emailHash

// emailHash hashes an e-mail compared ignoring case (64-bit FNV-1a of the
// lower-cased text), never 0. Equal hashes are only a candidate: the
// rule compares the e-mails themselves, read again.
func emailHash(email string) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range []byte(strings.ToLower(email)) {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h | 1
}

// pointer is the member's JSON Pointer.
func (m *member) pointer() string {
	p, _ := m.doc.PointerOf(m.index)
	return p
}

// whole reads the member's user again, with every member the rules
// report: from the document, or, for a big export's facts, from the file.
// A file that changed since it was checked gives a user without members,
// labelled by its place.
func (m *member) whole() *user {
	e, ok := m.doc.Whole(m.index)
	if !ok {
		e = rules.Entity{Pointer: m.pointer()}
	}
	return readUser(m.doc, m.index, e)
}
