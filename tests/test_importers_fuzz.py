"""Random input thrown at the importers: the only outcomes are a graph or a clean InputError."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkg.core.errors import InputError
from aimkg.sources import import_litellm, import_models_dev

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

MODELS_DEV_FIELDS = ["name", "family", "release_date", "knowledge", "open_weights", "status", "base_model"]
TOML_VALUES = st.sampled_from(
    ['"x"', '"2025-13-40"', '"2025-05"', "true", "1_000", "-1", "1.5e300", "[]", '["text"]', "{}", '"deprecated"']
)
TOML_TABLES = st.sampled_from(["[cost]", "[limit]", "[modalities]", "[[cost.tiers]]", "[provider]", ""])
TOML_LINES = st.one_of(
    st.tuples(
        st.sampled_from([*MODELS_DEV_FIELDS, "input", "output", "context", "cache_read", "size"]), TOML_VALUES
    ).map(lambda pair: f"{pair[0]} = {pair[1]}"),
    TOML_TABLES,
)

LITELLM_FIELDS = [
    "litellm_provider",
    "mode",
    "max_input_tokens",
    "max_output_tokens",
    "input_cost_per_token",
    "output_cost_per_token",
    "input_cost_per_token_batches",
    "deprecation_date",
    "successor_model",
    "alias_of",
    "cache_read_input_token_cost",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)
LITELLM_ENTRY = st.dictionaries(st.sampled_from(LITELLM_FIELDS), JSON_VALUES | st.sampled_from(["mistral", "chat"]))


def models_dev_tree(root: Path, model_text: str | bytes) -> Path:
    folder = root / "providers" / "acme" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "providers" / "acme" / "provider.toml").write_text('name = "Acme"\n')
    (root / "models").mkdir(exist_ok=True)
    model = folder / "fuzz.toml"
    model.write_bytes(model_text if isinstance(model_text, bytes) else model_text.encode())
    return root


@FUZZ
@given(lines=st.lists(TOML_LINES, max_size=12))
def test_random_models_dev_records(tmp_path_factory, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    tree = models_dev_tree(tmp_path_factory.mktemp("md"), "\n".join(lines) + "\n")
    try:
        import_models_dev(tree)
    except InputError as error:
        assert "fuzz.toml" in str(error) or "acme" in str(error)


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_models_dev_record(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    tree = models_dev_tree(tmp_path_factory.mktemp("md"), data)
    try:
        import_models_dev(tree)
    except InputError as error:
        assert "fuzz.toml" in str(error)


@FUZZ
@given(entries=st.dictionaries(st.text(min_size=1, max_size=10), LITELLM_ENTRY, max_size=4))
def test_random_litellm_tables(tmp_path_factory, entries: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ll") / "prices.json"
    path.write_text(json.dumps(entries))
    try:
        import_litellm(path)
    except InputError as error:
        assert str(error).startswith(f"{path}")


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_litellm_table(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ll") / "prices.json"
    path.write_bytes(data)
    try:
        import_litellm(path)
    except InputError as error:
        assert str(error).startswith(f"{path}")
