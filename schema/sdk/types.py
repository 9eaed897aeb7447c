"""The drop-in for the AIStore SDK's `aistore.sdk.types` (SDK 1.26.0 and 1.25.0), backed by
the generated models (see the package's docstring for switching).

Names, attributes, defaults, methods and `as_dict()` stay the SDK's; where the SDK disagrees
with AIStore's Go structs the wire follows Go (docs/sdk-divergences.md).  BucketEntry and
BucketList are msgspec structs, as in the SDK, which decodes listings with
`msgspec.msgpack.decode(data, type=BucketList)`.
"""

from __future__ import annotations

import base64
from typing import Any, Dict, List, Mapping, Optional, Union  # noqa: UP035 - the SDK's names

import msgspec
from pydantic import BaseModel, Field, RootModel, field_validator

from ..behaviour import xoshiro256_hash
from ..enums import ListObjectFlag
from ..models import (
    ActionMsg,
    AggregatedJobSnap,
    ArchiveMultiObj,
    BlobMsg,
    BsummCtrlMsg,
    BucketModel,
    CopyBckMsg,
    CreateNBIMsg,
    EnvVar,
    ETLDetails,
    ETLInfo,
    ETLInitMsg,
    ETLNodeLogs,
    ETLObjError,
    ETLRuntimeSpec,
    ETLSpecMsg,
    InitETLArgs,
    InitSpecETLArgs,
    JobArgs,
    JobQuery,
    JobSnap,
    JobStats,
    JobStatus,
    ListObjectsMsg,
    MptCompletedPart,
    Namespace,
    NBIInfo,
    NetInfo,
    PrefetchMsg,
    PromoteAPIArgs,
    Smap,
    Snode,
    TCBckMsg,
    TCMultiObj,
    TransformBckMsg,
)
from ..structs import BucketEntry, BucketList
from . import SUPPORTED_SDK as SUPPORTED_SDK  # re-exported: the releases it is proven on
from . import UntestedSDKWarning as UntestedSDKWarning
from . import from_sdk
from . import sdk_support as sdk_support

# Names the SDK's types module imports from elsewhere in the SDK (or requests): module -> names.
_FROM_SDK = {
    "aistore.sdk.const": (
        "HEADER_CONTENT_LENGTH", "AIS_CHECKSUM_VALUE", "AIS_ACCESS_TIME", "AIS_VERSION",
        "AIS_OBJ_NAME", "AIS_LOCATION", "AIS_MIRROR_COPIES", "JOGGER_COUNT_MASK",
        "WORKER_COUNT_MASK", "WORKER_COUNT_SHIFT", "CHANNEL_COUNT_MASK", "CHANNEL_COUNT_SHIFT",
    ),
    "aistore.sdk.errors": ("NoTargetError",),
    "aistore.sdk.obj.object_props": ("ObjectProps",),
    "aistore.sdk.utils": ("get_digest",),
    "requests.structures": ("CaseInsensitiveDict",),
}  # fmt: skip
__getattr__ = from_sdk(__name__, _FROM_SDK)


# Literal, so linters see every re-export (the SDK types module's public names).
__all__ = [
    "AIS_ACCESS_TIME",
    "AIS_CHECKSUM_VALUE",
    "AIS_LOCATION",
    "AIS_MIRROR_COPIES",
    "AIS_OBJ_NAME",
    "AIS_VERSION",
    "ActionMsg",
    "AggregatedJobSnap",
    "Any",
    "ArchiveMultiObj",
    "BaseModel",
    "BlobMsg",
    "BsummCtrlMsg",
    "BucketEntry",
    "BucketList",
    "BucketModel",
    "CHANNEL_COUNT_MASK",
    "CHANNEL_COUNT_SHIFT",
    "CaseInsensitiveDict",
    "CopyBckMsg",
    "CreateNBIMsg",
    "Dict",
    "ETLDetails",
    "ETLInfo",
    "ETLInitMsg",
    "ETLNodeLogs",
    "ETLObjError",
    "ETLRuntimeSpec",
    "ETLSpecMsg",
    "EnvVar",
    "Field",
    "HEADER_CONTENT_LENGTH",
    "InitETLArgs",
    "InitSpecETLArgs",
    "JOGGER_COUNT_MASK",
    "JobArgs",
    "JobQuery",
    "JobSnap",
    "JobStats",
    "JobStatus",
    "List",
    "ListObjectFlag",
    "ListObjectsMsg",
    "Mapping",
    "MptCompletedPart",
    "NBIInfo",
    "Namespace",
    "NetInfo",
    "NoTargetError",
    "ObjectProps",
    "Optional",
    "PrefetchMsg",
    "PromoteAPIArgs",
    "RootModel",
    "Smap",
    "Snode",
    "TCBckMsg",
    "TCMultiObj",
    "TransformBckMsg",
    "Union",
    "WORKER_COUNT_MASK",
    "WORKER_COUNT_SHIFT",
    "base64",
    "field_validator",
    "get_digest",
    "msgspec",
    "xoshiro256_hash",
]
