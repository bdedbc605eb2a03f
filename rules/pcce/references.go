package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// ReferenceWithoutRefURL reports a reference that names an item but has no
// refURL: on create and update the API reads only the refURL.
var ReferenceWithoutRefURL = &rules.Rule{
	ID:              "pcce/reference-without-refurl",
	Title:           "A reference names an item but has no refURL",
	Doc:             doc("reference-without-refurl"),
	Kinds:           roleAndAdminKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkReferenceWithoutRefURL,
}

// reference is one reference member of an entity: a single object
// ("role", "department", "customer") or a list of them ("departments",
// "administrators"), and the item type its refURL names.
type reference struct {
	member, typ string
	list        bool
}

var entityReferences = map[rules.Kind][]reference{
	rules.KindPCCERoles: {{member: "department", typ: "department"}, {member: "administrators", typ: "administrator", list: true}},
	rules.KindPCCEAdministrators: {{member: "role", typ: "role"}, {member: "departments", typ: "department", list: true},
		{member: "department", typ: "department"}, {member: "customer", typ: "customer"}},
}

func checkReferenceWithoutRefURL(pass *rules.Pass) {
	refs := entityReferences[pass.Doc.Kind]
	for _, e := range pass.Doc.Entities {
		for _, r := range refs {
			m := e.Data.Get(r.member)
			if !r.list {
				if named := unlinked(m); named != "" {
					reportUnlinked(pass, e, r, named, rules.PointerJoin(e.Pointer, r.member))
				}
				continue
			}
			for i, obj := range m.Elems() {
				if named := unlinked(obj); named != "" {
					reportUnlinked(pass, e, r, named, rules.PointerJoin(e.Pointer, r.member, i))
				}
			}
		}
	}
}

// unlinked returns the name (or user name) of a reference object that
// identifies an item without a refURL; "" for anything else, an empty
// reference included: admin-without-role and the schema speak to it.
func unlinked(obj tree.Value) string {
	if !obj.IsObject() || given(obj.Get("refURL")) {
		return ""
	}
	for _, k := range [...]string{"name", "userName"} {
		if s, _ := obj.Get(k).Str(); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// reportUnlinked reports the reference at ptr, which names named without a
// refURL.
func reportUnlinked(pass *rules.Pass, e rules.Entity, r reference, named, ptr string) {
	owner := roleLabel(e.Data)
	if pass.Doc.Kind == rules.KindPCCEAdministrators {
		owner = adminLabel(e.Data)
	}
	pass.Report(rules.Finding{
		Pointer: ptr,
		Target:  rules.TargetKey,
		Entity:  owner,
		Message: fmt.Sprintf("the %s reference %q of %s has no refURL; on create and update only the refURL is read, "+
			"so it assigns nothing: add <refURL>/unifiedconfig/config/%s/<id></refURL>", r.typ, named, owner, r.typ),
	})
}

// DuplicateAdministrator reports the same Active Directory account given as
// two administrators across the run.
var DuplicateAdministrator = &rules.Rule{
	ID:              "pcce/duplicate-administrator",
	Title:           "The same account is two administrators",
	Doc:             doc("duplicate-administrator"),
	Kinds:           adminKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkDuplicateAdministrator,
	Facts:           []string{"userName", "domainName", "refURL"}, // and adminLabel's
}

func checkDuplicateAdministrator(pass *rules.SetPass) {
	// The first administrator of each account; its label is worded only
	// when another one takes the account.
	type seen struct {
		path, pointer, refURL string
		admin                 tree.Value
	}
	first := map[string]seen{}
	for _, doc := range docsOfKind(pass.Docs, rules.KindPCCEAdministrators) {
		for _, e := range doc.Entities {
			user, _ := e.Data.Get("userName").Str()
			if strings.TrimSpace(user) == "" {
				continue
			}
			domain, _ := e.Data.Get("domainName").Str()
			k := strings.ToLower(strings.TrimSpace(user)) + "\x00" + strings.ToLower(strings.TrimSpace(domain))
			ref, _ := e.Data.Get("refURL").Str()
			prev, dup := first[k]
			if !dup {
				first[k] = seen{doc.Path, e.Pointer, ref, e.Data}
				continue
			}
			if ref != "" && ref == prev.refURL {
				continue // the same administrator exported twice
			}
			admin := adminLabel(e.Data)
			pass.Report(rules.Finding{
				Path:    doc.Path,
				Pointer: rules.PointerJoin(e.Pointer, "userName"),
				Entity:  admin,
				Message: fmt.Sprintf("%s is the same account as %s (user and domain names compared ignoring case); "+
					"an Active Directory account can be one administrator only: merge them", admin, adminLabel(prev.admin)),
				Related: []rules.Related{{Path: prev.path, Pointer: rules.PointerJoin(prev.pointer, "userName"), Message: "first administrator with this account"}},
			})
		}
	}
}
