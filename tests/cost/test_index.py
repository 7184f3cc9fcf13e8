"""The price index read from the graph: endpoints, records, prices and every name of a platform."""

from __future__ import annotations

from aimkg.cost.index import Candidate, EndpointRow, IndexData, PriceRow, RecordRow, platform_names, record_time


def endpoint(data: IndexData, slug: str) -> EndpointRow:
    return EndpointRow(*data["endpoints"][slug])


def records(data: IndexData, slug: str) -> dict[str, RecordRow]:
    """An endpoint's records by their slug."""
    return {RecordRow(*row).slug: RecordRow(*row) for row in endpoint(data, slug).records}


def test_an_endpoint_has_its_platform_model_id_aliases_and_version(index_data: IndexData) -> None:
    row = endpoint(index_data, "openai--test-chat-2025-01-01")
    assert (row.platform, row.model_id, row.aliases, row.version) == (
        "openai",
        "test-chat-2025-01-01",
        ("test-chat",),
        "test-chat-2025-01-01",
    )
    assert sorted(RecordRow(*record).source for record in row.records) == [
        "genai-prices-t",
        "litellm-t",
        "models-dev-t",
    ]


def test_a_price_keeps_what_sets_it_apart(index_data: IndexData) -> None:
    prices = {
        PriceRow(*price).slug: PriceRow(*price)
        for price in records(index_data, "openai--test-chat-2025-01-01")["test-chat--litellm-t"].prices
    }
    assert prices["chat-l-in-batch"].tier == "Batch"
    assert prices["chat-l-in-long"].above == 200000
    assert prices["chat-l-in"].tier is None
    assert (prices["chat-l-in"].amount, prices["chat-l-in"].per, prices["chat-l-in"].currency) == (
        "2",  # pyoxigraph's canonical form of the decimal 2.0
        1000000,
        "USD",
    )


def test_valid_time_hours_and_units_are_read(index_data: IndexData) -> None:
    genai = records(index_data, "openai--test-chat-2025-01-01")["openai-test-chat--genai-prices-t"]
    dated = {PriceRow(*price).slug: PriceRow(*price) for price in genai.prices}
    assert (dated["chat-g-in-old"].valid_from, dated["chat-g-in-old"].valid_through) == (None, "2025-06-09")
    assert dated["chat-g-in"].valid_from == "2025-06-10"
    deep = records(index_data, "deepseek--test-deep")["deepseek-test-deep--genai-prices-t"]
    assert {PriceRow(*price).hours for price in deep.prices} == {"00:30-16:30", "16:30-00:30", None}
    claude = records(index_data, "anthropic--test-claude-1")["anthropic-test-claude-1--genai-prices-t"]
    search = next(PriceRow(*price) for price in claude.prices if PriceRow(*price).kind == "WebSearch")
    assert (search.amount, search.per) == ("10", 1000)


def test_record_time_is_read_as_utc_text(index_data: IndexData) -> None:
    router = records(index_data, "openrouter--openai-test-chat")["openrouter-test-chat--models-dev-t"]
    first = next(PriceRow(*price) for price in router.prices if PriceRow(*price).slug == "chat-r-in-1")
    assert (first.recorded_from, first.recorded_until) == ("2026-01-01T00:00:00", "2026-03-01T08:30:00")


def test_record_time_of_a_date_is_its_midnight() -> None:
    import pyoxigraph as ox

    assert record_time(ox.Literal("2026-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))) == (
        "2026-01-01T00:00:00"
    )


def test_a_region_record_keeps_its_variant(index_data: IndexData) -> None:
    found = records(index_data, "amazon-bedrock--openai.test-chat-2025-01-01-v1-0")
    assert found["bedrock-gov-test-chat--litellm-t"].variant == "us-gov-west-1"
    assert found["openai.test-chat--litellm-t"].variant is None


def test_curated_prices_have_no_record_and_their_source(index_data: IndexData) -> None:
    curated = endpoint(index_data, "mistral-ai--mistral-medium-2312").records
    assert [(RecordRow(*row).slug, RecordRow(*row).source) for row in curated] == [("", "seed-mistral-medium-2023")]
    assert "seed-mistral-medium-2023" not in index_data["catalogs"]


def test_model_ids_aliases_keys_and_versions_are_looked_up(index_data: IndexData) -> None:
    chat = "openai--test-chat-2025-01-01"
    assert index_data["ids"]["test-chat"] == ((chat, "alias", "openai", 0, 3, None),)
    assert Candidate(chat, "modelId", "openai", 0, 3) in index_data["ids"]["test-chat-2025-01-01"]
    assert index_data["keys"]["bedrock/us-gov-west-1/openai.test-chat-2025-01-01-v1:0"] == (
        ("amazon-bedrock--openai.test-chat-2025-01-01-v1-0", "key", "amazon-bedrock", 2, 2, "us-gov-west-1"),
    )
    assert {found[0] for found in index_data["served"]["test-chat-2025-01-01"]} == {
        chat,
        "amazon-bedrock--openai.test-chat-2025-01-01-v1-0",
        "openrouter--openai-test-chat",
    }


def test_an_endpoint_stands_first_on_its_maker_s_api(index_data: IndexData) -> None:
    standing = {found[0]: found[3] for found in index_data["served"]["test-chat-2025-01-01"]}
    assert standing == {
        "openai--test-chat-2025-01-01": 0,  # OpenAI made it
        "amazon-bedrock--openai.test-chat-2025-01-01-v1-0": 2,  # a cloud
        "openrouter--openai-test-chat": 2,  # a router
    }
    assert index_data["served"]["test-deep"][0][3] == 1  # a first-party API whose maker the sources do not name


def test_a_platform_is_named_by_each_catalog_s_id_for_it() -> None:
    names = platform_names({"amazon-bedrock": ("Amazon Bedrock", "amazon", "CloudPlatform")})
    for name in ("amazon-bedrock", "bedrock", "aws", "bedrock_converse", "litellm:bedrock", "genai-prices:aws"):
        assert names[name] == "amazon-bedrock", name
    assert names["amazon bedrock"] == "amazon-bedrock"  # its label, lower-cased


def test_a_label_two_platforms_share_names_neither() -> None:
    names = platform_names({"one": ("Same", None, None), "two": ("Same", None, None)})
    assert "same" not in names


def test_the_index_holds_only_builtins(index_data: IndexData) -> None:
    import marshal

    marshal.dumps(index_data)  # named tuples or other classes would fail here (and in the cache's pickle)
