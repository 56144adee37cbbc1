"""The actor gazetteer: canonical actors, their aliases, demonyms and capitals, from YAML files.

The built-in file is `peacewatch/data/gazetteer.yaml`; users add their own files of the same shape
(`--gazetteer FILE` or `gazetteer:` in the config), which may add actors or override built-in ones by id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from peacewatch.errors import ConfigError

KINDS = {"person", "organization", "state", "group"}


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    affiliation: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """A place that is not an actor (a city, region or sea): its name never becomes an actor."""

    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # surface form → place
    #: surface form → (entry id, how it names the entry: "name" | "alias" | "demonym" | "capital")
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:  # a user's file overrides a built-in actor wholesale
            self.forms = {form: hit for form, hit in self.forms.items() if hit[0] != entry.id}
        self.entries[entry.id] = entry
        for how, values in (("name", (entry.name,)), ("alias", entry.aliases),
                            ("demonym", entry.demonyms), ("capital", entry.capitals)):
            for form in values:
                self.forms[form] = (entry.id, how)

    def lookup(self, form: str) -> tuple[Entry, str] | None:
        hit = self.forms.get(form) or self.forms.get(_strip_the(form))
        if hit is None and form.isupper() and len(form) > 4:
            # Headlines in capitals ("NATO TROOPS IN UKRAINE"): match the title-cased form.
            hit = self.forms.get(form.title())
        if hit is None:
            return None
        return self.entries[hit[0]], hit[1]

    def demonym_state(self, word: str) -> Entry | None:
        hit = self.forms.get(word)
        if hit and hit[1] == "demonym":
            return self.entries[hit[0]]
        return None

    def __len__(self) -> int:
        return len(self.entries)


def _strip_the(form: str) -> str:
    return form[4:] if form.lower().startswith("the ") else form


def _entry(raw: object, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each actor must be a mapping, got {type(raw).__name__}")
    missing = [key for key in ("id", "name", "kind") if not raw.get(key)]
    if missing:
        raise ConfigError(f"{where}: actor {raw.get('id') or raw.get('name') or '?'} lacks {', '.join(missing)}")
    if raw["kind"] not in KINDS:
        raise ConfigError(f"{where}: actor {raw['id']} has kind {raw['kind']!r}; expected one of {sorted(KINDS)}")

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: actor {raw['id']}: {key} must be a list of strings")
        return tuple(value)

    return Entry(
        id=str(raw["id"]), name=str(raw["name"]), kind=str(raw["kind"]),
        affiliation=raw.get("affiliation"), role=raw.get("role"),
        aliases=strings("aliases"), demonyms=strings("demonyms"), capitals=strings("capitals"),
    )


def _place(raw: object, where: str) -> Place:
    if isinstance(raw, str):
        return Place(raw)
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ConfigError(f"{where}: each place must be a name or a mapping with a name")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        raise ConfigError(f"{where}: place {raw['name']}: aliases must be a list")
    return Place(str(raw["name"]), raw.get("country"), tuple(str(a) for a in aliases))


def _load_file(text: str, where: str) -> tuple[list[Entry], list[Place]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list) \
            or not ("actors" in data or "places" in data):
        raise ConfigError(f"{where}: expected a mapping with an 'actors' list")
    places = data.get("places") or []
    if not isinstance(places, list):
        raise ConfigError(f"{where}: 'places' must be a list")
    return [_entry(raw, where) for raw in data.get("actors") or []], [_place(p, where) for p in places]


def load_gazetteer(extra: Iterable[str | os.PathLike[str]] = ()) -> Gazetteer:
    """The built-in gazetteer, extended (and overridden by id) by each file in `extra`, in order."""
    gazetteer = Gazetteer()
    builtin = resources.files("peacewatch.data").joinpath("gazetteer.yaml").read_text("utf-8")
    sources = [(builtin, "built-in gazetteer")]
    for path in extra:
        try:
            sources.append((Path(path).read_text("utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read gazetteer: {exc}") from None
    for text, where in sources:
        entries, places = _load_file(text, where)
        for entry in entries:
            gazetteer.add(entry)
        for place in places:
            for form in (place.name, *place.aliases):
                gazetteer.places[form] = place
    for entry in gazetteer.entries.values():
        if entry.affiliation and entry.affiliation not in gazetteer.entries:
            raise ConfigError(f"gazetteer: actor {entry.id} is affiliated to unknown id {entry.affiliation!r}")
    return gazetteer
