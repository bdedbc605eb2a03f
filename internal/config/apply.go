package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// rel turns a displayed finding path into a slash path relative to the
// configuration's directory, which is what globs are written against.
func (c *Config) rel(p string) string {
	if c == nil || c.dir == "" {
		return filepath.ToSlash(p)
	}
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return filepath.ToSlash(p)
	}
	r, err := filepath.Rel(c.dir, abs)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func (c *Config) matchAny(globs []string, p string) bool {
	r := c.rel(p)
	for _, g := range globs {
		if matchGlob(g, r) {
			return true
		}
	}
	return false
}

// Level returns the configured level of a rule for a path (the last matching
// override wins over the top-level rules:), or SeverityDefault.
func (c *Config) Level(ruleID, p string) rules.Severity {
	if c == nil {
		return rules.SeverityDefault
	}
	lv := c.levels[ruleID]
	for _, o := range c.overrides {
		if s, ok := o.levels[ruleID]; ok && c.matchAny(o.files, p) {
			lv = s
		}
	}
	return lv
}

// KindFor returns the kind forced for a path by a kinds: entry, or "".
func (c *Config) KindFor(p string) rules.Kind {
	if c == nil {
		return ""
	}
	for _, k := range c.kinds {
		if c.matchAny(k.files, p) {
			return k.kind
		}
	}
	return ""
}

// Excluded reports whether a path is skipped, met while walking or named on
// the command line.
func (c *Config) Excluded(p string) bool {
	return c != nil && len(c.exclude) > 0 && c.matchAny(c.exclude, p)
}

// matches reports whether an ignore covers a finding: same rule, a matching
// file (any file when no globs are given), and a pointer at or below the
// ignore's pointer.
func (c *Config) matches(ig *Ignore, f reported.Finding) bool {
	if ig.Rule != f.RuleID {
		return false
	}
	if len(ig.Files) > 0 && !c.matchAny(ig.Files, f.Path) {
		return false
	}
	if ig.Pointer != "" && f.Pointer != ig.Pointer && !strings.HasPrefix(f.Pointer, ig.Pointer+"/") {
		return false
	}
	return true
}

// ApplyIgnores marks the findings an ignore covers as suppressed, then adds
// an unused-ignore finding (at the entry in the configuration file) for each
// ignore that matched nothing although files it covers were checked (a
// pre-commit run over two changed files must not call every other ignore
// unused).
func (c *Config) ApplyIgnores(fs []reported.Finding, checked []string) []reported.Finding {
	if c == nil || len(c.Ignores) == 0 {
		return fs
	}
	for i := range fs {
		if fs[i].Suppressed != nil {
			continue
		}
		for _, ig := range c.Ignores {
			if c.matches(ig, fs[i]) {
				ig.Used++
				fs[i].Suppressed = &reported.Suppression{Kind: "external", Justification: ig.Reason}
				break
			}
		}
	}
	for _, ig := range c.Ignores {
		if ig.Used == 0 && c.coversAny(ig, checked) {
			scope := "any file"
			if len(ig.Files) > 0 {
				scope = strings.Join(ig.Files, ", ")
			}
			if ig.Pointer != "" {
				scope += " at " + ig.Pointer
			}
			fs = append(fs, reported.Finding{Finding: rules.Finding{
				RuleID:  rules.IDUnusedIgnore,
				Path:    c.Path,
				Span:    ig.Span,
				Message: fmt.Sprintf("this ignore of %s in %s matched no finding; remove it or fix its files/pointer", ig.Rule, scope),
			}})
		}
	}
	return fs
}

// RuleOptions returns the options rules read.
func (c *Config) RuleOptions() *rules.Options {
	if c == nil {
		return &rules.Options{}
	}
	o := c.Options
	return &o
}

func (c *Config) coversAny(ig *Ignore, checked []string) bool {
	if len(ig.Files) == 0 {
		return len(checked) > 0
	}
	for _, p := range checked {
		if c.matchAny(ig.Files, p) {
			return true
		}
	}
	return false
}

// Shown is what `rbaclint config show` prints beside the rule levels: the
// settings that are not per rule, as the file gives them.
type Shown struct {
	Exclude   []string
	Overrides int // entries with path-specific levels
	Kinds     int // kind-forcing entries
}

// Show returns the settings config show prints.
func (c *Config) Show() Shown {
	if c == nil {
		return Shown{}
	}
	return Shown{Exclude: append([]string(nil), c.exclude...), Overrides: len(c.overrides), Kinds: len(c.kinds)}
}
