package finesse

import (
	"strconv"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// SystemCodeReused finds custom reason codes that take a code the contact
// center reserves for its own (system) reason codes.
var SystemCodeReused = &rules.Rule{
	ID:              "finesse/system-code-reused",
	Title:           "A custom reason code uses a code reserved for system reason codes",
	Doc:             doc("system-code-reused"),
	Kinds:           reasonCodeKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkSystemCodeReused,
}

// cceSystemCode reports whether Unified CCE predefines a Not Ready or
// Logout reason code with this number (UCCE 15.0(1) Database Schema
// Handbook, "Reason Codes").
func cceSystemCode(n int64) bool {
	switch {
	case n == 255 || n == 999 || n == 32762 || n == 32767 || n == 50010 || n == 50020 || n == 50030 || n == 51004:
		return true
	case n >= 20001 && n <= 20003, n >= 50001 && n <= 50005, n >= 50040 && n <= 50042, n >= 65533 && n <= 65535:
		return true
	}
	return false
}

func checkSystemCodeReused(p *rules.Pass) {
	if kinds.OnUCCX(p.Options) {
		return // UCCX system codes lie outside the 1-999 custom range, which the schema checks
	}
	for _, e := range p.Doc.Entities {
		if system, _ := flag(e.Data.Get("systemCode")); system {
			continue
		}
		rc := readReasonCode(e)
		if !rc.hasCode || !cceSystemCode(rc.code) {
			continue
		}
		p.Report(rules.Finding{
			Pointer: rules.PointerJoin(rc.pointer, "code"),
			Entity:  rc.describe(),
			Message: "code " + strconv.FormatInt(rc.code, 10) + " is a Unified CCE system reason code; reports show the system meaning " +
				"for agents who pick this custom code: give it a code that the platform does not reserve",
		})
	}
}

// MaximumExceeded finds more Not Ready reason codes than Finesse stores.
var MaximumExceeded = &rules.Rule{
	ID:              "finesse/maximum-exceeded",
	Title:           "More than 100 global or 100 team Not Ready reason codes",
	Doc:             doc("maximum-exceeded"),
	Kinds:           reasonCodeKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkMaximumExceeded,
}

// maxNotReady is Finesse's limit per scope: "a maximum of 100 global ...
// and 100 team" Not Ready reason codes.
const maxNotReady = 100

func checkMaximumExceeded(p *rules.Pass) {
	counts := map[scope]int{}
	for _, e := range p.Doc.Entities {
		rc := readReasonCode(e)
		if rc.category != "NOT_READY" || rc.scope == scopeUnknown {
			continue
		}
		if system, _ := flag(e.Data.Get("systemCode")); system {
			continue // system codes are not the administrator's to count
		}
		counts[rc.scope]++
		if counts[rc.scope] != maxNotReady+1 {
			continue
		}
		what := "global"
		if rc.scope == scopeTeam {
			what = "team"
		}
		p.Report(rules.Finding{
			Pointer: rc.pointer,
			Entity:  rc.describe(),
			Message: "this is Not Ready reason code number " + strconv.Itoa(maxNotReady+1) + " among the " + what +
				" codes; Finesse stores at most 100 global and 100 team Not Ready codes and answers 400 Maximum Exceeded: remove or merge codes",
		})
	}
}
