package main

// Fixture cases for the SDK's other wire classes: GetBatch (api/apc ml.go), AuthN
// (api/authn), dsort (ext/dsort) and the HTTP error body (cmn.ErrHTTP).

import (
	"math"
	"time"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/api/authn"
	"github.com/NVIDIA/aistore/cmn"
	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/ext/dsort"
)

func fullMossIn() apc.MossIn {
	return apc.MossIn{
		ObjName: "shard-0001.tar", Bucket: "bck", Provider: "ais", Uname: "ais/@#/bck/shard-0001.tar",
		ArchPath: "a/b.jpg", Opaque: []byte{0, 1, 2, 0xff}, Start: 10, Length: 1 << 20,
	}
}

func fullMossOut() apc.MossOut {
	return apc.MossOut{
		ObjName: "shard-0001.tar", ArchPath: "a/b.jpg", Bucket: "bck", Provider: "ais",
		ErrMsg: "object not found", Opaque: []byte("id-7"), Size: 1234,
	}
}

func casesMossIn() []fixtureCase {
	return []fixtureCase{
		// no zero case: MossIn's UnmarshalJSON refuses an empty objname (api/apc/ml.go)
		{"name_only", &apc.MossIn{ObjName: "o"}},
		{"full", ptr(fullMossIn())},
		{"unicode", &apc.MossIn{ObjName: uni, Bucket: uni, ArchPath: uni, Opaque: []byte(uni)}},
		{"int_limits", &apc.MossIn{ObjName: "o", Start: math.MaxInt64 - 1, Length: 1}}, // a satisfiable range
	}
}

func casesMossOut() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.MossOut{}},
		{"full", ptr(fullMossOut())},
		{"unicode", &apc.MossOut{ObjName: uni, Bucket: uni, ErrMsg: uni}},
		{"int_limits", &apc.MossOut{ObjName: "o", Size: math.MaxInt64}},
	}
}

func casesMossReq() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.MossReq{}},
		{"full", &apc.MossReq{
			OutputFormat: ".tar", In: []apc.MossIn{fullMossIn(), {ObjName: "plain"}}, ContinueOnErr: true,
			OnlyObjName: true, StreamingGet: true, Colocation: 2,
		}},
		{"unicode", &apc.MossReq{OutputFormat: uni, In: []apc.MossIn{{ObjName: uni}}}},
		{"empty_vs_nil", &apc.MossReq{In: []apc.MossIn{}}},
		{"int_limits", &apc.MossReq{Colocation: math.MaxUint8}},
	}
}

func casesMossResp() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.MossResp{}},
		{"full", &apc.MossResp{UUID: "gb-1a2b", Out: []apc.MossOut{fullMossOut(), {ObjName: "x"}}}},
		{"unicode", &apc.MossResp{UUID: uni, Out: []apc.MossOut{{ObjName: uni}}}},
		{"empty_vs_nil", &apc.MossResp{Out: []apc.MossOut{}}},
	}
}

func casesErrHTTP() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.ErrHTTP{}},
		{"full", &cmn.ErrHTTP{
			TypeCode: "ErrBckNotFound", Message: "bucket \"ais://x\" does not exist", Method: "GET",
			URLPath: "/v1/buckets/x", RemoteAddr: "127.0.0.1:5000", Caller: "client", Node: "p[abc]",
			Status: 404,
		}},
		{"unicode", &cmn.ErrHTTP{Message: uni, URLPath: uni, Node: uni}},
		{"int_limits", &cmn.ErrHTTP{Status: math.MaxInt}},
	}
}

// AuthN

func fullCluACL() *authn.CluACL {
	return &authn.CluACL{
		ID: "mBw9j3kFq", Alias: "main", URLs: []string{"http://10.0.0.1:8080", "https://ais:8080"},
		Access: apc.AccessRW,
	}
}

func fullRole() *authn.Role {
	return &authn.Role{
		Name: "rw", Description: "read-write", IsAdmin: true,
		ClusterACLs: []*authn.CluACL{fullCluACL()},
		BucketACLs:  []*authn.BckACL{{Bck: cmn.Bck{Name: "b", Provider: "ais"}, Access: apc.AccessRO}},
	}
}

func casesLoginMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.LoginMsg{}},
		{"full", &authn.LoginMsg{ExpiresIn: ptr(90 * time.Minute), Password: "s3cr3t"}},
		{"unicode", &authn.LoginMsg{Password: uni}},
		{"int_limits", &authn.LoginMsg{ExpiresIn: ptr(time.Duration(math.MinInt64))}},
	}
}

func casesTokenMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.TokenMsg{}},
		{"full", &authn.TokenMsg{Token: "eyJhbGciOiJIUzI1NiJ9.e30.sig"}},
		{"unicode", &authn.TokenMsg{Token: uni}},
	}
}

func casesCluACL() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.CluACL{}},
		{"full", fullCluACL()},
		{"unicode", &authn.CluACL{ID: uni, Alias: uni, URLs: []string{uni}}},
		{"uint64_above_int63", &authn.CluACL{ID: "c", Access: apc.AccessAttrs(above63)}},
	}
}

func casesRegisteredClusters() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.RegisteredClusters{}},
		{"full", &authn.RegisteredClusters{Clusters: map[string]*authn.CluACL{"mBw9j3kFq": fullCluACL(), "gone": nil}}},
		{"unicode", &authn.RegisteredClusters{Clusters: map[string]*authn.CluACL{uniKey: {ID: uni}}}},
		{"empty_vs_nil", &authn.RegisteredClusters{Clusters: map[string]*authn.CluACL{}}},
	}
}

func casesBckACL() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.BckACL{}},
		{"full", &authn.BckACL{Bck: cmn.Bck{Name: "b", Provider: "ais", Ns: cmn.Ns{UUID: "u", Name: "n"}}, Access: apc.AccessRW}},
		{"unicode", &authn.BckACL{Bck: cmn.Bck{Name: uni}}},
		{"int_limits", &authn.BckACL{Access: apc.AccessAttrs(maxU64)}},
	}
}

func casesRole() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.Role{}},
		{"full", fullRole()},
		{"unicode", &authn.Role{Name: uni, Description: uni}},
		{"empty_vs_nil", &authn.Role{ClusterACLs: []*authn.CluACL{}, BucketACLs: []*authn.BckACL{nil}}},
	}
}

func casesUser() []fixtureCase {
	return []fixtureCase{
		{"zero", &authn.User{}},
		{"full", &authn.User{ID: "alice", Password: "pw", Roles: []*authn.Role{fullRole(), nil}}},
		{"unicode", &authn.User{ID: uni, Password: uni}},
		{"empty_vs_nil", &authn.User{Roles: []*authn.Role{}}},
	}
}

// dsort

func fullTimeStats() *dsort.TimeStats {
	return &dsort.TimeStats{Total: 1500, Count: 3, MinMs: 100, MaxMs: 900, AvgMs: 500}
}

func fullExtraction() *dsort.LocalExtraction {
	e := &dsort.LocalExtraction{
		TotalCnt: 10, ExtractedCnt: 4, ExtractedSize: 1 << 30, ExtractedRecordCnt: 400,
		ExtractedToDiskCnt: 1, ExtractedToDiskSize: 1 << 20,
	}
	e.Start, e.End, e.Elapsed, e.Running, e.Finished = tUTC, tZone, 90*time.Second, true, true
	return e
}

func fullSorting() *dsort.MetaSorting {
	s := &dsort.MetaSorting{SentStats: fullTimeStats(), RecvStats: fullTimeStats()}
	s.Start, s.End, s.Elapsed, s.Running, s.Finished = tUTC, tNeg, time.Second, true, true
	return s
}

func fullCreation() *dsort.ShardCreation {
	c := &dsort.ShardCreation{
		ToCreate: 5, CreatedCnt: 2, MovedShardCnt: 1, RequestStats: fullTimeStats(), ResponseStats: fullTimeStats(),
	}
	c.Start, c.End, c.Elapsed, c.Running, c.Finished = tZone, tUTC, time.Millisecond, true, true
	return c
}

func fullMetrics() *dsort.Metrics {
	m := &dsort.Metrics{
		Extraction: fullExtraction(), Sorting: fullSorting(), Creation: fullCreation(),
		Description: "resharding", Warnings: []string{"w"}, Errors: []string{"e1", "e2"},
	}
	m.Aborted.Store(true)
	m.Archived.Store(true)
	return m
}

func casesTimeStats() []fixtureCase {
	return []fixtureCase{
		{"zero", &dsort.TimeStats{}},
		{"full", fullTimeStats()},
		{"int_limits", &dsort.TimeStats{Total: math.MaxInt64, Count: math.MinInt64}},
	}
}

func casesLocalExtraction() []fixtureCase {
	return []fixtureCase{{"zero", &dsort.LocalExtraction{}}, {"full", fullExtraction()},
		{"int_limits", &dsort.LocalExtraction{TotalCnt: math.MaxInt64, ExtractedSize: math.MinInt64}}}
}

func casesMetaSorting() []fixtureCase {
	return []fixtureCase{{"zero", &dsort.MetaSorting{}}, {"full", fullSorting()},
		{"nil_stats", &dsort.MetaSorting{SentStats: &dsort.TimeStats{}}}}
}

func casesShardCreation() []fixtureCase {
	return []fixtureCase{{"zero", &dsort.ShardCreation{}}, {"full", fullCreation()},
		{"int_limits", &dsort.ShardCreation{ToCreate: math.MaxInt64, CreatedCnt: math.MinInt64}}}
}

func casesMetrics() []fixtureCase {
	return []fixtureCase{
		{"zero", &dsort.Metrics{}},
		{"full", fullMetrics()},
		{"unicode", &dsort.Metrics{Description: uni, Warnings: []string{uni}}},
	}
}

func casesJobInfo() []fixtureCase {
	return []fixtureCase{
		{"zero", &dsort.JobInfo{}},
		{"full", &dsort.JobInfo{
			ID: "dsort-1a2b", SrcBck: cmn.Bck{Name: "src", Provider: "ais", Ns: cmn.Ns{UUID: "u", Name: "n"}},
			DstBck:      cmn.Bck{Name: "dst", Provider: "ais", Ns: cmn.Ns{UUID: "v", Name: "m"}},
			StartedTime: tUTC, FinishTime: tZone, ExtractedDuration: time.Second, SortingDuration: 2 * time.Second,
			CreationDuration: 3 * time.Second, Objs: 100, Bytes: 1 << 30, Metrics: fullMetrics(),
			Aborted: true, Archived: true,
		}},
		{"unicode", &dsort.JobInfo{ID: uni, SrcBck: cmn.Bck{Name: uni}}},
		{"int_limits", &dsort.JobInfo{Objs: math.MaxInt64, Bytes: math.MinInt64, ExtractedDuration: math.MaxInt64}},
	}
}

func fullRequestSpec() *dsort.RequestSpec {
	return &dsort.RequestSpec{
		InputBck:     cmn.Bck{Name: "src", Provider: "ais", Ns: cmn.Ns{UUID: "u", Name: "n"}},
		InputFormat:  apc.ListRange{Template: "shard-{0..9}", ObjNames: []string{"a"}},
		OutputFormat: "out-{00..99}", OutputShardSize: "10MiB", InputExtension: ".tar", OutputExtension: ".tgz",
		Description: "reshard", OutputBck: cmn.Bck{Name: "dst", Provider: "ais", Ns: cmn.Ns{UUID: "v", Name: "m"}},
		Algorithm:  dsort.Algorithm{Kind: dsort.Content, Decreasing: true, Seed: "7", Ext: ".cls", ContentKeyType: "int"},
		EKMFileURL: "http://ekm", EKMFileSep: "\t", MaxMemUsage: "80%", ExtractConcMaxLimit: 4, CreateConcMaxLimit: 8,
		DsorterType: "dsort_general", DryRun: true,
		Config: cmn.DsortConf{
			DuplicatedRecords: "warn", MissingShards: "ignore", EKMMalformedLine: "abort", EKMMissingKey: "warn",
			DefaultMaxMemUsage: "80%", DsorterMemThreshold: "100GB",
			XactConf:    cmn.XactConf{Compression: "never", SbundleMult: 2, Burst: 512},
			CallTimeout: cos.Duration(10 * time.Minute),
		},
	}
}

func casesRequestSpec() []fixtureCase {
	return []fixtureCase{
		{"zero", &dsort.RequestSpec{}},
		{"full", fullRequestSpec()},
		{"unicode", &dsort.RequestSpec{Description: uni, InputBck: cmn.Bck{Name: uni}}},
	}
}

func casesAlgorithm() []fixtureCase {
	return []fixtureCase{
		{"zero", &dsort.Algorithm{}},
		{"full", &dsort.Algorithm{Kind: dsort.Shuffle, Decreasing: true, Seed: "42", Ext: ".key", ContentKeyType: "string"}},
		{"unicode", &dsort.Algorithm{Kind: uni, Seed: uni}},
	}
}
