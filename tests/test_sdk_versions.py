"""The drop-in states the SDK releases it is proven against and warns on any other."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from aistore_models import sdk_types
from conftest import ROOT

DROP_INS = [
    "aistore_models.sdk_types",
    "aistore_models.sdk.types",
    "aistore_models.sdk.authn.types",
    "aistore_models.sdk.dsort.types",
    "aistore_models.sdk.batch.types",
]


def run_import(
    tmp_path, sdk_version: str | None, module: str = DROP_INS[0]
) -> subprocess.CompletedProcess[str]:
    """Import the drop-in in a fresh interpreter that sees an SDK of `sdk_version` first."""
    env_path = ""
    if sdk_version is not None:
        dist = tmp_path / f"aistore-{sdk_version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: aistore\nVersion: {sdk_version}\n"
        )
        env_path = str(tmp_path)
    code = (
        f"import sys; sys.path.insert(0, {env_path!r}) if {env_path!r} else None; import {module}"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("module", DROP_INS)
def test_the_tested_sdk_imports_silently(tmp_path, module):
    done = run_import(tmp_path, None, module)  # the SDK the lock installs
    assert done.returncode == 0 and done.stderr == ""


@pytest.mark.parametrize("module", DROP_INS)
def test_another_sdk_gets_a_warning_naming_both_versions(tmp_path, module):
    done = run_import(tmp_path, "2.0.0", module)
    assert done.returncode == 0
    assert "UntestedSDKWarning" in done.stderr
    assert "the installed SDK is 2.0.0, which it was not tested with" in done.stderr
    assert "wire classes of AIStore SDK 1.25.0, 1.26.0" in done.stderr


def test_support_is_a_plain_answer():
    assert sdk_types.sdk_support(None) is None
    for version in sdk_types.SUPPORTED_SDK:
        assert sdk_types.sdk_support(version) is None
    why = sdk_types.sdk_support("1.24.0")
    assert why is not None and f"pip install 'aistore=={sdk_types.SUPPORTED_SDK[-1]}'" in why
    assert "SDK 1.25.0, 1.26.0" in why


def test_the_test_toolchain_installs_a_supported_sdk():
    pins = re.findall(r'"aistore==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pins and set(pins) <= set(sdk_types.SUPPORTED_SDK)
