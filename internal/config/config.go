// Package config reads .rbaclint.yaml: discovery upward from the working
// directory, validation against the embedded JSON Schema (errors carry the
// config file's line and column), and the decisions the engine asks of it:
// rule levels per path, kind forcing, excluded paths, ignores and options.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/regularfile"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/tree"
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
	if !doc.Data.Exists() || doc.Data.IsNull() {
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
	for _, v := range validate(doc.Data.Any()) { // the schema library reads the map model
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
	errs = c.build(doc.Data, knownRules, loc) // an object: the schema says so
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
func (c *Config) build(m tree.Value, known []string, loc func(string) rules.Position) Errors {
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
	levels := func(v tree.Value, ptr string) map[string]rules.Severity {
		out := map[string]rules.Severity{}
		for id, lv := range v.Members() {
			p := rules.PointerJoin(ptr, id)
			if !checkRule(id, p) {
				continue
			}
			s, _ := lv.Str()
			sev, _ := rules.ParseSeverity(s) // the schema allowed only valid levels
			out[id] = sev
		}
		return out
	}
	globs := func(v tree.Value, ptr string) []string {
		var out []string
		for i, g := range v.Elems() {
			s, _ := g.Str()
			if !validGlob(s) {
				errs = append(errs, &Error{Pos: loc(rules.PointerJoin(ptr, i)), Msg: fmt.Sprintf("malformed glob %q", s)})
				continue
			}
			out = append(out, s)
		}
		return out
	}
	c.levels = levels(m.Get("rules"), "/rules")
	for i, o := range objectsOf(m.Get("overrides")) {
		p := rules.PointerJoin("/overrides", i)
		c.overrides = append(c.overrides, override{files: globs(o.Get("files"), p+"/files"), levels: levels(o.Get("rules"), p+"/rules")})
	}
	for i, ig := range objectsOf(m.Get("ignore")) {
		p := rules.PointerJoin("/ignore", i)
		rule, _ := ig.Get("rule").Str()
		checkRule(rule, p+"/rule")
		ptr, _ := ig.Get("pointer").Str()
		reason, _ := ig.Get("reason").Str()
		c.Ignores = append(c.Ignores, &Ignore{
			Rule: rule, Files: globs(ig.Get("files"), p+"/files"), Pointer: ptr, Reason: reason,
			Span: rules.Span{Start: loc(p), End: loc(p)},
		})
	}
	for i, k := range objectsOf(m.Get("kinds")) {
		p := rules.PointerJoin("/kinds", i)
		kind, _ := k.Get("kind").Str()
		c.kinds = append(c.kinds, kindGlob{files: globs(k.Get("files"), p+"/files"), kind: rules.Kind(kind)})
	}
	c.exclude = globs(m.Get("exclude"), "/exclude")
	c.Options = options(m)
	for i, a := range objectsOf(m.Get("access")) {
		p := rules.PointerJoin("/access", i)
		capability, _ := a.Get("capability").Str()
		reason, _ := a.Get("reason").Str()
		c.Options.AccessPolicies = append(c.Options.AccessPolicies, rules.AccessPolicy{
			Capability: capability, Allow: stringsOf(a.Get("allow")), Vendors: stringsOf(a.Get("vendors")), Reason: reason,
			Config: c.Path, Span: rules.Span{Start: loc(p), End: loc(p)},
		})
	}
	if lim := m.Get("limits"); lim.IsObject() {
		c.Limits = Limits{MaxFileSize: intOf(lim.Get("maxFileSize")), MaxDepth: int(intOf(lim.Get("maxDepth"))), MaxFindings: int(intOf(lim.Get("maxFindings")))}
	}
	return errs
}

// options reads the values of the options the packs declare
// (registry.Options), each at its key.
// rules.Options holds values in the map model's form (a string, a list of
// strings), which Any gives for these few small values.
func options(m tree.Value) rules.Options {
	var o rules.Options
	for _, opt := range registry.Options() {
		v := m
		for _, k := range strings.Split(opt.Key, ".") {
			v = v.Get(k)
		}
		if v.Exists() && !v.IsNull() {
			o.Set(opt, v.Any())
		}
	}
	return o
}

// objectsOf returns the objects of a list (the schema rejects other
// elements).
func objectsOf(v tree.Value) []tree.Value {
	var out []tree.Value
	for _, x := range v.Elems() {
		if x.IsObject() {
			out = append(out, x)
		}
	}
	return out
}

func stringsOf(v tree.Value) []string {
	var out []string
	for _, x := range v.Elems() {
		if s, ok := x.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}

func intOf(v tree.Value) int64 {
	i, _ := v.Int()
	return i
}
