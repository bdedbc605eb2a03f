package pcce

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// RefURL reports a refURL that is malformed or names the wrong item type.
var RefURL = &rules.Rule{
	ID:              "pcce/ref-url",
	Title:           "A refURL is not /unifiedconfig/config/<type>/<id> for the right type",
	Doc:             doc("ref-url"),
	Kinds:           roleAndAdminKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkRefURL,
}

// refURLType parses a relative item URL, /unifiedconfig/config/<type>/<id>,
// and returns its type: ASCII letters. The id is a positive integer, or the
// "(id)" placeholder of the vendor's own samples. It is the regular
// expression ^/unifiedconfig/config/([A-Za-z]+)/([1-9][0-9]*|\(id\))$
// written out: that would be compiled at start-up, and matching it is the
// bulk of this rule's time on a big export.
func refURLType(v string) (string, bool) {
	rest, ok := strings.CutPrefix(v, "/unifiedconfig/config/")
	if !ok {
		return "", false
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return "", false
	}
	typ, id := rest[:slash], rest[slash+1:]
	for i := 0; i < len(typ); i++ {
		if c := typ[i] | 0x20; c < 'a' || c > 'z' { // | 0x20 lower-cases a letter
			return "", false
		}
	}
	if id == "(id)" {
		return typ, true
	}
	if id == "" || id[0] == '0' {
		return "", false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return "", false
		}
	}
	return typ, true
}

// isPlaceholder reports whether a refURL carries the "(id)" placeholder,
// which names no particular item.
func isPlaceholder(refURL string) bool { return strings.HasSuffix(refURL, "/(id)") }

func checkRefURL(pass *rules.Pass) {
	for _, e := range pass.Doc.Entities {
		switch pass.Doc.Kind {
		case rules.KindPCCERoles:
			checkRoleRefURLs(pass, e)
		case rules.KindPCCEAdministrators:
			checkAdminRefURLs(pass, e)
		}
	}
}

// The labels and the pointer of a finding are worded only when a refURL
// is wrong: almost every refURL of a big export is fine.

func checkRoleRefURLs(pass *rules.Pass, e rules.Entity) {
	if v, problem := refURLIssue(e.Data, "role"); problem != "" {
		role := roleLabel(e.Data)
		reportRefURL(pass, e.Pointer, role, role, v, problem)
	}
	for i, ref := range e.Data.Get("administrators").Elems() {
		if v, problem := refURLIssue(ref, "administrator"); problem != "" {
			role := roleLabel(e.Data)
			where := fmt.Sprintf("the reference to %s in %s", adminLabel(ref), role)
			reportRefURL(pass, rules.PointerJoin(e.Pointer, "administrators", i), role, where, v, problem)
		}
	}
}

func checkAdminRefURLs(pass *rules.Pass, e rules.Entity) {
	if v, problem := refURLIssue(e.Data, "administrator"); problem != "" {
		admin := adminLabel(e.Data)
		reportRefURL(pass, e.Pointer, admin, admin, v, problem)
	}
	if ref, _, _, ok := roleRef(e.Data); ok {
		if v, problem := refURLIssue(ref, "role"); problem != "" {
			admin := adminLabel(e.Data)
			reportRefURL(pass, rules.PointerJoin(e.Pointer, "role"), admin, "the role reference of "+admin, v, problem)
		}
	}
	for i, ref := range e.Data.Get("departments").Elems() {
		v, problem := refURLIssue(ref, "department")
		if problem == "" {
			continue
		}
		admin := adminLabel(e.Data)
		where := "a department reference of " + admin
		if name, _ := ref.Get("name").Str(); name != "" {
			where = fmt.Sprintf("the reference to department %q in %s", name, admin)
		}
		reportRefURL(pass, rules.PointerJoin(e.Pointer, "departments", i), admin, where, v, problem)
	}
}

// refURLIssue returns obj.refURL and what is wrong with it as the refURL of
// an item of type want; problem is "" when it is fine or missing (on create
// the platform assigns it).
func refURLIssue(obj tree.Value, want string) (v, problem string) {
	v, ok := obj.Get("refURL").Str()
	if !ok {
		return "", ""
	}
	return v, refURLProblem(v, want)
}

// reportRefURL reports the refURL v of the object at objPointer.
func reportRefURL(pass *rules.Pass, objPointer, entity, where, v, problem string) {
	pass.Report(rules.Finding{
		Pointer: rules.PointerJoin(objPointer, "refURL"),
		Entity:  entity,
		Message: fmt.Sprintf("refURL %q of %s %s", v, where, problem),
	})
}

// refURLProblem says what is wrong with v as the refURL of an item of type
// want, and what to write instead; "" when v is fine.
func refURLProblem(v, want string) string {
	if typ, ok := refURLType(v); ok {
		if typ == want {
			return ""
		}
		return fmt.Sprintf("names item type %s where %s is expected; use %s", typ, want, refURLExpected(want))
	}
	if u, err := url.Parse(v); err == nil && u.IsAbs() && isRefURL(u.Path) {
		return fmt.Sprintf("is absolute, but refURLs are relative; use %q", u.Path)
	}
	if rest, ok := strings.CutPrefix(v, "/unifiedconfig/"); ok && isRefURL("/unifiedconfig/config/"+rest) {
		return fmt.Sprintf("lacks the config/ segment; use %q", "/unifiedconfig/config/"+rest)
	}
	return "is not of the form " + refURLExpected(want)
}

func isRefURL(v string) bool {
	_, ok := refURLType(v)
	return ok
}

// refURLExpected is the form a refURL of an item of type want takes.
func refURLExpected(want string) string {
	return "/unifiedconfig/config/" + want + "/<id>"
}
