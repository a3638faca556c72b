"""Schemathesis hooks for fuzzing Lucid Auth (loaded through SCHEMATHESIS_HOOKS).

Tokens come from the fuzz helper that test/fuzz/fuzz-target.ts starts, which signs in with
the fuzz wallet (a SUPER_ADMIN, so every guarded route is reachable). Challenges issued for
the fuzz wallet get a real signature before login or register, so the stateful phase can
walk past sign-in to refresh, sessions and logout.
"""

import json
import os
import random
import urllib.request

import schemathesis
from schemathesis import GenerationMode

HELPER = os.environ["LUCID_FUZZ_HELPER"]
ADDRESS = os.environ["LUCID_FUZZ_ADDRESS"]
SIGNED_PATHS = {"/api/v1/auth/login", "/api/v1/auth/register"}
CHALLENGE_PATH = "/api/v1/auth/challenge"


def _helper(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        HELPER + path, data=data, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


# A token is reused for a few seconds: long enough to keep sign-ins rare, short enough that
# a fuzzed logout or session revoke of the fuzzer's own session costs only a few 401s.
@schemathesis.auth(refresh_interval=5)
class LucidBearer:
    def get(self, case, ctx):
        return _helper("/token")["accessToken"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


def _positive(case):
    # Cases the stateful phase builds from links carry no generation metadata; they are
    # positive unless marked otherwise.
    meta = case.meta
    return meta is None or meta.generation.mode != GenerationMode.NEGATIVE


@schemathesis.hook
def before_call(ctx, case, kwargs):
    if case.method.upper() != "POST" or not _positive(case) or not isinstance(case.body, dict):
        return
    if case.path == CHALLENGE_PATH and "address" in case.body and random.random() < 0.5:
        case.body["address"] = ADDRESS
    elif case.path in SIGNED_PATHS:
        message = case.body.get("message")
        if isinstance(message, str) and ADDRESS in message:
            case.body["signature"] = _helper("/sign", {"message": message})["signature"]
