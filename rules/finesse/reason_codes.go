package finesse

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

var reasonCodeKinds = []rules.Kind{rules.KindFinesseReasonCodes}

// DuplicateReasonCode finds two reason codes with the same code or the same
// label in one category.
var DuplicateReasonCode = &rules.Rule{
	ID:              "finesse/duplicate-reason-code",
	Title:           "Two reason codes share a code or a label within one category",
	Doc:             doc("duplicate-reason-code"),
	Kinds:           reasonCodeKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkDuplicates,
}

// LabelExceedsPCCE finds labels that Finesse accepts but the PCCE Reason Code
// API does not.
var LabelExceedsPCCE = &rules.Rule{
	ID:              "finesse/label-exceeds-pcce",
	Title:           "Reason code label longer than the 39 characters PCCE accepts",
	Doc:             doc("label-exceeds-pcce"),
	Kinds:           reasonCodeKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkLabelLength,
}

// Label limits: Finesse's ReasonCode label and PCCE's Reason Code API text.
const (
	finesseLabelMax = 40
	pcceLabelMax    = 39
)

// reasonCode is one entity's fields as the rules compare them.
type reasonCode struct {
	pointer  string
	category string // upper case
	code     int64
	hasCode  bool
	label    string
	hasLabel bool
	scope    scope
}

// scope is whether a reason code applies to every team (forAll true).
type scope uint8

const (
	scopeUnknown scope = iota
	scopeGlobal
	scopeTeam
)

// flag reads a Finesse boolean. Finesse writes true and false, but Cisco's
// own guide also shows True (see finesse/boolean-spelling), so case is
// ignored here.
func flag(v tree.Value) (value, ok bool) {
	if b, ok := v.Bool(); ok {
		return b, true
	}
	if s, ok := v.Str(); ok {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

func readReasonCode(e rules.Entity) reasonCode {
	rc := reasonCode{pointer: e.Pointer}
	cat, _ := e.Data.Get("category").Str()
	rc.category = strings.ToUpper(strings.TrimSpace(cat))
	rc.code, rc.hasCode = e.Data.Get("code").Int()
	rc.label, rc.hasLabel = e.Data.Get("label").Str()
	if all, ok := flag(e.Data.Get("forAll")); ok {
		rc.scope = scopeTeam
		if all {
			rc.scope = scopeGlobal
		}
	}
	return rc
}

func (rc reasonCode) describe() string {
	if rc.hasCode {
		return "reason code " + strconv.FormatInt(rc.code, 10)
	}
	if rc.hasLabel {
		return "reason code " + strconv.Quote(rc.label)
	}
	return "reason code"
}

func checkDuplicates(p *rules.Pass) {
	byCode := map[string]reasonCode{}
	byLabel := map[string]reasonCode{}
	byFolded := map[string]reasonCode{}
	for _, e := range p.Doc.Entities {
		rc := readReasonCode(e)
		if rc.category == "" {
			continue // the schema rule reports a missing category
		}
		if rc.hasCode {
			k := rc.category + "\x00" + strconv.FormatInt(rc.code, 10)
			if first, dup := byCode[k]; dup {
				p.Report(rules.Finding{
					Pointer: rules.PointerJoin(rc.pointer, "code"),
					Entity:  rc.describe(),
					Message: "code " + strconv.FormatInt(rc.code, 10) + " is used twice in category " + rc.category +
						labelNote(first) + "; code and category together must be unique: give this one another code",
					Related: []rules.Related{{Pointer: rules.PointerJoin(first.pointer, "code"), Message: "first use of the code"}},
				})
			} else {
				byCode[k] = rc
			}
		}
		if !rc.hasLabel || strings.TrimSpace(rc.label) == "" {
			continue
		}
		exact := rc.category + "\x00" + rc.label
		folded := rc.category + "\x00" + strings.ToLower(strings.TrimSpace(rc.label))
		if first, dup := byLabel[exact]; dup {
			if sev, judged := labelSeverity(first, rc); judged {
				p.Report(rules.Finding{
					Pointer:  rules.PointerJoin(rc.pointer, "label"),
					Severity: sev,
					Entity:   rc.describe(),
					Message: "label " + strconv.Quote(rc.label) + " is used twice in category " + rc.category +
						" (also " + first.describe() + ")" + labelRule(first, rc),
					Related: []rules.Related{{Pointer: rules.PointerJoin(first.pointer, "label"), Message: "first use of the label"}},
				})
			}
			continue
		}
		byLabel[exact] = rc
		if first, dup := byFolded[folded]; dup {
			if _, judged := labelSeverity(first, rc); judged {
				p.Report(rules.Finding{
					Pointer:  rules.PointerJoin(rc.pointer, "label"),
					Severity: rules.SeverityWarning,
					Entity:   rc.describe(),
					Message: "label " + strconv.Quote(rc.label) + " differs from " + strconv.Quote(first.label) + " (" +
						first.describe() + ") only in case or spacing in category " + rc.category +
						"; agents cannot tell them apart and Finesse may reject it: rename one",
					Related: []rules.Related{{Pointer: rules.PointerJoin(first.pointer, "label"), Message: "the similar label"}},
				})
			}
			continue
		}
		byFolded[folded] = rc
	}
}

// labelSeverity says how two codes of one category sharing a label are
// judged. Global codes must have unique labels (error); team codes may
// share one ("You can configure different reason codes with the same
// reason code label across various teams", Finesse 12.5(1) administration
// guide), so two team codes are not judged; a global code and a team code,
// or codes whose scope the export does not show, are a warning.
func labelSeverity(a, b reasonCode) (rules.Severity, bool) {
	switch {
	case a.scope == scopeGlobal && b.scope == scopeGlobal:
		return rules.SeverityDefault, true
	case a.scope == scopeTeam && b.scope == scopeTeam:
		return rules.SeverityDefault, false
	}
	return rules.SeverityWarning, true
}

// labelRule words the rule behind a shared label.
func labelRule(a, b reasonCode) string {
	if a.scope == scopeGlobal && b.scope == scopeGlobal {
		return "; label and category together must be unique among global codes: rename one"
	}
	return "; agents of a team that sees both cannot tell them apart: rename one, unless the codes are for different teams"
}

// labelNote names the first code's label, which helps to pick the one to
// change.
func labelNote(first reasonCode) string {
	if first.hasLabel && first.label != "" {
		return " (also by " + strconv.Quote(first.label) + ")"
	}
	return ""
}

func checkLabelLength(p *rules.Pass) {
	if kinds.OnUCCX(p.Options) {
		return // UCCX has no PCCE Reason Code API
	}
	for _, e := range p.Doc.Entities {
		rc := readReasonCode(e)
		n := utf8.RuneCountInString(rc.label)
		if n <= pcceLabelMax || n > finesseLabelMax {
			continue // over 40 is the schema rule's error
		}
		p.Report(rules.Finding{
			Pointer: rules.PointerJoin(rc.pointer, "label"),
			Entity:  rc.describe(),
			Message: "label " + strconv.Quote(rc.label) + " of " + rc.describe() + " has " + strconv.Itoa(n) +
				" characters: Finesse accepts 40 but the PCCE Reason Code API accepts " + strconv.Itoa(pcceLabelMax) +
				"; shorten it to " + strconv.Itoa(pcceLabelMax) + " or fewer",
		})
	}
}
