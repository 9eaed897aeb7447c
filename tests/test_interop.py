"""Our JSON Schemas work with the ecosystem's own tools.

- check-jsonschema (`--schemafile`) accepts every schema and validates Go's fixtures;
- datamodel-code-generator, fed the strict bundle, writes pydantic models that
  accept every JSON fixture AIStore's Go code wrote.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from check_jsonschema import main as check_jsonschema
from click.testing import CliRunner

import aistore_models as am
from conftest import FIXTURES

SCHEMAS = Path(am.__file__).parent / "schemas"
BUNDLE = SCHEMAS / "bundle.strict.json"
INDEX = json.loads((FIXTURES / "index.json").read_text())
JSON_FIXTURES: dict[str, list[Path]] = {}
for _entry in INDEX:
    if _entry["encoding"] == "json":
        JSON_FIXTURES.setdefault(_entry["message"], []).append(FIXTURES / _entry["path"])


def run_check_jsonschema(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(check_jsonschema, list(args))
    return result.exit_code, result.output


# ------------------------------------------------------------------ check-jsonschema


def test_every_schema_file_passes_check_jsonschema_metaschema_check():
    files = sorted(str(p) for p in SCHEMAS.rglob("*.json"))
    code, output = run_check_jsonschema("--check-metaschema", *files)
    assert code == 0, output


@pytest.mark.parametrize("message", sorted(JSON_FIXTURES))
def test_check_jsonschema_validates_go_fixtures(message):
    files = [str(p) for p in JSON_FIXTURES[message]]
    code, output = run_check_jsonschema(
        "--schemafile", str(SCHEMAS / "strict" / f"{message}.json"), *files
    )
    assert code == 0, output


def test_check_jsonschema_command_rejects_a_bad_payload(tmp_path):
    """The real command line, once: exit 1 and our pointer for a wrong type and an unknown key."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": 1, "bck": {"name": "b", "color": "red"}}')
    schema = str(SCHEMAS / "strict" / "JobSnap.json")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", schema, str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "$.id: " in result.stdout and "$.bck: " in result.stdout  # where, not its wording
    good = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            schema,
            str(FIXTURES / "JobSnap" / "full.json"),
        ]
    )
    assert good.returncode == 0


# ------------------------------------------------------------------ datamodel-code-generator


@pytest.fixture(scope="session")
def codegen_models(tmp_path_factory):
    """The pydantic module datamodel-codegen writes from our strict bundle, once per session."""
    out = tmp_path_factory.mktemp("datamodel_codegen") / "bundle_models.py"
    command = [
        sys.executable, "-m", "datamodel_code_generator", "--input", str(BUNDLE),
        "--input-file-type", "jsonschema", "--output-model-type", "pydantic_v2.BaseModel",
        "--disable-timestamp", "--output", str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    spec = importlib.util.spec_from_file_location("bundle_models", out)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle_models"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "entry",
    [e for e in INDEX if e["encoding"] == "json"],
    ids=lambda e: f"{e['message']}-{e['case']}",
)
def test_datamodel_codegen_models_accept_go_fixtures(codegen_models, entry):
    cls = getattr(codegen_models, entry["message"])
    cls.model_validate_json((FIXTURES / entry["path"]).read_bytes())


def test_datamodel_codegen_models_are_strict_like_ours(codegen_models):
    """They reject what our strict schema rejects, so the test above can fail."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        codegen_models.JobSnap.model_validate({"bck": {"name": "b", "color": "red"}})
    with pytest.raises(ValidationError):
        codegen_models.JobStats.model_validate({"loc-objs": 12})  # `,string`: must be quoted
    assert set(am.MESSAGES) <= set(dir(codegen_models))
