package main

// Fixture cases for cmn messages.

import (
	"math"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn"
)

func fullBck() cmn.Bck {
	return cmn.Bck{Name: "images", Provider: apc.AWS, Ns: cmn.Ns{UUID: "Remote-Cluster-1", Name: "team-a"}}
}

func fullLsoEnt() *cmn.LsoEnt {
	return &cmn.LsoEnt{
		Name: "images/0001.jpg", Checksum: "a1b2c3d4e5f60718", Atime: "15 Mar 24 12:34 UTC", Version: "3",
		Location: "t[t1234567]:/ais/mp1", Custom: "ETag=\"abc\", source=aws", Size: 1048576, Copies: 2,
		Flags: apc.EntryIsCached,
	}
}

func casesLsoEnt() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.LsoEnt{}},
		{"full", fullLsoEnt()},
		{"unicode", &cmn.LsoEnt{Name: uni, Checksum: uni, Atime: uni, Version: uni, Location: uni, Custom: uni}},
		{"int_limits", &cmn.LsoEnt{Name: "max", Size: maxI64, Copies: math.MaxInt16, Flags: math.MaxUint16}},
		{"int_limits_min", &cmn.LsoEnt{Name: "min", Size: minI64, Copies: math.MinInt16}},
	}
}

func casesLsoRes() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.LsoRes{}},
		{"full", &cmn.LsoRes{
			UUID: "lso-uuid-1", ContinuationToken: "images/0002.jpg",
			Entries: cmn.LsoEntries{fullLsoEnt(), {Name: "images/0002.jpg", Size: 17}, {Name: "dir/", Flags: apc.EntryIsDir}},
			Flags:   1,
		}},
		{"unicode", &cmn.LsoRes{UUID: uni, ContinuationToken: uni, Entries: cmn.LsoEntries{{Name: uni}}}},
		{"empty_vs_nil", &cmn.LsoRes{Entries: cmn.LsoEntries{}}},
		{"nil_element", &cmn.LsoRes{Entries: cmn.LsoEntries{nil, {Name: "after-nil"}}}},
		{"int_limits", &cmn.LsoRes{Flags: math.MaxUint32, Entries: cmn.LsoEntries{{Size: maxI64, Copies: math.MaxInt16, Flags: math.MaxUint16}}}},
		{"int_limits_min", &cmn.LsoRes{Entries: cmn.LsoEntries{{Size: minI64, Copies: math.MinInt16}}}},
	}
}

func casesBck() []fixtureCase {
	full := fullBck()
	return []fixtureCase{
		{"zero", &cmn.Bck{}},
		{"full", &full},
		{"unicode", &cmn.Bck{Name: uni, Provider: uni, Ns: cmn.Ns{UUID: uni, Name: uni}}},
		{"global_ns", &cmn.Bck{Name: "plain", Provider: apc.AIS}},
	}
}

func casesNs() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.Ns{}},
		{"full", &cmn.Ns{UUID: "Remote-Cluster-1", Name: "team-a"}},
		{"unicode", &cmn.Ns{UUID: uni, Name: uni}},
	}
}

func casesTCOMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.TCOMsg{}},
		{"full", &cmn.TCOMsg{
			ToBck: fullBck(),
			TCOMsg: apc.TCOMsg{
				TxnUUID:   "txn-1",
				ListRange: apc.ListRange{Template: "shard-{000..009}.tar", ObjNames: []string{"a.tar"}},
				TCBMsg:    fullTCBMsg(),
			},
		}},
		{"unicode", &cmn.TCOMsg{
			ToBck:  cmn.Bck{Name: uni, Provider: uni, Ns: cmn.Ns{UUID: uni, Name: uni}},
			TCOMsg: apc.TCOMsg{TxnUUID: uni, ListRange: apc.ListRange{Template: uni, ObjNames: []string{uni}}},
		}},
		{"empty_vs_nil", &cmn.TCOMsg{TCOMsg: apc.TCOMsg{
			ListRange: apc.ListRange{ObjNames: []string{}},
			TCBMsg:    apc.TCBMsg{Ext: map[string]string{}},
		}}},
		{"int_limits", &cmn.TCOMsg{TCOMsg: apc.TCOMsg{TCBMsg: apc.TCBMsg{NumWorkers: math.MaxInt}}}},
		{"int_limits_min", &cmn.TCOMsg{TCOMsg: apc.TCOMsg{TCBMsg: apc.TCBMsg{NumWorkers: math.MinInt}}}},
	}
}

func casesArchiveBckMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &cmn.ArchiveBckMsg{}},
		{"full", &cmn.ArchiveBckMsg{
			ToBck: fullBck(),
			ArchiveMsg: apc.ArchiveMsg{
				TxnUUID: "internal-txn", FromBckName: "internal-src", // json:"-": never on the wire
				ArchName: "shard-001.tar", Mime: ".tar",
				ListRange:    apc.ListRange{Template: "obj-{1..9}", ObjNames: []string{"obj-10"}},
				BaseNameOnly: true, InclSrcBname: true, AppendIfExists: true, ContinueOnError: true, NonRecurs: true,
			},
		}},
		{"unicode", &cmn.ArchiveBckMsg{
			ToBck:      cmn.Bck{Name: uni, Ns: cmn.Ns{Name: uni}},
			ArchiveMsg: apc.ArchiveMsg{ArchName: uni, Mime: uni, ListRange: apc.ListRange{ObjNames: []string{uni}}},
		}},
		{"empty_vs_nil", &cmn.ArchiveBckMsg{ArchiveMsg: apc.ArchiveMsg{ListRange: apc.ListRange{ObjNames: []string{}}}}},
	}
}
