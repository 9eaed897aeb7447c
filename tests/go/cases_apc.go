package main

// Fixture cases for api/apc messages.

import (
	"math"
	"net/http"
	"time"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/xact"
)

func casesActMsg() []fixtureCase {
	cases := []fixtureCase{
		{"zero", &apc.ActMsg{}},
		{"full", &apc.ActMsg{Value: ptr(fullTCBMsg()), Action: apc.ActCopyBck, Name: "dst-bucket"}},
		{"unicode", &apc.ActMsg{Value: uni, Action: uni, Name: uni}},
		// what Go clients send: the action's struct, in its field order
		{"typed_prefetch", &apc.ActMsg{Value: &apc.PrefetchMsg{
			ListRange: apc.ListRange{ObjNames: []string{"a", "b"}}, BlobThreshold: 1 << 30, NumWorkers: 2,
		}, Action: apc.ActPrefetchObjects}},
		{"typed_start", &apc.ActMsg{Value: &xact.ArgsMsg{Kind: apc.ActPrefetchObjects, Force: true}, Action: apc.ActXactStart}},
		{"typed_nil", &apc.ActMsg{Action: apc.ActCopyBck, Name: "dst"}},
	}
	// set-config's value (cmn.ConfigToSet) is not modelled: it stays `any` here
	return append(cases, anyCases(func(v any) any {
		return &apc.ActMsg{Value: v, Action: apc.ActSetConfig, Name: "n"}
	})...)
}

func casesBsummCtrlMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.BsummCtrlMsg{}},
		{"full", &apc.BsummCtrlMsg{
			UUID: "bsumm-1a2b", Prefix: "data/", ObjCached: true, BckPresent: true, DontAddRemote: true,
		}},
		{"unicode", &apc.BsummCtrlMsg{UUID: uni, Prefix: uni}},
	}
}

func casesPromoteArgs() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.PromoteArgs{}},
		{"full", &apc.PromoteArgs{
			DaemonID: "t1234567", SrcFQN: "/mnt/share/data", ObjName: "promoted/",
			Recursive: true, OverwriteDst: true, DeleteSrc: true, SrcIsNotFshare: true,
		}},
		{"unicode", &apc.PromoteArgs{DaemonID: uni, SrcFQN: uni, ObjName: uni}},
	}
}

func casesCopyBckMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.CopyBckMsg{}},
		{"full", &apc.CopyBckMsg{
			Prepend: "copied/", Prefix: "src/", DryRun: true, Force: true,
			LatestVer: true, Sync: true, NonRecurs: true,
		}},
		{"unicode", &apc.CopyBckMsg{Prepend: uni, Prefix: uni}},
	}
}

func fullLsoMsg() apc.LsoMsg {
	return apc.LsoMsg{
		Header:            http.Header{"X-Amz-Request-Payer": {"requester"}, "Accept": {"a", "b"}},
		UUID:              "lso-uuid-1",
		Props:             apc.GetPropsName + "," + apc.GetPropsSize + "," + apc.GetPropsChecksum,
		TimeFormat:        time.RFC3339,
		Prefix:            "images/",
		StartAfter:        "images/0042.jpg",
		ContinuationToken: "images/0100.jpg",
		SID:               "t1234567",
		Flags:             apc.LsCached | apc.LsNameSize,
		PageSize:          1000,
	}
}

func casesLsoMsg() []fixtureCase {
	full := fullLsoMsg()
	return []fixtureCase{
		{"zero", &apc.LsoMsg{}},
		{"full", &full},
		{"unicode", &apc.LsoMsg{
			Header: http.Header{uniKey: {uni}}, UUID: uni, Props: uni, TimeFormat: uni,
			Prefix: uni, StartAfter: uni, ContinuationToken: uni, SID: uni,
		}},
		{"empty_vs_nil", &apc.LsoMsg{Header: http.Header{}}},                        // omitempty: empty map omitted too
		{"empty_values", &apc.LsoMsg{Header: http.Header{"Empty": {}, "Nil": nil}}}, // [] vs null inside a map
		{"int_limits", &apc.LsoMsg{Flags: math.MaxUint64, PageSize: maxI64}},
		{"int_limits_min", &apc.LsoMsg{Flags: 0, PageSize: minI64}},
	}
}

func casesCreateNBIMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.CreateNBIMsg{}},
		{"full", &apc.CreateNBIMsg{Name: "inv-1", LsoMsg: fullLsoMsg(), NamesPerChunk: 20000, Force: true}},
		{"unicode", &apc.CreateNBIMsg{Name: uni, LsoMsg: apc.LsoMsg{Prefix: uni, Props: uni}}},
		{"int_limits", &apc.CreateNBIMsg{NamesPerChunk: maxI64, LsoMsg: apc.LsoMsg{Flags: math.MaxUint64, PageSize: maxI64}}},
		{"int_limits_min", &apc.CreateNBIMsg{NamesPerChunk: minI64, LsoMsg: apc.LsoMsg{PageSize: minI64}}},
	}
}

func casesNBIInfo() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.NBIInfo{}},
		{"full", &apc.NBIInfo{
			Bucket: "ais://@#/inventory-src", Name: "inv-1", ObjName: ".inventory/inv-1", Size: 1 << 30,
			NBIMeta: apc.NBIMeta{
				Prefix: "images/", Started: 1710506096123456789, Finished: 1710506196123456789,
				Ntotal: 1234567, SmapVer: 42, Chunks: 62, Nat: 3,
			},
		}},
		{"unicode", &apc.NBIInfo{Bucket: uni, Name: uni, ObjName: uni, NBIMeta: apc.NBIMeta{Prefix: uni}}},
		{"int_limits", &apc.NBIInfo{Size: maxI64, NBIMeta: apc.NBIMeta{
			Started: maxI64, Finished: maxI64, Ntotal: maxI64, SmapVer: maxI64, Chunks: math.MaxInt32, Nat: math.MaxInt32,
		}}},
		{"int_limits_min", &apc.NBIInfo{Size: minI64, NBIMeta: apc.NBIMeta{
			Started: minI64, Finished: minI64, Ntotal: minI64, SmapVer: minI64, Chunks: math.MinInt32, Nat: math.MinInt32,
		}}},
	}
}

func casesTransform() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.Transform{}},
		{"full", &apc.Transform{Name: "md5-etl", Pipeline: []string{"etl-2", "etl-3"}, Timeout: cos.Duration(90 * time.Second)}},
		{"unicode", &apc.Transform{Name: uni, Pipeline: []string{uni, ""}}},
		{"empty_vs_nil", &apc.Transform{Pipeline: []string{}}},               // omitempty: omitted
		{"duration_forms", &apc.Transform{Timeout: cos.Duration(time.Hour)}}, // "1h0m"
		{"duration_sub_second", &apc.Transform{Timeout: cos.Duration(1500 * time.Microsecond)}},
		{"int_limits", &apc.Transform{Timeout: cos.Duration(maxI64)}},
		{"int_limits_min", &apc.Transform{Timeout: cos.Duration(minI64)}},
	}
}

func fullTCBMsg() apc.TCBMsg {
	return apc.TCBMsg{
		Ext: cos.StrKVs{"jpg": "png"},
		CopyBckMsg: apc.CopyBckMsg{
			Prepend: "out/", Prefix: "in/", DryRun: true, Force: true, LatestVer: true, Sync: true, NonRecurs: true,
		},
		Transform:       apc.Transform{Name: "resize", Pipeline: []string{"compress"}, Timeout: cos.Duration(2 * time.Minute)},
		NumWorkers:      8,
		ContinueOnError: true,
	}
}

func casesTCBMsg() []fixtureCase {
	full := fullTCBMsg()
	return []fixtureCase{
		{"zero", &apc.TCBMsg{}},
		{"full", &full},
		{"unicode", &apc.TCBMsg{
			Ext:        cos.StrKVs{uniKey: uni},
			CopyBckMsg: apc.CopyBckMsg{Prepend: uni, Prefix: uni},
			Transform:  apc.Transform{Name: uni, Pipeline: []string{uni}},
		}},
		{"empty_vs_nil", &apc.TCBMsg{Ext: cos.StrKVs{}, Transform: apc.Transform{Pipeline: []string{}}}},
		{"multi_key_map", &apc.TCBMsg{Ext: cos.StrKVs{"tar": "tgz", "jpg": ".png", "": "empty-key", "Z": "z"}}},
		{"int_limits", &apc.TCBMsg{NumWorkers: math.MaxInt, Transform: apc.Transform{Timeout: cos.Duration(maxI64)}}},
		{"int_limits_min", &apc.TCBMsg{NumWorkers: math.MinInt, Transform: apc.Transform{Timeout: cos.Duration(minI64)}}},
	}
}

func casesPrefetchMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.PrefetchMsg{}},
		{"full", &apc.PrefetchMsg{
			ListRange:     apc.ListRange{Template: "shard-{000..999}.tar", ObjNames: []string{"a", "b"}},
			BlobThreshold: 1 << 30, BlobChunkSize: 8 << 20, BlobNumWorkers: 4, NumWorkers: 16,
			ContinueOnError: true, LatestVer: true, NonRecurs: true,
		}},
		{"unicode", &apc.PrefetchMsg{ListRange: apc.ListRange{Template: uni, ObjNames: []string{uni}}}},
		{"empty_vs_nil", &apc.PrefetchMsg{ListRange: apc.ListRange{ObjNames: []string{}}}},
		{"int_limits", &apc.PrefetchMsg{BlobThreshold: maxI64, BlobChunkSize: maxI64, BlobNumWorkers: math.MaxInt, NumWorkers: math.MaxInt}},
		{"int_limits_min", &apc.PrefetchMsg{BlobThreshold: minI64, BlobChunkSize: minI64, BlobNumWorkers: math.MinInt, NumWorkers: math.MinInt}},
	}
}

func casesBlobMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.BlobMsg{}},
		{"full", &apc.BlobMsg{
			ChunkSize: 4 << 20, FullSize: 10 << 30, ChunkReadTimeout: cos.Duration(30 * time.Second),
			NumWorkers: 6, LatestVer: true,
		}},
		{"duration_forms", &apc.BlobMsg{ChunkReadTimeout: cos.Duration(2 * time.Minute)}}, // "2m"
		{"int_limits", &apc.BlobMsg{ChunkSize: maxI64, FullSize: maxI64, ChunkReadTimeout: cos.Duration(maxI64), NumWorkers: math.MaxInt}},
		{"int_limits_min", &apc.BlobMsg{ChunkSize: minI64, FullSize: minI64, ChunkReadTimeout: cos.Duration(minI64), NumWorkers: math.MinInt}},
	}
}

func casesMptCompletedPart() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.MptCompletedPart{}},
		{"full", &apc.MptCompletedPart{ETag: `"9b2cf535f27731c974343645a3985328"`, PartNumber: 3}},
		{"unicode", &apc.MptCompletedPart{ETag: uni}},
		{"int_limits", &apc.MptCompletedPart{PartNumber: math.MaxInt}},
		{"int_limits_min", &apc.MptCompletedPart{PartNumber: math.MinInt}},
	}
}

func casesListRange() []fixtureCase {
	return []fixtureCase{
		{"zero", &apc.ListRange{}},
		{"full", &apc.ListRange{Template: "obj-{0001..0100}", ObjNames: []string{"x", "y/z"}}},
		{"unicode", &apc.ListRange{Template: uni, ObjNames: []string{uni, ""}}},
		{"empty_vs_nil", &apc.ListRange{ObjNames: []string{}}},
	}
}
