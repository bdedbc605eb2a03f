package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/inventory"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// runAccess implements `rbaclint access`: the effective-access inventory of
// the files named. It reads them as lint does (same kinds, config and
// limits) but runs no rule; a file that cannot be read is reported on
// stderr and the others are still listed, so the exit code is 0 unless the
// command line or the configuration is wrong.
func runAccess(e *env, args []string) (int, error) {
	var af accessFlags
	paths, err := parse(e, accessCommand(&af), args)
	if err != nil {
		return ExitUsage, err
	}
	if af.list {
		return ExitClean, accessList(e.stdout)
	}
	if len(paths) == 0 {
		return ExitUsage, usagef("access: name files or directories to inventory (for example: rbaclint access examples/), or --list")
	}
	dests, err := pairOutputs(af.formats, af.outputs, func(f string) bool { return inventory.Formats[f] != nil }, strings.Join(inventory.FormatNames, ", "))
	if err != nil {
		return ExitUsage, err
	}
	for _, c := range af.capabilities {
		if !access.Known(access.Capability(c)) {
			msg := fmt.Sprintf("--capability %q is not in the access vocabulary", c)
			if near := rules.Nearest(c, access.Names()); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			return ExitUsage, usagef("%s (see rbaclint access --list)", msg)
		}
	}
	if af.kind != "" && kinds.Of(rules.Kind(af.kind)) == nil {
		return ExitUsage, usagef("--kind %q is not a supported kind (%s)", af.kind, kindList())
	}
	cfg, err := loadConfig(af.configPath, af.noConfig)
	if err != nil {
		return ExitUsage, err
	}
	// As for lint: no output may truncate what is read.
	outs := []output{{"cpuprofile", af.cpuProfile}}
	for _, d := range dests {
		outs = append(outs, output{"output", d.file})
	}
	ins := []output{{"config", af.configPath}}
	for _, p := range paths {
		ins = append(ins, output{"", p})
	}
	if err := refuseOutputOverInput(outs, ins); err != nil {
		return ExitUsage, err
	}
	stop, err := startProfiles(af.cpuProfile)
	if err != nil {
		return ExitUsage, err
	}
	defer stop()
	res, err := engine.Run(paths, engine.Options{
		RuleOptions: cfg.RuleOptions(),
		Jobs:        af.jobs,
		Kind:        rules.Kind(af.kind),
		SkipUnknown: true,
		KindFor:     cfg.KindFor,
		Exclude:     cfg.Excluded,
		MaxFileSize: cfg.Limits.MaxFileSize,
		MaxDepth:    cfg.Limits.MaxDepth,
		Stdin:       e.stdin,
		StdinName:   af.stdinName,
	})
	if err != nil {
		if ue, ok := err.(*engine.UsageError); ok {
			return ExitUsage, usagef("%s", ue.Msg)
		}
		return ExitInternal, err
	}
	// A file that could not be read is said on stderr; the rest is listed.
	for _, f := range res.Findings {
		if f.RuleID == rules.IDSyntax || f.RuleID == rules.IDLimit {
			fmt.Fprintf(e.stderr, "%s:%d:%d: %s: %s [%s]\n", escape.Line(f.Path), f.Span.Start.Line, f.Span.Start.Column, f.Severity, escape.Line(f.Message), f.RuleID)
		}
	}
	var docs []*rules.Document
	for _, p := range res.Files {
		if d := res.Docs[p]; d != nil && d.Kind != "" {
			docs = append(docs, d)
		}
	}
	sources := registry.GrantSources()
	grants := access.Collect(sources, docs, cfg.RuleOptions())
	grants = filterGrants(grants, af.capabilities, af.principal)
	access.Locate(grants, res.Docs)
	inv := &inventory.Inventory{Grants: grants, Vendors: access.CheckedVendors(sources, docs), Files: len(docs)}
	for _, d := range dests {
		render := inventory.Formats[d.format]
		if d.file == "" {
			err = render(e.stdout, inv)
		} else {
			err = atomicfile.Write(d.file, func(w io.Writer) error { return render(w, inv) })
		}
		if err != nil {
			return ExitUsage, err
		}
	}
	return ExitClean, nil
}

func filterGrants(gs []access.Grant, capabilities []string, principal string) []access.Grant {
	out := gs[:0]
	for _, g := range gs {
		if len(capabilities) > 0 && !contains(capabilities, string(g.Capability)) {
			continue
		}
		if principal != "" && !access.MatchPrincipal(principal, g.Principal) {
			continue
		}
		out = append(out, g)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// accessList prints the vocabulary and every pack's mapping, the rows that
// are inferred marked as such.
func accessList(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "Capabilities:")
	for _, v := range access.Vocabulary {
		fmt.Fprintf(bw, "  %-15s %s\n", v.Name, v.Summary)
	}
	for _, s := range registry.GrantSources() {
		fmt.Fprintf(bw, "\n%s:\n", s.Vendor)
		for _, m := range s.Mapping() {
			what := m.Grant + " " + m.Name
			if len(m.Access) > 0 {
				what += " (" + strings.Join(m.Access, ", ") + ")"
			}
			var caps []string
			for _, c := range m.Capabilities {
				caps = append(caps, string(c))
			}
			if len(m.Includes) > 0 {
				caps = append(caps, "and what "+strings.Join(m.Includes, ", ")+" grants")
			}
			if len(caps) == 0 {
				caps = []string{"nothing"}
			}
			status := "documented"
			if m.Inferred {
				status = "inferred"
			}
			fmt.Fprintf(bw, "  %s → %s [%s]\n      source: %s\n", what, strings.Join(caps, ", "), status, m.Source)
		}
	}
	return bw.Flush()
}
