package engine

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// rbaclint never touches the network and runs no program but git, and git
// only from internal/gitrev, to read revisions for diff and --new-from-rev
// (issue 14). These tests make that a property of the code, not a promise:
// a new import that could dial or run programs fails them.

// execPackage is the one package that may import os/exec; its own test
// checks that git is the only program it runs and that it never fetches.
const execPackage = "github.com/rbaclint/rbaclint/internal/gitrev"

// forbiddenImports may not be imported by any non-test file of the module.
var forbiddenImports = []string{"net", "net/http", "net/rpc", "crypto/tls", "os/exec"}

func forbidden(path string) bool {
	for _, f := range forbiddenImports {
		if path == f {
			return true
		}
	}
	return strings.HasPrefix(path, "net/http/") || strings.HasPrefix(path, "net/rpc/") ||
		strings.HasPrefix(path, "golang.org/x/net/")
}

// TestNoNetworkImportsInSource parses every non-test .go file of the module
// (imports only) and fails on an import of a package that dials or runs
// programs.
func TestNoNetworkImportsInSource(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "node_modules":
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		if ignoredProgram(f) {
			return nil // a bench/ tool run with go build file.go, never part of rbaclint
		}
		files++
		inExecPackage := filepath.ToSlash(filepath.Dir(p)) == "../../internal/gitrev"
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path == "os/exec" && inExecPackage {
				continue
			}
			if forbidden(path) {
				t.Errorf("%s imports %q: rbaclint must never touch the network or run programs", fset.Position(imp.Pos()), path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("only %d Go files found under %s", files, root)
	}
}

// ignoredProgram reports whether f is built only when named on the command
// line (//go:build ignore), like bench/measure.go, which runs programs.
func ignoredProgram(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if strings.TrimSpace(c.Text) == "//go:build ignore" {
				return true
			}
		}
	}
	return false
}

// netImporters are the only packages linked into the binary that may import
// "net": the standard library's net/mail and net/textproto (parsers), and
// the JSON Schema validator, which uses net.ParseIP for its "ipv4"/"ipv6"
// format checkers. A new importer of net is a new possible dialer.
var netImporters = map[string]bool{
	"net/mail":      true,
	"net/textproto": true,
	"github.com/santhosh-tekuri/jsonschema/v5": true,
}

// TestNoDialersLinked lists the packages linked into cmd/rbaclint and fails
// if one can dial (net/http and below, net/rpc, crypto/tls, golang.org/x/net)
// or if "net" is imported by anything but netImporters.
func TestNoDialersLinked(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}\t{{join .Imports \" \"}}", "./cmd/rbaclint")
	cmd.Dir = filepath.Join("..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var importersOfNet []string
	linked := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, "\t")
		linked[pkg] = true
		// The standard library vendors golang.org/x/net under vendor/; only
		// its DNS message parser (used by net's resolver) may be linked.
		std := strings.TrimPrefix(pkg, "vendor/")
		if pkg == "vendor/golang.org/x/net/dns/dnsmessage" {
			std = ""
		}
		if std == "net/http" || strings.HasPrefix(std, "net/http/") || std == "net/rpc" || strings.HasPrefix(std, "net/rpc/") ||
			std == "crypto/tls" || strings.HasPrefix(std, "golang.org/x/net/") {
			t.Errorf("%s is linked into rbaclint: it can dial or run programs; find who imports it with: go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./cmd/rbaclint", pkg)
		}
		for _, imp := range strings.Fields(imports) {
			if imp == "net" {
				importersOfNet = append(importersOfNet, pkg)
			}
			if imp == "os/exec" && pkg != execPackage {
				t.Errorf("%s imports os/exec: only %s may run a program (git)", pkg, execPackage)
			}
		}
	}
	if len(linked) < 20 {
		t.Fatalf("go list listed only %d packages:\n%s", len(linked), out)
	}
	sort.Strings(importersOfNet)
	for _, p := range importersOfNet {
		if !netImporters[p] {
			t.Errorf("%s imports \"net\": a new possible dialer in the binary (allowed importers: net/mail, net/textproto, the JSON Schema validator)", p)
		}
	}
	// Keep the allow-list no wider than needed.
	for p := range netImporters {
		if !linked[p] {
			t.Errorf("%s is allowed to import net but is no longer linked: remove it from netImporters", p)
		}
	}
}
