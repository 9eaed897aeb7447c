# Copied from schema/sdk_types.py by aistore-models-gen. Edit the original.
"""A drop-in for the AIStore SDK's `aistore.sdk.types` (SDK 1.26.0 and 1.25.0), backed by the
generated models.

Switch by re-exporting this module in place of the SDK's: replace the body of
`aistore/sdk/types.py` with `from aistore_models.sdk_types import *  # noqa`, or
set `sys.modules["aistore.sdk.types"] = aistore_models.sdk_types` before the
SDK is first imported.  Names, attributes, defaults, methods and `as_dict()`
stay the SDK's; where the SDK disagrees with AIStore's Go structs the wire follows
Go (docs/sdk-divergences.md).

BucketEntry and BucketList are msgspec structs, as in the SDK, which decodes
listings with `msgspec.msgpack.decode(data, type=BucketList)`.  The SDK helpers
that its types module imports (constants, ObjectProps, NoTargetError, ...) are
looked up in the installed SDK on first use, so importing this module never
imports the SDK (which would import its own types module first).
"""

from __future__ import annotations

import base64
import importlib
import warnings
from importlib import metadata
from typing import Any, Dict, List, Mapping, Optional, Union  # noqa: UP035 - the SDK's names

import msgspec
from pydantic import BaseModel, Field, RootModel, field_validator

from .behaviour import xoshiro256_hash
from .enums import ListObjectFlag
from .models import (
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
from .structs import BucketEntry, BucketList

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
_LAZY = {name: module for module, names in _FROM_SDK.items() for name in names}

# The SDK releases whose aistore.sdk.types this module is proven against (tests/test_sdk_parity.py,
# tests/test_sdk_shim.py): pyproject.toml's dev group installs the newest, and
# tests/test_sdk_older.py runs both tests on the other from tests/sdk/.
SUPPORTED_SDK = ("1.25.0", "1.26.0")


class UntestedSDKWarning(UserWarning):
    """The installed AIStore SDK is a release this drop-in was not tested with."""


def sdk_support(version: str | None) -> str | None:
    """Why an SDK of `version` (None: not installed) may not match this module, or None."""
    if version is None or version in SUPPORTED_SDK:
        return None
    return (
        f"aistore_models.sdk_types mirrors aistore.sdk.types of SDK {', '.join(SUPPORTED_SDK)}; "
        f"the installed SDK is {version}, which it was not tested with: its code may expect names, "
        "attributes or payloads this module does not have "
        f"(pip install 'aistore=={SUPPORTED_SDK[-1]}')"
    )


def _installed_sdk() -> str | None:
    try:
        return metadata.version("aistore")
    except metadata.PackageNotFoundError:
        return None


_why = sdk_support(
    _installed_sdk()
)  # read from metadata: importing the SDK here would import its types
if _why:
    warnings.warn(_why, UntestedSDKWarning, stacklevel=2)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
