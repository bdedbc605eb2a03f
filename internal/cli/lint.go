package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"

	"github.com/fatih/color"

	"github.com/rbaclint/rbaclint/internal/atomicfile"
	"github.com/rbaclint/rbaclint/internal/baseline"
	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/internal/report"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// optionalBool is a boolean flag that knows whether it was given
// (--show-source, --show-source=false, or neither: decide by the terminal).
type optionalBool struct{ set, value bool }

func (o *optionalBool) String() string   { return strconv.FormatBool(o.value) }
func (o *optionalBool) IsBoolFlag() bool { return true }
func (o *optionalBool) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return err
	}
	o.set, o.value = true, b
	return nil
}

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

type lintFlags struct {
	formats, outputs repeated
	setContext       repeated
	failLevel        string
	kind             string
	jobs             int
	color            string
	quiet, verbose   bool
	skipUnknown      bool
	stdinName        string
	maxFileSize      int64
	maxDepth         int
	maxFindings      int
	cpuProfile       string
	memProfile       string
	configPath       string
	noConfig         bool
	noExclude        bool
	showSource       optionalBool
	ruleLevels       repeated // --rule ID=LEVEL, --enable ID, --disable ID, in order
	listFormats      bool
	baseline         string
	writeBaseline    string
	fix, dryRun      bool
}

// destination is one requested output.
type destination struct {
	format string
	file   string // "" for stdout
}

// lintArgs is a parsed lint command line.
type lintArgs struct {
	flags      lintFlags
	paths      []string
	dests      []destination
	newFromRev string
}

// runLint checks the named paths and reports: parse the command line, set
// up the run from flags and configuration, check, emit.
func runLint(e *env, args []string) (code int, err error) {
	a, err := parseLintArgs(e, args)
	if err != nil {
		return ExitUsage, err
	}
	if a.flags.listFormats {
		listFormats(e.stdout)
		return ExitClean, nil
	}
	// From here on, a run that fails still leaves its SARIF logs behind:
	// an upload step with if: always() needs a valid file.
	defer func() {
		if err != nil {
			writeFailureLogs(a.dests, err, code, e.stdout)
		}
	}()
	// Inputs are mapped (engine.Options.MapFiles) and findings may view
	// their text while they are formatted: a file truncated meanwhile
	// faults here, after the engine's own guards, and Main reports it
	// instead of crashing.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if err := a.validate(); err != nil {
		return ExitUsage, err
	}
	s, err := a.flags.setup(e, a.dests)
	if err != nil {
		return ExitUsage, err
	}
	defer s.stop()
	if a.newFromRev != "" {
		if err := s.suppressFromRev(a.newFromRev, a.paths); err != nil {
			return ExitUsage, err
		}
	}
	res, err := s.check(e, a)
	if err != nil {
		return engineError(err)
	}
	return s.emit(e, &a.flags, outcome{findings: res.Findings, files: res.Files, skipped: res.Skipped, skipReasons: res.SkipReasons, notes: res.Notes, sources: res.Texts, baselinable: res.Baselinable, capped: res.Capped})
}

// parseLintArgs reads the flags, the paths and the outputs they ask for.
func parseLintArgs(e *env, args []string) (*lintArgs, error) {
	a := &lintArgs{}
	var err error
	if a.paths, err = parse(e, lintCommand(&a.flags, &a.newFromRev), args); err != nil {
		return nil, err
	}
	if a.dests, err = destinations(a.flags.formats, a.flags.outputs); err != nil {
		return nil, err
	}
	// Before anything is written, failure logs included.
	if err := refuseOutputOverInput(a.flags.runOutputs(a.dests), a.flags.runInputs(a.paths)); err != nil {
		return nil, err
	}
	return a, nil
}

// validate rejects combinations of paths and flags that cannot run.
func (a *lintArgs) validate() error {
	switch {
	case len(a.paths) == 0:
		return usagef("no input: name files or directories to check (for example: rbaclint examples/), or - for standard input")
	case a.flags.dryRun && !a.flags.fix:
		return usagef("--dry-run goes with --fix")
	case a.flags.fix && slices.Contains(a.paths, "-"):
		return usagef("--fix cannot write standard input: name the files")
	}
	return nil
}

// check runs the engine over the paths, applying the suggested fixes first
// with --fix (then the diff owns standard output, and with --dry-run the
// findings go to --output files only).
func (s *setup) check(e *env, a *lintArgs) (*engine.Result, error) {
	lf := &a.flags
	if !lf.fix {
		return engine.Run(a.paths, s.opts)
	}
	if lf.dryRun {
		a.dests = withoutStdout(a.dests)
		s.dests = a.dests
	}
	res, fixed, err := runFixes(func(overlay map[string][]byte) (*engine.Result, error) {
		o := s.opts
		o.Overlay = overlay
		return engine.Run(a.paths, o)
	}, lf.dryRun, e.stdout, e.stderr)
	if err != nil {
		return nil, err
	}
	if !lf.quiet {
		verb := "fixed"
		if lf.dryRun {
			verb = "would fix"
		}
		fmt.Fprintf(e.stderr, "rbaclint: %s %d findings in %d files\n", verb, fixed.fixes, fixed.files)
	}
	return res, nil
}

// setup is what lint and diff share: the outputs, the fail level, colour,
// the configuration and the engine options built from them.
type setup struct {
	dests      []destination
	failLevel  rules.Severity
	useColor   bool
	opts       engine.Options
	written    int    // baseline entries written
	baseRoot   string // the directory baseline paths are relative to
	stop       func()
	memProfile string
}

func (lf *lintFlags) setup(e *env, dests []destination) (*setup, error) {
	if err := lf.checkCounts(); err != nil {
		return nil, err
	}
	failLevel, err := parseFailLevel(lf.failLevel)
	if err != nil {
		return nil, err
	}
	if lf.kind != "" && kinds.Of(rules.Kind(lf.kind)) == nil {
		return nil, usagef("--kind %q is not a supported kind (%s)", lf.kind, kindList())
	}
	useColor, err := colorWanted(lf.color, e)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(lf.configPath, lf.noConfig)
	if err != nil {
		return nil, err
	}
	s := &setup{dests: dests, failLevel: failLevel, useColor: useColor, memProfile: lf.memProfile}
	if lf.memProfile != "" && runtime.MemProfileRate == 0 {
		runtime.MemProfileRate = 512 << 10 // the runtime's default; the binary starts with it off
	}
	s.opts = configuredOptions(cfg)
	s.opts.Jobs, s.opts.Kind, s.opts.SkipUnknown = lf.jobs, rules.Kind(lf.kind), lf.skipUnknown
	s.opts.MaxFileSize = firstNonZero64(lf.maxFileSize, s.opts.MaxFileSize)
	s.opts.MaxDepth = firstNonZero(lf.maxDepth, s.opts.MaxDepth)
	s.opts.MaxFindings = firstNonZero(lf.maxFindings, s.opts.MaxFindings)
	s.opts.Stdin, s.opts.StdinName = e.stdin, lf.stdinName
	// One run per process: mapped inputs (never unmapped) cost no copy.
	// Not the language server's configuredOptions, nor access, whose
	// inventory formats entity names, views of the text, after the run.
	s.opts.MapFiles = true
	s.opts.Stream = true // and, for the same reason, big lists by windows
	s.opts.SetContext = lf.setContext
	if lf.noExclude {
		s.opts.Exclude = nil
	}
	if s.opts.Level, err = commandLineLevels(lf.ruleLevels, s.opts.Level); err != nil {
		return nil, err
	}
	if lf.baseline != "" || lf.writeBaseline != "" {
		var base *baseline.Baseline
		if lf.baseline != "" {
			if base, err = baseline.Load(lf.baseline); err != nil {
				return nil, err
			}
			s.baseRoot = base.Root
		} else {
			s.baseRoot = baseline.Root(lf.writeBaseline)
		}
		s.opts.FingerprintPath = func(p string) string { return baseline.RelPath(s.baseRoot, p) }
		s.opts.WriteBaseline = lf.writeBaseline != ""
		if base != nil {
			s.opts.Baseline = base.Apply
		}
	}
	if s.stop, err = startProfiles(lf.cpuProfile); err != nil {
		return nil, err
	}
	return s, nil
}

// engineError maps an engine failure to its exit code.
func engineError(err error) (int, error) {
	if ue, ok := err.(*engine.UsageError); ok {
		return ExitUsage, usagef("%s", ue.Msg)
	}
	if _, ok := err.(*engine.InternalError); ok {
		return ExitInternal, err
	}
	return ExitUsage, err
}

// outcome is what a run produced, for emit.
type outcome struct {
	findings []reported.Finding
	files    []string
	skipped  []string
	// skipReasons says why each skipped file was skipped.
	skipReasons map[string]string
	notes       []string
	change      *report.Change     // diff runs only
	sources     map[string][]byte  // the checked files' text, for source excerpts
	baselinable []reported.Finding // what --write-baseline records
	capped      map[rules.Severity]int
}

// emit writes every requested output and returns the exit code.
func (s *setup) emit(e *env, lf *lintFlags, out outcome) (int, error) {
	// Each file is written whole or not at all (atomicfile); when one
	// fails, the message says which others were written before it.
	files := s.outputFiles(lf)
	done := 0
	failed := func(err error) (int, error) { return ExitUsage, writeFailure(err, files, done) }
	if lf.writeBaseline != "" {
		// Written after the run, from what the baseline step saw.
		var err error
		if s.written, err = baseline.Write(lf.writeBaseline, s.baseRoot, out.baselinable); err != nil {
			return failed(err)
		}
		done++
	}
	if s.memProfile != "" {
		if err := writeHeapProfile(s.memProfile); err != nil {
			return failed(err)
		}
		done++
	}
	code := ExitClean
	fails := func(sev rules.Severity) bool { return s.failLevel != rules.SeverityOff && sev >= s.failLevel }
	for _, f := range out.findings {
		if f.Suppressed == nil && fails(f.Severity) {
			code = ExitFindings
			break
		}
	}
	for sev, n := range out.capped { // left out by the per-file cap, they fail the run all the same
		if n > 0 && fails(sev) {
			code = ExitFindings
		}
	}
	run := &report.Run{
		Tool:         tool(),
		Rules:        registry.All(),
		Findings:     out.findings,
		FilesChecked: len(out.files),
		FilesSkipped: out.skipped,
		Files:        out.files,
		Sources:      out.sources,
		FailLevel:    s.failLevel,
		ExitCode:     code,
		WorkDir:      workDir(),
		Quiet:        lf.quiet,
		Change:       out.change,
	}
	if !lf.quiet {
		for _, n := range out.notes {
			fmt.Fprintf(e.stderr, "rbaclint: note: %s\n", escape.Line(n))
		}
	}
	if lf.verbose {
		for _, sk := range out.skipped {
			fmt.Fprintf(e.stderr, "rbaclint: skipped %s: %s\n", escape.Line(sk), escape.Line(out.skipReasons[sk]))
		}
	}
	if lf.writeBaseline != "" {
		// Recording a baseline is the run's purpose: it succeeds, and says
		// what it did in one line instead of the report (files named with
		// --output are still written).
		code = ExitClean
		rootShown := s.baseRoot
		if rel, err := relToWD(s.baseRoot); err == nil {
			rootShown = rel
		}
		fmt.Fprintf(e.stdout, "wrote %d baseline %s to %s (paths relative to %s)\n", s.written, plural(s.written, "entry", "entries"), lf.writeBaseline, filepath.ToSlash(rootShown))
	}
	for _, d := range s.dests {
		if d.file == "" && lf.writeBaseline != "" {
			continue
		}
		r := *run
		r.Color = d.file == "" && s.useColor
		r.ShowSource = lf.showSource.value || (!lf.showSource.set && d.file == "" && isTerminal(e.stdout))
		if err := write(d, &r, e.stdout); err != nil {
			if d.file == "" {
				return ExitUsage, err
			}
			return failed(err)
		}
		if d.file != "" {
			done++
		}
	}
	return code, nil
}

// outputFiles lists the files emit writes, in the order it writes them.
func (s *setup) outputFiles(lf *lintFlags) []string {
	var files []string
	for _, f := range []string{lf.writeBaseline, s.memProfile} {
		if f != "" {
			files = append(files, f)
		}
	}
	for _, d := range s.dests {
		if d.file != "" {
			files = append(files, d.file)
		}
	}
	return files
}

// writeFailure words the failure to write files[done] when files[:done]
// were written: which were, and which were not (the message is escaped
// as a whole when printed).
func writeFailure(err error, files []string, done int) error {
	if len(files) < 2 {
		return err
	}
	msg := err.Error()
	quote := func(fs []string) string { return strings.Join(fs, ", ") } // escaped with the message
	if done > 0 {
		msg += "; written: " + quote(files[:done])
	} else {
		msg += "; nothing was written"
	}
	if rest := files[min(done+1, len(files)):]; len(rest) > 0 {
		msg += "; not written: " + quote(rest)
	}
	return usagef("%s", msg)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func tool() report.Tool {
	return report.Tool{Name: "rbaclint", Version: version(), InformationURI: "https://github.com/rbaclint/rbaclint"}
}

func workDir() string {
	wd, _ := os.Getwd()
	return wd
}

// writeFailureLogs writes, for a run stopped by an error (exit 2 or 3), each
// requested SARIF log with no results and the error as a tool execution
// notification. Other formats have no place for it: the error is on stderr.
func writeFailureLogs(dests []destination, err error, code int, stdout io.Writer) {
	run := &report.Run{Tool: tool(), Rules: registry.All(), ExitCode: code, WorkDir: workDir(), Error: err.Error()}
	for _, d := range dests {
		if d.format == "sarif" {
			_ = write(d, run, stdout) // the run already failed: the first error is the one to show
		}
	}
}

// checkCounts refuses negative counts and sizes (0 means the default).
func (lf *lintFlags) checkCounts() error {
	for _, c := range []struct {
		name string
		v    int64
	}{{"jobs", int64(lf.jobs)}, {"max-file-size", lf.maxFileSize}, {"max-depth", int64(lf.maxDepth)}, {"max-findings", int64(lf.maxFindings)}} {
		if c.v < 0 {
			return usagef("--%s %d: want a positive number (0 or no flag: the default)", c.name, c.v)
		}
	}
	return nil
}

// destinations pairs each --format with the --output at the same position;
// formats without an output go to stdout, which only one may use.
func destinations(formats, outputs []string) ([]destination, error) {
	return pairOutputs(formats, outputs, func(f string) bool { return report.Formats[f] != nil }, strings.Join(report.FormatNames(), ", "))
}

// pairOutputs is destinations over any set of formats: known says which
// names exist, want lists them for the error message. An --output without
// a --format at its position takes the format its file name says (x.sarif:
// sarif), so that a SARIF file never holds text; a name that says nothing
// known is refused.
func pairOutputs(formats, outputs []string, known func(string) bool, want string) ([]destination, error) {
	if len(formats) == 0 && len(outputs) == 0 {
		formats = []string{"text"}
	}
	var out []destination
	stdout := 0
	for i := 0; i < max(len(formats), len(outputs)); i++ {
		var d destination
		if i < len(outputs) {
			if d.file = outputs[i]; d.file == "" {
				return nil, usagef("--output \"\": name a file (leave --output out for standard output)")
			}
		} else {
			stdout++
		}
		if i < len(formats) {
			d.format = formats[i]
		} else if d.format = formatOfFile(d.file); d.format == "" || !known(d.format) {
			return nil, usagef("--output %s: cannot tell the format from the file name (want one of %s); give --format FORMAT before it", d.file, want)
		}
		if !known(d.format) {
			return nil, usagef("unknown --format %q (want %s)", d.format, want)
		}
		out = append(out, d)
	}
	if stdout > 1 {
		return nil, usagef("%d formats would go to standard output: give each but one an --output FILE", stdout)
	}
	return out, nil
}

// formatOfFile infers a format from an output file's extension; "" when
// the name does not say.
func formatOfFile(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".sarif"), strings.HasSuffix(lower, ".sarif.json"):
		return "sarif"
	case strings.HasSuffix(lower, ".json"):
		return "json"
	case strings.HasSuffix(lower, ".xml"):
		return "junit"
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".log"):
		return "text"
	case strings.HasSuffix(lower, ".csv"): // the access inventory's formats
		return "csv"
	case strings.HasSuffix(lower, ".md"), strings.HasSuffix(lower, ".markdown"):
		return "markdown"
	case strings.HasSuffix(lower, ".dot"), strings.HasSuffix(lower, ".gv"):
		return "dot"
	}
	return ""
}

func parseFailLevel(s string) (rules.Severity, error) {
	if s == "none" {
		return rules.SeverityOff, nil
	}
	lv, err := rules.ParseSeverity(s)
	if err != nil || lv == rules.SeverityOff {
		return 0, usagef("--fail-level %q: want error, warning, note or none", s)
	}
	return lv, nil
}

func kindList() string {
	var s []string
	for _, k := range kinds.Names() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// colorWanted decides colour for standard output.
func colorWanted(when string, e *env) (bool, error) {
	switch when {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
			return false, nil
		}
		// fatih/color decides at start-up whether os.Stdout is a terminal.
		return e.stdout == io.Writer(os.Stdout) && !color.NoColor, nil
	}
	return false, usagef("--color %q: want auto, always or never", when)
}

// write renders one destination; files are written atomically so an
// interrupted run never leaves a partial SARIF log behind.
func write(d destination, run *report.Run, stdout io.Writer) error {
	format := report.Formats[d.format]
	if d.file == "" {
		return format(stdout, run)
	}
	return atomicfile.Write(d.file, func(w io.Writer) error { return format(w, run) })
}

func startProfiles(cpu string) (func(), error) {
	if cpu == "" {
		return func() {}, nil
	}
	f, err := os.Create(cpu)
	if err != nil {
		return nil, usagef("--cpuprofile: %v", atomicfile.Cause(err))
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, usagef("--cpuprofile: %v", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return usagef("--memprofile: %v", atomicfile.Cause(err))
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}

var osGetenv = os.Getenv

// isTerminal reports whether w is the process's standard output and a
// terminal (a character device).
func isTerminal(w io.Writer) bool {
	if w != io.Writer(os.Stdout) {
		return false
	}
	fi, err := os.Stdout.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func firstNonZero64(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

// withoutStdout drops the destination that would print to standard output.
func withoutStdout(ds []destination) []destination {
	var out []destination
	for _, d := range ds {
		if d.file != "" {
			out = append(out, d)
		}
	}
	return out
}

// configuredOptions are the engine options a configuration gives: the
// catalog, levels, ignores, kinds, excludes and limits (lint and lsp).
func configuredOptions(cfg *config.Config) engine.Options {
	opts := engine.Options{
		Rules:       registry.All(),
		RuleOptions: cfg.RuleOptions(),
		KindFor:     cfg.KindFor,
		Level:       cfg.Level,
		Exclude:     cfg.Excluded,
		MaxFileSize: cfg.Limits.MaxFileSize,
		MaxDepth:    cfg.Limits.MaxDepth,
		MaxFindings: cfg.Limits.MaxFindings,
	}
	// Without ignores the step changes nothing; left out, it does not keep
	// big files from being checked by windows (engine.Options.Stream).
	if len(cfg.Ignores) > 0 {
		opts.Ignore = cfg.ApplyIgnores
	}
	return opts
}

// ruleFlag records --rule ID=LEVEL, or --enable/--disable ID with level
// "default"/"off", as "ID=LEVEL" in command-line order.
type ruleFlag struct {
	levels *repeated
	level  string // "" for --rule
}

func (r ruleFlag) String() string { return "" }
func (r ruleFlag) Set(v string) error {
	if r.level != "" {
		v += "=" + r.level
	}
	return r.levels.Set(v)
}

// commandLineLevels checks the --rule, --enable and --disable values and
// returns the level function that puts them over the configuration's (the
// last one given for a rule wins).
func commandLineLevels(given []string, configured func(id, path string) rules.Severity) (func(id, path string) rules.Severity, error) {
	if len(given) == 0 {
		return configured, nil
	}
	levels := map[string]rules.Severity{}
	for _, g := range given {
		id, lv, ok := strings.Cut(g, "=")
		if !ok {
			return nil, usagef("--rule %q: want RULE-ID=LEVEL (off, note, warning or error)", g)
		}
		r := registry.ByID(id)
		if r == nil {
			msg := fmt.Sprintf("unknown rule %q", id)
			if near := rules.Nearest(id, ruleIDs()); near != "" {
				msg += fmt.Sprintf("; did you mean %s?", near)
			}
			return nil, usagef("%s (see rbaclint rules)", msg)
		}
		if lv == "default" {
			levels[id] = r.DefaultSeverity
			continue
		}
		sev, err := rules.ParseSeverity(lv)
		if err != nil {
			return nil, usagef("--rule %s: level %q: want off, note, warning or error", id, lv)
		}
		levels[id] = sev
	}
	return func(id, path string) rules.Severity {
		if lv, ok := levels[id]; ok {
			return lv
		}
		if configured == nil {
			return rules.SeverityDefault
		}
		return configured(id, path)
	}, nil
}

// formatDescriptions says what each output format is for (--list-formats).
var formatDescriptions = map[string]string{
	"text":        "file:line:col: severity: message [rule-id] lines and a summary (default)",
	"json":        "the versioned JSON report (internal/report/JSON.md)",
	"sarif":       "SARIF 2.1.0 for code scanning and editors",
	"github":      "GitHub Actions workflow annotations",
	"junit":       "JUnit XML for CI test reports",
	"codeclimate": "GitLab Code Quality JSON",
	"markdown":    "a summary for pull-request comments and job summaries",
}

func listFormats(w io.Writer) {
	for _, name := range report.FormatNames() {
		fmt.Fprintf(w, "%-12s %s\n", name, formatDescriptions[name])
	}
}
