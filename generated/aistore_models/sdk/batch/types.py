# Copied from schema/sdk/batch/types.py by aistore-models-gen. Edit the original.
"""The drop-in for the AIStore SDK's `aistore.sdk.batch.types` (SDK 1.26.0 and 1.25.0): the
GetBatch messages (Go api/apc/ml.go), backed by the generated models.

Names, attributes, defaults and methods stay the SDK's (MossIn is not frozen, as SDK 1.26.0
has it: SDK 1.25.0's Batch.add sets its attributes after construction);
`dict()` gives the payload Go reads, and MossIn's own checks are Go's (an object name, an
archive path and a byte range that AIStore accepts; docs/sdk-divergences.md).
"""

from __future__ import annotations

import base64
import binascii
from typing import Dict, List, Optional  # noqa: UP035 - the SDK's names

from pydantic import BaseModel, Field, field_validator

from ...models import MossIn, MossOut, MossReq, MossResp
from .. import from_sdk

# The GetBatch JSON keys the SDK's module imports from aistore.sdk.const.
_FROM_SDK = {
    "aistore.sdk.const": (
        "GB_ERR_MSG", "GB_OBJNAME", "GB_BCK", "GB_OUT", "GB_PROVIDER", "GB_UNAME", "GB_OPAQUE",
        "GB_ARCHPATH", "GB_START", "GB_LENGTH", "GB_IN", "GB_OUTPUT_FMT", "GB_CONTINUE_ERR",
        "GB_ONLY_OBJ_NAME", "GB_STRM_GET", "GB_COLOC", "GB_SIZE", "GB_UUID",
    ),
}  # fmt: skip
__getattr__ = from_sdk(__name__, _FROM_SDK)

# Literal, so linters see every re-export (the SDK module's public names).
__all__ = [
    "BaseModel",
    "Dict",
    "Field",
    "GB_ARCHPATH",
    "GB_BCK",
    "GB_COLOC",
    "GB_CONTINUE_ERR",
    "GB_ERR_MSG",
    "GB_IN",
    "GB_LENGTH",
    "GB_OBJNAME",
    "GB_ONLY_OBJ_NAME",
    "GB_OPAQUE",
    "GB_OUT",
    "GB_OUTPUT_FMT",
    "GB_PROVIDER",
    "GB_SIZE",
    "GB_START",
    "GB_STRM_GET",
    "GB_UNAME",
    "GB_UUID",
    "List",
    "MossIn",
    "MossOut",
    "MossReq",
    "MossResp",
    "Optional",
    "base64",
    "binascii",
    "field_validator",
]
