# Copied from schema/behaviour.py by aistore-models-gen. Edit the original.
"""Hand-written behaviour of the AIStore messages: the methods of the SDK's classes.

The YAML names these classes with `mixin:`; the generator copies this module into
the package, and the generated model (and struct) inherits from the mixin.  The
mixins hold methods only (`__slots__ = ()`, so msgspec structs can use them too).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

# HRW placement, as core/meta/hrw.go: xxhash64 of the name (seed cos.MLCG32), mixed with
# each target's digest through xoshiro256.Hash; the largest wins.
MLCG32 = 1103515245
_U64 = (1 << 64) - 1

# Snode.Flags bits (core/meta/smap.go): SnodeMaint, SnodeDecomm.
SNODE_MAINT_OR_DECOMM = 1 << 2 | 1 << 3

# JobSnap.packed (core/xaction.go Pack): joggers in bits 0-9, workers in 10-19, the rest above.
_GOR_BITS = 10
_GOR_MASK = (1 << _GOR_BITS) - 1
_CHAN_MASK = ((1 << (64 - 2 * _GOR_BITS)) - 1) << 2 * _GOR_BITS

# BucketEntry.flags (cmn/objlist.go): status in bits 0-4, EntryIsCached is bit 6.
_ENTRY_STATUS_MASK = (1 << 5) - 1
_ENTRY_IS_CACHED = 1 << 6


def xoshiro256_hash(seed: int) -> int:
    """cmn/xoshiro256.Hash: splitmix64 scrambling, then rotate-left 7 and times 9 (mod 2**64)."""
    z = (seed + 0x9E3779B97F4A7C15) & _U64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _U64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
    z = ((z ^ (z >> 31)) + 0x9E3779B97F4A7C15) & _U64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _U64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
    z = ((z ^ (z >> 31)) * 5) & _U64
    return ((((z << 7) | (z >> 57)) & _U64) * 9) & _U64


def name_digest(name: str) -> int:
    import xxhash

    return int(xxhash.xxh64_intdigest(name.encode("utf-8"), seed=MLCG32))


def _no_target_error(total: int) -> Exception:
    """The SDK's NoTargetError when the SDK is installed (so its callers catch it), else ours."""
    try:
        from aistore.sdk.errors import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
            NoTargetError as SdkNoTargetError,
        )
    except ImportError:
        return NoTargetError(total)
    return SdkNoTargetError(total)  # type: ignore[no-any-return]


class NoTargetError(Exception):
    """No target is left to hold an object (all are in maintenance or decommissioned)."""

    def __init__(self, total_nodes: int):
        super().__init__(f"No available targets in the cluster map. Total nodes: {total_nodes}")


class AsDict:
    """`as_dict()`: the payload as AIStore's Go decoder reads it (plain JSON values)."""

    __slots__ = ()

    def as_dict(self) -> Any:
        from .api import to_wire

        return to_wire(self)


class SnodeBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        flags: int

    def in_maint_or_decomm(self) -> bool:
        return (self.flags & SNODE_MAINT_OR_DECOMM) != 0


class SmapBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        tmap: Mapping[str, Any] | None

    def get_target_for_object(self, uname: str) -> Any:
        """The target that holds `uname` (bucket path + object name), by highest random weight."""
        digest = name_digest(uname)
        chosen, best = None, -1
        for node in (self.tmap or {}).values():
            if node is None or node.in_maint_or_decomm():
                continue
            weight = xoshiro256_hash(node.id_digest ^ digest)
            if weight > best:
                chosen, best = node, weight
        if chosen is None:
            raise _no_target_error(len(self.tmap or {}))
        return chosen


class NamespaceBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        uuid: str
        name: str

    def get_path(self) -> str:
        """The namespace as AIStore writes it in paths: @uuid#name."""
        return f"@{self.uuid}#{self.name}"


class BucketModelBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        name: str
        provider: str
        namespace: Any

    def as_dict(self) -> dict[str, Any]:
        model: Any = self  # a pydantic model: this mixin only ever sits under BucketModel
        return dict(model.model_dump(exclude_none=True))

    def get_path(self) -> str:
        """provider/@uuid#name/bucket/ (the prefix of an object's uname)."""
        namespace = self.namespace.get_path() if self.namespace else "@#"
        return f"{self.provider}/{namespace}/{self.name}/"


class ListObjectFlagBehaviour:
    @classmethod
    def _missing_(cls, value: Any) -> Any:
        # A member of another flag enum with the same bit positions (the SDK's own
        # aistore.sdk.list_object_flag.ListObjectFlag, which Bucket.list_objects passes on).
        if isinstance(value, Enum):
            enum_cls: Any = cls  # the generated enum that this mixin sits under
            return enum_cls(value.value)
        return super()._missing_(value)  # type: ignore[misc]

    @staticmethod
    def join_flags(flags: list[Any]) -> int:
        """The bitmask of a list of flags (each member's value is its bit position)."""
        mask = 0
        for flag in flags:
            mask |= 1 << flag.value
        return mask


class BucketEntryBehaviour:
    """Readable names for the listing entry's short wire names, as the SDK has them."""

    __slots__ = ()
    if TYPE_CHECKING:
        n: str
        cs: str
        a: str
        v: str
        t: str
        s: int
        c: int
        f: int

    @property
    def name(self) -> str:
        return self.n

    @property
    def checksum(self) -> str:
        return self.cs

    @property
    def atime(self) -> str:
        return self.a

    @property
    def version(self) -> str:
        return self.v

    @property
    def location(self) -> str:
        return self.t

    @property
    def size(self) -> int:
        return self.s

    @property
    def copies(self) -> int:
        return self.c

    @property
    def flags(self) -> int:
        return self.f

    def is_cached(self) -> bool:
        return (self.flags & _ENTRY_IS_CACHED) != 0

    def is_ok(self) -> bool:
        return (self.flags & _ENTRY_STATUS_MASK) == 0

    def generate_object_props(self) -> Any:
        """The SDK's ObjectProps for this entry (needs the aistore SDK installed)."""
        from aistore.sdk.obj.object_props import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
            ObjectProps,
        )
        from requests.structures import CaseInsensitiveDict

        headers = CaseInsensitiveDict(
            {
                "ais-name": self.name,
                "ais-checksum-value": self.checksum,
                "ais-atime": self.atime,
                "ais-version": self.version,
                "ais-location": self.location,
                "Content-Length": self.size,
                "ais-mirror-copies": self.copies,
            }
        )
        return ObjectProps(headers)


class BucketListBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        UUID: str
        ContinuationToken: str
        Flags: int
        Entries: list[Any] | None

    @property
    def uuid(self) -> str:
        return self.UUID

    @property
    def continuation_token(self) -> str:
        return self.ContinuationToken

    @property
    def flags(self) -> int:
        return self.Flags

    @property
    def entries(self) -> list[Any]:
        return [] if self.Entries is None else self.Entries


class JobSnapBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        packed: int

    def unpack_glob_id(self) -> tuple[int, int, int]:
        """(joggers, workers, channel-full count) packed into `packed` (Go's Snap.Unpack)."""
        njoggers = self.packed & _GOR_MASK
        nworkers = (self.packed >> _GOR_BITS) & _GOR_MASK
        chan_full = (self.packed & _CHAN_MASK) >> 2 * _GOR_BITS
        return njoggers, nworkers, chan_full


class AggregatedJobSnapBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the model's RootModel field, or the struct's dict itself

        @property
        def root(self) -> Mapping[str, list[Any] | None] | None: ...

    def list_snapshots(self) -> list[Any]:
        """Every target's snapshots in one list."""
        return [
            snap for snaps in (self.root or {}).values() for snap in snaps or () if snap is not None
        ]

    def get_num_workers(self) -> int:
        """The number of workers of any one snapshot (they are all the same)."""
        for snaps in (self.root or {}).values():
            for snap in snaps or ():
                if snap is not None:
                    return int(snap.unpack_glob_id()[1])
                break
        return 0

    def all_idle(self) -> bool:
        return all(s.is_idle or s.aborted or s.abort_err for s in self.list_snapshots())

    def any_finished(self) -> bool:
        return any(
            s.aborted or s.abort_err or (s.end_time and s.end_time != "0001-01-01T00:00:00Z")
            for s in self.list_snapshots()
        )

    def any_aborted(self) -> bool:
        """Whether any snapshot was aborted (SDK 1.26.0)."""
        return any(s.aborted or s.abort_err for s in self.list_snapshots())

    def idle_or_aborted(self) -> bool:
        """Done for a job that goes idle: all idle, or one aborted, as Go stops waiting at the
        first target that reports an abort (SDK 1.26.0)."""
        return self.all_idle() or self.any_aborted()


class InitMsgBehaviour(AsDict):
    """ETLDetails.init_msg was the SDK's ETLInitMsg, read as `.communication`; Go sends
    ETLSpecMsg or InitSpecETLArgs, whose attribute is `comm_type` (the same wire key)."""

    __slots__ = ()
    if TYPE_CHECKING:
        comm_type: str

    @property
    def communication(self) -> str:
        return self.comm_type


class TCMultiObjBehaviour(AsDict):
    """The SDK's top-level continue_on_err / num_workers go into the embedded TCBMsg on the wire."""

    __slots__ = ()
    if TYPE_CHECKING:
        tc_msg: Any
        continue_on_err: bool | None
        num_workers: int | None

    def model_post_init(self, context: Any) -> None:
        overrides: dict[str, Any] = {}
        if self.continue_on_err is not None:
            overrides["cont_on_err"] = self.continue_on_err
        if self.num_workers:
            overrides["num_workers"] = self.num_workers
        if overrides:
            from .models import TCBckMsg

            current = self.tc_msg  # copied, so the caller's TCBckMsg is left alone
            self.tc_msg = current.model_copy(update=overrides) if current else TCBckMsg(**overrides)


# ------------------------------------------------------------------ AuthN, GetBatch, dsort


class WireDump:
    """`model_dump()` without options is the payload Go reads: the SDK's AuthN managers post
    `model_dump()` as the request body (ClusterInfo, RoleInfo), and Go's `,string` permissions
    must travel as strings."""

    __slots__ = ()

    def model_dump(self, **kwargs: Any) -> Any:
        if kwargs:
            return super().model_dump(**kwargs)  # type: ignore[misc]
        from .api import to_wire

        return to_wire(self)


class WireDict:
    """The SDK's `dict()`: the payload Go reads (UserInfo sends `password` as "pass", the
    GetBatch messages their short keys)."""

    __slots__ = ()

    def dict(self, *args: Any, **kwargs: Any) -> Any:
        from .api import to_wire

        return to_wire(self)


class MossReqBehaviour(WireDict):
    __slots__ = ()
    if TYPE_CHECKING:
        moss_in: list[Any] | None

    def add(self, moss_in: Any) -> Any:
        """Add one MossIn (in place, as the SDK does); returns the request, for chaining."""
        return self.extend([moss_in])

    def extend(self, moss_ins: list[Any]) -> Any:
        """Add several MossIn (in place); returns the request, for chaining."""
        model: Any = self  # a pydantic model or a struct: both take the assignment
        if model.moss_in is None:
            model.moss_in = []
        model.moss_in.extend(moss_ins)
        return self


def _access_attr() -> Any:
    """The SDK's AccessAttr (permission bit names): describe() words permissions as it does."""
    from aistore.sdk.authn.access_attr import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        AccessAttr,
    )

    return AccessAttr


class _Permission(WireDump):
    """A cluster's or a bucket's access bits (Go apc.AccessAttrs, `,string` on the wire)."""

    __slots__ = ()
    if TYPE_CHECKING:
        perm: int

    def describe(self) -> str:
        """The permission bits by name (the SDK's AccessAttr.describe)."""
        return str(_access_attr().describe(int(self.perm)))


class ClusterPermissionBehaviour(_Permission):
    __slots__ = ()
    if TYPE_CHECKING:
        id: str

    def __str__(self) -> str:
        return f"ClusterPermission(id={self.id}, perm={self.describe()})"


class BucketPermissionBehaviour(_Permission):
    __slots__ = ()
    if TYPE_CHECKING:
        bck: Any

    def __str__(self) -> str:
        return f"BucketPermission(bck={self.bck}, perm={self.describe()})"


class RoleInfoBehaviour(WireDump):
    __slots__ = ()
    if TYPE_CHECKING:
        name: str
        desc: str
        clusters: list[Any] | None
        buckets: list[Any] | None
        admin: bool

    def __str__(self) -> str:
        clusters = "None" if self.clusters is None else ", ".join(map(str, self.clusters))
        buckets = "None" if self.buckets is None else ", ".join(map(str, self.buckets))
        return (
            f"RoleInfo(name={self.name}, desc={self.desc}, "
            f"clusters=[{clusters}], buckets=[{buckets}], admin={self.admin})"
        )


class RootCollection:
    """The SDK's RolesList and UserMap: a root model used as its list or dict.  The struct is
    the list or dict itself (its `root` is itself), so there the container's own methods run."""

    __slots__ = ()
    if TYPE_CHECKING:

        @property
        def root(self) -> Any: ...

    def __iter__(self) -> Any:
        root = self.root
        return super().__iter__() if root is self else iter(root or ())  # type: ignore[misc]

    def __getitem__(self, item: Any) -> Any:
        root = self.root
        if root is self:
            return super().__getitem__(item)  # type: ignore[misc]
        if root is None:
            raise (KeyError if isinstance(item, str) else IndexError)(item)
        return root[item]

    def __len__(self) -> int:
        root = self.root
        return int(super().__len__()) if root is self else len(root or ())  # type: ignore[misc]


class RolesListBehaviour(RootCollection):
    __slots__ = ()

    def __str__(self) -> str:
        return "\n".join(str(role) for role in self)


class UserMapBehaviour(RootCollection):
    __slots__ = ()

    def items(self) -> Any:
        root = self.root
        return super().items() if root is self else (root or {}).items()  # type: ignore[misc]

    def __str__(self) -> str:
        return "\n".join(str(user) for _, user in self.items())
