package main

// The registry: which real AIStore Go type backs each class of the Python SDK
// (aistore==1.26.0 and 1.25.0, module aistore.sdk.types; Namespace lives in
// aistore.sdk.namespace). Every mapping below was checked against the Go source of
// v1.5.0 (the pin) and v1.4.7; the types and action values are the same in both.

import (
	"reflect"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/api/authn"
	"github.com/NVIDIA/aistore/cmn"
	"github.com/NVIDIA/aistore/core"
	"github.com/NVIDIA/aistore/core/meta"
	"github.com/NVIDIA/aistore/ext/dsort"
	"github.com/NVIDIA/aistore/ext/etl"
	"github.com/NVIDIA/aistore/nl"
	"github.com/NVIDIA/aistore/xact"

	corev1 "k8s.io/api/core/v1"
)

type message struct {
	Name string       // SDK class name
	Type reflect.Type // real Go type (never a pointer)
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// messages, in SDK declaration order.
var messages = []message{
	{"ActionMsg", typeOf[apc.ActMsg]()},          // api/apc/actmsg.go
	{"NetInfo", typeOf[meta.NetInfo]()},          // core/meta/snode_wire.go (json "node_ip_addr", not the SDK's "node_hostname")
	{"Snode", typeOf[meta.Snode]()},              // core/meta/snode_wire.go
	{"Smap", typeOf[meta.Smap]()},                // core/meta/smap.go
	{"BucketEntry", typeOf[cmn.LsoEnt]()},        // cmn/objlist.go (msgp)
	{"BucketList", typeOf[cmn.LsoRes]()},         // cmn/objlist.go (msgp, no msg tags: Go field names)
	{"BucketModel", typeOf[cmn.Bck]()},           // cmn/bck_wire.go (msgp)
	{"Namespace", typeOf[cmn.Ns]()},              // cmn/bck_wire.go (msgp); SDK: aistore.sdk.namespace
	{"BsummCtrlMsg", typeOf[apc.BsummCtrlMsg]()}, // api/apc/bsummary.go
	{"JobArgs", typeOf[xact.ArgsMsg]()},          // xact/api_wait.go (untagged fields: ID, Kind, DaemonID, Bck, Buckets, ...)
	{"JobQuery", typeOf[xact.QueryMsg]()},        // xact/api_name.go (kind, node, show_active)
	{"JobStatus", typeOf[nl.Status]()},           // nl/listener.go
	{"ETLInfo", typeOf[etl.Info]()},              // ext/etl/api.go
	{"InitETLArgs", typeOf[etl.InitMsgBase]()},   // ext/etl/api.go: the base shared by both init messages
	{"EnvVar", typeOf[corev1.EnvVar]()},          // k8s.io/api/core/v1, used by etl.InitMsgBase.Env and etl.RuntimeSpec.Env
	{"ETLRuntimeSpec", typeOf[etl.RuntimeSpec]()},
	{"ETLSpecMsg", typeOf[etl.ETLSpecMsg]()},
	{"InitSpecETLArgs", typeOf[etl.InitSpecMsg]()},
	{"ETLObjError", typeOf[etl.ObjErr]()},
	{"ETLDetails", typeOf[etl.Details]()}, // init_msg is the interface etl.InitMsg (see interfaceImpls)
	{"ETLNodeLogs", typeOf[etl.Logs]()},   // logs is []byte (base64 on the wire)
	{"PromoteAPIArgs", typeOf[apc.PromoteArgs]()},
	{"JobStats", typeOf[core.Stats]()},              // core/xaction_wire.go (msgp)
	{"JobSnap", typeOf[core.Snap]()},                // core/xaction_wire.go (msgp)
	{"AggregatedJobSnap", typeOf[xact.MultiSnap]()}, // xact/api_snap.go: map[string][]*core.Snap
	{"CopyBckMsg", typeOf[apc.CopyBckMsg]()},
	{"ListObjectsMsg", typeOf[apc.LsoMsg]()},
	{"CreateNBIMsg", typeOf[apc.CreateNBIMsg]()},
	{"NBIInfo", typeOf[apc.NBIInfo]()},
	{"TransformBckMsg", typeOf[apc.Transform]()},
	{"TCBckMsg", typeOf[apc.TCBMsg]()},
	{"PrefetchMsg", typeOf[apc.PrefetchMsg]()},
	{"TCMultiObj", typeOf[cmn.TCOMsg]()},             // cmn/api.go: {tobck + apc.TCOMsg}; what the proxy decodes (apc.TCOMsg has no tobck)
	{"ArchiveMultiObj", typeOf[cmn.ArchiveBckMsg]()}, // cmn/api.go: {tobck + apc.ArchiveMsg}; likewise
	{"BlobMsg", typeOf[apc.BlobMsg]()},
	{"MptCompletedPart", typeOf[apc.MptCompletedPart]()}, // api/apc/mpt.go
	{"ListRange", typeOf[apc.ListRange]()},               // embedded by PrefetchMsg, ArchiveMsg, TCOMsg, EvdMsg
	// aistore.sdk.batch.types (GetBatch: api/apc/ml.go)
	{"MossIn", typeOf[apc.MossIn]()},
	{"MossOut", typeOf[apc.MossOut]()},
	{"MossReq", typeOf[apc.MossReq]()},
	{"MossResp", typeOf[apc.MossResp]()},
	// aistore.sdk.utils.HttpError: the error body of every node (cmn/err.go)
	{"HttpError", typeOf[cmn.ErrHTTP]()},
	// aistore.sdk.authn.types (api/authn/entity.go); ClusterInfo and ClusterPermission share CluACL
	{"LoginMsg", typeOf[authn.LoginMsg]()},
	{"TokenMsg", typeOf[authn.TokenMsg]()},
	{"ClusterInfo", typeOf[authn.CluACL]()},
	{"ClusterPermission", typeOf[authn.CluACL]()},
	{"ClusterList", typeOf[authn.RegisteredClusters]()},
	{"BucketPermission", typeOf[authn.BckACL]()},
	{"RoleInfo", typeOf[authn.Role]()},
	{"UserInfo", typeOf[authn.User]()},
	// aistore.sdk.dsort.types (ext/dsort/api_metrics.go) and the request the SDK's framework
	// builds (ext/dsort/api.go); PhaseInfo is the unexported phaseBase, embedded only
	{"TimeStats", typeOf[dsort.TimeStats]()},
	{"LocalExtraction", typeOf[dsort.LocalExtraction]()},
	{"MetaSorting", typeOf[dsort.MetaSorting]()},
	{"ShardCreation", typeOf[dsort.ShardCreation]()},
	{"DsortMetrics", typeOf[dsort.Metrics]()},
	{"JobInfo", typeOf[dsort.JobInfo]()},
	{"DsortRequestSpec", typeOf[dsort.RequestSpec]()},
	{"DsortAlgorithm", typeOf[dsort.Algorithm]()},
}

// actionValues: the Go type AIStore decodes apc.ActMsg.Value into, per action, for the
// registered types (cos.MorphMarshal, strict). Read from the v1.5.0 handlers (v1.4.7:
// the same types, lines a little earlier):
//
//	copy-bck, etl-bck            ais/proxy.go:1636, ais/tgttxn.go:169
//	copy-listrange, etl-listrange ais/proxy.go:1724, ais/tgttxn.go:185
//	prefetch-listrange           ais/tgtbck.go:734
//	archive                      ais/proxy.go:1477, ais/tgttxn.go:889
//	list                         ais/proxy.go:803, ais/tgtbck.go:211
//	summary-bck                  ais/proxy.go:699, ais/tgtbck.go:236
//	create-inventory             ais/tgttxn.go:1208
//	blob-download                ais/target.go:1361
//	promote                      ais/proxy.go:2110, ais/tgttxn.go:1009
//	start, stop                  ais/prxclu.go:858, 987, ais/tgtxact.go:116
//
// (delete-/evict-listrange decode apc.EvdMsg, mpt-complete apc.MptCompletedParts, the
// node actions apc.ActValRmNode and v1.5.0's summary-shard apc.ShardSummMsg: types the
// SDK does not model.)
var actionValues = map[string]reflect.Type{
	apc.ActCopyBck:         typeOf[apc.TCBMsg](),
	apc.ActETLBck:          typeOf[apc.TCBMsg](),
	apc.ActCopyObjects:     typeOf[cmn.TCOMsg](),
	apc.ActETLObjects:      typeOf[cmn.TCOMsg](),
	apc.ActPrefetchObjects: typeOf[apc.PrefetchMsg](),
	apc.ActArchive:         typeOf[cmn.ArchiveBckMsg](),
	apc.ActList:            typeOf[apc.LsoMsg](),
	apc.ActSummaryBck:      typeOf[apc.BsummCtrlMsg](),
	apc.ActCreateNBI:       typeOf[apc.CreateNBIMsg](),
	apc.ActBlobDl:          typeOf[apc.BlobMsg](),
	apc.ActPromote:         typeOf[apc.PromoteArgs](),
	apc.ActXactStart:       typeOf[xact.ArgsMsg](),
	apc.ActXactStop:        typeOf[xact.ArgsMsg](),
}

// SDK classes with no Go counterpart in AIStore (v1.4.7 and v1.5.0).
var noCounterpart = map[string]string{
	"ETLInitMsg": "models the removed init-code message (code, dependencies, chunk_size, runtime as string); " +
		"AIStore has only etl.InitSpecMsg (InitSpecETLArgs) and etl.ETLSpecMsg (ETLSpecMsg), both behind the " +
		"etl.InitMsg interface that etl.Details.InitMsg holds",
}

// Interfaces that appear as field types, with the concrete types AIStore puts in them.
var interfaceImpls = map[reflect.Type][]reflect.Type{
	typeOf[etl.InitMsg](): {typeOf[etl.ETLSpecMsg](), typeOf[etl.InitSpecMsg]()},
}

func lookupMessage(name string) (reflect.Type, bool) {
	for _, m := range messages {
		if m.Name == name {
			return m.Type, true
		}
	}
	return nil, false
}
