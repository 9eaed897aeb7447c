"""Buckets and object listings against a live cluster: ActionMsg, ListObjectsMsg, BucketList,
BucketModel."""

from __future__ import annotations

import json
import re

import pytest

import aistore_models as am
from aistore_models.enums import ListObjectFlag

from .client import HARD_NAMES, MSGPACK, Ais, ServerError, lso, put

pytestmark = [pytest.mark.live, pytest.mark.go]

ALL_PROPS = "name,size,checksum,atime,version,location,copies,custom,ec,status"


@pytest.fixture(scope="module")
def filled(ais: Ais) -> str:
    """A bucket holding HARD_NAMES (content = the name's UTF-8) and a few plain objects."""
    name = "listing-hard-names"
    ais.call("POST", f"buckets/{name}", action="create-bck").no_message()
    for obj in [*HARD_NAMES, *(f"dir/obj-{i}" for i in range(5))]:
        put(ais, name, obj, obj.encode())
    return name


def expected_names() -> list[str]:
    # AIStore lists in byte order of the UTF-8 names
    return sorted([*HARD_NAMES, *(f"dir/obj-{i}" for i in range(5))], key=lambda n: n.encode())


def test_list_buckets_holds_the_created_bucket(ais, new_bucket):
    name = new_bucket("lb")
    reply = ais.call("GET", "buckets/", action="list", params={"provider": "ais"})
    buckets = reply.judge("BucketModel", many=True)
    assert name in [b.name for b in buckets]
    assert all(b.provider == "ais" for b in buckets)


def test_list_objects_json_with_all_props(ais, filled):
    reply = ais.call("GET", f"buckets/{filled}", action="list", value=lso(props=ALL_PROPS))
    page = reply.judge("BucketList")
    assert [e.n for e in page.Entries] == expected_names()
    by_name = {e.n: e for e in page.Entries}
    for name in HARD_NAMES:
        entry = by_name[name]
        assert entry.s == len(name.encode())
        assert entry.cs and entry.a and entry.v == "1"
        assert entry.c == 1 and entry.t
    assert page.ContinuationToken == ""


def test_list_objects_msgpack_matches_json(ais, filled):
    value = lso(props=ALL_PROPS)
    as_json = ais.call("GET", f"buckets/{filled}", action="list", value=value).judge("BucketList")
    reply = ais.call("GET", f"buckets/{filled}", action="list", value=value, accept=MSGPACK)
    assert reply.resp.headers["Content-Type"].startswith(MSGPACK)
    as_msgpack = reply.judge("BucketList", fmt="msgpack")
    assert as_msgpack.Entries == as_json.Entries


@pytest.mark.parametrize("fmt", ["json", "msgpack"])
def test_paging_with_uuid_and_continuation_token(ais, filled, fmt):
    seen: list[str] = []
    uuid, token, pages = "", "", 0
    while True:
        value = lso(props="name,size", page_size=3, uuid=uuid, continuation_token=token)
        reply = ais.call(
            "GET",
            f"buckets/{filled}",
            action="list",
            value=value,
            accept=MSGPACK if fmt == "msgpack" else None,
        )
        page = reply.judge("BucketList", fmt=fmt)
        assert len(page.Entries) <= 3
        assert page.UUID and (not uuid or page.UUID == uuid)
        seen += [e.n for e in page.Entries]
        uuid, token, pages = page.UUID, page.ContinuationToken, pages + 1
        if not token:
            break
        assert pages < 10, "paging does not end"
    assert seen == expected_names()
    assert pages == 4  # 11 objects, 3 per page


def test_flags_and_prefix(ais, filled):
    only_names = lso(prefix="dir/", flags=[ListObjectFlag.NAME_ONLY])
    page = ais.call("GET", f"buckets/{filled}", action="list", value=only_names).judge("BucketList")
    assert [e.n for e in page.Entries] == [f"dir/obj-{i}" for i in range(5)]
    assert all(e.s == 0 and e.cs == "" for e in page.Entries)

    names_sizes = lso(start_after="dir/obj-2", flags=[ListObjectFlag.NAME_SIZE], prefix="dir/")
    page = ais.call("GET", f"buckets/{filled}", action="list", value=names_sizes).judge(
        "BucketList"
    )
    assert [(e.n, e.s) for e in page.Entries] == [("dir/obj-3", 9), ("dir/obj-4", 9)]

    # non-recursive: the top level only, with virtual directories as entries
    flat = lso(props="name", flags=[ListObjectFlag.NO_RECURSION])
    page = ais.call("GET", f"buckets/{filled}", action="list", value=flat).judge("BucketList")
    top = [e.n for e in page.Entries]
    assert "dir/" in top and "plain.txt" in top and "dir/obj-0" not in top


def test_bucket_summary(ais, filled):
    ctl = am.models.BsummCtrlMsg(uuid="", prefix="dir/", cached=True, present=True)
    path = f"buckets/{filled}"
    started = ais.call("GET", path, action="summary-bck", value=ctl, expect=(202,))
    ctl.uuid = started.no_message("job ID").strip('"')
    for _ in range(100):
        reply = ais.call("GET", path, action="summary-bck", value=ctl, expect=(200, 202, 206))
        if reply.resp.status_code == 200:
            break
    summary = json.loads(reply.no_message("cmn.AllBsummResults (not an SDK type)"))
    assert summary[0]["name"] == filled
    assert summary[0]["ObjCount"]["obj_count_present"] == "5"


# A misspelled wire key: AIStore decodes an action's value with its strict jsoniter
# configuration (DisallowUnknownFields), and so does our strict schema.
MISSPELLED = [
    ("list", "ListObjectsMsg", lso(props="name"), "props", "prop"),
    ("list", "ListObjectsMsg", lso(page_size=5), "pagesize", "page_size"),
    (
        "copy-bck",
        "TCBckMsg",
        am.models.TCBckMsg(
            copy_msg=am.models.CopyBckMsg(
                prepend="x/", prefix="", dry_run=True, force=False, latest=False, sync=False
            )
        ),
        "prepend",
        "prepand",
    ),
]


@pytest.mark.parametrize(("action", "message", "value", "key", "typo"), MISSPELLED)
def test_misspelled_key_rejected_by_cluster_and_schema(
    ais, filled, new_bucket, action, message, value, key, typo
):
    wire = am.to_wire(value)
    assert key in wire
    wire[typo] = wire.pop(key)
    params = {"bck_to": f"ais/@#/{new_bucket('dst')}/"} if action == "copy-bck" else None
    # our encoder refuses to send it (the action's value is typed), so the bytes are built here
    with pytest.raises(am.EncodeError, match=re.escape(f"/value/{typo}: unknown field")):
        am.encode(am.models.ActionMsg(action=action, value=wire))
    raw = json.dumps({"value": wire, "action": action, "name": ""}).encode()
    with pytest.raises(ServerError) as err:
        ais.call(
            "GET" if action == "list" else "POST",
            f"buckets/{filled}",
            data=raw,
            params=params,
        )
    assert err.value.status == 400
    server = re.search(r"found unknown field: ([^,\s]+)", json.loads(err.value.body)["message"])
    assert server, err.value.body
    ours = am.validate(message, wire, strict=True)
    assert [i.rule for i in ours] == ["additionalProperties"]
    assert repr(typo) in ours[0].message
    assert server.group(1) == typo
    with pytest.raises(am.DecodeError, match=re.escape(typo)):
        am.decode(wire, am.models.__dict__[message], strict=True)
    ais.ledger.request_only(
        "GET /v1/buckets" if action == "list" else "POST /v1/buckets",
        f"ActionMsg[{action}]({message} with {typo!r})",
        err.value.status,
        f"server and schema both name {typo!r}",
    )
