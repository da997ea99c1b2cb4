#!/usr/bin/env python3
"""Writes tests/data/jwt/vectors.json: a JWKS (public keys only) and access
tokens signed with Python's `cryptography` (RS256, ES256), each with the
verdict a resource server must reach at a fixed time. The private keys live
only in this process."""
import base64
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

NOW = 1_800_000_000
ISSUER, AUDIENCE = "https://auth.example.test", "https://mcp.example.test/mcp"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(n, size=None):
    return n.to_bytes(size or (n.bit_length() + 7) // 8, "big")


def main():
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rn = rsa_key.public_key().public_numbers()
    en = ec_key.public_key().public_numbers()
    jwks = {"keys": [
        {"kty": "RSA", "kid": "rsa-1", "use": "sig", "alg": "RS256", "n": b64url(uint(rn.n)), "e": b64url(uint(rn.e))},
        {"kty": "EC", "kid": "ec-1", "use": "sig", "crv": "P-256", "x": b64url(uint(en.x, 32)),
         "y": b64url(uint(en.y, 32))},
        {"kty": "oct", "kid": "hmac", "k": b64url(b"not-for-verification")},
    ]}

    def sign(alg, kid, claims, key=None, header_extra=None):
        header = {"alg": alg, "typ": "at+jwt", **({"kid": kid} if kid else {}), **(header_extra or {})}
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        if alg == "RS256":
            sig = (key or rsa_key).sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif alg == "ES256":
            r, s = utils.decode_dss_signature((key or ec_key).sign(signing_input, ec.ECDSA(hashes.SHA256())))
            sig = uint(r, 32) + uint(s, 32)
        else:
            sig = b""
        return signing_input.decode() + "." + b64url(sig)

    good = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "exp": NOW + 600, "iat": NOW - 60, "scope": "aws:read"}
    cases = [
        ("rs256 valid", sign("RS256", "rsa-1", good), True, ""),
        ("es256 valid", sign("ES256", "ec-1", good), True, ""),
        ("no kid, found by alg", sign("RS256", None, good), True, ""),
        ("audience in a list", sign("RS256", "rsa-1", {**good, "aud": ["other", AUDIENCE]}), True, ""),
        ("scp list", sign("RS256", "rsa-1", {**{k: v for k, v in good.items() if k != "scope"},
                                             "scp": ["aws:read", "aws:write"]}), True, ""),
        ("expired within leeway", sign("RS256", "rsa-1", {**good, "exp": NOW - 30}), True, ""),
        ("expired", sign("RS256", "rsa-1", {**good, "exp": NOW - 120}), False, "expired"),
        ("not yet valid", sign("RS256", "rsa-1", {**good, "nbf": NOW + 600}), False, "not valid yet"),
        ("no expiry", sign("RS256", "rsa-1", {k: v for k, v in good.items() if k != "exp"}), False, "no expiry"),
        ("wrong issuer", sign("RS256", "rsa-1", {**good, "iss": "https://evil.test"}), False, "issuer"),
        ("wrong audience", sign("RS256", "rsa-1", {**good, "aud": "https://other.test"}), False, "audience"),
        ("signed by another key", sign("RS256", "rsa-1", good, key=other), False, "signature"),
        ("unknown kid", sign("RS256", "rsa-9", good), False, "kid"),
        ("alg none", sign("none", "rsa-1", good), False, "algorithm"),
        ("alg HS256 with the RSA key id", sign("HS256", "rsa-1", good), False, "algorithm"),
        ("es256 key id with RS256", sign("RS256", "ec-1", good), False, "kid"),
        ("garbage", "a.b", False, "compact"),
    ]
    tampered = sign("RS256", "rsa-1", good).split(".")
    tampered[1] = b64url(json.dumps({**good, "scope": "aws:admin"}).encode())
    cases.append(("payload changed after signing", ".".join(tampered), False, "signature"))
    out = {"generator": "scripts/gen_jwt_vectors.py", "now": NOW, "issuer": ISSUER, "audience": AUDIENCE,
           "jwks": jwks, "cases": [{"name": n, "token": t, "valid": v, "reason": r} for n, t, v, r in cases]}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "jwt", "vectors.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("%s: %d cases" % (path, len(cases)))


if __name__ == "__main__":
    main()
