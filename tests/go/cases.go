package main

// Shared pieces of the fixture cases: the case table, edge-case values, and a
// check that every "full" case really sets every field.

import (
	"fmt"
	"math"
	"reflect"
	"time"
)

type fixtureCase struct {
	Name  string
	Value any // pointer to a value of the registered Go type
}

// caseBuilders: message name -> its cases. Builders live in cases_<pkg>.go.
var caseBuilders = map[string]func() []fixtureCase{
	// api/apc
	"ActionMsg":        casesActMsg,
	"BsummCtrlMsg":     casesBsummCtrlMsg,
	"PromoteAPIArgs":   casesPromoteArgs,
	"CopyBckMsg":       casesCopyBckMsg,
	"ListObjectsMsg":   casesLsoMsg,
	"CreateNBIMsg":     casesCreateNBIMsg,
	"NBIInfo":          casesNBIInfo,
	"TransformBckMsg":  casesTransform,
	"TCBckMsg":         casesTCBMsg,
	"PrefetchMsg":      casesPrefetchMsg,
	"BlobMsg":          casesBlobMsg,
	"MptCompletedPart": casesMptCompletedPart,
	"ListRange":        casesListRange,
	// cmn
	"BucketEntry":     casesLsoEnt,
	"BucketList":      casesLsoRes,
	"BucketModel":     casesBck,
	"Namespace":       casesNs,
	"TCMultiObj":      casesTCOMsg,
	"ArchiveMultiObj": casesArchiveBckMsg,
	// core/meta
	"NetInfo": casesNetInfo,
	"Snode":   casesSnode,
	"Smap":    casesSmap,
	// core, xact, nl
	"JobStats":          casesStats,
	"JobSnap":           casesSnap,
	"AggregatedJobSnap": casesMultiSnap,
	"JobArgs":           casesArgsMsg,
	"JobQuery":          casesQueryMsg,
	"JobStatus":         casesStatus,
	// ext/etl
	"ETLInfo":         casesETLInfo,
	"InitETLArgs":     casesInitMsgBase,
	"EnvVar":          casesEnvVar,
	"ETLRuntimeSpec":  casesRuntimeSpec,
	"ETLSpecMsg":      casesETLSpecMsg,
	"InitSpecETLArgs": casesInitSpecMsg,
	"ETLObjError":     casesObjErr,
	"ETLDetails":      casesDetails,
	"ETLNodeLogs":     casesLogs,
	// the SDK's other modules: batch, authn, dsort; utils.HttpError (cases_more.go)
	"MossIn":            casesMossIn,
	"MossOut":           casesMossOut,
	"MossReq":           casesMossReq,
	"MossResp":          casesMossResp,
	"HttpError":         casesErrHTTP,
	"LoginMsg":          casesLoginMsg,
	"TokenMsg":          casesTokenMsg,
	"ClusterInfo":       casesCluACL,
	"ClusterPermission": casesCluACL,
	"ClusterList":       casesRegisteredClusters,
	"BucketPermission":  casesBckACL,
	"RoleInfo":          casesRole,
	"UserInfo":          casesUser,
	"TimeStats":         casesTimeStats,
	"LocalExtraction":   casesLocalExtraction,
	"MetaSorting":       casesMetaSorting,
	"ShardCreation":     casesShardCreation,
	"DsortMetrics":      casesMetrics,
	"JobInfo":           casesJobInfo,
	"DsortRequestSpec":  casesRequestSpec,
	"DsortAlgorithm":    casesAlgorithm,
}

// Edge-case strings: non-ASCII (precomposed and combining), astral plane,
// U+2028/U+2029, HTML-sensitive characters, quotes, backslash, control chars.
const (
	uni    = "héllo wörld e\u0301 ✓ 日本語 🚀 \u2028\u2029 <b>&amp;</b> \"dq\" 'sq' back\\slash \b\f\t\n\r \x01\x1f\x7f end"
	uniKey = "ключ/キー <&> \u2028 \"k\""
)

// Fixed instants (never time.Now): UTC with nanoseconds, a non-UTC zone with
// nanoseconds, and a negative offset without fractional seconds.
var (
	tUTC  = time.Date(2024, 3, 15, 12, 34, 56, 123456789, time.UTC)
	tZone = time.Date(2025, 1, 2, 3, 4, 5, 987654321, time.FixedZone("IST", 5*3600+30*60))
	tNeg  = time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("", -7*3600))
)

func ptr[T any](v T) *T { return &v }

// anyCases returns one case per shape of an `any` value, built by set.
func anyCases(set func(v any) any) []fixtureCase {
	shapes := []struct {
		name string
		v    any
	}{
		{"any_map", map[string]any{
			"nested": map[string]any{"k": "v", "list": []any{1, "two", nil, false}},
			"num":    3.5,
			"flag":   true,
			"empty":  map[string]any{},
			uniKey:   uni,
		}},
		{"any_list", []any{1, "a", nil, true, map[string]any{"x": -2}, []any{}}},
		{"any_number", 42},
		{"any_float", -0.125},
		{"any_string", uni},
		{"any_null", nil},
		{"any_bool", true},
	}
	out := make([]fixtureCase, 0, len(shapes))
	for _, s := range shapes {
		out = append(out, fixtureCase{s.name, set(s.v)})
	}
	return out
}

// Integer limits, for readability in the builders.
const (
	minI64  = math.MinInt64
	maxI64  = math.MaxInt64
	maxU64  = uint64(math.MaxUint64)
	above63 = uint64(1<<63 + 12345) // a uint64 that does not fit in int64
)

// checkFull reports the exported wire fields left at their zero value in a
// "full" case (recursing into nested structs and pointers to structs).
func checkFull(v any) error {
	var missing []string
	walkFull(reflect.ValueOf(v), reflect.TypeOf(v).String(), &missing)
	if len(missing) > 0 {
		return fmt.Errorf("zero fields in full case: %v", missing)
	}
	return nil
}

func walkFull(v reflect.Value, path string, missing *[]string) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || implements(v.Type(), tJSONMarshaler) {
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || neverOnWire(f.Tag) {
			continue
		}
		fv, fpath := v.Field(i), path+"."+f.Name
		if fv.IsZero() {
			*missing = append(*missing, fpath)
			continue
		}
		walkFull(fv, fpath, missing)
	}
}
