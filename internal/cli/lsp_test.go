package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/lsp"
)

// lspClient is a minimal JSON-RPC client for the in-process server.
type lspClient struct {
	t      *testing.T
	in     io.WriteCloser // the server's stdin
	msgs   chan map[string]any
	nextID int
	notes  []map[string]any // notifications read while waiting for a response
	done   chan error       // Serve's result
}

type rpcMsg = map[string]any

func startLSP(t *testing.T) *lspClient {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &lspClient{t: t, in: inW, msgs: make(chan rpcMsg, 1000), done: make(chan error, 1)}
	go func() {
		err := lsp.Serve(inR, outW, lsp.Options{Configure: workspaceOptions, Version: "test", Log: io.Discard, Debounce: 5 * time.Millisecond})
		outW.Close()
		c.done <- err
	}()
	go func() {
		r := bufio.NewReader(outR)
		for {
			length := -1
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					close(c.msgs)
					return
				}
				line = strings.TrimSpace(line)
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					fmt.Sscan(v, &length)
				}
			}
			body := make([]byte, length)
			if _, err := io.ReadFull(r, body); err != nil {
				close(c.msgs)
				return
			}
			var m rpcMsg
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("server wrote non-JSON: %q", body))
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close() })
	return c
}

func (c *lspClient) send(m rpcMsg) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, _ := json.Marshal(m)
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	c.send(rpcMsg{"method": method, "params": params})
}

// next reads one message from the server, failing after a timeout: the
// server must never hang.
func (c *lspClient) next() rpcMsg {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		return m
	case <-time.After(20 * time.Second):
		c.t.Fatal("no message from the server within 20 s")
	}
	return nil
}

// request sends a request and returns its response (result or error).
func (c *lspClient) request(method string, params any) rpcMsg {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(rpcMsg{"id": id, "method": method, "params": params})
	for {
		m := c.next()
		if m["method"] != nil {
			c.notes = append(c.notes, m)
			continue
		}
		if got, _ := m["id"].(float64); int(got) == id {
			return m
		}
	}
}

// diagnostics waits for a publishDiagnostics of uri that satisfies ok.
func (c *lspClient) diagnostics(uri string, ok func([]any) bool) []any {
	c.t.Helper()
	check := func(m rpcMsg) ([]any, bool) {
		if m["method"] != "textDocument/publishDiagnostics" {
			return nil, false
		}
		p := m["params"].(rpcMsg)
		if p["uri"] != uri {
			return nil, false
		}
		ds, _ := p["diagnostics"].([]any)
		return ds, ok(ds)
	}
	for len(c.notes) > 0 {
		m := c.notes[0]
		c.notes = c.notes[1:]
		if ds, good := check(m); good {
			return ds
		}
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case m, open := <-c.msgs:
			if !open {
				c.t.Fatal("the server closed its output")
			}
			if ds, good := check(m); good {
				return ds
			}
		case <-deadline:
			c.t.Fatalf("no matching diagnostics for %s within 20 s", uri)
		}
	}
}

func withCode(code string) func([]any) bool {
	return func(ds []any) bool { return findDiag(ds, code) != nil }
}

func withoutCode(code string) func([]any) bool {
	return func(ds []any) bool { return findDiag(ds, code) == nil }
}

func findDiag(ds []any, code string) rpcMsg {
	for _, d := range ds {
		if m := d.(rpcMsg); m["code"] == code {
			return m
		}
	}
	return nil
}

func fileURI(p string) string { return "file://" + filepath.ToSlash(p) }

// utf16Col is the UTF-16 column of byte offset off in its line, computed
// independently of the server.
func utf16Col(text string, off int) (line, col int) {
	start := strings.LastIndex(text[:off], "\n") + 1
	return strings.Count(text[:off], "\n"), len(utf16.Encode([]rune(text[start:off])))
}

func rangeAt(d rpcMsg) (int, int, int, int) {
	r := d["range"].(rpcMsg)
	s, e := r["start"].(rpcMsg), r["end"].(rpcMsg)
	return int(s["line"].(float64)), int(s["character"].(float64)), int(e["line"].(float64)), int(e["character"].(float64))
}

// applyEdits applies LSP text edits (UTF-16 positions) to text, as an
// editor would, in reverse order.
func applyEdits(t *testing.T, text string, edits []any) string {
	t.Helper()
	offset := func(p rpcMsg) int {
		line, ch := int(p["line"].(float64)), int(p["character"].(float64))
		at := 0
		for i := 0; i < line; i++ {
			at += strings.IndexByte(text[at:], '\n') + 1
		}
		for n := 0; n < ch; {
			r, size := utf8.DecodeRuneInString(text[at:])
			at += size
			n += len(utf16.Encode([]rune{r}))
		}
		return at
	}
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i].(rpcMsg)
		r := e["range"].(rpcMsg)
		from, to := offset(r["start"].(rpcMsg)), offset(r["end"].(rpcMsg))
		text = text[:from] + e["newText"].(string) + text[to:]
	}
	return text
}

const lspUsers = `{"data": [
  {"id": "1", "displayName": "Zoë 😀 Ångström", "email": "zoe@example.com", "roles": ["customer.user", "user.admin", "customer.user.pbx", "customer.user.pbx.realtime", "customer.user.supervisorl1", "customer.user.supervisorl4"]}
]}
`

// TestLSPSession drives `rbaclint lsp` in-process over pipes through a
// whole session: lifecycle, UTF-16 columns on a line with non-ASCII text,
// incremental edits, quick fixes, the ignore action with the re-lint its
// configuration change triggers, hover, diagnostics of a workspace file
// tied by a set-level rule, broken buffers and shutdown.
func TestLSPSession(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"roles.xml", "administrators.xml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "pcce", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	usersPath := filepath.Join(root, "users.json")
	if err := os.WriteFile(usersPath, []byte(lspUsers), 0o644); err != nil {
		t.Fatal(err)
	}
	users := fileURI(usersPath)
	c := startLSP(t)

	if m := c.request("textDocument/hover", rpcMsg{}); m["error"].(rpcMsg)["code"].(float64) != -32002 {
		t.Errorf("a request before initialize: %v, want error -32002", m)
	}
	init := c.request("initialize", rpcMsg{"rootUri": fileURI(root), "capabilities": rpcMsg{}})
	caps := init["result"].(rpcMsg)["capabilities"].(rpcMsg)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding %v, want utf-16 when the client names none", caps["positionEncoding"])
	}
	if sync := caps["textDocumentSync"].(rpcMsg); sync["change"].(float64) != 2 {
		t.Errorf("textDocumentSync %v, want incremental changes", sync)
	}
	c.notify("initialized", rpcMsg{})
	c.notify("textDocument/didOpen", rpcMsg{"textDocument": rpcMsg{"uri": users, "languageId": "json", "version": 1, "text": lspUsers}})

	ds := c.diagnostics(users, withCode("tenant/supervisor-levels-exclusive"))
	d := findDiag(ds, "tenant/supervisor-levels-exclusive")
	off := strings.Index(lspUsers, `"customer.user.supervisorl1"`)
	wantLine, wantCol := utf16Col(lspUsers, off)
	line, col, endLine, endCol := rangeAt(d)
	_, wantEnd := utf16Col(lspUsers, off+len(`"customer.user.supervisorl1"`))
	if line != wantLine || col != wantCol || endLine != wantLine || endCol != wantEnd {
		t.Errorf("range %d:%d-%d:%d, want %d:%d-%d:%d (UTF-16 columns after 😀)", line, col, endLine, endCol, wantLine, wantCol, wantLine, wantEnd)
	}
	if d["source"] != "rbaclint" || d["severity"].(float64) != 1 ||
		!strings.HasSuffix(d["codeDescription"].(rpcMsg)["href"].(string), "#tenantsupervisor-levels-exclusive") {
		t.Errorf("diagnostic fields: %v", d)
	}

	// The quick fix removes exactly the lower level.
	actions := c.request("textDocument/codeAction", rpcMsg{
		"textDocument": rpcMsg{"uri": users}, "range": d["range"], "context": rpcMsg{"diagnostics": []any{d}},
	})["result"].([]any)
	var fix, ignore rpcMsg
	for _, a := range actions {
		a := a.(rpcMsg)
		switch {
		case strings.Contains(a["title"].(string), "supervisorl1"):
			fix = a
		case strings.HasPrefix(a["title"].(string), "Ignore tenant/supervisor-levels-exclusive"):
			ignore = a
		}
	}
	if fix == nil || ignore == nil || fix["kind"] != "quickfix" {
		t.Fatalf("code actions: %v", actions)
	}
	edits := fix["edit"].(rpcMsg)["changes"].(rpcMsg)[users].([]any)
	fixed := applyEdits(t, lspUsers, edits)
	if want := strings.Replace(lspUsers, `"customer.user.supervisorl1", `, "", 1); fixed != want {
		t.Fatalf("quick fix gives\n%s\nwant\n%s", fixed, want)
	}

	// Send the fix back as incremental changes, as an editor does.
	c.notify("textDocument/didChange", rpcMsg{"textDocument": rpcMsg{"uri": users, "version": 2}, "contentChanges": edits})
	c.diagnostics(users, withoutCode("tenant/supervisor-levels-exclusive"))

	// An incremental insert after the emoji: a repeated role.
	at := strings.Index(fixed, `"customer.user.pbx",`)
	l, ch := utf16Col(fixed, at)
	c.notify("textDocument/didChange", rpcMsg{"textDocument": rpcMsg{"uri": users, "version": 3}, "contentChanges": []any{
		rpcMsg{"range": rpcMsg{"start": rpcMsg{"line": l, "character": ch}, "end": rpcMsg{"line": l, "character": ch}}, "text": `"user.admin", `},
	}})
	ds = c.diagnostics(users, withCode("tenant/duplicate-role"))
	d = findDiag(ds, "tenant/duplicate-role")
	typed := fixed[:at] + `"user.admin", ` + fixed[at:]
	wl, wc := utf16Col(typed, at)
	if line, col, _, _ = rangeAt(d); line != wl || col != wc {
		t.Errorf("duplicate-role at %d:%d, want %d:%d", line, col, wl, wc)
	}
	if rel := d["relatedInformation"].([]any); len(rel) != 1 || rel[0].(rpcMsg)["location"].(rpcMsg)["uri"] != users {
		t.Errorf("relatedInformation: %v", d["relatedInformation"])
	}

	// Hover: on the finding, the rule's doc; on a role key, what it grants.
	h := c.request("textDocument/hover", rpcMsg{"textDocument": rpcMsg{"uri": users}, "position": rpcMsg{"line": wl, "character": wc + 2}})
	if v := h["result"].(rpcMsg)["contents"].(rpcMsg)["value"].(string); !strings.Contains(v, "tenant/duplicate-role") || !strings.Contains(v, "## Why") && !strings.Contains(v, "Why") {
		t.Errorf("hover on a finding: %q", v)
	}
	adminAt := strings.Index(typed, `"user.admin"`) + 3
	hl, hc := utf16Col(typed, adminAt)
	h = c.request("textDocument/hover", rpcMsg{"textDocument": rpcMsg{"uri": users}, "position": rpcMsg{"line": hl, "character": hc}})
	if v := h["result"].(rpcMsg)["contents"].(rpcMsg)["value"].(string); !strings.Contains(v, "manage-users") {
		t.Errorf("hover on user.admin: %q", v)
	}

	// The ignore action writes .rbaclint.yaml with a reason to fill in; once
	// the file is there, the finding is hidden.
	changes := ignore["edit"].(rpcMsg)["documentChanges"].([]any)
	if len(changes) != 2 || changes[0].(rpcMsg)["kind"] != "create" {
		t.Fatalf("ignore action: %v", changes)
	}
	cfg := applyEdits(t, "", changes[1].(rpcMsg)["edits"].([]any))
	if !strings.Contains(cfg, "rule: tenant/supervisor-levels-exclusive") || !strings.Contains(cfg, `reason: "TODO`) {
		t.Errorf("ignore entry:\n%s", cfg)
	}
	// Ignore the duplicate role the same way (its finding is on the buffer now).
	actions = c.request("textDocument/codeAction", rpcMsg{
		"textDocument": rpcMsg{"uri": users}, "range": d["range"], "context": rpcMsg{"diagnostics": []any{d}},
	})["result"].([]any)
	for _, a := range actions {
		if a := a.(rpcMsg); strings.HasPrefix(a["title"].(string), "Ignore tenant/duplicate-role") {
			cfg = applyEdits(t, "", a["edit"].(rpcMsg)["documentChanges"].([]any)[1].(rpcMsg)["edits"].([]any))
		}
	}
	cfgPath := filepath.Join(root, ".rbaclint.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", rpcMsg{"changes": []any{rpcMsg{"uri": fileURI(cfgPath), "type": 1}}})
	c.diagnostics(users, withoutCode("tenant/duplicate-role"))

	// A set-level rule ties files: renaming a role's refURL in the open
	// roles.xml buffer puts a finding on administrators.xml, which is not open.
	rolesPath := filepath.Join(root, "roles.xml")
	roles, _ := os.ReadFile(rolesPath)
	edited := strings.Replace(string(roles), "/unifiedconfig/config/role/5012", "/unifiedconfig/config/role/5999", 1)
	c.notify("textDocument/didOpen", rpcMsg{"textDocument": rpcMsg{"uri": fileURI(rolesPath), "languageId": "xml", "version": 1, "text": edited}})
	c.diagnostics(fileURI(filepath.Join(root, "administrators.xml")), withCode("pcce/role-reference-unknown"))

	// Broken buffers: a finding, never a crash or a hang.
	for i, broken := range []string{`{"data": [{"roles": ["customer.user"`, "\x00\xff\xfe garbage", ""} {
		c.notify("textDocument/didChange", rpcMsg{"textDocument": rpcMsg{"uri": users, "version": 10 + i}, "contentChanges": []any{rpcMsg{"text": broken}}})
		if i == 0 {
			c.diagnostics(users, withCode("syntax"))
		}
	}
	// An edit whose range lies past the end of the buffer is clamped.
	c.notify("textDocument/didChange", rpcMsg{"textDocument": rpcMsg{"uri": users, "version": 20}, "contentChanges": []any{
		rpcMsg{"range": rpcMsg{"start": rpcMsg{"line": 99, "character": 5}, "end": rpcMsg{"line": 120, "character": 0}}, "text": lspUsers},
	}})
	c.diagnostics(users, withoutCode("syntax"))
	if m := c.request("no/suchMethod", rpcMsg{}); m["error"].(rpcMsg)["code"].(float64) != -32601 {
		t.Errorf("unknown method: %v", m)
	}

	if m := c.request("shutdown", nil); m["error"] != nil || m["result"] != nil {
		t.Errorf("shutdown: %v", m)
	}
	if m := c.request("textDocument/hover", rpcMsg{}); m["error"] == nil {
		t.Errorf("a request after shutdown was answered: %v", m)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop on exit")
	}
}

// TestLSPEncodingAndExit: a client that prefers UTF-8 gets UTF-8 columns
// (bytes), and exit without shutdown is the error the process exits 1 on.
func TestLSPEncodingAndExit(t *testing.T) {
	root := t.TempDir()
	usersPath := filepath.Join(root, "users.json")
	if err := os.WriteFile(usersPath, []byte(lspUsers), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startLSP(t)
	init := c.request("initialize", rpcMsg{"rootUri": fileURI(root), "capabilities": rpcMsg{"general": rpcMsg{"positionEncodings": []string{"utf-8", "utf-16"}}}})
	if enc := init["result"].(rpcMsg)["capabilities"].(rpcMsg)["positionEncoding"]; enc != "utf-8" {
		t.Fatalf("positionEncoding %v, want utf-8", enc)
	}
	c.notify("initialized", rpcMsg{})
	c.notify("textDocument/didOpen", rpcMsg{"textDocument": rpcMsg{"uri": fileURI(usersPath), "version": 1, "text": lspUsers}})
	d := findDiag(c.diagnostics(fileURI(usersPath), withCode("tenant/supervisor-levels-exclusive")), "tenant/supervisor-levels-exclusive")
	off := strings.Index(lspUsers, `"customer.user.supervisorl1"`)
	if _, col, _, _ := rangeAt(d); col != off-strings.LastIndex(lspUsers[:off], "\n")-1 {
		t.Errorf("UTF-8 column %d, want the byte count %d", col, off-strings.LastIndex(lspUsers[:off], "\n")-1)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != lsp.ErrExitWithoutShutdown {
		t.Errorf("exit without shutdown: %v", err)
	}
}
