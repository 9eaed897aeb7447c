package main

// `harness fuzz SEED COUNT [MESSAGE...]`: COUNT values per message (every registered
// message when none is named), each filled by reflection from the real Go type with
// values drawn from edge pools per kind, then written the way AIStore writes it.
// One JSON line per value and encoding:
//   {"message", "encoding", "index", "data": base64 (AIStore's encoding of the value),
//    "echo": base64 (AIStore's decode + re-encode of data) | "echo_error": "..."}
// Value i of message M depends only on (SEED, M, i): `harness fuzz SEED i+1 M` replays it.

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"time"
	"unsafe"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn/cos"
	"k8s.io/apimachinery/pkg/api/resource"
)

type fuzzLine struct {
	Message   string `json:"message"`
	Encoding  string `json:"encoding"`
	Index     int    `json:"index"`
	Data      []byte `json:"data"`
	Echo      []byte `json:"echo,omitempty"`
	EchoError string `json:"echo_error,omitempty"`
}

func runFuzz(out io.Writer, args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("fuzz: want SEED COUNT [MESSAGE...]")
	}
	seed, err := strconv.ParseUint(args[0], 10, 64)
	if err != nil {
		return fmt.Errorf("fuzz: SEED: %w", err)
	}
	count, err := strconv.Atoi(args[1])
	if err != nil || count < 0 {
		return fmt.Errorf("fuzz: COUNT must be a non-negative integer, not %q", args[1])
	}
	selected := messages
	if names := args[2:]; len(names) > 0 {
		selected = nil
		for _, name := range names {
			t, ok := lookupMessage(name)
			if !ok {
				return fmt.Errorf("fuzz: unknown message %q", name)
			}
			selected = append(selected, message{name, t})
		}
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, msg := range selected {
		for i := range count {
			for _, line := range fuzzValue(msg, seed, i) {
				if err := enc.Encode(line); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// fuzzValue fills value i of msg and writes it in each encoding the type has. A value
// AIStore's encoder refuses (none is generated on purpose) yields no line.
func fuzzValue(msg message, seed uint64, i int) []fuzzLine {
	h := fnv.New64a()
	h.Write([]byte(msg.Name))
	f := &filler{r: rand.New(rand.NewPCG(seed, h.Sum64()+uint64(i)))}
	ptr := reflect.New(msg.Type)
	f.fill(ptr.Elem(), 0)
	if act, ok := ptr.Interface().(*apc.ActMsg); ok && f.chance(60) {
		// a typed action value, as Go clients send it (the echo decodes it as handlers do)
		act.Action = pick(f.r, actionNames)
		v := reflect.New(actionValues[act.Action])
		f.fill(v.Elem(), 1)
		act.Value = v.Interface()
	}
	encodings := []string{encJSON}
	if hasMsgp(msg.Type) {
		encodings = append(encodings, encMsgp)
	}
	var lines []fuzzLine
	for _, e := range encodings {
		data, err := encode(ptr.Interface(), e)
		if err != nil {
			continue
		}
		line := fuzzLine{Message: msg.Name, Encoding: e, Index: i, Data: data}
		if back, err := echoOnce(msg.Type, data, e); err != nil {
			line.EchoError = err.Error()
		} else {
			line.Echo = append([]byte{}, back...)
		}
		lines = append(lines, line)
	}
	return lines
}

var actionNames = sortedKeys(actionValues)

type filler struct{ r *rand.Rand }

const maxDepth = 4

var (
	tTime     = typeOf[time.Time]()
	tDuration = typeOf[cos.Duration]()
	tQuantity = typeOf[resource.Quantity]()
)

// Edge pools: the values where Go's wire rules change behaviour.
var (
	stringPool = []string{
		"", "a", "obj/with/slashes", "héllo", "e\u0301", "日本語", "🚀", "\u2028", "\u2029",
		"<b>&amp;</b>", `"quoted"`, `back\slash`, "\x00", "\x01\x1f", "\x7f", "\b\f\t\n\r",
		" leading", "trailing ", "\ufeff", "\uffff", "ключ", "%2F", "null", "0", "true",
	}
	float64Pool = []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 1e-6, 9.999999e-7, 1e-7, 1e20, 1e21,
		9.99999e20, 1.5e300, 5e-324, math.MaxFloat64, -math.MaxFloat64, 123456789.125,
		float64(1 << 53), float64(1<<53) + 2, 1e15, 1e16,
	}
	float32Pool = []float32{
		0, 1, -1, 0.1, 1e-6, 9.99e-7, 1e20, 1e21, math.MaxFloat32, math.SmallestNonzeroFloat32,
		16777216, 3.4e38,
	}
	quantityPool = []string{"0", "1", "500m", "0.5", "1Mi", "1.5Gi", "2k", "1e3", "100M", "-1", "1Ki", "123456789"}
	offsetPool   = []int{0, 0, 19800, -25200, 3600, -43200, 50400, 30, -90}
	nanoPool     = []int{0, 0, 1, 100_000_000, 120_000_000, 123_456_789, 999_999_999, 500}
	yearPool     = []int{1, 2, 1969, 1970, 1999, 2024, 2038, 2262, 9999}
)

func pick[T any](r *rand.Rand, pool []T) T { return pool[r.IntN(len(pool))] }

func (f *filler) chance(pct int) bool { return f.r.IntN(100) < pct }

func (f *filler) str() string {
	if f.chance(70) {
		return pick(f.r, stringPool)
	}
	runes := make([]rune, f.r.IntN(8))
	for k := range runes {
		switch f.r.IntN(4) {
		case 0:
			runes[k] = rune(0x20 + f.r.IntN(0x5f))
		case 1:
			runes[k] = rune(f.r.IntN(0x80))
		case 2:
			runes[k] = rune(0xa0 + f.r.IntN(0xd000))
		default:
			runes[k] = rune(0x10000 + f.r.IntN(0x10000))
		}
	}
	return string(runes)
}

func (f *filler) signed(bits int) int64 {
	lo, hi := int64(-1)<<(bits-1), int64(uint64(1)<<(bits-1)-1)
	switch f.r.IntN(8) {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		return lo + 1
	case 3:
		return hi - 1
	case 4:
		return 0
	case 5:
		return int64(f.r.IntN(200)) - 100
	default:
		return lo + int64(f.r.Uint64()>>(65-bits)) + int64(f.r.Uint64()>>(65-bits))
	}
}

func (f *filler) unsigned(bits int) uint64 {
	hi := uint64(math.MaxUint64) >> (64 - bits)
	switch f.r.IntN(6) {
	case 0:
		return hi
	case 1:
		return hi - 1
	case 2:
		return 0
	case 3:
		return uint64(f.r.IntN(300))
	default:
		return f.r.Uint64() & hi
	}
}

func (f *filler) time() time.Time {
	zone := time.UTC
	if off := pick(f.r, offsetPool); off != 0 {
		zone = time.FixedZone("", off)
	}
	t := time.Date(pick(f.r, yearPool), time.Month(1+f.r.IntN(12)), 1+f.r.IntN(28),
		f.r.IntN(24), f.r.IntN(60), f.r.IntN(60), pick(f.r, nanoPool), zone)
	if f.chance(10) {
		return time.Time{}
	}
	return t
}

func (f *filler) duration() cos.Duration {
	units := []int64{1, int64(time.Microsecond), int64(time.Millisecond), int64(time.Second), int64(time.Minute), int64(time.Hour)}
	switch f.r.IntN(5) {
	case 0:
		return 0
	case 1:
		return cos.Duration(f.signed(64))
	default:
		return cos.Duration(int64(f.r.IntN(5000)-100) * pick(f.r, units))
	}
}

// anyValue: every JSON shape, nested, with numbers from the float and int pools.
func (f *filler) anyValue(depth int) any {
	kinds := 7
	if depth >= maxDepth {
		kinds = 5
	}
	switch f.r.IntN(kinds) {
	case 0:
		return nil
	case 1:
		return f.chance(50)
	case 2:
		return pick(f.r, float64Pool) * float64(1-2*f.r.IntN(2))
	case 3:
		if f.chance(20) {
			return f.signed(64) // beyond 2^53: Go reads it back as a float64
		}
		return f.signed(54)
	case 4:
		return f.str()
	case 5:
		out := make([]any, f.r.IntN(4))
		for k := range out {
			out[k] = f.anyValue(depth + 1)
		}
		return out
	default:
		out := make(map[string]any, 3)
		for range f.r.IntN(4) {
			out[f.str()] = f.anyValue(depth + 1)
		}
		return out
	}
}

// fill sets v (settable) to a random value of its type.
func (f *filler) fill(v reflect.Value, depth int) {
	t := v.Type()
	switch t {
	case tTime:
		v.Set(reflect.ValueOf(f.time()))
		return
	case tDuration:
		v.Set(reflect.ValueOf(f.duration()))
		return
	case tQuantity:
		v.Set(reflect.ValueOf(resource.MustParse(pick(f.r, quantityPool))))
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		v.SetBool(f.chance(50))
	case reflect.String:
		v.SetString(f.str())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(f.signed(t.Bits()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(f.unsigned(t.Bits()))
	case reflect.Float32:
		v.SetFloat(float64(pick(f.r, float32Pool)))
	case reflect.Float64:
		v.SetFloat(pick(f.r, float64Pool))
	case reflect.Interface:
		f.fillInterface(v, depth)
	case reflect.Pointer:
		if depth >= maxDepth || f.chance(30) {
			return
		}
		p := reflect.New(t.Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		f.fillSlice(v, depth)
	case reflect.Map:
		f.fillMap(v, depth)
	case reflect.Array:
		for k := range v.Len() {
			f.fill(v.Index(k), depth+1)
		}
	case reflect.Struct:
		for k := range t.NumField() {
			sf := t.Field(k)
			if neverOnWire(sf.Tag) && sf.IsExported() {
				continue
			}
			fv := v.Field(k)
			if !sf.IsExported() {
				if !hasMsgp(t) || sf.Tag.Get("msg") == "-" {
					continue
				}
				// AIStore's msgp code writes some unexported fields (meta.Snode.name).
				fv = reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Elem()
			}
			f.fill(fv, depth+1)
		}
	}
}

func (f *filler) fillInterface(v reflect.Value, depth int) {
	if v.Type().NumMethod() == 0 {
		if x := f.anyValue(depth); x != nil {
			v.Set(reflect.ValueOf(x))
		}
		return
	}
	impls := interfaceImpls[v.Type()]
	if len(impls) == 0 || depth >= maxDepth || f.chance(20) {
		return
	}
	p := reflect.New(pick(f.r, impls))
	f.fill(p.Elem(), depth+1)
	v.Set(p)
}

func (f *filler) fillSlice(v reflect.Value, depth int) {
	switch {
	case f.chance(20):
		return // nil
	case depth >= maxDepth || f.chance(20):
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return
	}
	n := 1 + f.r.IntN(3)
	if v.Type().Elem().Kind() == reflect.Uint8 {
		n = f.r.IntN(40)
	}
	s := reflect.MakeSlice(v.Type(), n, n)
	for k := range n {
		f.fill(s.Index(k), depth+1)
	}
	v.Set(s)
}

func (f *filler) fillMap(v reflect.Value, depth int) {
	switch {
	case f.chance(20):
		return // nil
	case depth >= maxDepth || f.chance(20):
		v.Set(reflect.MakeMap(v.Type()))
		return
	}
	m := reflect.MakeMap(v.Type())
	for range 1 + f.r.IntN(3) {
		key := reflect.New(v.Type().Key()).Elem()
		f.fill(key, depth+1)
		val := reflect.New(v.Type().Elem()).Elem()
		f.fill(val, depth+1)
		m.SetMapIndex(key, val)
	}
	v.Set(m)
}
