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
	"internal/rdp/encoder",
	"internal/shadow",
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
			for _, e := range entries {
				name := e.Name()
				if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
					continue
				}
				checkFile(t, filepath.Join(d, name))
			}
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

func checkFile(t *testing.T, path string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	timeName := ""
	for _, imp := range f.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		if bannedImports[ip] {
			t.Errorf("%s imports %q: protocol packages do no I/O, logging or randomness", rel(path), ip)
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
		gd, ok := decl.(*ast.GenDecl)
		if ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					if name.Name != "_" && !strings.HasPrefix(name.Name, "Err") && !strings.HasPrefix(name.Name, "err") {
						t.Errorf("%s: package-level var %s: no mutable package state (sentinel errors only)", fset.Position(name.Pos()), name.Name)
					}
				}
			}
		}
		if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
			t.Errorf("%s: init function: wire dependencies explicitly", fset.Position(fd.Pos()))
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
