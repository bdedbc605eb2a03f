// Package lsp is rbaclint's language server (LSP 3.17 over stdin/stdout):
// it lints editor buffers with the same engine, rules and configuration as
// `rbaclint lint`, publishes the findings as diagnostics, offers the
// suggested fixes and an ignore entry as code actions, and explains
// findings and catalog names on hover. It logs to stderr only: stdout
// carries the protocol.
package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// Options configure a server.
type Options struct {
	// Configure returns the lint options for a workspace root with its
	// .rbaclint.yaml applied, and that file's path ("" when there is none).
	Configure func(root string) (engine.Options, string, error)
	Version   string
	// Debounce is how long the server waits after a change before it lints,
	// so that typing does not start a run per key; 0 means defaultDebounce.
	Debounce time.Duration
	Log      io.Writer // stderr
}

const defaultDebounce = 40 * time.Millisecond

// ErrExitWithoutShutdown is Serve's error when the client sent exit before
// shutdown (the process should then exit with 1, as the specification says).
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// document is an open editor buffer.
type document struct {
	uri     string
	version int
	text    []byte
}

// lintState is what the last lint run found, for code actions and hover.
type lintState struct {
	findings map[string][]reported.Finding // by path, published ones only
	texts    map[string][]byte             // the text each path was linted in
	kinds    map[string]rules.Kind
}

type server struct {
	opts Options
	out  *writer
	log  *log.Logger

	mu          sync.Mutex
	enc         string
	root        string
	initialized bool
	shutdown    bool
	docs        map[string]*document // by path
	lintOpts    engine.Options
	configPath  string
	last        lintState
	published   map[string]bool // paths whose last published list was not empty
	timer       *time.Timer

	kick chan struct{} // a lint is wanted
	quit chan struct{}
	done chan struct{} // the lint worker ended
}

// Serve runs the server until the client sends exit or closes its input.
func Serve(in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce == 0 {
		opts.Debounce = defaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{
		opts: opts, out: &writer{w: out}, log: log.New(opts.Log, "rbaclint lsp: ", log.LstdFlags|log.Lmicroseconds),
		enc: encUTF16, docs: map[string]*document{}, published: map[string]bool{},
		kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}),
	}
	go s.worker()
	defer func() {
		close(s.quit)
		<-s.done
	}()
	r := bufio.NewReaderSize(in, 1<<16)
	for {
		body, err := readMessage(r)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				s.log.Printf("input closed")
				return nil
			}
			s.log.Printf("unreadable message: %v", err)
			return err // the stream is out of step: nothing after it can be trusted
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			s.log.Printf("not JSON-RPC: %v", err)
			s.reply(nil, nil, &rpcError{Code: codeParseError, Message: "parse error"})
			continue
		}
		if m.Method == "exit" {
			s.mu.Lock()
			clean := s.shutdown
			s.mu.Unlock()
			if !clean {
				return ErrExitWithoutShutdown
			}
			return nil
		}
		s.handle(&m)
	}
}

// reply answers a request; notifications (no id) get nothing.
func (s *server) reply(id *json.RawMessage, result any, e *rpcError) {
	m := &message{ID: id, Error: e}
	if id == nil {
		null := json.RawMessage("null")
		m.ID = &null
	}
	if e == nil {
		raw, err := json.Marshal(result)
		if err != nil {
			raw = []byte("null")
		}
		r := json.RawMessage(raw)
		m.Result = &r
	}
	if err := s.out.send(m); err != nil {
		s.log.Printf("cannot write to the client: %v", err)
	}
}

// handle dispatches one message; a panic in a handler is logged and
// answered as an internal error, never a crash.
func (s *server) handle(m *message) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("internal error in %s: %v\n%s", m.Method, p, debug.Stack())
			if m.ID != nil {
				s.reply(m.ID, nil, &rpcError{Code: codeInternalError, Message: fmt.Sprint(p)})
			}
		}
	}()
	if m.Method == "" {
		return // a response to a request we never sent
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method != "initialize" && !initialized:
		if m.ID != nil {
			s.reply(m.ID, nil, &rpcError{Code: codeServerNotInitialized, Message: "initialize first"})
		}
		return
	case shutdown && m.ID != nil:
		s.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shut down"})
		return
	}
	result, rerr := s.dispatch(m)
	if m.ID != nil {
		s.reply(m.ID, result, rerr)
	}
}

func (s *server) dispatch(m *message) (any, *rpcError) {
	switch m.Method {
	case "initialize":
		return call(m, s.initialize)
	case "initialized":
		s.reconfigure()
		s.want(0)
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		return notify(m, func(p *didOpenParams) {
			s.open(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
		})
	case "textDocument/didChange":
		return notify(m, s.change)
	case "textDocument/didSave":
		return notify(m, func(p *didSaveParams) { s.saved(p.TextDocument.URI) })
	case "textDocument/didClose":
		return notify(m, func(p *didCloseParams) { s.close(p.TextDocument.URI) })
	case "workspace/didChangeWatchedFiles":
		return notify(m, func(p *didChangeWatchedFilesParams) {
			for _, c := range p.Changes {
				if isConfig(uriToPath(c.URI)) {
					s.reconfigure()
				}
			}
			s.want(0)
		})
	case "textDocument/codeAction":
		return call(m, s.codeActions)
	case "textDocument/hover":
		return call(m, s.hover)
	default:
		if m.ID != nil {
			return nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + m.Method}
		}
	}
	return nil, nil
}

// call decodes a request's params into a P and answers with handle's result.
func call[P, R any](m *message, handle func(*P) R) (any, *rpcError) {
	var p P
	if err := json.Unmarshal(m.Params, &p); err != nil {
		return nil, &rpcError{Code: codeInvalidParams, Message: err.Error()}
	}
	return handle(&p), nil
}

// notify decodes a notification's params into a P and hands them to handle;
// a notification has no result.
func notify[P any](m *message, handle func(*P)) (any, *rpcError) {
	return call(m, func(p *P) any { handle(p); return nil })
}

func (s *server) initialize(p *initializeParams) any {
	root := uriToPath(p.RootURI)
	if len(p.WorkspaceFolders) > 0 {
		root = uriToPath(p.WorkspaceFolders[0].URI)
	}
	if root == "" && p.RootPath != "" {
		root = filepath.ToSlash(filepath.Clean(p.RootPath))
	}
	s.mu.Lock()
	s.root = root
	s.enc = pickEncoding(p.Capabilities.General.PositionEncodings)
	s.initialized = true
	enc := s.enc
	s.mu.Unlock()
	s.log.Printf("workspace %q, position encoding %s", root, enc)
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": enc,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    2, // incremental
				"save":      map[string]any{"includeText": false},
			},
			"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			"hoverProvider":      true,
		},
		"serverInfo": map[string]any{"name": "rbaclint", "version": s.opts.Version},
	}
}

// reconfigure reads the workspace's .rbaclint.yaml again. A broken one is
// shown to the user, and linting goes on with the defaults.
func (s *server) reconfigure() {
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	opts, path, err := s.opts.Configure(root)
	if err != nil {
		s.log.Printf("configuration: %v", err)
		_ = s.out.notify("window/showMessage", map[string]any{"type": 1, "message": "rbaclint: " + err.Error()})
		opts, path, _ = s.opts.Configure("")
	}
	s.mu.Lock()
	s.lintOpts, s.configPath = opts, path
	s.mu.Unlock()
}

func (s *server) open(uri string, version int, text []byte) {
	path := uriToPath(uri)
	s.mu.Lock()
	s.docs[path] = &document{uri: uri, version: version, text: text}
	s.mu.Unlock()
	s.want(0)
}

func (s *server) change(p *didChangeParams) {
	path := uriToPath(p.TextDocument.URI)
	s.mu.Lock()
	doc := s.docs[path]
	if doc == nil {
		s.mu.Unlock()
		s.log.Printf("change to a document that is not open: %s", p.TextDocument.URI)
		return
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			doc.text = []byte(c.Text)
			continue
		}
		li := newLineIndex(doc.text, s.enc)
		from, to := li.offset(c.Range.Start), li.offset(c.Range.End)
		if to < from {
			from, to = to, from
		}
		doc.text = append(append(append([]byte{}, doc.text[:from]...), c.Text...), doc.text[to:]...)
	}
	doc.version = p.TextDocument.Version
	s.mu.Unlock()
	s.want(s.opts.Debounce)
}

func (s *server) saved(uri string) {
	if isConfig(uriToPath(uri)) {
		s.reconfigure()
	}
	s.want(0)
}

func (s *server) close(uri string) {
	path := uriToPath(uri)
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	if isConfig(path) {
		s.reconfigure()
	}
	s.want(0)
}

// want asks for a lint after delay; a later call replaces an earlier one
// that has not fired yet (the debounce).
func (s *server) want(delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
	fire := func() {
		select {
		case s.kick <- struct{}{}:
		default: // one is already pending: it will see the newest texts
		}
	}
	if delay <= 0 {
		s.timer = nil
		fire()
		return
	}
	s.timer = time.AfterFunc(delay, fire)
}

func (s *server) worker() {
	defer close(s.done)
	for {
		select {
		case <-s.quit:
			return
		case <-s.kick:
			s.lintAndPublish()
		}
	}
}

func isConfig(path string) bool {
	base := filepath.Base(filepath.FromSlash(path))
	return base == ".rbaclint.yaml" || base == ".rbaclint.yml"
}

// lintAndPublish lints the workspace with the open buffers in place of
// their files (set-level rules see every file of the workspace) and
// publishes the diagnostics of every file that has findings, and an empty
// list for those that no longer have any.
func (s *server) lintAndPublish() {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("internal error while linting: %v\n%s", p, debug.Stack())
		}
	}()
	s.mu.Lock()
	root, opts, enc := s.root, s.lintOpts, s.enc
	overlay := map[string][]byte{}
	versions := map[string]int{}
	// Open documents are named (first: a named file gets a syntax finding
	// where a walked one that does not parse may be skipped), then the
	// workspace is walked around them.
	var paths, unsaved []string
	for p, d := range s.docs {
		overlay[p], versions[p] = d.text, d.version
		if _, err := os.Stat(filepath.FromSlash(p)); err != nil {
			unsaved = append(unsaved, p) // no file yet: linted from memory
		} else {
			paths = append(paths, p)
		}
	}
	s.mu.Unlock()
	if opts.Rules == nil {
		return // not configured yet
	}
	sort.Strings(paths)
	sort.Strings(unsaved)
	if root != "" {
		paths = append(paths, root)
	}
	// Named files that match no kind would get unknown-document: in an
	// editor that is every other JSON, XML or YAML file, so it is dropped
	// below. A broken export still gets its syntax finding.
	opts.Overlay, opts.SkipUnknown = overlay, false
	start := time.Now()
	state := lintState{findings: map[string][]reported.Finding{}, texts: map[string][]byte{}, kinds: map[string]rules.Kind{}}
	collect := func(res *engine.Result) {
		for p, t := range res.Texts {
			state.texts[p] = t
		}
		for p, d := range res.Docs {
			state.kinds[p] = d.Kind
		}
		for _, f := range res.Findings {
			if f.Suppressed == nil && f.Path != "" && f.RuleID != rules.IDUnknownDocument {
				state.findings[f.Path] = append(state.findings[f.Path], f)
			}
		}
	}
	if len(paths) > 0 {
		res, err := engine.Run(paths, opts)
		if err != nil {
			s.log.Printf("lint: %v", err)
			return
		}
		collect(res)
	}
	for _, p := range unsaved {
		o := opts
		o.Stdin, o.StdinName = bytes.NewReader(overlay[p]), p
		res, err := engine.Run([]string{"-"}, o)
		if err != nil {
			s.log.Printf("lint %s: %v", p, err)
			continue
		}
		collect(res)
	}
	s.log.Printf("linted in %v", time.Since(start).Round(time.Millisecond))

	// Files whose diagnostics are published: those with findings, the open
	// ones, and those that had findings before.
	s.mu.Lock()
	targets := map[string]bool{}
	for p := range state.findings {
		targets[p] = true
	}
	for p := range s.docs {
		targets[p] = true
	}
	for p := range s.published {
		targets[p] = true
	}
	s.mu.Unlock()
	list := make([]string, 0, len(targets))
	for p := range targets {
		list = append(list, p)
		if state.texts[p] == nil { // a file that did not load (syntax error), or one not read this time
			if t, ok := overlay[p]; ok {
				state.texts[p] = t
			} else {
				state.texts[p], _ = os.ReadFile(filepath.FromSlash(p))
			}
		}
	}
	sort.Strings(list)
	s.mu.Lock()
	s.last = state
	s.mu.Unlock()
	for _, p := range list {
		li := newLineIndex(state.texts[p], enc)
		diags := make([]diagnostic, 0, len(state.findings[p]))
		for _, f := range state.findings[p] {
			diags = append(diags, s.diagnostic(f, li, state))
		}
		params := publishDiagnosticsParams{URI: pathToURI(p), Diagnostics: diags}
		if v, ok := versions[p]; ok {
			params.Version = &v
		}
		if err := s.out.notify("textDocument/publishDiagnostics", params); err != nil {
			s.log.Printf("cannot write to the client: %v", err)
		}
		s.mu.Lock()
		if len(diags) > 0 {
			s.published[p] = true
		} else {
			delete(s.published, p)
		}
		s.mu.Unlock()
	}
}
