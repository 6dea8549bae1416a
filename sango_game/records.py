"""``@record``: a frozen data class made without generating code, for the modules a start imports.

``dataclasses.dataclass`` writes the source of ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and the frozen ``__setattr__`` of every class and compiles it when the module is imported; a
frozen class of many fields costs a start about a millisecond. ``@record`` gives the same
behaviour as ``@dataclass(frozen=True)`` for what the game uses of it (keyword or positional
construction with defaults and ``field(default_factory=...)``, the same ``repr``, equality and
hash by value, ``vars()``, assignment raising ``dataclasses.FrozenInstanceError``, and
:func:`replace`) with methods shared by every record class, so nothing is compiled at import.
Type checkers read it as a dataclass (``typing.dataclass_transform``). No pygame here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING = object()


class _Factory:
    __slots__ = ("factory",)

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory


def field(*, default_factory: Callable[[], Any]) -> Any:
    """Like ``dataclasses.field(default_factory=...)``: a fresh default for every record."""
    return _Factory(default_factory)


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names: tuple[str, ...] = cls.__record_fields__
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}.__init__() takes {len(names) + 1} positional arguments but "
                        f"{len(args) + 1} were given")
    values = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}")
        if name in values:
            raise TypeError(f"{cls.__name__}.__init__() got multiple values for argument {name!r}")
        values[name] = value
    defaults: dict[str, Any] = cls.__record_defaults__
    setter = object.__setattr__
    for name in names:
        if name in values:
            setter(self, name, values[name])
            continue
        default = defaults.get(name, _MISSING)
        if default is _MISSING:
            raise TypeError(f"{cls.__name__}.__init__() missing 1 required argument: {name!r}")
        setter(self, name, default.factory() if isinstance(default, _Factory) else default)


def _values(self: Any) -> tuple:
    return tuple(getattr(self, name) for name in self.__record_fields__)


def _repr(self: Any) -> str:
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{type(self).__qualname__}({inner})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is self.__class__:
        return _values(self) == _values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self))


def _frozen(verb: str) -> Callable[..., None]:
    def refuse(self: Any, name: str, *value: Any) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot {verb} field {name!r}")

    return refuse


_SETATTR, _DELATTR = _frozen("assign to"), _frozen("delete")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen record of its annotated fields, in order (see the module doc)."""
    names: list[str] = []
    defaults: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name in klass.__dict__.get("__annotations__", {}):
            if name in names:
                continue
            names.append(name)
            if name in klass.__dict__:
                defaults[name] = klass.__dict__[name]
    required_after_default = [n for i, n in enumerate(names) if n not in defaults and any(m in defaults for m in names[:i])]
    if required_after_default:
        raise TypeError(f"non-default argument {required_after_default[0]!r} follows default argument")
    for name, default in defaults.items():
        if isinstance(default, _Factory) and name in cls.__dict__:
            delattr(cls, name)  # as dataclasses does: no shared default object on the class
    attrs: dict[str, Any] = {"__record_fields__": tuple(names), "__record_defaults__": defaults,
                             "__match_args__": tuple(names), "__init__": _init, "__repr__": _repr, "__eq__": _eq,
                             "__hash__": _hash, "__setattr__": _SETATTR, "__delattr__": _DELATTR}
    for key, value in attrs.items():
        if key in ("__repr__", "__eq__") and key in cls.__dict__:
            continue  # a class's own method wins, as with dataclasses
        setattr(cls, key, value)
    return cls


def replace(obj: T, **changes: Any) -> T:
    """Like ``dataclasses.replace``: a copy of the record with some fields changed."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return type(obj)(**values)
