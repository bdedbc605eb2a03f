package schemacheck

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// The wording of violations: values, types, bounds and patterns the way an
// administrator reads them, never the schema's own syntax.

// patternMessage explains a pattern violation without showing the pattern:
// which characters are not allowed, or what the value must look like.
func (c *collector) patternMessage(subject, val string, node map[string]any) string {
	if chars, _ := node[annChars].(string); chars != "" {
		if re := c.lib.chars[chars]; re != nil {
			if bad := disallowed(val, re); bad != "" {
				msg := fmt.Sprintf("%s has characters that are not allowed (%s)", subject, bad)
				if allowed, _ := node[annAllowed].(string); allowed != "" {
					msg += "; allowed: " + allowed
				}
				return msg
			}
		}
	}
	if must, _ := node[annMust].(string); must != "" {
		return fmt.Sprintf("%s %s %s", subject, show(val), must)
	}
	return fmt.Sprintf("%s %s does not have the expected form", subject, show(val))
}

// disallowed lists, once each and in order of appearance, the characters of
// s that re (one allowed character) rejects; at most five, then "...".
func disallowed(s string, re *regexp.Regexp) string {
	var out []string
	seen := map[rune]bool{} // each distinct character is matched once
	for _, r := range s {
		if seen[r] {
			continue
		}
		seen[r] = true
		if re.MatchString(string(r)) {
			continue
		}
		if len(out) == 5 {
			out = append(out, "...")
			break
		}
		out = append(out, strconv.QuoteRune(r))
	}
	return strings.Join(out, ", ")
}

// rangeMessage words a numeric bound violation.
func rangeMessage(subject, kw string, val any, node map[string]any) string {
	if bits, _ := node[annInt].(string); bits != "" {
		return fmt.Sprintf("%s %s is out of range for a %s integer", subject, show(val), bits)
	}
	note := ""
	if n, _ := node[annNote].(string); n != "" {
		note = " " + n
	}
	lo, hasLo := node["minimum"]
	hi, hasHi := node["maximum"]
	switch {
	case hasLo && hasHi:
		return fmt.Sprintf("%s %s is out of range; it must be from %s to %s%s", subject, show(val), number(lo), number(hi), note)
	case kw == "minimum":
		return fmt.Sprintf("%s %s is out of range; it must be at least %s%s", subject, show(val), number(lo), note)
	}
	return fmt.Sprintf("%s %s is out of range; it must be at most %s%s", subject, show(val), number(hi), note)
}

// enumMessage lists the allowed values and suggests the closest one.
func (v *validator) enumMessage(subject string, val any, allowed []any) string {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		if s, ok := a.(string); ok {
			names[i] = s
		} else {
			names[i] = show(a)
		}
	}
	msg := fmt.Sprintf("%s %s is not one of %s", subject, show(val), strings.Join(names, ", "))
	if s, ok := val.(string); ok {
		if near := rules.Nearest(s, names); near != "" {
			msg += "; did you mean " + near + "?"
		}
	}
	return msg
}

// typeNames words the accepted types: "an integer", "true or false".
func (v *validator) typeNames(types []any) string {
	var out []string
	seen := map[string]bool{}
	for _, t := range types {
		s, _ := t.(string)
		if seen[s] {
			continue
		}
		seen[s] = true
		switch s {
		case "string":
			out = append(out, v.pick("a string", "text"))
		case "integer":
			out = append(out, "an integer")
		case "number":
			out = append(out, "a number")
		case "boolean":
			out = append(out, "true or false")
		case "object":
			out = append(out, v.pick("an object", "an element with child elements"))
		case "array":
			out = append(out, v.pick("an array", "a list of child elements"))
		case "null":
			out = append(out, "null")
		}
	}
	if len(out) == 0 {
		return "of another type"
	}
	return strings.Join(out, " or ")
}

// describe words a value's type and, for scalars, the value.
func (v *validator) describe(val any) string {
	switch x := val.(type) {
	case string:
		if v.xml {
			if x == "" {
				return "empty"
			}
			return show(x)
		}
		return "the string " + show(x)
	case json.Number:
		return "the number " + show(x)
	case bool:
		return "the boolean " + show(x)
	case nil:
		return "null"
	case map[string]any:
		return v.pick("an object", "an element with child elements")
	case []any:
		return v.pick("an array", "a list")
	}
	return fmt.Sprintf("a %T", val)
}

func (v *validator) pick(json, xml string) string {
	if v.xml {
		return xml
	}
	return json
}

// show renders a value for a message, shortened: messages are one line.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(truncate(x, 60))
	case json.Number:
		return truncate(string(x), 30)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return truncate(fmt.Sprint(v), 30)
}

// number renders a schema bound.
func number(v any) string {
	if n, ok := v.(json.Number); ok {
		return string(n)
	}
	return fmt.Sprint(v)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

// trimLast removes the final path element key (and its '.') from a subject.
func trimLast(subject, key string) string {
	s := strings.TrimSuffix(subject, key)
	return strings.TrimSuffix(s, ".")
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
