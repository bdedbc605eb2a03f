package finesse

import (
	"regexp"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// PlainHTTP finds Finesse URLs an integration calls over plain http://.
var PlainHTTP = &rules.Rule{
	ID:              "finesse/plain-http",
	Title:           "An integration calls Finesse over plain HTTP",
	Doc:             doc("plain-http"),
	Kinds:           integrationKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkPlainHTTP,
}

// plainFinesse is an http:// URL of a Finesse API or of the /finesse
// context root.
var plainFinesse = regexp.MustCompile(`(?i)^\s*http://[^/\s?#]+/finesse(/|$|\?)`)

func checkPlainHTTP(p *rules.Pass) {
	walk(p.Doc.Data, "", tree.Value{}, func(ptr, s string, _ tree.Value) {
		if !plainFinesse.MatchString(s) {
			return
		}
		p.Report(rules.Finding{
			Pointer: ptr,
			Entity:  "integration",
			Message: "the Finesse URL uses plain http://; Finesse 12.5(1) and later accept only HTTPS (port 8445), " +
				"and the redirect they answer plain HTTP with loses a PUT or POST body: use https://<host>:8445",
		})
	}, func(tree.Value, string, tree.Value) {})
}
