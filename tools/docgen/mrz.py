"""ICAO 9303 machine readable zones: TD1 (3x30), TD2 (2x36), TD3 (2x44), MRV-A (2x44), MRV-B (2x36)."""

from __future__ import annotations

import datetime as dt

from names import mrz_name_field

_W = (7, 3, 1)


def char_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - 55
    if c == "<":
        return 0
    raise ValueError(f"invalid MRZ character {c!r}")


def check_digit(s: str) -> str:
    return str(sum(char_value(c) * _W[i % 3] for i, c in enumerate(s)) % 10)


def field(s: str, n: int) -> str:
    s = "".join(c if c.isalnum() else "<" for c in s.upper())
    if len(s) > n:
        raise ValueError(f"{s!r} longer than {n}")
    return s + "<" * (n - len(s))


def yymmdd(d: dt.date | None) -> str:
    return d.strftime("%y%m%d") if d else "<<<<<<"


def _cd_or_filler(s: str, filler_cd: str) -> str:
    """Check digit of an optional field; an all-filler field gets '<' (or '0', as some states print)."""
    return filler_cd if set(s) == {"<"} else check_digit(s)


def td3(doc_code: str, issuer: str, last: str, first: str, number: str, nationality: str, birth: dt.date,
        sex: str, expiry: dt.date, optional: str = "", filler_cd: str = "<") -> tuple[list[str], bool]:
    name, trunc = mrz_name_field(last, first, 39)
    l1 = field(doc_code, 2) + field(issuer, 3) + name
    num = field(number, 9)
    opt = field(optional, 14)
    parts = [num + check_digit(num), yymmdd(birth) + check_digit(yymmdd(birth)), yymmdd(expiry) + check_digit(yymmdd(expiry)),
             opt + _cd_or_filler(opt, filler_cd)]
    l2 = parts[0] + field(nationality, 3) + parts[1] + (sex or "<") + parts[2] + parts[3]
    l2 += check_digit(parts[0] + parts[1] + parts[2] + parts[3])
    return [l1, l2], trunc


def td2(doc_code: str, issuer: str, last: str, first: str, number: str, nationality: str, birth: dt.date,
        sex: str, expiry: dt.date, optional: str = "") -> tuple[list[str], bool]:
    name, trunc = mrz_name_field(last, first, 31)
    l1 = field(doc_code, 2) + field(issuer, 3) + name
    num = field(number, 9)
    opt = field(optional, 7)
    a = num + check_digit(num)
    b = yymmdd(birth) + check_digit(yymmdd(birth))
    c = yymmdd(expiry) + check_digit(yymmdd(expiry))
    l2 = a + field(nationality, 3) + b + (sex or "<") + c + opt
    l2 += check_digit(a + b + c + opt)
    return [l1, l2], trunc


def td1(doc_code: str, issuer: str, last: str, first: str, number: str, nationality: str, birth: dt.date,
        sex: str, expiry: dt.date, optional1: str = "", optional2: str = "") -> tuple[list[str], bool]:
    num = field(number, 9)
    o1 = field(optional1, 15)
    l1 = field(doc_code, 2) + field(issuer, 3) + num + check_digit(num) + o1
    b = yymmdd(birth) + check_digit(yymmdd(birth))
    c = yymmdd(expiry) + check_digit(yymmdd(expiry))
    o2 = field(optional2, 11)
    l2 = b + (sex or "<") + c + field(nationality, 3) + o2
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    name, trunc = mrz_name_field(last, first, 30)
    return [l1, l2, name], trunc


def mrv(kind: str, issuer: str, last: str, first: str, number: str, nationality: str, birth: dt.date, sex: str,
        expiry: dt.date, optional: str = "", visa_type: str = "<") -> tuple[list[str], bool]:
    """MRV-A (2x44) or MRV-B (2x36) visa MRZ; no composite check digit."""
    width = 44 if kind == "A" else 36
    name, trunc = mrz_name_field(last, first, width - 5)
    l1 = "V" + field(visa_type, 1) + field(issuer, 3) + name
    num = field(number, 9)
    l2 = num + check_digit(num) + field(nationality, 3) + yymmdd(birth) + check_digit(yymmdd(birth)) + (sex or "<")
    l2 += yymmdd(expiry) + check_digit(yymmdd(expiry))
    l2 += field(optional, width - len(l2))
    return [l1, l2], trunc
