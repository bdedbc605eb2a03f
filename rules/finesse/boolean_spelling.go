package finesse

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// BooleanSpelling finds forAll and systemCode written with another case than
// true or false. Cisco's own guide shows <forAll>True</forAll> in one
// example, so it is no schema error, but the API documents the values as
// true and false only.
var BooleanSpelling = &rules.Rule{
	ID:              "finesse/boolean-spelling",
	Title:           "A reason code flag is written True or False instead of true or false",
	Doc:             doc("boolean-spelling"),
	Kinds:           reasonCodeKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Fixable:         true,
	Check:           checkBooleanSpelling,
}

func checkBooleanSpelling(p *rules.Pass) {
	for _, e := range p.Doc.Entities {
		for _, key := range [...]string{"forAll", "systemCode"} {
			s, ok := e.Data.Get(key).Str()
			if !ok {
				continue
			}
			v, ok := flag(e.Data.Get(key))
			if !ok {
				continue // not a boolean at all: the schema rule reports it
			}
			canonical := strconv.FormatBool(v)
			if strings.TrimSpace(s) == canonical {
				continue // only surrounding white space, which XML ignores
			}
			// XML text is written as the word itself; JSON and YAML get the
			// boolean, which is what the spelling stood for.
			var fixed any = v
			if p.Doc.Format == rules.FormatXML {
				fixed = canonical
			}
			ptr := rules.PointerJoin(e.Pointer, key)
			p.Report(rules.Finding{
				Fix:     rules.NewFix("Write "+canonical, rules.ReplaceValue(ptr, fixed)),
				Pointer: ptr,
				Entity:  readReasonCode(e).describe(),
				Message: key + " is written " + strconv.Quote(s) + "; the ReasonCode API documents " + canonical +
					" (lower case): write " + canonical,
			})
		}
	}
}
