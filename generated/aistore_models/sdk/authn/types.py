# Copied from schema/sdk/authn/types.py by aistore-models-gen. Edit the original.
"""The drop-in for the AIStore SDK's `aistore.sdk.authn.types` (SDK 1.26.0 and 1.25.0): AuthN's
wire messages (Go api/authn), backed by the generated models.

Names, attributes, defaults and methods stay the SDK's.  Where the SDK disagrees with Go the
wire follows Go (docs/sdk-divergences.md): permissions are Go's uint64 (sent as strings, as
`,string` requires), `model_dump()` and `dict()` give the payload Go reads, and
LoginMsg.expires_in stays seconds in Python and travels as Go's nanoseconds.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Union  # noqa: UP035 - the SDK's names

from pydantic import BaseModel, Field, RootModel

from ...models import (
    BucketModel,
    BucketPermission,
    ClusterInfo,
    ClusterList,
    ClusterPermission,
    LoginMsg,
    RoleInfo,
    RolesList,
    TokenMsg,
    UserInfo,
    UserMap,
)
from .. import from_sdk

# Names the SDK's module imports from elsewhere in the SDK: module -> names.
_FROM_SDK = {
    "aistore.sdk.authn.access_attr": ("AccessAttr",),
    "aistore.sdk.const": ("NANOSECONDS_IN_SECOND",),
}
__getattr__ = from_sdk(__name__, _FROM_SDK)

# Literal, so linters see every re-export (the SDK module's public names).
__all__ = [
    "AccessAttr",
    "BaseModel",
    "BucketModel",
    "BucketPermission",
    "ClusterInfo",
    "ClusterList",
    "ClusterPermission",
    "Dict",
    "Field",
    "List",
    "LoginMsg",
    "NANOSECONDS_IN_SECOND",
    "Optional",
    "RoleInfo",
    "RolesList",
    "RootModel",
    "TokenMsg",
    "Union",
    "UserInfo",
    "UserMap",
]
