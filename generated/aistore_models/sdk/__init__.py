# Copied from schema/sdk/__init__.py by aistore-models-gen. Edit the original.
"""Drop-ins for the AIStore SDK's wire-class modules, laid out as the SDK's `aistore.sdk`:

- `aistore_models.sdk.types` for `aistore.sdk.types` (also importable as
  `aistore_models.sdk_types`),
- `aistore_models.sdk.authn.types`, `aistore_models.sdk.dsort.types` and
  `aistore_models.sdk.batch.types` for the SDK's modules of those names.

Each exports every public name of the SDK module, backed by the generated models: the SDK's
names, attributes, defaults and methods, and the wire Go reads (docs/sdk-divergences.md).
Switch one by re-exporting it in place of the SDK's module (`from aistore_models.sdk.authn.types
import *`), or by `sys.modules["aistore.sdk.authn.types"] = aistore_models.sdk.authn.types`
before the SDK is first imported.  The SDK helpers the SDK modules import (constants,
ObjectProps, AccessAttr, ...) are looked up in the installed SDK on first use, so importing a
drop-in never imports the SDK (which would import its own modules first).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from importlib import metadata
from typing import Any

# The SDK releases these modules are proven against (tests/test_sdk_parity.py and
# tests/test_sdk_shim*.py): pyproject.toml's dev group installs the newest, and
# tests/test_sdk_older.py runs those tests again on the other from tests/sdk/.
SUPPORTED_SDK = ("1.25.0", "1.26.0")


class UntestedSDKWarning(UserWarning):
    """The installed AIStore SDK is a release this drop-in was not tested with."""


def sdk_support(version: str | None) -> str | None:
    """Why an SDK of `version` (None: not installed) may not match these modules, or None."""
    if version is None or version in SUPPORTED_SDK:
        return None
    return (
        f"aistore_models.sdk mirrors the wire classes of AIStore SDK {', '.join(SUPPORTED_SDK)}; "
        f"the installed SDK is {version}, which it was not tested with: its code may expect names, "
        "attributes or payloads these modules do not have "
        f"(pip install 'aistore=={SUPPORTED_SDK[-1]}')"
    )


def _installed_sdk() -> str | None:
    try:
        return metadata.version("aistore")
    except metadata.PackageNotFoundError:
        return None


# Read from metadata: importing the SDK here would import its own modules.
_why = sdk_support(_installed_sdk())
if _why:
    warnings.warn(_why, UntestedSDKWarning, stacklevel=2)


def from_sdk(module: str, names: Mapping[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """A module `__getattr__` that finds `names` ({SDK module: names}) in the installed SDK on
    first use and keeps them in the drop-in `module`."""
    lazy = {name: source for source, found in names.items() for name in found}

    def __getattr__(name: str) -> Any:
        source = lazy.get(name)
        if source is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(importlib.import_module(module), name, value)
        return value

    return __getattr__
