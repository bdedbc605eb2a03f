package schemacheck

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// Annotation keywords the schemas carry to word messages.
const (
	annChars   = "x-rbaclint-chars"   // pattern for one allowed character of a pattern-checked string
	annAllowed = "x-rbaclint-allowed" // plain-language list of those characters
	annMust    = "x-rbaclint-must"    // what a pattern demands, as "must ..." (for patterns that are not character lists)
	annInt     = "x-rbaclint-int"     // "32-bit" / "64-bit": the range is that of an integer format
	annNote    = "x-rbaclint-note"    // appended to range messages (a variant's platform)
)

// xmlText is the member the XML loader keeps an element's text in when the
// element also has child elements.
const xmlText = "#text"

// report words one leaf violation as findings.
func (c *collector) report(l leaf) {
	e := l.err
	toks := fragmentTokens(e.AbsoluteKeywordLocation)
	relToks, _ := rules.SplitPointer(plainPointer(e.InstanceLocation))
	val, found := rules.Lookup(c.root, relToks)
	if !found {
		// The validator drops empty reference tokens (a "" key): put them
		// back where the document has one.
		if fixed, ok := restoreEmptyKeys(c.root, relToks); ok {
			relToks = fixed
			val, _ = rules.Lookup(c.root, relToks)
		}
	}
	rel := ""
	if len(relToks) > 0 {
		rel = joinPointer(relToks)
	}
	ptr := c.base + rel
	add := func(p string, target rules.Target, text func(s string) string) {
		c.out = append(c.out, c.v.finding(p, target, text))
	}
	kw := ""
	var node map[string]any
	if len(toks) > 0 {
		kw = toks[len(toks)-1]
		n, _ := rules.Lookup(c.v.c.raw, toks[:len(toks)-1])
		node, _ = n.(map[string]any)
	}
	// A false schema ("nothing is allowed here") fails at its own location;
	// additionalProperties: false is reported by the keyword, at the object.
	if self, ok := rules.Lookup(c.v.c.raw, toks); ok && self == false && kw != "additionalProperties" {
		add(ptr, rules.TargetValue, func(s string) string { return or(s, "this value") + " is not allowed" })
		return
	}
	switch kw {
	case "type":
		add(ptr, rules.TargetValue, func(s string) string {
			return fmt.Sprintf("%s must be %s, not %s", or(s, "this value"), c.v.typeNames(c.expectedTypes(l)), c.v.describe(val))
		})
	case "enum":
		allowed, _ := node["enum"].([]any)
		add(ptr, rules.TargetValue, func(s string) string { return c.v.enumMessage(or(s, "this value"), val, allowed) })
	case "required":
		obj, _ := val.(map[string]any)
		req, _ := node["required"].([]any)
		for _, k := range req {
			key, _ := k.(string)
			if _, ok := obj[key]; ok || obj == nil {
				continue
			}
			add(ptr, rules.TargetValue, func(s string) string {
				what := fmt.Sprintf("missing required %s %s", c.v.memberWord(), c.v.memberName(key))
				if s == "" || s == rootSubject {
					return what
				}
				return s + " is " + what
			})
		}
	case "additionalProperties":
		c.unexpected(ptr, val, node)
	case "pattern":
		str, _ := val.(string)
		add(ptr, rules.TargetValue, func(s string) string { return c.patternMessage(or(s, "this value"), str, node) })
	case "minLength", "maxLength":
		str, _ := val.(string)
		n := utf8.RuneCountInString(str)
		limit := number(node[kw])
		add(ptr, rules.TargetValue, func(s string) string {
			s = or(s, "this value")
			if kw == "minLength" && n == 0 {
				return s + " must not be empty"
			}
			bound := "maximum"
			if kw == "minLength" {
				bound = "minimum"
			}
			return fmt.Sprintf("%s is %d %s long; the %s is %s", s, n, plural(n, "character", "characters"), bound, limit)
		})
	case "minimum", "maximum":
		add(ptr, rules.TargetValue, func(s string) string { return rangeMessage(or(s, "this value"), kw, val, node) })
	case "uniqueItems":
		c.duplicates(ptr, val)
	case "oneOf":
		add(ptr, rules.TargetValue, func(s string) string {
			return or(s, "this value") + " matches more than one of the allowed forms; it must match exactly one"
		})
	default:
		add(ptr, rules.TargetValue, func(s string) string {
			return fmt.Sprintf("%s does not satisfy the schema's %q check", or(s, "this value"), kw)
		})
	}
}

// unexpected reports each member of obj that the schema does not allow, at
// its key.
func (c *collector) unexpected(ptr string, val any, node map[string]any) {
	obj, _ := val.(map[string]any)
	props, _ := node["properties"].(map[string]any)
	var known, extra []string
	for k := range props {
		known = append(known, k)
	}
	sort.Strings(known)
	for k := range obj {
		if _, ok := props[k]; !ok && !matchesPatternProperty(node, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		c.out = append(c.out, c.v.finding(ptr+"/"+rules.EscapeToken(k), rules.TargetKey, func(s string) string {
			msg := fmt.Sprintf("%s %s is not allowed", c.v.memberWord(), c.v.memberName(k))
			if c.v.xml && k == xmlText {
				msg = "text between child elements is not allowed"
			}
			if parent := trimLast(s, k); parent != "" {
				msg += " in " + parent
			}
			if near := rules.Nearest(k, known); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", c.v.memberName(near))
				if c.v.xml && strings.EqualFold(near, k) {
					msg += " (element names are case-sensitive)"
				}
			}
			return msg
		}))
	}
}

func matchesPatternProperty(node map[string]any, key string) bool {
	pp, _ := node["patternProperties"].(map[string]any)
	for p := range pp {
		if re, err := regexp.Compile(p); err == nil && re.MatchString(key) {
			return true
		}
	}
	return false
}
