package main

// `harness describe TYPE...`: the wire facts of Go types read from source (go/packages,
// go/types, the syntax for comments), for `python -m aistore_models_gen import-go` and
// `drift`. Unlike `manifest` it needs no registry: any type of any package the module
// reaches can be named, as pkg.Type (a package of github.com/NVIDIA/aistore) or as a full
// import path. The AIStore version is the one go.mod (or `-modfile FILE`) resolves; it
// should be the one the binary was built with, so that both read the same source.

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

const aisModule = "github.com/NVIDIA/aistore"

// goType is a type expression: named types by qualified name, the rest structurally.
type goType struct {
	Kind string  `json:"kind"`           // named, basic, pointer, slice, array, map, interface
	Name string  `json:"name,omitempty"` // named: "cmn.Bck"; basic: "int64" (int is int64)
	Elem *goType `json:"elem,omitempty"`
	Key  *goType `json:"key,omitempty"`
	Len  int64   `json:"len,omitempty"`
}

type goField struct {
	Name     string  `json:"name"`
	Type     goType  `json:"type"`
	JSON     *string `json:"json"` // raw json tag; null when absent
	Msg      *string `json:"msg"`  // raw msg tag; null when absent
	Embedded bool    `json:"embedded"`
	Exported bool    `json:"exported"`
	Doc      string  `json:"doc,omitempty"`
	Line     int     `json:"line"`
}

type goConst struct {
	Name  string `json:"name"`
	Value any    `json:"value"` // int64 or string
	Doc   string `json:"doc,omitempty"`
}

type goDecl struct {
	Name       string    `json:"name"`
	Pkg        string    `json:"pkg"`
	File       string    `json:"file"` // within the module, e.g. "api/apc/actmsg.go"
	Line       int       `json:"line"`
	Doc        string    `json:"doc,omitempty"`
	Kind       string    `json:"kind"`                 // struct, basic, map, slice, array, pointer, interface
	Fields     []goField `json:"fields,omitempty"`     // structs, declaration order
	Underlying *goType   `json:"underlying,omitempty"` // named non-struct types
	Consts     []goConst `json:"consts,omitempty"`     // typed constants of the type, in source order
	Impls      []string  `json:"implementations,omitempty"`

	JSONMarshaler bool `json:"json_marshaler"` // its own MarshalJSON: fields not walked
	Msgp          bool `json:"msgp"`           // EncodeMsg/DecodeMsg (tinylib/msgp)
}

type description struct {
	Module    string            `json:"module"`
	Version   string            `json:"version"`
	Requested map[string]string `json:"requested"` // as asked -> qualified name
	Types     map[string]goDecl `json:"types"`
}

type reader struct {
	pkgs  map[string]*packages.Package // by import path, with syntax
	docs  map[token.Pos]string         // doc comment of each declared name
	fset  *token.FileSet
	types map[string]goDecl
	seen  map[string]string // qualified name -> import path (collision check)
	roots map[string]string // module path -> its directory
	flags []string          // go build flags (-modfile)
}

func runDescribe(out io.Writer, args []string) error {
	var flags []string
	if len(args) > 1 && args[0] == "-modfile" {
		flags, args = []string{"-modfile=" + args[1]}, args[2:]
	}
	if len(args) == 0 {
		return fmt.Errorf("describe: name at least one type")
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedModule | packages.NeedImports |
		packages.NeedDeps, BuildFlags: flags}
	all, err := packages.Load(cfg, aisModule+"/...")
	if err != nil {
		return err
	}
	// Short package names: the module's own first, then those of its dependencies (v1 is
	// k8s.io/api/core/v1 to AIStore's code).
	byName, depsByName := map[string][]string{}, map[string][]string{}
	version := ""
	for _, p := range all {
		byName[p.Name] = append(byName[p.Name], p.PkgPath)
		if p.Module != nil && p.Module.Path == aisModule {
			version = p.Module.Version
		}
	}
	packages.Visit(all, nil, func(p *packages.Package) {
		if !strings.HasPrefix(p.PkgPath, aisModule+"/") && !slices.Contains(depsByName[p.Name], p.PkgPath) {
			depsByName[p.Name] = append(depsByName[p.Name], p.PkgPath)
		}
	})
	want := map[string][2]string{} // as asked -> (import path, type name)
	ambiguous := map[string][]string{}
	var paths []string
	for _, name := range args {
		dot := strings.LastIndex(name, ".")
		if dot <= 0 || dot == len(name)-1 {
			return fmt.Errorf("%q: name a type as pkg.Type (apc.MossReq) or import/path.Type", name)
		}
		pkg, typ := name[:dot], name[dot+1:]
		if !strings.Contains(pkg, "/") {
			found := byName[pkg]
			if len(found) == 0 {
				found = depsByName[pkg]
			}
			if len(found) > 1 {
				ambiguous[name] = found // fine if the walk reaches it (v1.EnvVar from etl)
				continue
			}
			if len(found) == 0 {
				return fmt.Errorf("%q: no package named %s in %s or what it imports", name, pkg, aisModule)
			}
			pkg = found[0]
		}
		want[name] = [2]string{pkg, typ}
		paths = append(paths, pkg)
	}
	r := &reader{docs: map[token.Pos]string{}, types: map[string]goDecl{}, seen: map[string]string{},
		roots: map[string]string{}, flags: flags}
	if err := r.load(paths); err != nil {
		return err
	}
	desc := description{Module: aisModule, Version: version, Requested: map[string]string{}}
	var todo []*types.Named
	for _, name := range sortedKeys(want) {
		pt := want[name]
		obj := r.pkgs[pt[0]].Types.Scope().Lookup(pt[1])
		tn, ok := obj.(*types.TypeName)
		if !ok {
			return fmt.Errorf("%q: package %s has no type %s", name, pt[0], pt[1])
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			return fmt.Errorf("%q: %s is an alias, name the type it stands for", name, pt[1])
		}
		desc.Requested[name] = qualified(named)
		todo = append(todo, named)
	}
	// Walk what the types reach; packages met on the way are loaded for their comments.
	for len(todo) > 0 {
		var next []*types.Named
		var missing []string
		for _, named := range todo {
			path := named.Obj().Pkg().Path()
			if r.pkgs[path] == nil {
				missing = append(missing, path)
				next = append(next, named)
				continue
			}
			next = append(next, r.visit(named)...)
		}
		if len(missing) > 0 {
			if err := r.load(missing); err != nil {
				return err
			}
		}
		todo = next
	}
	for name, found := range ambiguous {
		if _, ok := r.types[name]; !ok {
			return fmt.Errorf("%q: %d packages are named %s %v; give the import path",
				name, len(found), name[:strings.LastIndex(name, ".")], found)
		}
		desc.Requested[name] = name
	}
	desc.Types = r.types
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(desc)
}

func (r *reader) load(paths []string) error {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax |
		packages.NeedTypesInfo | packages.NeedModule | packages.NeedFiles, Fset: r.fset,
		BuildFlags: r.flags}
	if r.fset == nil {
		r.fset = token.NewFileSet()
		cfg.Fset = r.fset
	}
	loaded, err := packages.Load(cfg, paths...)
	if err != nil {
		return err
	}
	if r.pkgs == nil {
		r.pkgs = map[string]*packages.Package{}
	}
	for _, p := range loaded {
		if len(p.Errors) > 0 {
			return fmt.Errorf("loading %s: %v", p.PkgPath, p.Errors[0])
		}
		r.pkgs[p.PkgPath] = p
		if p.Module != nil {
			r.roots[p.Module.Path] = p.Module.Dir
		}
		for _, file := range p.Syntax {
			r.collectDocs(file)
		}
	}
	return nil
}

// collectDocs remembers the comment of every type, field and constant by its name's position.
func (r *reader) collectDocs(file *ast.File) {
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GenDecl:
			for _, spec := range n.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					r.docs[s.Name.Pos()] = commentText(s.Doc, s.Comment, n.Doc, len(n.Specs) == 1)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						r.docs[id.Pos()] = commentText(s.Doc, s.Comment, n.Doc, len(n.Specs) == 1)
					}
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				text := commentText(f.Doc, f.Comment, nil, false)
				for _, id := range f.Names {
					r.docs[id.Pos()] = text
				}
				if len(f.Names) == 0 { // embedded: the position of the type's name
					r.docs[embeddedPos(f.Type)] = text
				}
			}
		}
		return true
	})
}

func embeddedPos(e ast.Expr) token.Pos {
	switch t := e.(type) {
	case *ast.StarExpr:
		return embeddedPos(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Pos()
	case *ast.IndexExpr:
		return embeddedPos(t.X)
	}
	return e.Pos()
}

// commentText: the doc comment, else the line comment, else (for a lone spec) the decl's doc.
func commentText(doc, line, decl *ast.CommentGroup, lone bool) string {
	for _, g := range []*ast.CommentGroup{doc, line} {
		if g != nil {
			return strings.TrimSpace(g.Text())
		}
	}
	if lone && decl != nil {
		return strings.TrimSpace(decl.Text())
	}
	return ""
}

func qualified(n *types.Named) string {
	return n.Obj().Pkg().Name() + "." + n.Obj().Name()
}

func (r *reader) position(pos token.Pos) (string, int) {
	p := r.fset.Position(pos)
	file := p.Filename
	for _, dir := range r.roots {
		if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel), p.Line
		}
	}
	return filepath.Base(file), p.Line
}

// visit describes one named type and returns the named types it reaches.
func (r *reader) visit(named *types.Named) []*types.Named {
	name := qualified(named)
	path := named.Obj().Pkg().Path()
	if prev, ok := r.seen[name]; ok {
		if prev != path {
			panic(fmt.Sprintf("qualified name collision: %s in %s and %s", name, prev, path))
		}
		return nil
	}
	r.seen[name] = path
	file, line := r.position(named.Obj().Pos())
	d := goDecl{
		Name: named.Obj().Name(), Pkg: path, File: file, Line: line,
		Doc:           r.docs[named.Obj().Pos()],
		JSONMarshaler: hasMethod(named, "MarshalJSON"),
		Msgp:          hasMethod(named, "EncodeMsg") && hasMethod(named, "DecodeMsg"),
	}
	var reached []*types.Named
	reach := func(t types.Type) *goType {
		expr, more := r.expr(t)
		reached = append(reached, more...)
		return expr
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		d.Kind = "struct"
		if d.JSONMarshaler {
			break // e.g. time.Time, resource.Quantity: the wire form is its own
		}
		d.Fields = []goField{}
		for i := range u.NumFields() {
			f := u.Field(i)
			tag := reflect.StructTag(u.Tag(i))
			_, fline := r.position(f.Pos())
			gf := goField{
				Name: f.Name(), JSON: lookupTag(tag, "json"), Msg: lookupTag(tag, "msg"),
				Embedded: f.Embedded(), Exported: f.Exported(), Doc: r.docs[f.Pos()], Line: fline,
			}
			// encoding/json promotes the exported fields of an embedded unexported struct
			// (dsort's phaseBase); msgp -unexported encodes unexported fields
			promoted := f.Embedded() && !f.Exported() && isStruct(f.Type()) && tag.Get("json") != "-"
			onWire := f.Exported() && !neverOnWire(tag) || promoted ||
				!f.Exported() && d.Msgp && tag.Get("msg") != "-"
			if onWire {
				gf.Type = *reach(f.Type())
			} else {
				expr, _ := r.expr(f.Type())
				gf.Type = *expr
			}
			d.Fields = append(d.Fields, gf)
		}
	case *types.Interface:
		d.Kind = "interface"
		d.Impls, reached = r.implementations(named, u)
	default:
		d.Kind = kindOf(u)
		d.Underlying = reach(u)
		d.Consts = r.consts(named)
	}
	r.types[name] = d
	return reached
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

func hasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

func kindOf(t types.Type) string {
	switch t.(type) {
	case *types.Basic:
		return "basic"
	case *types.Map:
		return "map"
	case *types.Slice:
		return "slice"
	case *types.Array:
		return "array"
	case *types.Pointer:
		return "pointer"
	}
	return "other"
}

// expr: the type expression of t, and the named types in it (to describe in turn).
func (r *reader) expr(t types.Type) (*goType, []*types.Named) {
	switch t := t.(type) {
	case *types.Named:
		return &goType{Kind: "named", Name: qualified(t)}, []*types.Named{t}
	case *types.Alias:
		return r.expr(types.Unalias(t))
	case *types.Basic:
		name := t.Name()
		switch name { // AIStore runs on 64-bit platforms only
		case "int":
			name = "int64"
		case "uint":
			name = "uint64"
		case "byte":
			name = "uint8"
		}
		return &goType{Kind: "basic", Name: name}, nil
	case *types.Pointer:
		elem, more := r.expr(t.Elem())
		return &goType{Kind: "pointer", Elem: elem}, more
	case *types.Slice:
		elem, more := r.expr(t.Elem())
		return &goType{Kind: "slice", Elem: elem}, more
	case *types.Array:
		elem, more := r.expr(t.Elem())
		return &goType{Kind: "array", Elem: elem, Len: t.Len()}, more
	case *types.Map:
		key, k := r.expr(t.Key())
		elem, e := r.expr(t.Elem())
		return &goType{Kind: "map", Key: key, Elem: elem}, append(k, e...)
	case *types.Interface:
		return &goType{Kind: "interface"}, nil
	}
	return &goType{Kind: "other", Name: t.String()}, nil
}

// consts: the package's constants of exactly this type, in source order (an enum's members).
func (r *reader) consts(named *types.Named) []goConst {
	scope := named.Obj().Pkg().Scope()
	var out []goConst
	var pos []token.Pos
	for _, n := range scope.Names() {
		c, ok := scope.Lookup(n).(*types.Const)
		if !ok || !types.Identical(c.Type(), named) {
			continue
		}
		gc := goConst{Name: c.Name(), Doc: r.docs[c.Pos()]}
		switch c.Val().Kind() {
		case constant.Int:
			v, exact := constant.Int64Val(c.Val())
			if !exact {
				continue
			}
			gc.Value = v
		case constant.String:
			gc.Value = constant.StringVal(c.Val())
		default:
			continue
		}
		out = append(out, gc)
		pos = append(pos, c.Pos())
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return pos[idx[a]] < pos[idx[b]] })
	sorted := make([]goConst, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// implementations: the struct types of the interface's own package that implement it
// (through a pointer, as AIStore stores them).
func (r *reader) implementations(named *types.Named, iface *types.Interface) ([]string, []*types.Named) {
	if iface.Empty() {
		return nil, nil
	}
	scope := named.Obj().Pkg().Scope()
	var names []string
	var reached []*types.Named
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || !tn.Exported() {
			continue
		}
		impl, ok := tn.Type().(*types.Named)
		if !ok || impl == named {
			continue
		}
		if _, isStruct := impl.Underlying().(*types.Struct); !isStruct {
			continue
		}
		if types.Implements(types.NewPointer(impl), iface) {
			names = append(names, qualified(impl))
			reached = append(reached, impl)
		}
	}
	return names, reached
}
