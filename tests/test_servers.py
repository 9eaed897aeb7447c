"""Fields some AIStore versions lack (`added:` / `removed:`): what encode(server=) writes,
what the docs and JSON Schema say, and what the loader refuses."""

from __future__ import annotations

import json

import pytest

from aistore_models_gen.cli import main
from conftest import write_schema

SCHEMA = {
    "a.yaml": """
    messages:
      Node:
        go: meta.Snode
        fields:
          id: {type: str, go: DaeID}
          key:
            type: bytes?
            wire: verifying_key
            omit: empty
            added: v1.5.0
            go: VerifyingKey
          ext:
            type: str
            removed: v1.5.0
            go: Ext
      Cluster:
        fields:
          nodes: {type: "list[Node]", go: Nodes}
          by_id: {type: "map[str, Node?]", go: ByID}
    """
}


@pytest.fixture
def am(build):
    return build(SCHEMA)


def test_an_older_server_never_sees_a_newer_field(am):
    for target in (am.models, am.structs):
        node = target.Node(id="t1", ext="old")
        assert json.loads(am.encode(node, server="v1.4.7")) == {"id": "t1", "ext": "old"}
        with pytest.raises(am.EncodeError) as err:
            am.encode(target.Node(id="t1", key=b"\x01"), server="v1.4.7")
        assert err.value.pointer == "/key"
        assert "known to AIStore from v1.5.0; a v1.4.7 server rejects it as unknown" in str(
            err.value
        )


def test_a_removed_field_is_left_out_at_its_zero_and_refused_otherwise(am):
    node = am.structs.Node(id="t1", key=b"\x01")
    assert json.loads(am.encode(node, server="v1.5.0")) == {"id": "t1", "verifying_key": "AQ=="}
    with pytest.raises(am.EncodeError) as err:
        am.encode(am.structs.Node(id="t1", ext="x"), server="v1.5.1")
    assert err.value.pointer == "/ext" and "until before v1.5.0" in str(err.value)
    # without a server, every field is written as Go's encoder of the schema would
    assert json.loads(am.encode(am.structs.Node(id="t1"))) == {"id": "t1", "ext": ""}


def test_nested_messages_are_fitted_too(am):
    cluster = am.models.Cluster(
        nodes=[am.models.Node(id="a"), am.models.Node(id="b", key=b"k")],
        by_id={"a": am.models.Node(id="a"), "gone": None},
    )
    with pytest.raises(am.EncodeError) as err:
        am.encode(cluster, server="v1.4.7")
    assert err.value.pointer == "/nodes/1/key"
    cluster.nodes[1].key = None
    written = json.loads(am.encode(cluster, server="v1.5.0"))
    assert written == {
        "nodes": [{"id": "a"}, {"id": "b"}],
        "by_id": {"a": {"id": "a"}, "gone": None},
    }


def test_a_server_must_be_a_version(am):
    with pytest.raises(ValueError, match="'1.5' is not an AIStore version; write it like 'v1.5.0'"):
        am.encode(am.structs.Node(id="t1"), server="1.5")


def test_schema_and_reference_name_the_versions(am, tmp_path):
    props = am.schema("Node")["$defs"]["Node"]["properties"]
    assert props["verifying_key"]["description"] == "Known to AIStore from v1.5.0."
    assert props["ext"]["description"] == "Known to AIStore until before v1.5.0."
    schema_dir = write_schema(tmp_path / "schema", SCHEMA)
    code = main(["generate", "--schema", str(schema_dir), "--out", str(tmp_path / "out"),
                 "--reference", str(tmp_path / "ref")])  # fmt: skip
    assert code == 0
    page = (tmp_path / "ref" / "Node.md").read_text()
    assert "AIStore from v1.5.0" in page and "AIStore until before v1.5.0" in page


def test_a_range_must_name_versions(tmp_path, capsys):
    bad = {"a.yaml": "messages:\n  T:\n    fields:\n      x: {type: str, added: '1.5'}\n"}
    schema_dir = write_schema(tmp_path / "schema", bad)
    assert main(["generate", "--schema", str(schema_dir), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "a.yaml:4:29: error: added must be an AIStore version like v1.5.0, not '1.5'" in err


def test_validation_names_the_keys_a_server_rejects(am):
    payload = b'{"nodes": [{"id": "a", "verifying_key": "AQ=="}], "by_id": {"x/y": {"ext": ""}}}'
    assert am.validate("Cluster", payload) == []
    issues = am.validate("Cluster", payload, server="v1.5.0")
    assert [(i.pointer, i.rule) for i in issues] == [("/by_id/x~1y/ext", "server-version")]
    assert "until before v1.5.0; a v1.5.0 server rejects it as unknown" in issues[0].message
    [old] = am.validate("Cluster", payload, server="v1.4.7")
    assert old.pointer == "/nodes/0/verifying_key" and "from v1.5.0" in old.message
    with pytest.raises(am.validation.InvalidPayload):
        am.validation.check("Cluster", payload, server="v1.4.7")


def test_the_validate_command_takes_a_server(tmp_path, capsys):
    from aistore_models.cli import main as cli

    payload = tmp_path / "snode.json"
    payload.write_text('{"daemon_id": "t1", "daemon_type": "target"}')
    assert cli(["validate", "Snode", str(payload), "--server", "v1.4.7"]) == 0
    assert cli(["validate", "Snode", str(payload), "--server", "1.4"]) == 2
    assert "--server: '1.4' is not an AIStore version" in capsys.readouterr().err
