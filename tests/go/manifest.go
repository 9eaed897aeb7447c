package main

// `harness manifest`: reflection dump of every registered type and of every
// named type reachable from it through fields, embedded structs, pointers,
// slices, arrays and maps.

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"runtime/debug"
	"sort"

	"github.com/tinylib/msgp/msgp"
)

// aisVersion: the AIStore module this binary was built against (go.mod, or -modfile).
func aisVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == aisModule {
				return dep.Version
			}
		}
	}
	return "unknown"
}

type fieldInfo struct {
	Name     string  `json:"name"`
	Type     string  `json:"type"` // as reflect prints it
	Kind     string  `json:"kind"`
	JSON     *string `json:"json"` // raw value of the json tag; null when absent
	Msg      *string `json:"msg"`  // raw value of the msg tag; null when absent
	Tag      string  `json:"tag"`  // the whole struct tag
	Embedded bool    `json:"embedded"`
	// unexported fields never reach JSON, but AIStore's msgp code (generated
	// with -unexported) encodes them unless tagged msg:"-": e.g. meta.NetInfo
	// "tcpEndpoint" and meta.Snode "name"
	Exported bool `json:"exported"`
}

type typeInfo struct {
	Name   string `json:"name"`
	Pkg    string `json:"pkg"`
	Kind   string `json:"kind"`
	Opaque bool   `json:"opaque,omitempty"` // implements json.Marshaler: fields not walked

	Fields     []fieldInfo `json:"fields,omitempty"`     // structs: exported fields, declaration order
	Underlying string      `json:"underlying,omitempty"` // named non-struct types
	Key        string      `json:"key,omitempty"`        // maps
	Elem       string      `json:"elem,omitempty"`       // maps, slices, arrays, pointers
	Impls      []string    `json:"implementations,omitempty"`

	JSONMarshaler   bool `json:"json_marshaler"`
	JSONUnmarshaler bool `json:"json_unmarshaler"`
	MsgpEncodable   bool `json:"msgp_encodable"`   // EncodeMsg(*msgp.Writer)
	MsgpDecodable   bool `json:"msgp_decodable"`   // DecodeMsg(*msgp.Reader)
	MsgpMarshaler   bool `json:"msgp_marshaler"`   // MarshalMsg([]byte)
	MsgpUnmarshaler bool `json:"msgp_unmarshaler"` // UnmarshalMsg([]byte)
}

type manifest struct {
	AIStore       string              `json:"aistore_version"`
	Messages      map[string]string   `json:"messages"`
	NoCounterpart map[string]string   `json:"no_counterpart"`
	ActionValues  map[string]string   `json:"action_values"` // action -> Go type of its value
	Types         map[string]typeInfo `json:"types"`
}

var (
	tJSONMarshaler   = typeOf[json.Marshaler]()
	tJSONUnmarshaler = typeOf[json.Unmarshaler]()
	tMsgpEncodable   = typeOf[msgp.Encodable]()
	tMsgpDecodable   = typeOf[msgp.Decodable]()
	tMsgpMarshaler   = typeOf[msgp.Marshaler]()
	tMsgpUnmarshaler = typeOf[msgp.Unmarshaler]()
)

// qualified Go name, e.g. "core.Snap"
func qname(t reflect.Type) string { return t.String() }

func isNamed(t reflect.Type) bool { return t.Name() != "" && t.PkgPath() != "" }

// implements checks the pointer's method set (it includes the value's).
func implements(t, iface reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return false
	}
	return reflect.PointerTo(t).Implements(iface)
}

type walker struct {
	types map[string]typeInfo
	pkgs  map[string]string // qname -> pkg path (collision check)
}

func (w *walker) visit(t reflect.Type) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if !isNamed(t) {
			w.visit(t.Elem())
			return
		}
	case reflect.Map:
		if !isNamed(t) {
			w.visit(t.Key())
			w.visit(t.Elem())
			return
		}
	}
	if !isNamed(t) {
		return // builtin or unnamed (e.g. `any`)
	}
	name := qname(t)
	if pkg, ok := w.pkgs[name]; ok {
		if pkg != t.PkgPath() {
			panic(fmt.Sprintf("qualified name collision: %s in %s and %s", name, pkg, t.PkgPath()))
		}
		return
	}
	w.pkgs[name] = t.PkgPath()
	w.types[name] = w.describe(t)
}

func (w *walker) describe(t reflect.Type) typeInfo {
	ti := typeInfo{
		Name:            t.Name(),
		Pkg:             t.PkgPath(),
		Kind:            t.Kind().String(),
		JSONMarshaler:   implements(t, tJSONMarshaler),
		JSONUnmarshaler: implements(t, tJSONUnmarshaler),
		MsgpEncodable:   implements(t, tMsgpEncodable),
		MsgpDecodable:   implements(t, tMsgpDecodable),
		MsgpMarshaler:   implements(t, tMsgpMarshaler),
		MsgpUnmarshaler: implements(t, tMsgpUnmarshaler),
	}
	switch t.Kind() {
	case reflect.Struct:
		if ti.JSONMarshaler {
			ti.Opaque = true // e.g. time.Time, resource.Quantity
			return ti
		}
		ti.Fields = []fieldInfo{}
		for i := range t.NumField() {
			f := t.Field(i)
			ti.Fields = append(ti.Fields, fieldInfo{
				Name:     f.Name,
				Type:     f.Type.String(),
				Kind:     f.Type.Kind().String(),
				JSON:     lookupTag(f.Tag, "json"),
				Msg:      lookupTag(f.Tag, "msg"),
				Tag:      string(f.Tag),
				Embedded: f.Anonymous,
				Exported: f.IsExported(),
			})
			if f.IsExported() && !neverOnWire(f.Tag) || !f.IsExported() && ti.MsgpEncodable && f.Tag.Get("msg") != "-" {
				w.visit(f.Type)
			}
		}
	case reflect.Map:
		ti.Underlying = reflect.MapOf(t.Key(), t.Elem()).String()
		ti.Key, ti.Elem = t.Key().String(), t.Elem().String()
		w.visit(t.Key())
		w.visit(t.Elem())
	case reflect.Slice:
		ti.Underlying = reflect.SliceOf(t.Elem()).String()
		ti.Elem = t.Elem().String()
		w.visit(t.Elem())
	case reflect.Array:
		ti.Underlying = reflect.ArrayOf(t.Len(), t.Elem()).String()
		ti.Elem = t.Elem().String()
		w.visit(t.Elem())
	case reflect.Pointer:
		ti.Underlying = reflect.PointerTo(t.Elem()).String()
		ti.Elem = t.Elem().String()
		w.visit(t.Elem())
	case reflect.Interface:
		ti.Underlying = "interface"
		for _, impl := range interfaceImpls[t] {
			ti.Impls = append(ti.Impls, qname(impl))
			w.visit(impl)
		}
	default:
		ti.Underlying = t.Kind().String() // e.g. cos.Duration -> int64
	}
	return ti
}

// neverOnWire: json:"-" and no msgp name (e.g. cmn.Bck.Props, meta.Snode.LocalNet);
// such fields are listed but their types are not walked.
func neverOnWire(tag reflect.StructTag) bool {
	j, m := tag.Get("json"), tag.Get("msg")
	return j == "-" && (m == "" || m == "-")
}

func lookupTag(tag reflect.StructTag, key string) *string {
	if v, ok := tag.Lookup(key); ok {
		return &v
	}
	return nil
}

func buildManifest() manifest {
	w := &walker{types: map[string]typeInfo{}, pkgs: map[string]string{}}
	m := manifest{
		AIStore:       aisVersion(),
		Messages:      map[string]string{},
		NoCounterpart: noCounterpart,
		ActionValues:  map[string]string{},
	}
	for action, t := range actionValues {
		m.ActionValues[action] = qname(t)
	}
	for _, msg := range messages {
		m.Messages[msg.Name] = qname(msg.Type)
		w.visit(msg.Type)
	}
	m.Types = w.types
	return m
}

func runManifest(out io.Writer) error {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(buildManifest()) // encoding/json sorts map keys
}

// sortedKeys is used by several subcommands.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
