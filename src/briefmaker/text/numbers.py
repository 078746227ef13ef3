"""Chinese number formatting (GB/T 15835): 万/亿 units, percentages, plain figures.

Every function takes a number (int, float, Decimal or numeric text) and returns text; rounding
is half-up (四舍五入) on the decimal value, never binary float rounding. ``None`` and non-numbers
raise ValueError with a message meant for the user.
"""
from __future__ import annotations

from numbers import Real
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .bounds import qualify

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)
_ROUNDING = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}
MAX_DIGITS = 6  # decimals a figure keeps at most (the brief format's ``digits`` allows the same)


def to_decimal(value) -> Decimal:
    """``value`` as an exact Decimal (floats through their shortest repr: 0.1 → 0.1)."""
    if value is None:
        raise ValueError("no value (the data is empty)")
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Real):  # float, numpy scalars …
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value!r} is not a finite number")
        return Decimal(repr(value))
    if isinstance(value, str):
        if len(value) > 100:
            raise ValueError(f"'{value[:20]}…' is not a number")
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a number") from None
    raise ValueError(f"{value!r} is not a number")


def _round(value: Decimal, digits: int, rounding: str = "half_up") -> Decimal:
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= MAX_DIGITS:
        raise ValueError(f"digits must be a whole number from 0 to {MAX_DIGITS}, got {digits!r}")
    if not isinstance(rounding, str) or rounding not in _ROUNDING:
        raise ValueError(f"rounding must be one of {', '.join(_ROUNDING)}, got {rounding!r}")
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite number")
    # enough precision for every digit of any finite value: quantize never fails for size
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + digits + 2)
        return value.quantize(Decimal(1).scaleb(-digits), rounding=_ROUNDING[rounding])


def _plain(value: Decimal) -> str:
    """Decimal as text without exponent or trailing zeros: 3.50 → 3.5, 2.0E+2 → 200, -0 → 0."""
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number(value, digits: int = 2, rounding: str = "half_up") -> str:
    """A plain figure with at most ``digits`` decimals: 1200 → 1200, 3.14159 → 3.14, 2.50 → 2.5;
    a bound (1.1) with its word: 20余."""
    return qualify(value, _plain(_round(to_decimal(value), digits, rounding)))


def wan(value, digits: int = 2, rounding: str = "half_up") -> str:
    """Large numbers in 万 or 亿 (only those two units): 35000 → 3.5万, 345000000 → 3.45亿.

    Below 1万 the plain figure is returned. Rounding that reaches the next unit moves up to it:
    99995000 with digits=0 → 1亿 (not 10000万). A bound (1.1) keeps its word: 突破25亿.
    """
    return qualify(value, _wan(to_decimal(value), digits, rounding))


def _wan(exact: Decimal, digits: int, rounding: str) -> str:
    size = abs(exact)
    if size < _WAN:
        return number(exact, digits, rounding)
    if size < _YI:
        in_wan = _round(exact / _WAN, digits, rounding)
        if abs(in_wan) < _WAN:
            return _plain(in_wan) + "万"
    return _plain(_round(exact / _YI, digits, rounding)) + "亿"


def percent(ratio, digits: int = 0, rounding: str = "half_up") -> str:
    """A ratio as a percentage: 241/246 → 98%; ``rounding='down'`` gives 97% for '97%以上';
    a bound (1.1) with its word: 10%以上."""
    return qualify(ratio, _plain(_round(to_decimal(ratio) * 100, digits, rounding)) + "%")


def ratio(part, whole) -> float:
    """part / whole, refusing a zero whole with a message instead of a ZeroDivisionError."""
    whole_d = to_decimal(whole)
    if whole_d == 0:
        raise ValueError("cannot divide by zero")
    return float(to_decimal(part) / whole_d)


def growth(now, before) -> float:
    """The change from ``before`` to ``now`` as a ratio (同比): (now − before) ÷ before; a zero
    ``before`` is refused with a message."""
    base = to_decimal(before)
    if base == 0:
        raise ValueError("cannot compute growth from 0 (last year's value is 0)")
    return float((to_decimal(now) - base) / abs(base))
