package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// owner is the entity a violation belongs to, and where it starts.
type owner struct {
	label   string // `profile "Sales"`, "user ana@example.com"; "" when none
	pointer string // the entity's pointer; subjects are relative to it
	prefix  string // what subjects start with, e.g. "branches" for an action's branches
}

// ownerOf finds the entity that contains the value at ptr: the innermost
// document entity, refined for CXone scripts to the action the value belongs
// to.
func (v *validator) ownerOf(toks []string) owner {
	idx := v.entityIndex()
	for n := len(toks); n >= 0; n-- {
		i, ok := idx[joinPointer(toks[:n])]
		if !ok {
			continue
		}
		e := v.doc.Entities[i]
		if v.doc.Kind == rules.KindCXoneScript {
			if o, ok := cxoneAction(e, toks[n:]); ok {
				return o
			}
		}
		return owner{label: v.label(e.Value, i), pointer: e.Pointer}
	}
	return owner{}
}

// entityIndex maps entity pointers to their index in doc.Entities. It is
// built once per document, and only when there is something to report.
func (v *validator) entityIndex() map[string]int {
	v.indexOnce.Do(func() {
		v.index = make(map[string]int, len(v.doc.Entities))
		for i, e := range v.doc.Entities {
			if _, dup := v.index[e.Pointer]; !dup {
				v.index[e.Pointer] = i
			}
		}
	})
	return v.index
}

// cxoneAction names the action a value inside a script belongs to:
// actions, their properties and their branches are all keyed by action id.
// An entry of "actions" that is not an object is left to the script.
func cxoneAction(script rules.Entity, rel []string) (owner, bool) {
	if len(rel) < 2 {
		return owner{}, false
	}
	o := owner{label: "action " + rel[1], pointer: script.Pointer + "/" + rules.EscapeToken(rel[0]) + "/" + rules.EscapeToken(rel[1])}
	switch rel[0] {
	case "actions":
		if len(rel) == 2 {
			v, _ := rules.Lookup(script.Value, rel)
			if _, isObj := v.(map[string]any); !isObj {
				return owner{}, false
			}
		}
		return o, true
	case "properties", "branches":
		o.prefix = rel[0]
		return o, true
	}
	return owner{}, false
}

// label names one entity the way the kind's rules do.
func (v *validator) label(m map[string]any, index int) string {
	str := func(key string) string {
		s, _ := rules.String(m, key)
		return strings.TrimSpace(s)
	}
	switch v.doc.Kind {
	case rules.KindWebexUserProfile:
		if s := str("name"); s != "" {
			return "profile " + strconv.Quote(s)
		}
		if s := str("id"); s != "" {
			return "profile with id " + strconv.Quote(s)
		}
		return fmt.Sprintf("unnamed profile #%d", index+1)
	case rules.KindTenantUsers:
		if s := str("email"); s != "" {
			return "user " + s
		}
		if s := str("displayName"); s != "" {
			return "user " + strconv.Quote(s)
		}
		if s := str("id"); s != "" {
			return "user id " + s
		}
		return fmt.Sprintf("user #%d", index+1)
	case rules.KindPCCERoles:
		if s := str("name"); s != "" {
			return "role " + strconv.Quote(s)
		}
		if s := str("refURL"); s != "" {
			return "role " + s
		}
		return "unnamed role"
	case rules.KindPCCEAdministrators:
		user, domain := str("userName"), str("domainName")
		switch {
		case user != "" && domain != "":
			return "administrator " + strconv.Quote(user+"@"+domain)
		case user != "":
			return "administrator " + strconv.Quote(user)
		}
		if s := str("refURL"); s != "" {
			return "administrator " + s
		}
		return "unnamed administrator"
	case rules.KindPCCEFeatures:
		if s := str("name"); s != "" {
			return "feature " + strconv.Quote(s)
		}
		return fmt.Sprintf("feature #%d", index+1)
	case rules.KindFinesseReasonCodes:
		if n, ok := rules.Int(m, "code"); ok {
			return "reason code " + strconv.FormatInt(n, 10)
		}
		if s := str("label"); s != "" {
			return "reason code " + strconv.Quote(s)
		}
		return fmt.Sprintf("reason code #%d", index+1)
	case rules.KindCXoneScript:
		if h, ok := rules.Object(m["header"]); ok {
			if s, _ := rules.String(h, "scriptName"); strings.TrimSpace(s) != "" {
				return "script " + strconv.Quote(strings.TrimSpace(s))
			}
		}
	}
	return ""
}
