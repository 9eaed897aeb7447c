"""Plain HTTP to the cluster; request bodies built from the generated models with `am.encode`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pydantic
import requests

import aistore_models as am
from aistore_models.wire import MESSAGES as TABLES

from .conformance import Ledger, judge

JSON = "application/json"
MSGPACK = "application/msgpack"


class ServerError(AssertionError):
    """The cluster answered with an unexpected status; carries its error message."""

    def __init__(self, endpoint: str, status: int, body: bytes):
        self.status = status
        self.body = body
        super().__init__(f"{endpoint}: HTTP {status}: {body[:2000].decode('utf-8', 'replace')}")


@dataclass
class Reply:
    ledger: Ledger
    endpoint: str
    request: str
    resp: requests.Response

    @property
    def text(self) -> str:
        return self.resp.text

    def judge(self, response: str, part: bytes | None = None, **kwargs: Any) -> Any:
        """Strictly decode, validate and re-encode the body (or one `part` of it) as `response`.

        See conformance.judge.
        """
        travels(response, "response")
        return judge(
            self.ledger,
            endpoint=self.endpoint,
            request=self.request,
            response=response,
            body=self.resp.content if part is None else part,
            **kwargs,
        )

    def no_message(self, what: str = "") -> str:
        """The body is not a modelled message (a job ID, empty, ...): record the request only."""
        self.ledger.request_only(self.endpoint, self.request, self.resp.status_code, what)
        return self.resp.text


def object_path(bucket: str, name: str) -> str:
    return f"objects/{quote(bucket)}/{quote(name, safe='/')}"


def _wire(value: Any) -> Any:
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return am.to_wire(value) if isinstance(value, pydantic.BaseModel) else value


def _models(value: Any) -> list[pydantic.BaseModel]:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, pydantic.BaseModel)]


def _label(value: Any) -> str:
    models = _models(value)
    if not models:
        return ""
    name = type(models[0]).__name__
    return f"list[{name}]" if isinstance(value, list) else name


class Ais:
    """A thin client: every request body is a generated model, encoded the way Go would."""

    def __init__(self, url: str, ledger: Ledger, service: str = ""):
        self.url = url
        self.ledger = ledger
        self.service = service  # names a server that is not AIStore's proxy ("authn") in the table
        self.http = requests.Session()

    def close(self) -> None:
        self.http.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        action: str | None = None,
        value: Any = None,
        name: str = "",
        msg: pydantic.BaseModel | None = None,
        params: dict[str, str] | None = None,
        accept: str | None = None,
        data: bytes | None = None,
        expect: tuple[int, ...] = (200,),
        token: str = "",
    ) -> Reply:
        """Send `msg`, or ActionMsg(action, value, name), or raw `data`, to /v1/`path`.

        `token` goes into `Authorization: Bearer` (AuthN, or a cluster that requires it).
        """
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if action is not None:
            msg = am.models.ActionMsg(action=action, value=_wire(value), name=name)
            inner = _label(value)
            label = f"ActionMsg[{action}]" + (f"({inner})" if inner else "")
        elif msg is not None:
            label = type(msg).__name__
        else:
            label = "-"
        if msg is not None:
            data = am.encode(msg)
            headers["Content-Type"] = JSON
            self._check_request(msg, value)
        if accept:
            headers["Accept"] = accept
        what = (params or {}).get("what")
        endpoint = f"{method} /v1/{path.split('/')[0]}" + (f"?what={what}" if what else "")
        if self.service:
            endpoint = f"{self.service}: {endpoint}"
        resp = self.http.request(
            method, f"{self.url}/v1/{path}", data=data, params=params, headers=headers, timeout=60
        )
        if resp.status_code not in expect:
            raise ServerError(f"{endpoint} {label}", resp.status_code, resp.content)
        return Reply(self.ledger, endpoint, label, resp)

    @staticmethod
    def _check_request(msg: pydantic.BaseModel, value: Any) -> None:
        # What we send must satisfy our own strict schema, or a rejection proves nothing.
        parts = [(type(m).__name__, am.to_wire(m)) for m in [msg, *_models(value)]]
        for name, wire in parts:
            issues = am.validate(name, wire, strict=True)
            assert not issues, f"request {name} fails our strict schema: {issues}"
            travels(name, "request")


def travels(name: str, direction: str) -> None:
    """The schema says the message travels this way (`direction:`): what the cluster takes
    and answers proves it (schema/*.yaml, generator/directions.py)."""
    ways = TABLES[name].directions
    assert direction in ways, f"{name} goes as a {direction} here; the schema says {ways}"


# Object names that stress URL paths, JSON escaping (encoding/json escapes U+2028/U+2029
# and <>&; AIStore's cos.JSON, jsoniter with EscapeHTML off, escapes none of them, and
# neither does am.encode) and MessagePack strings.
HARD_NAMES = [
    "plain.txt",
    "with space/and more spaces.bin",
    "ünïcødé/日本語/ファイル.txt",
    "html<tag>&amp;.txt",
    "line\u2028separator\u2029paragraph.txt",
    "emoji-\U0001f600.dat",
]


def bck(name: str) -> Any:
    return am.models.BucketModel(name=name, provider="ais")


def bck_uname(name: str) -> str:
    """The `bck_to` query value: provider/@ns-uuid#ns-name/name/ (cmn.Bck.MakeUname)."""
    return f"ais/@#/{name}/"


def put(ais: Ais, bucket: str, name: str, data: bytes) -> None:
    ais.call("PUT", object_path(bucket, name), data=data)


def get(ais: Ais, bucket: str, name: str) -> bytes:
    return ais.call("GET", object_path(bucket, name)).resp.content


def lso(**fields: Any) -> Any:
    """A ListObjectsMsg with the SDK's required arguments defaulted."""
    base: dict[str, Any] = dict(
        prefix="", props="", page_size=0, uuid="", continuation_token="", flags=[], target=""
    )
    return am.models.ListObjectsMsg(**{**base, **fields})


def wait_job(ais: Ais, xid: str, timeout: float = 30.0) -> Any:
    """Poll `?what=status` (body xact.QueryMsg = JobQuery, as Go's api does) until the job ends.

    Only the final answer is judged, so the table holds one row per wait.
    """
    query = am.models.JobQuery(id=xid, active=None)
    deadline = time.monotonic() + timeout
    while True:
        reply = ais.call("GET", "cluster", msg=query, params={"what": "status"})
        status = am.decode(reply.resp.content, am.models.JobStatus)
        if status.end_time or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    final = reply.judge("JobStatus", go_bytes="exact")
    assert final.end_time, f"job {xid} still running after {timeout}s: {final}"
    assert not final.err and not final.aborted, f"job {xid} failed: {final}"
    return final


def wait_snaps(ais: Ais, xid: str, kind: str, objects: int, timeout: float = 30.0) -> Any:
    """Poll `?what=qryxstats` (JobQuery -> AggregatedJobSnap) until the job counts `objects`.

    For jobs the proxy's status registry does not track (copy-listrange, archive).
    They run on demand and only go idle seconds later, so the count is the signal.
    Only the final answer is judged.
    """
    query = am.models.JobQuery(id=xid, kind=kind, active=None)
    deadline = time.monotonic() + timeout
    while True:
        reply = ais.call(
            "GET", "cluster", msg=query, params={"what": "qryxstats"}, expect=(200, 404)
        )
        if reply.resp.status_code == 200:
            snaps = [
                s
                for per_target in am.decode(
                    reply.resp.content, am.models.AggregatedJobSnap
                ).root.values()
                for s in per_target or []
                if s is not None
            ]
            done = sum(s.stats.objects for s in snaps if s.stats)
            failed = [s.err or s.abort_err for s in snaps if s.err or s.abort_err]
            assert not failed, f"job {kind}[{xid}] failed: {failed}"
            if snaps and done >= objects:
                break
        assert time.monotonic() < deadline, (
            f"job {kind}[{xid}] not done after {timeout}s: {reply.resp.content[:3000]!r}"
        )
        time.sleep(0.1)
    # The proxy joins the targets' raw replies, each with Go's trailing newline.
    return reply.judge("AggregatedJobSnap", go_bytes="compact")
