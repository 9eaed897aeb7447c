package main

// Fixture cases for core/meta messages, and the node/map builders that the
// HRW vectors reuse.

import (
	"fmt"
	"reflect"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/core/meta"
)

func netInfo(host string, port int) meta.NetInfo {
	var ni meta.NetInfo
	ni.Init("http", host, fmt.Sprint(port)) // also sets the unexported tcpEndpoint (msgp-encoded)
	return ni
}

// newNode builds a node with AIStore's own Snode.Init, which computes IDDigest
// (xxhash64 of the ID, seed cos.MLCG32).
func newNode(id, daeType string, host string, flags cos.BitFlags) *meta.Snode {
	n := &meta.Snode{}
	initNode(n, id, daeType)
	port := 8081
	if daeType == apc.Target {
		port = 9081
	}
	n.PubNet = netInfo(host, port)
	n.ControlNet = netInfo(host, port+1)
	n.DataNet = netInfo(host, port+2)
	n.Flags = flags
	return n
}

// initNode calls Snode.Init, whose signature gained a verifying key in v1.5.0: the extra
// arguments get their zero values, so one harness builds against every served AIStore.
func initNode(n *meta.Snode, id, daeType string) {
	init := reflect.ValueOf(n).MethodByName("Init")
	args := []reflect.Value{reflect.ValueOf(id), reflect.ValueOf(daeType)}
	for i := len(args); i < init.Type().NumIn(); i++ {
		args = append(args, reflect.Zero(init.Type().In(i)))
	}
	init.Call(args)
}

// withVerifyingKey gives the node an ed25519-sized public key where this AIStore has the
// field (v1.5.0 on): one harness, every served release.
func withVerifyingKey(n *meta.Snode) {
	if f := reflect.ValueOf(n).Elem().FieldByName("VerifyingKey"); f.IsValid() {
		key := make([]byte, 32)
		for i := range key {
			key[i] = byte(i * 7)
		}
		f.SetBytes(key)
	}
}

func newSmap(proxies, targets []*meta.Snode, version int64) *meta.Smap {
	smap := &meta.Smap{
		Pmap:         meta.NodeMap{},
		Tmap:         meta.NodeMap{},
		UUID:         "mBw9j3kFq",
		CreationTime: "2024-03-15 12:34:56.123456789 +0000 UTC m=+0.012345678",
		Version:      version,
	}
	for _, p := range proxies {
		smap.Pmap.Add(p)
	}
	for _, t := range targets {
		smap.Tmap.Add(t)
	}
	if len(proxies) > 0 {
		smap.Primary = proxies[0]
	}
	return smap
}

func casesNetInfo() []fixtureCase {
	full := netInfo("10.0.0.1", 8081)
	return []fixtureCase{
		{"zero", &meta.NetInfo{}},
		{"full", &full},
		{"unicode", &meta.NetInfo{Hostname: uni, Port: uni, URL: uni}},
	}
}

func casesSnode() []fixtureCase {
	full := newNode("pKcBhjYz", apc.Proxy, "10.0.0.1", meta.SnodeIC|meta.SnodeNonElectable)
	full.PubExtra = []meta.NetInfo{netInfo("192.168.1.1", 8081)}
	withVerifyingKey(full)
	return []fixtureCase{
		{"zero", &meta.Snode{}},
		{"full", full},
		{"unicode", &meta.Snode{
			PubNet: meta.NetInfo{Hostname: uni}, DataNet: meta.NetInfo{Port: uni}, ControlNet: meta.NetInfo{URL: uni},
			DaeType: uni, DaeID: uni, PubExtra: []meta.NetInfo{{Hostname: uni}},
		}},
		{"empty_vs_nil", &meta.Snode{PubExtra: []meta.NetInfo{}}}, // json omits it; msgp omitempty only omits nil
		{"int_limits", &meta.Snode{DaeID: "max", Flags: cos.BitFlags(maxU64), IDDigest: maxU64}},
		{"uint64_above_int63", &meta.Snode{DaeID: "big", Flags: meta.SnodeMaint | meta.SnodeDecomm, IDDigest: above63}},
	}
}

func fullSmap() *meta.Smap {
	proxies := []*meta.Snode{
		newNode("pKcBhjYz", apc.Proxy, "10.0.0.1", meta.SnodeIC),
		newNode("pQrStUvW", apc.Proxy, "10.0.0.2", meta.SnodeNonElectable),
	}
	targets := []*meta.Snode{
		newNode("tAbCdEfG", apc.Target, "10.0.1.1", 0),
		newNode("tHiJkLmN", apc.Target, "10.0.1.2", meta.SnodeMaint),
		newNode("tOpQrStU", apc.Target, "10.0.1.3", meta.SnodeDecomm|meta.SnodeMaintPostReb),
	}
	proxies[0].PubExtra = []meta.NetInfo{netInfo("192.168.1.1", 8081)}
	withVerifyingKey(proxies[0])
	smap := newSmap(proxies, targets, 17)
	smap.Ext = map[string]any{"note": "ext is any", "n": 1}
	return smap
}

func casesSmap() []fixtureCase {
	cases := []fixtureCase{
		{"zero", &meta.Smap{}},
		{"full", fullSmap()},
		{"unicode", &meta.Smap{
			Pmap:         meta.NodeMap{uniKey: {DaeID: uni, DaeType: apc.Proxy}},
			Tmap:         meta.NodeMap{uni: {DaeID: uni, DaeType: apc.Target, PubNet: meta.NetInfo{Hostname: uni}}},
			Primary:      &meta.Snode{DaeID: uni},
			UUID:         uni,
			CreationTime: uni,
			Ext:          uni,
		}},
		{"empty_vs_nil", &meta.Smap{Pmap: meta.NodeMap{}, Tmap: meta.NodeMap{"tNil": nil}}},
		{"int_limits", &meta.Smap{Version: maxI64, Tmap: meta.NodeMap{"t": {DaeID: "t", IDDigest: maxU64, Flags: cos.BitFlags(maxU64)}}}},
		{"int_limits_min", &meta.Smap{Version: minI64}},
	}
	return append(cases, anyCases(func(v any) any { return &meta.Smap{Ext: v, Version: 1} })...)
}
