// Package archtest enforces the layering rules of CONTRIBUTING.md: protocol
// and state-machine packages do no I/O and read no clock or randomness
// directly, so they replay byte for byte in tests.
package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pure lists the sans-IO packages (directories relative to the module root).
// A directory ending in "/..." includes its subdirectories.
var pure = []string{
	"internal/rdp/wire",
	"internal/rdp/input",
	"internal/rdp/per",
	"internal/rdp/ber",
	"internal/rdp/x224",
	"internal/rdp/frame",
	"internal/rdp/mcs",
	"internal/rdp/gcc",
	"internal/rdp/sec",
	"internal/rdp/stdsec",
	"internal/rdp/caps",
	"internal/rdp/pdu",
	"internal/rdp/fastpath",
	"internal/rdp/svc",
	"internal/rdp/dvc",
	"internal/rdp/codec/...",
	"internal/rdp/acceptor",
	"internal/rdp/session",
	"internal/rdp/order",
	"internal/rdp/encoder",
	"internal/shadow",
	"internal/invite",
	"internal/registry",
	"internal/ctlchan",
	"internal/sharectl",
	"internal/rdp/encomsp",
	"internal/rdp/pointer",
	"internal/rdp/bulk",
}

var bannedImports = map[string]bool{
	"net": true, "net/http": true, "os": true, "os/exec": true, "os/signal": true,
	"syscall": true, "log": true, "log/slog": true, "crypto/rand": true,
	"math/rand": true, "math/rand/v2": true, "go.uber.org/zap": true,
}

var bannedCalls = map[string]bool{
	"time.Now": true, "time.Since": true, "time.Until": true, "time.Sleep": true,
	"time.After": true, "time.AfterFunc": true, "time.NewTimer": true, "time.NewTicker": true, "time.Tick": true,
}

func TestPurePackagesDoNoIO(t *testing.T) {
	root := moduleRoot(t)
	for _, p := range pure {
		recursive := strings.HasSuffix(p, "/...")
		dir := filepath.Join(root, strings.TrimSuffix(p, "/..."))
		if _, err := os.Stat(dir); err != nil {
			continue // not written yet
		}
		walk := func(d string) {
			entries, err := os.ReadDir(d)
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for _, e := range entries {
				name := e.Name()
				if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
					continue
				}
				files = append(files, filepath.Join(d, name))
			}
			checkPackage(t, files)
		}
		if !recursive {
			walk(dir)
			continue
		}
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() != "testdata" {
				walk(path)
			}
			return nil
		})
	}
}

// checkPackage checks one package's non-test files: banned imports and
// calls, init functions, and package-level variables that anything assigns
// to (read-only lookup tables are fine; state is not).
func checkPackage(t *testing.T, paths []string) {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, path := range paths {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	vars := map[string]token.Pos{}
	for i, f := range files {
		timeName := ""
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			if bannedImports[ip] {
				t.Errorf("%s imports %q: protocol packages do no I/O, logging or randomness", rel(paths[i]), ip)
			}
			if ip == "time" {
				timeName = "time"
				if imp.Name != nil {
					timeName = imp.Name.Name
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || timeName == "" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == timeName && bannedCalls["time."+sel.Sel.Name] {
				t.Errorf("%s: uses time.%s: pass time in as a value", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
		for _, decl := range f.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, spec := range gd.Specs {
					for _, name := range spec.(*ast.ValueSpec).Names {
						if name.Name != "_" {
							vars[name.Name] = name.Pos()
						}
					}
				}
			}
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				t.Errorf("%s: init function: wire dependencies explicitly", fset.Position(fd.Pos()))
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			var targets []ast.Expr
			switch s := n.(type) {
			case *ast.AssignStmt:
				if s.Tok != token.DEFINE {
					targets = s.Lhs
				}
			case *ast.IncDecStmt:
				targets = []ast.Expr{s.X}
			case *ast.UnaryExpr:
				if s.Op == token.AND {
					targets = []ast.Expr{s.X}
				}
			}
			for _, e := range targets {
				if id := rootIdent(e); id != nil {
					if _, ok := vars[id.Name]; ok {
						t.Errorf("%s: package-level var %s is modified: no mutable package state", fset.Position(e.Pos()), id.Name)
					}
				}
			}
			return true
		})
	}
}

// rootIdent returns the variable an lvalue expression ultimately names
// (x in x, x[i], x.f, x[i].f).
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch v := e.(type) {
		case *ast.Ident:
			return v
		case *ast.IndexExpr:
			e = v.X
		case *ast.SelectorExpr:
			e = v.X
		case *ast.ParenExpr:
			e = v.X
		case *ast.StarExpr:
			e = v.X
		default:
			return nil
		}
	}
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

func rel(path string) string {
	if i := strings.Index(path, "internal/"); i >= 0 {
		return path[i:]
	}
	return path
}
