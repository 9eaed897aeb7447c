"""AIStore's AuthN (cmd/authn) with the live cluster: LoginMsg -> TokenMsg, RoleInfo,
BucketPermission, UserInfo, ClusterInfo registration, ClusterList, RolesList, UserMap,
token revocation; and the cluster, requiring client authentication, accepts AuthN's tokens."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import aistore_models as am

from .authnserver import ADMIN, AuthN
from .client import Ais, ServerError, object_path

pytestmark = [pytest.mark.live, pytest.mark.go]
M = am.models

# apc.AccessAttrs bits (api/apc/access.go): AccessRO = GET | ObjHEAD | BckHEAD | ObjLIST
ACE_GET, ACE_OBJ_HEAD, ACE_PUT, ACE_BCK_HEAD, ACE_OBJ_LIST = 1, 2, 4, 1 << 8, 1 << 9
ACCESS_RO = ACE_GET | ACE_OBJ_HEAD | ACE_BCK_HEAD | ACE_OBJ_LIST
MINUTE = 60  # LoginMsg.expires_in is seconds in Python (the SDK's unit), Go's ns on the wire
READERS, READER, ALIAS = "readers", "reader-1", "live"
BUCKET = "authn-readable"


@dataclass
class Realm:
    authn: Ais
    cluster_id: str
    cluster_url: str
    admin_token: str
    reader_password: str


# AuthN writes its replies with jsoniter's default config (cmd/authn/hserv.go writeJSON):
# <, > and & escaped, map keys unsorted. Our encoder writes AIStore's cos.JSON (neither).
AUTHN_BYTES = "html"


def login(authn: Ais, user: str, password: str, expires_in: float | None = None) -> str:
    msg = M.LoginMsg(password=password, expires_in=expires_in)
    reply = authn.call("POST", f"users/{user}", msg=msg)
    # cmd/authn/hserv.go userLogin writes `{"token": %q}` by hand: Go's values, not its layout
    return reply.judge("TokenMsg", go_bytes="compact").token


def cluster_bck(cluster_id: str) -> M.BucketModel:
    return M.BucketModel(
        name=BUCKET, provider="ais", namespace=M.Namespace(uuid=cluster_id, name="")
    )


@pytest.fixture(scope="module")
def realm(authn: AuthN, ais: Ais) -> Iterator[Realm]:
    """Admin token, a read-only role on BUCKET, a user with it, this cluster registered."""
    client = Ais(authn.url, ais.ledger, service="authn")
    admin = login(client, ADMIN, authn.admin_password)
    ais.call("POST", f"buckets/{BUCKET}", action="create-bck").no_message()
    ais.call("PUT", object_path(BUCKET, "hello.txt"), data=b"hello")
    smap = ais.call("GET", "cluster", params={"what": "smap"}).judge("Smap")
    role = M.RoleInfo(
        name=READERS,
        desc="reads one bucket <only> & nothing else",
        # AuthN's buckets carry their cluster's UUID as namespace (cmd/authn/tok aclForBucket)
        buckets=[M.BucketPermission(bck=cluster_bck(smap.uuid), perm=ACCESS_RO)],
        admin=False,
    )
    client.call("POST", "roles", msg=role, token=admin).no_message()
    user = M.UserInfo(
        id=READER, password="reader-secret", roles=[M.RoleInfo(name=READERS, desc="")]
    )
    client.call("POST", "users", msg=user, token=admin).no_message()
    # AuthN first asks the cluster (POST /v1/tokens with its own token) whether it
    # accepts AuthN's signature: the proxy validates with auth.signature (HS256)
    cluster = M.ClusterInfo(id=smap.uuid, alias=ALIAS, urls=[ais.url])
    client.call("POST", "clusters", msg=cluster, token=admin).no_message()
    yield Realm(client, smap.uuid, ais.url, admin, "reader-secret")
    client.close()


def test_registered_cluster_is_listed(realm):
    every = realm.authn.call("GET", "clusters", token=realm.admin_token).judge(
        "ClusterList", go_bytes=AUTHN_BYTES
    )
    assert list(every.clusters) == [realm.cluster_id]
    one = realm.authn.call("GET", f"clusters/{realm.cluster_id}", token=realm.admin_token)
    clu = one.judge("ClusterList", go_bytes=AUTHN_BYTES).clusters[realm.cluster_id]
    assert (clu.id, clu.alias, clu.urls, clu.perm) == (
        realm.cluster_id,
        ALIAS,
        [realm.cluster_url],
        0,
    )


def test_roles_list_and_one_role(realm):
    roles = realm.authn.call("GET", "roles", token=realm.admin_token).judge(
        "RolesList", go_bytes=AUTHN_BYTES
    )
    by_name = {r.name: r for r in roles.root}
    assert by_name["Admin"].admin is True
    # registering a cluster creates its predefined roles, named after its alias
    assert any(name.endswith(f"-{ALIAS}") for name in by_name), sorted(by_name)
    one = realm.authn.call("GET", f"roles/{READERS}", token=realm.admin_token).judge(
        "RoleInfo", go_bytes=AUTHN_BYTES
    )
    assert one.desc == "reads one bucket <only> & nothing else" and not one.admin
    (perm,) = one.buckets
    assert (perm.bck, perm.perm) == (cluster_bck(realm.cluster_id), ACCESS_RO)


def test_users_map_and_one_user(realm):
    users = realm.authn.call("GET", "users", token=realm.admin_token).judge(
        "UserMap", go_bytes=AUTHN_BYTES
    )
    assert sorted(users.root) == sorted([ADMIN, READER])
    assert all(u.password == "" for u in users.root.values())  # AuthN blanks the hashes
    reader_token = login(realm.authn, READER, realm.reader_password, expires_in=30 * MINUTE)
    me = realm.authn.call("GET", f"users/{READER}", token=reader_token).judge(
        "UserInfo", go_bytes=AUTHN_BYTES
    )
    assert me.id == READER and [r.name for r in me.roles] == [READERS]
    assert me.roles[0].buckets[0].perm == ACCESS_RO


def test_a_login_shorter_than_a_minute_is_refused(realm):
    # 30 s (sent as 30000000000 ns) is below authn.MinAuthExpiration (1 min)
    with pytest.raises(ServerError, match="must be 0 or >= 1m") as err:
        login(realm.authn, READER, realm.reader_password, expires_in=30)
    assert err.value.status == 400


def set_client_auth(ais: Ais, on: bool, token: str) -> None:
    params = {"auth.client_auth_required": str(on).lower()}
    # apc.URLPathCluSetConf; note: PUT /v1/cluster/<anything else> is answered 200, doing nothing
    reply = ais.call("PUT", "cluster/set-config", params=params, token=token)
    reply.no_message("set-config ?auth.client_auth_required")


def wait_rejected(ais: Ais, token: str, timeout: float = 30.0) -> int:
    """Poll the proxy's token check (POST /v1/tokens) until it refuses `token`."""
    deadline = time.monotonic() + timeout
    while True:
        reply = ais.call("POST", "tokens", token=token, expect=(200, 401))
        if reply.resp.status_code == 401 or time.monotonic() > deadline:
            reply.no_message("token check")
            return reply.resp.status_code
        time.sleep(0.2)


def test_cluster_requiring_auth_accepts_tokens_until_revoked(realm, ais):
    assert ais.call("POST", "tokens", token=realm.admin_token).no_message("token check") == ""
    reader = login(realm.authn, READER, realm.reader_password)
    set_client_auth(ais, True, realm.admin_token)
    try:
        refused = ais.call("GET", object_path(BUCKET, "hello.txt"), expect=(401,))
        assert refused.judge("HttpError").message == "token required"
        got = ais.call("GET", object_path(BUCKET, "hello.txt"), token=reader)
        assert got.resp.content == b"hello"
        # the role grants read-only access
        put = ais.call("PUT", object_path(BUCKET, "no.txt"), data=b"x", token=reader, expect=(403,))
        assert put.judge("HttpError").status_code == 403
        # revoke: AuthN stores it and tells every registered cluster (asynchronously)
        realm.authn.call(
            "DELETE", "tokens", msg=M.TokenMsg(token=reader), token=realm.admin_token
        ).no_message()
        assert wait_rejected(ais, reader) == 401
        revoked = ais.call("GET", object_path(BUCKET, "hello.txt"), token=reader, expect=(401,))
        assert "revoked" in revoked.judge("HttpError").message
        # AuthN refuses it too
        mine = realm.authn.call("GET", f"users/{READER}", token=reader, expect=(401,))
        assert mine.judge("HttpError", go_bytes=AUTHN_BYTES).status_code == 401
    finally:
        set_client_auth(ais, False, realm.admin_token)
    assert ais.call("GET", object_path(BUCKET, "hello.txt")).resp.content == b"hello"
