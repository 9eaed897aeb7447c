package main

// Fixture cases for job (xaction) messages: core, xact, nl.

import (
	"math"
	"time"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn"
	"github.com/NVIDIA/aistore/core"
	"github.com/NVIDIA/aistore/nl"
	"github.com/NVIDIA/aistore/xact"
)

func casesStats() []fixtureCase {
	return []fixtureCase{
		{"zero", &core.Stats{}},
		{"full", &core.Stats{Objs: 10, Bytes: 10 << 20, OutObjs: 3, OutBytes: 3 << 20, InObjs: 4, InBytes: 4 << 20}},
		{"int_limits", &core.Stats{Objs: maxI64, Bytes: maxI64, OutObjs: maxI64, OutBytes: maxI64, InObjs: maxI64, InBytes: maxI64}},
		{"int_limits_min", &core.Stats{Objs: minI64, Bytes: minI64, OutObjs: minI64, OutBytes: minI64, InObjs: minI64, InBytes: minI64}},
	}
}

func fullSnap() *core.Snap {
	return &core.Snap{
		Ext:       map[string]any{"progress": 0.5, "phase": "copy"},
		StartTime: tUTC,
		EndTime:   tZone,
		Bck:       fullBck(),
		SrcBck:    cmn.Bck{Name: "src", Provider: apc.AIS, Ns: cmn.Ns{UUID: "u1", Name: "n1"}},
		DstBck:    cmn.Bck{Name: "dst", Provider: apc.GCP, Ns: cmn.Ns{UUID: "u2", Name: "n2"}},
		ID:        "X3kQz9aLp",
		Kind:      apc.ActCopyBck,
		CtlMsg:    "src-bck, dst-bck, flags:latest",
		AbortErr:  "aborted by user",
		Err:       "2 errors",
		Packed:    0x0004_0008_0010,
		Stats:     core.Stats{Objs: 1, Bytes: 2, OutObjs: 3, OutBytes: 4, InObjs: 5, InBytes: 6},
		AbortedX:  true,
		IdleX:     true,
	}
}

func casesSnap() []fixtureCase {
	cases := []fixtureCase{
		{"zero", &core.Snap{}},
		{"full", fullSnap()},
		{"unicode", &core.Snap{
			Ext: uni, Bck: cmn.Bck{Name: uni, Provider: uni, Ns: cmn.Ns{UUID: uni, Name: uni}},
			ID: uni, Kind: uni, CtlMsg: uni, AbortErr: uni, Err: uni,
		}},
		{"time", &core.Snap{StartTime: tZone, EndTime: time.Time{}}},
		{"time_negative_offset", &core.Snap{StartTime: tNeg, EndTime: tUTC}},
		{"time_pre_epoch", &core.Snap{StartTime: time.Date(1969, 12, 31, 23, 59, 59, 500000000, time.UTC)}},
		{"int_limits", &core.Snap{Packed: maxI64, Stats: core.Stats{Objs: maxI64, InBytes: maxI64}}},
		{"int_limits_min", &core.Snap{Packed: minI64, Stats: core.Stats{Objs: minI64, InBytes: minI64}}},
	}
	return append(cases, anyCases(func(v any) any { return &core.Snap{Ext: v, ID: "x"} })...)
}

func casesMultiSnap() []fixtureCase {
	second := fullSnap()
	second.ID, second.Ext, second.AbortedX = "Y4lRa0bMq", nil, false
	return []fixtureCase{
		{"zero", new(xact.MultiSnap)},
		{"full", &xact.MultiSnap{
			"tAbCdEfG": {fullSnap(), second},
			"tHiJkLmN": {{ID: "Z5mSb1cNr", Kind: apc.ActLRU, StartTime: tUTC, IdleX: true}},
		}},
		{"unicode", &xact.MultiSnap{uniKey: {{ID: uni, Kind: uni, Err: uni}}}},
		{"empty_vs_nil", &xact.MultiSnap{"tEmpty": {}, "tNil": nil, "tNilSnap": {nil}}},
		{"time", &xact.MultiSnap{"t1": {{StartTime: tZone, EndTime: tNeg}}}},
	}
}

func casesArgsMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &xact.ArgsMsg{}},
		{"full", &xact.ArgsMsg{
			ID: "X3kQz9aLp", Kind: apc.ActCopyBck, DaemonID: "tAbCdEfG", Bck: fullBck(),
			Buckets: []cmn.Bck{{Name: "b1", Provider: apc.AIS}, fullBck()},
			Timeout: 90 * time.Second, Flags: xact.FlagZeroSize, Force: true, OnlyRunning: true,
		}},
		{"unicode", &xact.ArgsMsg{ID: uni, Kind: uni, DaemonID: uni, Bck: cmn.Bck{Name: uni}}},
		{"empty_vs_nil", &xact.ArgsMsg{Buckets: []cmn.Bck{}}},
		{"int_limits", &xact.ArgsMsg{Timeout: time.Duration(maxI64), Flags: math.MaxUint32}},
		{"int_limits_min", &xact.ArgsMsg{Timeout: time.Duration(minI64)}},
	}
}

func casesQueryMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &xact.QueryMsg{}},
		{"full", &xact.QueryMsg{
			OnlyRunning: ptr(true), Bck: fullBck(), ID: "X3kQz9aLp", Kind: apc.ActCopyBck,
			DaemonID: "tAbCdEfG", Buckets: []cmn.Bck{{Name: "b1", Provider: apc.AIS}},
		}},
		{"unicode", &xact.QueryMsg{ID: uni, Kind: uni, DaemonID: uni, Bck: cmn.Bck{Name: uni}}},
		{"empty_vs_nil", &xact.QueryMsg{Buckets: []cmn.Bck{}}},     // omitempty: omitted
		{"false_pointer", &xact.QueryMsg{OnlyRunning: ptr(false)}}, // *bool: false, not null
	}
}

func casesStatus() []fixtureCase {
	return []fixtureCase{
		{"zero", &nl.Status{}},
		{"full", &nl.Status{
			Kind: apc.ActCopyBck, UUID: "X3kQz9aLp", ErrMsg: "failed", EndTimeX: tUTC.UnixNano(), AbortedX: true, IsIdleX: true,
		}},
		{"unicode", &nl.Status{Kind: uni, UUID: uni, ErrMsg: uni}},
		{"int_limits", &nl.Status{EndTimeX: maxI64}},
		{"int_limits_min", &nl.Status{EndTimeX: minI64}},
	}
}
