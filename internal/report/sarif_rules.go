package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// RulesDocURL is the page that documents every rule under a heading whose
// text is exactly the rule ID.
const RulesDocURL = "https://github.com/rbaclint/rbaclint/blob/main/docs/rules.md"

// GitHub code scanning limits on rule metadata (linter-conventions.md §4).
const (
	maxDescription = 1024 // shortDescription, fullDescription
	maxRuleName    = 255
	maxTags        = 20
)

// RuleHelpURI is the documentation link of a rule: RulesDocURL with
// GitHub's anchor for the heading "<id>".
func RuleHelpURI(id string) string {
	return RulesDocURL + "#" + headingAnchor(id)
}

// headingAnchor is the fragment GitHub generates for a markdown heading:
// lower case, spaces to hyphens, punctuation other than - and _ dropped.
func headingAnchor(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sarifRules(catalog []*rules.Rule) []sarifRule {
	out := make([]sarifRule, 0, len(catalog))
	for _, r := range catalog {
		help := r.Doc
		if strings.TrimSpace(help) == "" {
			help = r.Title
		}
		d := sarifRule{
			ID:               r.ID,
			Name:             truncate(ruleName(r.ID), maxRuleName),
			ShortDescription: sarifMessage{Text: truncate(r.Title, maxDescription)},
			FullDescription:  sarifMessage{Text: truncate(firstParagraph(r.Doc, r.Title), maxDescription)},
			Help:             sarifMarkdown{Text: help, Markdown: help},
			HelpURI:          RuleHelpURI(r.ID),
			Properties: sarifRuleProperties{
				Tags:            ruleTags(r),
				Precision:       "high",
				ProblemSeverity: problemSeverities.of(r.DefaultSeverity),
			},
		}
		if r.DefaultSeverity != rules.SeverityDefault {
			d.DefaultConfiguration = &sarifConfiguration{Level: sarifLevels.of(r.DefaultSeverity)}
		}
		if r.Inferred {
			d.Properties.Precision = "medium"
		}
		if r.SecuritySeverity > 0 {
			d.Properties.SecuritySeverity = strconv.FormatFloat(r.SecuritySeverity, 'f', 1, 64)
		}
		out = append(out, d)
	}
	return out
}

// ruleName is the SARIF rule name, which must differ from the ID: the ID's
// segments in UpperCamelCase ("webex/permissions-required" becomes
// "WebexPermissionsRequired").
func ruleName(id string) string {
	var b strings.Builder
	if !strings.Contains(id, "/") {
		// SARIF validators compare name and id without regard to case, so
		// "syntax" needs more than a capital: general rules get a prefix.
		b.WriteString("General")
	}
	for _, part := range strings.FieldsFunc(id, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		first, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(part[size:])
	}
	return b.String()
}

// ruleTags: the category, "security" for security rules, then the rule's
// own tags, without duplicates and within GitHub's limit.
func ruleTags(r *rules.Rule) []string {
	var tags []string
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && !seen[t] && len(tags) < maxTags {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	add(string(r.Category))
	if r.Category == rules.CategorySecurity {
		add("security")
	}
	for _, t := range r.Tags {
		add(t)
	}
	return tags
}

// firstParagraph returns the first paragraph of markdown that is not a
// heading, a code fence or a table, joined onto one line; fallback when
// there is none.
func firstParagraph(md, fallback string) string {
	for _, block := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" || strings.HasPrefix(block, "#") || strings.HasPrefix(block, "```") || strings.HasPrefix(block, "|") {
			continue
		}
		return strings.Join(strings.Fields(block), " ")
	}
	return fallback
}

// truncate cuts s to at most n characters, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

var semverRE = regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// semanticVersion is the version without a leading "v" when it is a
// semantic version, "" otherwise (a development build such as "devel").
func semanticVersion(v string) string {
	if m := semverRE.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return ""
}
