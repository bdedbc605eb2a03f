package tenant

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// DuplicateEmail reports two users of one tenant with the same e-mail,
// ignoring case.
var DuplicateEmail = &rules.Rule{
	ID:              "tenant/duplicate-email",
	Title:           "Two users of one tenant have the same e-mail",
	Doc:             doc("duplicate-email"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkDuplicateEmail,
	Summary:         members,
	Facts:           []string{},
}

func checkDuplicateEmail(p *rules.SetPass) {
	for _, t := range tenantsOf(p.Docs) {
		// By hash: a tenant's users cost a few bytes each here. Users
		// whose hashes agree are read again and their e-mails compared;
		// the e-mails of a rare collision get an exact map of their own.
		first := newFirstTable(len(t.users))
		var exact map[string]*user
		for pos, m := range t.users {
			if m.email == 0 {
				continue
			}
			at, dup := first.see(t.users, pos)
			if !dup {
				continue
			}
			fm := t.users[at]
			u, f := m.whole(), fm.whole()
			email := strings.ToLower(u.field("email"))
			if email != strings.ToLower(f.field("email")) {
				if exact == nil {
					exact = map[string]*user{}
				}
				var seen bool
				if f, seen = rules.Repeat(exact, email, u); !seen {
					continue
				}
			}
			if id := u.field("id"); id != "" && id == f.field("id") {
				continue // one user in two answers (a Get All and a Get User)
			}
			who := u.entity()
			p.Report(rules.Finding{
				Path:    u.doc.Path,
				Pointer: u.pointer + "/email",
				Entity:  who,
				Message: fmt.Sprintf("%s has the same e-mail as %s (compared ignoring case): a portal login needs a unique e-mail, so change one of them", who, otherUser(f)),
				Related: []rules.Related{{Path: f.doc.Path, Pointer: f.pointer + "/email", Message: "first user with this e-mail"}},
			})
		}
	}
}

// otherUser names the first holder of a duplicated e-mail by something other
// than the e-mail both share.
func otherUser(u *user) string {
	if s := u.field("displayName"); s != "" {
		return fmt.Sprintf("user %q", s)
	}
	if s := u.field("id"); s != "" {
		return "user id " + s
	}
	return "another user"
}

// firstTable finds the first member of a tenant with each e-mail hash: an
// open-addressing table of positions in the tenant's users, 4 bytes a
// slot, where a map of hashes to members costs about 24 bytes an entry (a
// big tenant has hundreds of thousands of users).
type firstTable struct {
	slots []int32 // 1 + a position; 0 when free
	mask  uint64
}

func newFirstTable(n int) *firstTable {
	size := 16
	for size < n+n/3 { // at most three quarters full
		size *= 2
	}
	return &firstTable{slots: make([]int32, size), mask: uint64(size - 1)}
}

// see records users[pos], unless an earlier member has its hash: then it
// returns that one's position and true.
func (f *firstTable) see(users []*member, pos int) (int, bool) {
	h := users[pos].email
	for i := (h ^ h>>29) & f.mask; ; i = (i + 1) & f.mask {
		s := f.slots[i]
		if s == 0 {
			f.slots[i] = int32(pos + 1)
			return pos, false
		}
		if users[s-1].email == h {
			return int(s - 1), true
		}
	}
}
