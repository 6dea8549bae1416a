"""Teacher PIN: 4-8 digits, kept only as a salted, slow hash. Pure functions, no I/O.

Digits from any script are accepted and mean the same number ("١٢٣٤" is "1234"), so a teacher
typing on an Arabic keyboard is not locked out.

Stored form: ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` (or ``pbkdf2_sha256$<iterations>$<salt
hex>$<hash hex>`` where hashlib has no scrypt). The salt is 16 random bytes; comparison is
constant-time.
"""

from __future__ import annotations

import unicodedata

from .errors import PinFormatError

MIN_DIGITS, MAX_DIGITS = 4, 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
PBKDF2_ITERATIONS = 300_000
SALT_BYTES = 16


def normalize_pin(pin: object) -> str:
    """The PIN as ASCII digits, or PinFormatError."""
    if not isinstance(pin, str):
        raise PinFormatError("a PIN is text made of 4 to 8 digits")
    text = pin.strip()
    digits = []
    for ch in text:
        value = unicodedata.decimal(ch, None)
        if value is None:
            raise PinFormatError("a PIN is made of digits only")
        digits.append(str(value))
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise PinFormatError(f"a PIN has {MIN_DIGITS} to {MAX_DIGITS} digits")
    return "".join(digits)


# hashlib, hmac and secrets are imported where a PIN is hashed or checked: opening the store at
# start-up does neither, and loading OpenSSL's hashes costs a few milliseconds of every start.
def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=128 * r * n * p + 2**20, dklen=32)


def _pbkdf2(pin: str, salt: bytes, iterations: int) -> bytes:
    import hashlib

    return hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations, dklen=32)


def hash_pin(pin: str) -> str:
    import hashlib
    import secrets

    digits = normalize_pin(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    if hasattr(hashlib, "scrypt"):
        digest = _scrypt(digits, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"
    digest = _pbkdf2(digits, salt, PBKDF2_ITERATIONS)
    return f"pbkdf2_sha256${PBKDF2_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_pin(pin: object, stored: str) -> bool:
    """True if ``pin`` matches the stored hash. A malformed PIN or hash is simply False."""
    try:
        digits = normalize_pin(pin)
    except PinFormatError:
        return False
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
            salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
            digest = _scrypt(digits, salt, n, r, p)
        elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            iterations = int(parts[1])
            salt, expected = bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
            digest = _pbkdf2(digits, salt, iterations)
        else:
            return False
    except (ValueError, OverflowError, MemoryError):
        return False
    import hmac

    return hmac.compare_digest(digest, expected)
