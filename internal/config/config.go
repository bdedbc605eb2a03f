// Package config reads .rbaclint.yaml: discovery upward from the working
// directory, validation against the embedded JSON Schema (errors carry the
// config file's line and column), and the decisions the engine asks of it:
// rule levels per path, kind forcing, excluded paths, ignores and options.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/regularfile"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// FileName is the configuration file rbaclint looks for (and init writes);
// AltFileName is accepted too.
const (
	FileName    = ".rbaclint.yaml"
	AltFileName = ".rbaclint.yml"
)

// IsConfigName reports whether a file name is one of the configuration's.
func IsConfigName(name string) bool { return name == FileName || name == AltFileName }

// Config is a loaded, validated configuration. The zero value is the
// default configuration (no file).
type Config struct {
	Path string // the file it came from ("" when none), as displayed
	dir  string // absolute directory globs are relative to

	levels    map[string]rules.Severity
	overrides []override
	Ignores   []*Ignore
	kinds     []kindGlob
	exclude   []string
	Options   rules.Options
	Limits    Limits
}

// Limits are the safety limits set in the file (0: the default).
type Limits struct {
	MaxFileSize int64
	MaxDepth    int
	MaxFindings int
}

type override struct {
	files  []string
	levels map[string]rules.Severity
}

type kindGlob struct {
	files []string
	kind  rules.Kind
}

// Ignore hides findings of one rule in some files, optionally below a JSON
// Pointer, for a stated reason.
type Ignore struct {
	Rule    string
	Files   []string
	Pointer string
	Reason  string
	Span    rules.Span // where the entry is in the config file
	Used    int        // findings it matched in this run
}

// Error is a problem with the configuration file, with its position.
type Error struct {
	Path string
	Pos  rules.Position
	Msg  string
}

func (e *Error) Error() string {
	if e.Pos.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errors is every problem found in one configuration file.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Find looks for .rbaclint.yaml or .rbaclint.yml in dir and its parents;
// "" when none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, name := range []string{FileName, AltFileName} {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%s: %v", p, err)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s: both %s and %s are here; keep one", dir, FileName, AltFileName)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// MaxFileSize bounds a configuration file: it is written by hand, and a
// symlink to /dev/zero or a huge file must not exhaust memory.
const MaxFileSize = 16 << 20

// Load reads and validates a configuration file. knownRules lists the valid
// rule IDs (unknown IDs are errors, with a suggestion).
func Load(path string, knownRules []string) (*Config, error) {
	data, err := regularfile.Read(path, MaxFileSize)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read configuration: %v", err)}
	}
	return Parse(path, data, knownRules)
}

// Parse validates configuration text; path is used for messages and as the
// base of relative globs.
func Parse(path string, data []byte, knownRules []string) (*Config, error) {
	doc, findings := source.Load(displayName(path), data, source.Options{Kind: "", MaxDepth: 64})
	var errs Errors
	for _, f := range findings {
		errs = append(errs, &Error{Path: path, Pos: f.Span.Start, Msg: f.Message})
	}
	if doc == nil || len(errs) > 0 {
		if len(errs) == 0 {
			errs = append(errs, &Error{Path: path, Msg: "cannot parse configuration"})
		}
		return nil, errs
	}
	if doc.Format != rules.FormatYAML && doc.Format != rules.FormatJSON {
		return nil, Errors{{Path: path, Pos: rules.Position{Line: 1, Column: 1}, Msg: "configuration must be YAML"}}
	}
	if doc.Root == nil {
		return nil, Errors{{Path: path, Pos: rules.Position{Line: 1, Column: 1}, Msg: "the configuration is empty; it needs at least \"version: 1\" (rbaclint init writes a starter)"}}
	}
	loc := func(ptr string) rules.Position {
		if doc.Source == nil {
			return rules.Position{}
		}
		for p := ptr; ; p = rules.ParentPointer(p) {
			if pl, ok := doc.Source.Resolve([]string{p})[p]; ok {
				return pl.Key.Start
			}
			if p == "" {
				return rules.Position{}
			}
		}
	}
	for _, v := range validate(doc.Root) {
		errs = append(errs, &Error{Path: path, Pos: loc(v.pointer), Msg: v.message})
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: displayName(path), dir: filepath.Dir(abs)}
	errs = c.build(doc.Root.(map[string]any), knownRules, loc)
	for _, e := range errs {
		e.Path = path
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return c, nil
}

func sortErrors(errs Errors) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Pos.Line != errs[j].Pos.Line {
			return errs[i].Pos.Line < errs[j].Pos.Line
		}
		return errs[i].Pos.Column < errs[j].Pos.Column
	})
}

func displayName(p string) string { return filepath.ToSlash(p) }

// build turns the validated data model into a Config, checking what the
// schema cannot: rule IDs exist, globs are well-formed.
func (c *Config) build(m map[string]any, known []string, loc func(string) rules.Position) Errors {
	var errs Errors
	isKnown := map[string]bool{}
	for _, id := range known {
		isKnown[id] = true
	}
	checkRule := func(id, ptr string) bool {
		if isKnown[id] {
			return true
		}
		msg := fmt.Sprintf("unknown rule %q", id)
		if near := rules.Nearest(id, known); near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		errs = append(errs, &Error{Pos: loc(ptr), Msg: msg + " (see rbaclint rules)"})
		return false
	}
	levels := func(v any, ptr string) map[string]rules.Severity {
		out := map[string]rules.Severity{}
		obj, _ := v.(map[string]any)
		for id, lv := range obj {
			p := rules.PointerJoin(ptr, id)
			if !checkRule(id, p) {
				continue
			}
			s, _ := lv.(string)
			sev, _ := rules.ParseSeverity(s) // the schema allowed only valid levels
			out[id] = sev
		}
		return out
	}
	globs := func(v any, ptr string) []string {
		var out []string
		arr, _ := v.([]any)
		for i, g := range arr {
			s, _ := g.(string)
			if !validGlob(s) {
				errs = append(errs, &Error{Pos: loc(rules.PointerJoin(ptr, i)), Msg: fmt.Sprintf("malformed glob %q", s)})
				continue
			}
			out = append(out, s)
		}
		return out
	}
	c.levels = levels(m["rules"], "/rules")
	for i, o := range arrayOf(m["overrides"]) {
		p := rules.PointerJoin("/overrides", i)
		c.overrides = append(c.overrides, override{files: globs(o["files"], p+"/files"), levels: levels(o["rules"], p+"/rules")})
	}
	for i, ig := range arrayOf(m["ignore"]) {
		p := rules.PointerJoin("/ignore", i)
		rule, _ := ig["rule"].(string)
		checkRule(rule, p+"/rule")
		ptr, _ := ig["pointer"].(string)
		reason, _ := ig["reason"].(string)
		c.Ignores = append(c.Ignores, &Ignore{
			Rule: rule, Files: globs(ig["files"], p+"/files"), Pointer: ptr, Reason: reason,
			Span: rules.Span{Start: loc(p), End: loc(p)},
		})
	}
	for i, k := range arrayOf(m["kinds"]) {
		p := rules.PointerJoin("/kinds", i)
		kind, _ := k["kind"].(string)
		c.kinds = append(c.kinds, kindGlob{files: globs(k["files"], p+"/files"), kind: rules.Kind(kind)})
	}
	c.exclude = globs(m["exclude"], "/exclude")
	c.Options = options(m)
	for i, a := range arrayOf(m["access"]) {
		p := rules.PointerJoin("/access", i)
		capability, _ := a["capability"].(string)
		reason, _ := a["reason"].(string)
		c.Options.AccessPolicies = append(c.Options.AccessPolicies, rules.AccessPolicy{
			Capability: capability, Allow: stringsOf(a["allow"]), Vendors: stringsOf(a["vendors"]), Reason: reason,
			Config: c.Path, Span: rules.Span{Start: loc(p), End: loc(p)},
		})
	}
	if lim, ok := m["limits"].(map[string]any); ok {
		c.Limits = Limits{MaxFileSize: intOf(lim["maxFileSize"]), MaxDepth: int(intOf(lim["maxDepth"])), MaxFindings: int(intOf(lim["maxFindings"]))}
	}
	return errs
}

// options reads the values of the options the packs declare
// (registry.Options), each at its key.
func options(m map[string]any) rules.Options {
	var o rules.Options
	for _, opt := range registry.Options() {
		var v any = m
		for _, k := range strings.Split(opt.Key, ".") {
			obj, _ := v.(map[string]any)
			v = obj[k]
		}
		if v != nil {
			o.Set(opt, v)
		}
	}
	return o
}

func arrayOf(v any) []map[string]any {
	arr, _ := v.([]any)
	var out []map[string]any
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func stringsOf(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func intOf(v any) int64 {
	if n, ok := v.(json.Number); ok {
		i, _ := n.Int64()
		return i
	}
	return 0
}
