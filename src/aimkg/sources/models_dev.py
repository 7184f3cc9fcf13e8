"""Import the models.dev catalog (github.com/anomalyco/models.dev): one TOML file per model per provider.

Raw: ``providers/<provider>/provider.toml`` and ``providers/<provider>/models/<id>.toml``, reader
a model file may inherit from ``models/<lab>/<id>.toml`` through ``base_model``. Normalised:
the two merged as upstream does (a deep merge in which the provider file wins, then the dotted
paths of ``base_model_omit`` removed). Mapped: one version, endpoint and set of prices per file.
Prices are already in USD per 1M tokens.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.io.safety import read_text
from aimkg.sources.capabilities import EFFORT_LEVELS, Flags
from aimkg.sources.fields import Attribute, FieldReader
from aimkg.sources.importer import Importer, run_as_module
from aimkg.sources.records import Entry, Price, add_unique_price

COSTS: dict[str, str] = {
    "input": "InputTokens",
    "output": "OutputTokens",
    "cache_read": "CachedInputTokens",
    "cache_write": "CacheWriteTokens",
    "reasoning": "ReasoningTokens",
    "input_audio": "InputAudioTokens",
    "output_audio": "OutputAudioTokens",
}
STATUSES = {"alpha": "Preview", "beta": "Preview", "deprecated": "Deprecated"}
LIMITS = {"context": "context_window", "input": "max_input_tokens", "output": "max_output_tokens"}

#: Capability flags, by the aimkg:Capability each says the model has (true) or has not (false).
CAPABILITY_FLAGS = {
    "tool_call": "ToolCalling",
    "reasoning": "Reasoning",
    "attachment": "FileInput",
    "temperature": "TemperatureControl",
    "structured_output": "StructuredOutput",
}
#: Field kinds declared out of scope, each with its reason (docs/import.md lists them); counted, never dropped silently.
SDK = "SDK plumbing (the AI SDK package, base URL, request shape, body and headers), not a fact about the model"
OUT_OF_SCOPE = {
    "provider": SDK,
    "weights": "download locations of weight files: aimkg describes API offers and releases, not files",
    "benchmarks": "scores without a score scale, which aimkg:Benchmark requires",
}
UNMAPPED_FIELDS = {
    "experimental": "experimental serving modes (a fast mode with its own prices and request details)",
    "links": "links to pages about the model, which the catalog does not say its facts come from",
}
PROVIDER_OUT_OF_SCOPE = {
    "npm": SDK,
    "env": SDK,
    "api": SDK,
}
#: Fields read into one attribute of the entry each, with the reader that checks them.
ATTRIBUTES: dict[str, Attribute] = {
    "name": ("label", FieldReader.text),
    "family": ("family", FieldReader.text),
    "release_date": ("release_date", FieldReader.date),
    "last_updated": ("last_updated", FieldReader.date),
    "knowledge": ("knowledge_cutoff", FieldReader.date),
}
#: A reasoning option of models.dev's ``reasoning_options``.
OPTION = "a table {type, ...}"
INHERITANCE = ("base_model", "base_model_omit")


def read_toml(path: Path, limits: InputLimits) -> dict[str, Any]:
    """Parse a TOML file, numbers with a fraction as exact Decimals."""
    text = read_text(path, limits)
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: {toml_error(str(error), text)}") from error
    except RecursionError as error:
        raise InputError(f"{path}: TOML nested too deeply to read safely") from error


#: Where tomllib says an error is (Python 3.11-3.13 give it only in the message).
TOML_ERROR_PLACE = re.compile(r"(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.DOTALL)
QUOTED_LINE_CHARACTERS = 80


def toml_error(error: str, text: str) -> str:
    """Say where a TOML error is as the other errors do, and quote the line: tomllib names no key."""
    place = TOML_ERROR_PLACE.match(error)
    if place is None:
        return f"invalid TOML: {error}"
    number = int(place["line"])
    lines = text.split("\n")  # as tomllib counts lines: a U+2028 in a string ends no line
    quoted = lines[number - 1].strip() if number <= len(lines) else ""
    if len(quoted) > QUOTED_LINE_CHARACTERS:
        quoted = quoted[:QUOTED_LINE_CHARACTERS] + "..."
    return f"line {number}, column {place['column']}: invalid TOML: {place['message']}" + (
        f"; the line reads {quoted!r}" if quoted else ""
    )


def merge_deep(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge as upstream's remeda ``mergeDeep``: tables merge, anything else is replaced by override."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_deep(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def omit(record: dict[str, Any], path: str) -> None:
    """Delete one dotted path, and the tables it leaves empty (upstream's ``applyOmit``)."""
    parts = path.split(".")
    parents = []
    current = record
    for part in parts[:-1]:
        child = current.get(part)
        if not isinstance(child, dict):
            return
        parents.append((current, part))
        current = child
    if parts[-1] not in current:
        return
    del current[parts[-1]]
    for parent, key in reversed(parents):
        if parent[key]:
            break
        del parent[key]


class ModelsDevImporter(Importer):
    """models.dev: provider folders of model TOML files, plus provider-independent base records."""

    name = "models-dev"
    source_label = "models.dev catalog"
    source_url = "https://github.com/anomalyco/models.dev"
    default_version = "f3fc692299671838c7c65fd8126bf84d81a2e817"
    source_prefix = "models-dev"
    source_version_length = 8
    issued: ClassVar[dict[str, str]] = {"f3fc692299671838c7c65fd8126bf84d81a2e817": "2026-07-02"}

    def __init__(
        self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS, fail_fast: bool = False
    ) -> None:
        super().__init__(path, version, limits, fail_fast)
        if not (self.path / "providers").is_dir():
            raise InputError(f"{self.path}: not a models.dev checkout (no providers/ folder)")
        self.providers: dict[str, tuple[str, str | None]] = {}
        self.bases: dict[str, dict[str, Any]] = {}
        self.used_bases: set[str] = set()

    def model_files(self) -> list[tuple[str, Path]]:
        """Every provider's model files, as (provider ID, path), in a stable order."""
        files = []
        for folder in sorted((self.path / "providers").iterdir()):
            models = folder / "models"
            if models.is_dir():
                files += [(folder.name, path) for path in sorted(models.rglob("*.toml"))]
        return files

    def count(self) -> int:
        return len(self.model_files())

    def read_provider(self, provider: str) -> None:
        """Read provider.toml once: its display name and documentation URL (a broken file is kept for the end)."""
        if provider in self.providers:
            return
        self.providers[provider] = (provider, None)
        path = self.path / "providers" / provider / "provider.toml"
        if not path.is_file():
            self.report.note_missing(provider, "provider.toml", "missing: the provider is labelled by its ID")
            return
        try:
            raw = read_toml(path, self.input_limits)
            self.report.values += len(raw)
            reader = FieldReader(path, provider, self.report)
            if "name" in raw:
                name = reader.text("name", raw["name"])
            else:
                name = provider
                self.report.note_missing(provider, "provider.name", "missing: the provider is labelled by its ID")
            doc = reader.url("doc", raw["doc"]) if "doc" in raw else None
        except InputError as error:
            self.broken(error)
            return
        for key in sorted(set(raw) - {"name", "doc"}):
            if key in PROVIDER_OUT_OF_SCOPE:
                self.report.leave_out(provider, f"provider.{key}", PROVIDER_OUT_OF_SCOPE[key])
            else:
                self.report.skip_field(provider, f"provider.{key}", "no aimkg term for this field")
        self.providers[provider] = (name, doc)

    def base_record(self, name: str) -> dict[str, Any] | None:
        """Read a ``models/<lab>/<id>.toml`` base record once; None when it does not exist."""
        if name not in self.bases:
            path = self.path / "models" / f"{name}.toml"
            if not path.is_file():
                return None
            self.bases[name] = read_toml(path, self.input_limits)
        self.used_bases.add(name)
        return self.bases[name]

    def entries(self) -> Iterator[Entry | None]:
        for provider, path in self.model_files():
            self.read_provider(provider)
            model_id = path.relative_to(self.path / "providers" / provider / "models").as_posix()[: -len(".toml")]
            key = f"{provider}/{model_id}"
            try:
                entry = self.normalise(key, provider, model_id, path)
            except InputError as error:
                self.broken(error)
                entry = None
            if entry is not None and self.providers[provider][1]:
                entry.doc_urls.append(str(self.providers[provider][1]))
            yield entry
        self.report_unused_bases()

    def normalise(self, key: str, provider: str, model_id: str, path: Path) -> Entry | None:
        """Merge the file with its base record and turn it into an Entry.

        An empty file is most likely a truncated one, and ``.toml`` names no model: both are
        reported as not mapped rather than mapped to a version that says nothing.
        """
        if not model_id:
            self.report.skip_entry(key, "the file name '.toml' gives no model ID")
            return None
        if not path.exists():  # as the history reads it: a link to a deleted file is no file
            self.report.skip_entry(key, "a symbolic link to a file that does not exist")
            return None
        record = read_toml(path, self.input_limits)
        if not record:
            self.report.skip_entry(key, "empty file: no facts to map")
            return None
        reader = FieldReader(path, key, self.report)
        if "base_model" in record:
            base_name = reader.text("base_model", record["base_model"])
            base = self.base_record(base_name)
            if base is None:
                self.report.skip_entry(key, f"base_model {base_name!r} names no file under models/")
                return None
            record = merge_deep(base, record)
            for dotted in reader.strings("base_model_omit", record.get("base_model_omit", [])):
                omit(record, dotted)
        self.report.values += len(record)
        return self.to_entry(record, reader, key, provider, model_id)

    def to_entry(
        self, record: dict[str, Any], reader: FieldReader, key: str, provider: str, model_id: str
    ) -> Entry | None:
        """Read every field of an effective record (a file merged with what it inherits), of the snapshot or of a
        past commit; None when one is broken (its error is kept for the end of the run)."""
        entry = Entry(key=key, provider=provider, model_id=model_id, label=model_id)
        if "base_model" in record:
            entry.base_model = reader.text("base_model", record["base_model"])
        if "name" not in record:
            self.report.note_missing(key, "name", "missing: the version is labelled by its model ID")
        return entry if self.read_fields(entry, reader, record, skip=INHERITANCE) else None

    def field(self, entry: Entry, flags: Flags, reader: FieldReader, name: str, value: Any) -> None:
        """Read one field of a merged record into the entry; report it when aimkg does not map it."""
        report, key = self.report, entry.key
        if name in CAPABILITY_FLAGS:
            flags.flag(CAPABILITY_FLAGS[name], name, reader.flag(name, value))
        elif name in ATTRIBUTES:
            reader.attribute(entry, name, value, ATTRIBUTES[name])
        elif name == "open_weights":
            entry.weights = "OpenWeights" if reader.flag(name, value) else "ApiOnly"
        elif name == "status":
            entry.status = reader.term(name, value, STATUSES, "no aimkg:LifecycleStatus for this value")
        elif name == "license":
            self.license(entry, reader, reader.text(name, value))
        elif name == "limit":
            self.limits(entry, reader, reader.typed(name, value, dict, "a table"))
        elif name == "modalities":
            table = reader.typed(name, value, dict, "a table")
            for side, values in table.items():
                found = reader.modalities(f"modalities.{side}", values)
                if side == "input":
                    entry.input_modalities = found
                elif side == "output":
                    entry.output_modalities = found
                else:
                    report.skip_field(key, f"modalities.{side}", "no aimkg term for this field")
        elif name == "cost":
            self.costs(entry, reader, reader.typed(name, value, dict, "a table"))
        elif name == "interleaved":
            if not isinstance(value, dict):
                reader.typed(name, value, bool, "true, false or a table {field}")
            flags.flag("InterleavedReasoning", name, value is not False)  # a table names the response field
        elif name == "reasoning_options":
            options = reader.typed(name, value, list, "a list of tables {type, ...}")
            for option in options:
                self.reasoning_option(entry, flags, reader, reader.typed(name, option, dict, OPTION))
        elif name in OUT_OF_SCOPE:
            report.leave_out(key, name, OUT_OF_SCOPE[name])
        else:
            report.skip_field(key, name, UNMAPPED_FIELDS.get(name, "no aimkg term for this field"))

    def reasoning_option(self, entry: Entry, flags: Flags, reader: FieldReader, option: dict[str, Any]) -> None:
        """One ``reasoning_options`` table: a toggle, effort levels, or a reasoning token budget."""
        name = "reasoning_options"
        kind = reader.text(f"{name}.type", option["type"]) if "type" in option else None
        expected = {"toggle": set(), "effort": {"values"}, "budget_tokens": {"min", "max"}}
        if kind not in expected:
            self.report.skip_field(entry.key, f"{name}.type={kind}", "no reasoning option aimkg knows")
            return
        for extra in sorted(set(option) - {"type"} - expected[kind]):
            self.report.skip_field(entry.key, f"{name}.{extra}", f"no aimkg term for this field of a {kind} option")
        if kind == "toggle":
            flags.flag("ReasoningToggle", f"{name}.type=toggle", True)
        elif kind == "effort":
            for level in reader.strings(f"{name}.values", option.get("values", [])):
                field = f"{name}.values={level}"
                if level in EFFORT_LEVELS:
                    flags.flag(EFFORT_LEVELS[level], field, True)
                else:
                    self.report.skip_field(entry.key, field, "no reasoning effort level")
        else:
            bounds = []
            for bound in ("min", "max"):
                count = None
                if bound in option:
                    number = reader.typed(f"{name}.{bound}", option[bound], int, "a whole number of tokens")
                    if number < 0:
                        self.report.skip_field(entry.key, f"{name}.{bound}", f"{number} is not a token budget")
                    else:
                        count = int(number)
                bounds.append(count)
            low, high = bounds
            if low is not None and high is not None and low > high:
                self.report.skip_field(entry.key, name, f"budget_tokens min {low} is above its max {high}")
                return
            entry.reasoning_budget = (low, high)
            flags.budget_fields.append(f"{name}.type=budget_tokens")

    def license(self, entry: Entry, reader: FieldReader, value: str) -> None:
        """Licences are SPDX identifiers upstream; map the ones that look like one."""
        if re.fullmatch(r"[A-Za-z0-9.+-]+", value):
            entry.license = f"http://spdx.org/licenses/{value}"
        else:
            self.report.skip_field(reader.entry, "license", "not an SPDX licence identifier")

    def limits(self, entry: Entry, reader: FieldReader, table: dict[str, Any]) -> None:
        for name, value in table.items():
            if name in LIMITS:
                setattr(entry, LIMITS[name], reader.limit(f"limit.{name}", value))
            else:
                self.report.skip_field(entry.key, f"limit.{name}", "no aimkg term for this field")

    def costs(self, entry: Entry, reader: FieldReader, table: dict[str, Any], above: int | None = None) -> None:
        """Map cost fields (USD per 1M tokens); ``tiers`` recurse with their context size."""
        prefix = "cost" if above is None else "cost.tiers"
        for name, value in table.items():
            if name == "tiers" and above is None:
                for tier in reader.typed("cost.tiers", value, list, "a list of tables"):
                    self.cost_tier(entry, reader, reader.typed("cost.tiers", tier, dict, "a table"))
            elif name == "tier" and above is not None:
                continue
            elif name in COSTS:
                price = Price(COSTS[name], reader.amount(f"{prefix}.{name}", value), above=above)
                if not add_unique_price(entry.prices, price):
                    self.report.skip_field(entry.key, f"{prefix}.{name}", "disagrees with another price of the entry")
            else:
                self.report.skip_field(
                    entry.key, f"{prefix}.{name}", "cost name that the upstream schema does not define"
                )

    def cost_tier(self, entry: Entry, reader: FieldReader, tier: dict[str, Any]) -> None:
        """One ``[[cost.tiers]]`` table: prices above a prompt size, given as ``tier = {type, size}``."""
        spec = reader.typed("cost.tiers.tier", tier.get("tier", {}), dict, "a table {type, size}")
        kind = spec.get("type", "context")
        if kind != "context":
            self.report.skip_field(entry.key, "cost.tiers", f"tier type {kind!r} is not a prompt-size tier")
            return
        if "size" not in spec:
            self.report.skip_field(entry.key, "cost.tiers", "no tier.size: the prices' prompt-size tier is unknown")
            return
        size = reader.tokens("cost.tiers.tier.size", spec["size"])
        if size == 0:
            self.report.skip_field(entry.key, "cost.tiers", "a tier above 0 tokens is the base price")
            return
        self.costs(entry, reader, tier, above=size)

    def report_unused_bases(self) -> None:
        """Base records that no provider file inherits from are facts not mapped: report them."""
        folder = self.path / "models"
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*.toml")):
            name = path.relative_to(folder).as_posix()[: -len(".toml")]
            if name not in self.used_bases:
                self.report.unused_records[f"models/{name}.toml"] = "no provider file names it as base_model"


#: Import a models.dev checkout (its folder holding providers/ and models/).
import_models_dev = ModelsDevImporter.read


if __name__ == "__main__":
    run_as_module("models-dev", "models_dev")
