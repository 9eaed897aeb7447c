package main

// HRW (highest random weight) object placement, computed by AIStore's own
// meta.Smap.HrwName2T (core/meta/hrw.go):
//   digest = xxhash64(uname, seed cos.MLCG32); for each target not in
//   maintenance/decommission: xoshiro256.Hash(target.IDDigest ^ digest); max wins.
//
// `harness hrw`: lines {"smap": <meta.Smap JSON>, "names": [uname, ...]} on stdin,
// one line {"ok": true, "results": [{"target": id|null, "error": msg|null}, ...]}
// (or {"ok": false, "error": ...}) on stdout.
//
// `harness hrw-vectors OUTDIR`: OUTDIR/hrw.json, a list of groups
// {"name", "smap", "cases": [{"uname", "target", "error"}]} (the smap is written
// once per group, not once per uname, to keep the file small).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn"
	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/core/meta"
)

type hrwResult struct {
	Target *string `json:"target"`
	Error  *string `json:"error"`
}

// hrwPick: what AIStore picks. InitDigests mirrors what a node does with every
// Smap it installs (ais/clustermap.go, smapOwner.put): a zero IDDigest is
// computed from the node ID; a non-zero one is used as is.
func hrwPick(smap *meta.Smap, uname string) hrwResult {
	si, err := smap.HrwName2T([]byte(uname))
	if err != nil {
		msg := err.Error()
		return hrwResult{Error: &msg}
	}
	id := si.ID()
	return hrwResult{Target: &id}
}

type hrwRequest struct {
	Smap  json.RawMessage `json:"smap"`
	Names []string        `json:"names"`
}

type hrwReply struct {
	OK      bool        `json:"ok"`
	Results []hrwResult `json:"results,omitempty"`
	Error   string      `json:"error,omitempty"`
}

func hrwLine(line []byte) hrwReply {
	var req hrwRequest
	if err := json.Unmarshal(line, &req); err != nil {
		return hrwReply{Error: "bad request: " + err.Error()}
	}
	smap := &meta.Smap{}
	if err := cos.JSON.Unmarshal(req.Smap, smap); err != nil {
		return hrwReply{Error: "bad smap: " + err.Error()}
	}
	smap.InitDigests()
	results := make([]hrwResult, 0, len(req.Names))
	for _, name := range req.Names {
		results = append(results, hrwPick(smap, name))
	}
	return hrwReply{OK: true, Results: results}
}

func runHrw(in io.Reader, out io.Writer) error {
	return serveLines(in, out, func(line []byte) any { return hrwLine(line) })
}

//
// hrw-vectors
//

type hrwCase struct {
	Uname string `json:"uname"`
	hrwResult
}

type hrwGroup struct {
	Name  string          `json:"name"`
	Smap  json.RawMessage `json:"smap"` // cos.JSON encoding of meta.Smap
	Cases []hrwCase       `json:"cases"`
}

// node IDs: AIStore's own generator (cos.RandStringWithSrc, as in
// cos.GenDaemonID: 8 letters) with a fixed seed, so every run is identical.
type idGen struct{ src rand.Source }

func (g *idGen) next() string { return cos.RandStringWithSrc(g.src, 8) }

func vectorSmap(ids *idGen, ntargets int, flags map[int]cos.BitFlags, version int64) *meta.Smap {
	proxies := []*meta.Snode{newNode(ids.next(), apc.Proxy, "10.0.0.1", meta.SnodeIC)}
	targets := make([]*meta.Snode, 0, ntargets)
	for i := range ntargets {
		host := fmt.Sprintf("10.0.1.%d", i+1)
		targets = append(targets, newNode(ids.next(), apc.Target, host, flags[i]))
	}
	return newSmap(proxies, targets, version)
}

func vectorUnames(n int) []string {
	bcks := []cmn.Bck{
		{Name: "bucket", Provider: apc.AIS},
		{Name: "images", Provider: apc.AWS},
		{Name: "data", Provider: apc.AIS, Ns: cmn.Ns{UUID: "Remote-Cluster-1", Name: "team-a"}},
		{Name: "logs", Provider: apc.GCP, Ns: cmn.Ns{Name: "ns"}},
	}
	special := []string{
		"", "/", "a", "dir/sub/obj.tar", "naïve café.txt", "日本語/ファイル.bin", "emoji-🚀-✓",
		"space name", "quote\"and'apos", "back\\slash", "nl\nline", "\u2028sep", "very-long-" + string(bytes.Repeat([]byte("x"), 500)),
	}
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		bck := bcks[i%len(bcks)]
		var obj string
		if i < len(special) {
			obj = special[i]
		} else {
			obj = fmt.Sprintf("obj-%d", i)
		}
		out = append(out, string(bck.MakeUname(obj)))
	}
	return out
}

func runHrwVectors(outdir string) error {
	ids := &idGen{src: rand.NewPCG(0xA15, 0x4E7)}
	maint, decomm, postReb := meta.SnodeMaint, meta.SnodeDecomm, meta.SnodeMaintPostReb
	specs := []struct {
		name     string
		ntargets int
		flags    map[int]cos.BitFlags
		nnames   int
	}{
		{"1-target", 1, nil, 100},
		{"3-targets", 3, nil, 800},
		{"3-targets-1-maint", 3, map[int]cos.BitFlags{1: maint}, 500},
		{"10-targets", 10, nil, 1000},
		// maint-post-rebalance alone (1<<4) does NOT exclude a target; non-electable/IC are irrelevant
		{"10-targets-mixed-flags", 10, map[int]cos.BitFlags{
			0: maint, 3: decomm, 5: maint | decomm, 7: postReb, 8: meta.SnodeNonElectable | meta.SnodeIC,
		}, 1000},
		{"3-targets-all-maint", 3, map[int]cos.BitFlags{0: maint, 1: decomm, 2: maint | postReb}, 20},
		{"0-targets", 0, nil, 5},
	}
	groups := make([]hrwGroup, 0, len(specs))
	for i, s := range specs {
		smap := vectorSmap(ids, s.ntargets, s.flags, int64(i+1))
		raw, err := cos.JSON.Marshal(smap)
		if err != nil {
			return err
		}
		g := hrwGroup{Name: s.name, Smap: raw}
		for _, uname := range vectorUnames(s.nnames) {
			g.Cases = append(g.Cases, hrwCase{Uname: uname, hrwResult: hrwPick(smap, uname)})
		}
		groups = append(groups, g)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(groups); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outdir, "hrw.json"), buf.Bytes(), 0o644)
}
