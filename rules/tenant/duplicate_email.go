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
	Facts:           userFacts,
}

func checkDuplicateEmail(p *rules.SetPass) {
	for _, t := range tenantsOf(p.Docs) {
		first := map[string]*user{}
		for _, u := range t.users {
			email := strings.ToLower(u.field("email"))
			if email == "" {
				continue
			}
			f, dup := rules.Repeat(first, email, u)
			if !dup {
				continue
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
