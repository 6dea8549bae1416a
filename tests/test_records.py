"""``records.record`` behaves like ``@dataclass(frozen=True)`` for the game's start-up records."""

from __future__ import annotations

import dataclasses

import pytest

from sango_game.input import Act, Action
from sango_game.languages import TABLE, LanguageInfo
from sango_game.progress.models import LevelResult, StoreNotice
from sango_game.records import _Factory, record, replace
from sango_game.ui.theme import PALETTES, Palette


def as_dataclass(cls):
    """The same fields and defaults made by dataclasses, to compare with."""
    ns: dict = {"__annotations__": dict(cls.__annotations__), "__module__": cls.__module__,
                "__qualname__": cls.__qualname__}
    for name, default in cls.__record_defaults__.items():
        ns[name] = dataclasses.field(default_factory=default.factory) if isinstance(default, _Factory) else default
    return dataclasses.dataclass(frozen=True)(type(cls.__name__, (), ns))


@pytest.mark.parametrize("cls,examples", [
    (Palette, [vars(p) for p in PALETTES.values()]),
    (Action, [{"kind": Act.UP}, {"kind": Act.CHOOSE, "index": 2, "at": 1.5}]),
    (LevelResult, [{"best_stars": 2, "best_score": 0.5, "plays": 1, "completed": True, "endings": frozenset({"a"})}]),
])
def test_same_repr_equality_and_hash_as_a_frozen_dataclass(cls, examples):
    ref = as_dataclass(cls)
    for kw in examples:
        ours, theirs = cls(**kw), ref(**kw)
        assert repr(ours) == repr(theirs)
        assert vars(ours) == vars(theirs)
        assert hash(ours) == hash(theirs)
        assert ours == cls(**kw) and not ours != cls(**kw)
        assert ours != theirs  # another class: never equal, as with dataclasses
    positional = cls(*[examples[0][n] if n in examples[0] else ref.__dataclass_fields__[n].default
                       for n in cls.__record_fields__])
    assert positional == cls(**examples[0])


def test_frozen_and_fresh_defaults():
    action = Action(Act.UP, pos=(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        action.kind = Act.DOWN  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del action.pos  # type: ignore[misc]
    a, b = StoreNotice("c", "k"), StoreNotice("c", "k")
    assert a.params == {} and a.params is not b.params
    assert replace(action, at=3.0) == Action(Act.UP, pos=(1, 2), at=3.0) and action.at is None
    with pytest.raises(TypeError):
        hash(TABLE[0])  # a dict field: unhashable, as a frozen dataclass with one is
    assert LanguageInfo.direction == "ltr"  # class defaults stay readable


@pytest.mark.parametrize("call", [lambda: Action(), lambda: Action(Act.UP, bogus=1), lambda: Action(Act.UP, kind=Act.UP),
                                  lambda: Action(Act.UP, None, None, None, False, None, False, "extra")])
def test_wrong_arguments_are_type_errors(call):
    with pytest.raises(TypeError):
        call()


def test_a_required_field_after_a_default_is_refused():
    with pytest.raises(TypeError):
        @record
        class Bad:
            a: int = 1
            b: int
