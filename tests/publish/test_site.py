from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from jinja2 import UndefinedError
from pyld import jsonld
from rdflib import Graph, URIRef

from aimkg.build import pipeline as pipeline_module
from aimkg.build.pipeline import Pipeline
from aimkg.cli import cli
from aimkg.core import resources
from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS
from aimkg.core.resources import CONTEXT_IRI, context_path, graph_files
from aimkg.export.folder import build_all, file_names
from aimkg.history.feed import ATOM
from aimkg.io.canonical import canonical_turtle
from aimkg.io.graph import AIMKG, new_graph, read_graph, to_rdflib
from aimkg.io.jsonld import document_loader
from aimkg.io.read import bundled_files
from aimkg.publish import site as site_module
from aimkg.publish.rdf import DATA_FORMATS, Entity
from aimkg.publish.site import EXPORT_DIGESTS, Writer, build_site, digest, digests, htaccess, read_manifest
from aimkg.query.cache import code_digest
from tests.helpers.catalogs import pinned_subset
from tests.helpers.htmlpage import as_dict, parse_page, rows
from tests.helpers.servers import described, entities
from tests.publish.conftest import CATALOG, catalog_sources

MEDIUM = Entity("version", "mistral-medium-2312")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "site"
    build_site(bundled_files(), output)
    return output


def page(site: Path, entity: Entity):  # type: ignore[no-untyped-def]
    return parse_page((site / f"{entity.path}.html").read_text(encoding="utf-8"))


def test_every_entity_has_a_page_and_data_files_with_its_triples(site: Path, bundled_graph: Graph) -> None:
    all_entities = entities(bundled_graph)
    assert {entity.kind for entity in all_entities} == {
        "provider", "model", "version", "endpoint", "price", "benchmark", "result", "source", "platform"
    }  # fmt: skip
    for entity in all_entities:
        assert (site / f"{entity.path}.html").is_file(), f"no page for {entity.iri}"
        expected = described(bundled_graph, entity.iri)
        for suffix in DATA_FORMATS:
            data = read_graph([site / f"{entity.path}{suffix}"])  # JSON-LD: the context resolved locally
            assert set(data) == expected, f"{entity.path}{suffix} does not hold the entity's triples"


def test_turtle_data_files_are_in_canonical_form(site: Path, bundled_graph: Graph) -> None:
    for entity in entities(bundled_graph):
        graph = new_graph()
        for triple in described(bundled_graph, entity.iri):
            graph.add(triple)
        written = (site / f"{entity.path}.ttl").read_text(encoding="utf-8")
        assert written == canonical_turtle(graph), f"{entity.path}.ttl is not canonical Turtle"


def test_jsonld_data_files_expand_offline_with_the_shipped_context(site: Path, bundled_graph: Graph) -> None:
    for entity in entities(bundled_graph):
        document = json.loads((site / f"{entity.path}.jsonld").read_text(encoding="utf-8"))
        assert document["@context"] == CONTEXT_IRI
        nquads = jsonld.to_rdf(document, {"documentLoader": document_loader, "format": "application/n-quads"})
        quads = ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)
        triples = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
        assert triples == described(bundled_graph, entity.iri), f"{entity.path}.jsonld, expanded by pyld"


def test_the_whole_graph_is_published_as_the_export_writes_it(site: Path, bundled_triples: list[ox.Triple]) -> None:
    for name, data in build_all(bundled_triples).items():
        assert (site / name).read_bytes() == data, name
    assert (site / "context.jsonld").read_bytes() == context_path().read_bytes()


def test_version_page_shows_every_fact_of_the_seed_page(site: Path) -> None:
    medium = page(site, MEDIUM)
    assert medium.h1 == "Mistral Medium (2023)"
    assert any("first commercial API, La Plateforme" in p for p in medium.sections["overview"].paragraphs)

    specs = as_dict(medium.sections["specs"].tables[0])
    assert specs["Released"] == "2023-12-11"
    assert specs["License"] == "Proprietary"
    assert specs["Weights"] == "API only"
    assert specs["Parameters"] == "Undisclosed"
    assert "32,000" in specs["Context"] and "32K" in specs["Context"]
    assert specs["Architecture"].startswith("Undisclosed")
    assert "prototype model" in specs["Architecture"]
    assert specs["Knowledge cutoff"] == "Undisclosed"
    assert specs["Modalities"] == "Text in, Text out"
    assert specs["Status"] == "Retired"
    assert specs["Languages"].split(", ") == ["de", "en", "es", "fr", "it"]
    assert specs["Deprecated"] == "2024-11-30"
    assert specs["Retired"] == "2025-06-16"
    assert specs["Replaced by"] == "Mistral Medium 3"

    (benchmarks,) = medium.sections["benchmarks"].tables
    assert rows(benchmarks)[1] == [
        "MT-Bench", "8.6", "1\u201310, higher is better",
        "Mistral AI launch post for La Plateforme", "Catalog page: Mistral Medium (2023)",
    ]  # fmt: skip

    side_by_side, statements = medium.sections["pricing"].tables
    header, *platform_rows = rows(side_by_side)
    assert header == ["Platform", "Operator", "Model ID", "Input", "Output", "Cached input", "Source"]
    # its prices ended with the retirement: nothing is current, so the side-by-side table says Unknown
    assert platform_rows == [
        ["La Plateforme", "Mistral AI", "mistral-medium-2312", "Unknown", "Unknown", "Unknown", "None"]
    ]
    header, *price_rows = rows(statements)
    by_kind = {row[header.index("Tokens")]: dict(zip(header, row, strict=True)) for row in price_rows}
    assert by_kind["Input tokens"]["Price"] == "2.75 USD per 1M tokens"
    assert by_kind["Output tokens"]["Price"] == "8.10 USD per 1M tokens"
    for row in by_kind.values():
        assert (row["Platform"], row["Model ID"], row["Tier"]) == ("La Plateforme", "mistral-medium-2312", "Standard")
        assert row["Valid through"] == "2025-06-16"
        assert row["Valid from"] == "Unknown"
        assert row["Reported by"] == "Artificial Analysis"
        assert row["Source"] == "Catalog page: Mistral Medium (2023)"
    assert any("as recorded by Artificial Analysis" in p for p in medium.sections["pricing"].paragraphs)

    assert len(medium.sections["strengths"].items) == 4
    assert len(medium.sections["best-for"].items) == 4
    assert any("MT-Bench 8.6 vs 8.3" in item for item in medium.sections["strengths"].items)

    (access,) = medium.sections["access"].tables
    header, row = rows(access)
    access_row = dict(zip(header, row, strict=True))
    assert access_row["Provider"] == "Mistral AI"
    assert access_row["Platform"] == "La Plateforme"
    assert access_row["Model ID"] == "mistral-medium-2312"
    assert access_row["Aliases"] == "mistral-medium"


def test_version_page_links_every_version_of_its_line(site: Path) -> None:
    (line,) = page(site, MEDIUM).sections["line"].tables
    versions = [(row[0].text, row[0].links[0][1], row[1].text) for row in line[1:]]
    assert [(label, released) for label, _, released in versions] == [
        ("Mistral Medium 3.5current", "2026-04-28"),
        ("Mistral Medium 3.1", "2025-08-12"),
        ("Mistral Medium 3", "2025-05-07"),
        ("Mistral Medium (2023)this page", "2023-12-11"),
    ]
    for _, href, _ in versions:
        assert (site / MEDIUM.path).parent.joinpath(href).resolve().is_file(), href


def test_pages_link_their_data_and_embed_schema_org(site: Path) -> None:
    medium = page(site, MEDIUM)
    assert medium.alternates == {
        "text/turtle": "mistral-medium-2312.ttl",
        "application/ld+json": "mistral-medium-2312.jsonld",
        "application/n-triples": "mistral-medium-2312.nt",
    }
    (schema,) = medium.scripts
    assert schema["@context"] == "http://schema.org/"
    assert schema["@type"] == "SoftwareApplication"
    assert schema["datePublished"] == "2023-12-11"
    specs = sorted((offer["priceSpecification"] for offer in schema["offers"]), key=lambda spec: spec["price"])
    assert [(spec["@type"], spec["price"], spec["priceCurrency"]) for spec in specs] == [
        ("UnitPriceSpecification", "2.75", "USD"),
        ("UnitPriceSpecification", "8.10", "USD"),
    ]
    assert specs[0]["referenceQuantity"] == {
        "@type": "QuantitativeValue",
        "value": 1000000,
        "unitText": "tokens",
    }
    # It is JSON-LD: with schema.org's vocabulary inlined (no network), it reads as schema.org triples.
    offline = json.dumps({**schema, "@context": {"@vocab": "http://schema.org/"}})
    triples = list(ox.parse(offline.encode(), format=ox.RdfFormat.JSON_LD))
    assert len(triples) == 40


def test_no_cell_is_blank(site: Path, bundled_graph: Graph) -> None:
    for entity in entities(bundled_graph):
        parsed = page(site, entity)
        for name, section in parsed.sections.items():
            for table in section.tables:
                for row in table:
                    assert all(cell.text for cell in row), f"{entity.path}: blank cell in {name}"


def test_text_from_the_graph_is_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "evil.ttl"
    evil.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/aimkg/id/provider/mistral-ai> rdfs:comment "
        '"</script><script>alert(1)</script> & <b>bold</b>"@en .\n'
    )
    build_site([*bundled_files(), evil], tmp_path / "site")
    html = (tmp_path / "site/id/provider/mistral-ai.html").read_text()
    assert "<script>alert" not in html and "<b>bold" not in html
    parsed = parse_page(html)
    assert "</script><script>alert(1)</script> & <b>bold</b>" in parsed.sections[""].paragraphs
    assert "alert(1)" in parsed.scripts[0]["description"]


def test_build_is_deterministic(tmp_path: Path) -> None:
    build_site(bundled_files(), tmp_path / "a")
    build_site(bundled_files()[::-1], tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for relative in files_a:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes(), relative


def test_failed_build_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "site"
    build_site(bundled_files(), output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    real_write = Writer.write
    calls = []

    def failing_write(self: Writer, relative: str, data: bytes) -> None:
        calls.append(relative)
        if len(calls) == 10:
            raise OSError("disk full")
        real_write(self, relative, data)

    monkeypatch.setattr(Writer, "write", failing_write)
    with pytest.raises(OSError, match="disk full"):
        build_site(bundled_files(), output, force=True)
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "the staging folder was left behind"


def test_output_that_is_not_a_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="is not an aimkg site"):
        build_site(bundled_files(), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_ontology_page_documents_every_term(site: Path, bundled_graph: Graph) -> None:
    ontology = (site / "ontology.html").read_text()
    parsed = parse_page(ontology)
    terms = {s for s in bundled_graph.subjects() if str(s).startswith(str(AIMKG))}
    for term in terms:
        name = term[len(AIMKG) :]
        assert name in parsed.sections, f"ontology.html has no entry for aimkg:{name}"
    price_spec = as_dict(parsed.sections["PriceSpec"].tables[0])
    assert price_spec["subclass of"] == "schema:UnitPriceSpecification"
    amount = as_dict(parsed.sections["amount"].tables[0])
    assert (amount["Domain"], amount["Range"]) == ("Price specification", "xsd:decimal")
    assert amount["subproperty of"] == "schema:price"
    assert "One price: an amount in a currency" in " ".join(parsed.sections["PriceSpec"].paragraphs)


def test_indexes_list_every_entity_and_the_front_page_links_each_index(site: Path, bundled_graph: Graph) -> None:
    index = parse_page((site / "index.html").read_text())
    all_entities = entities(bundled_graph)
    for kind in {entity.kind for entity in all_entities}:
        assert f"id/{kind}/index.html" in index.links, kind
        kind_index = parse_page((site / f"id/{kind}/index.html").read_text())
        expected = {f"{e.slug}.html" for e in all_entities if e.kind == kind}
        assert {link for link in kind_index.links if "/" not in link} == expected  # beside the site-wide links
    for entity in all_entities:
        if entity.kind == "version" and bundled_graph.value(URIRef(entity.iri), AIMKG.releaseDate):
            assert f"{entity.path}.html" in index.links, f"{entity.path}: a release the front page lists"


def rewrite(rules: str, path: str, accept: str) -> tuple[int, str]:
    """Answer a request for https://w3id.org/aimkg/<path> as mod_rewrite does with the rules (the subset they use)."""
    site = re.search(r"\[E=SITE:([^\]]*)\]", rules)
    assert site is not None
    conditions: list[str] = []
    for line in rules.splitlines():
        if line.startswith("RewriteCond %{HTTP_ACCEPT} "):
            conditions.append(line.split(" ", 2)[2])
        elif line.startswith("RewriteRule ") and "[E=SITE:" not in line:
            _, pattern, target, flags = line.split()
            match = re.search(pattern, path)
            if match and all(re.search(condition, accept) for condition in conditions):
                location = match.expand(re.sub(r"\$(\d)", r"\\\1", target))  # $1 is \1 to Python
                status = re.search(r"R=(\d+)", flags)
                assert status is not None
                return int(status.group(1)), location.replace("%{ENV:SITE}", site.group(1))
            conditions = []  # a condition holds for the next rule only
    raise AssertionError(f"no rule answers {path}")


def test_htaccess_is_shipped_and_written_with_the_site_url(tmp_path: Path) -> None:
    repo_file = Path(__file__).resolve().parents[2] / "src/aimkg/publish/w3id.htaccess"
    rules = repo_file.read_text()
    for accept, suffix in (
        ("text/turtle", ".ttl"),
        (r"application/ld\+json", ".jsonld"),
        ("application/n-triples", ".nt"),
    ):
        assert f"RewriteCond %{{HTTP_ACCEPT}} {accept}\n" in rules
        assert f"%{{ENV:SITE}}/$1{suffix} [R=303,L]" in rules
    build_site(bundled_files(), tmp_path / "site", "https://aimkg.example/site/")
    written = (tmp_path / "site/.htaccess").read_text()
    assert written == htaccess("https://aimkg.example/site")
    assert "[E=SITE:https://aimkg.example/site]" in written


@pytest.mark.parametrize(
    ("path", "accept", "answer"),
    [
        ("id/version/mistral-medium-2312", "text/turtle", (303, "id/version/mistral-medium-2312.ttl")),
        ("id/version/mistral-medium-2312", "application/ld+json", (303, "id/version/mistral-medium-2312.jsonld")),
        ("id/version/mistral-medium-2312", "text/html,*/*;q=0.8", (303, "id/version/mistral-medium-2312.html")),
        ("ontology", "application/n-triples", (303, "ontology.nt")),
        (CONTEXT_IRI.removeprefix("https://w3id.org/aimkg/"), "application/ld+json", (302, "context.jsonld")),
        ("aimkg.nq", "*/*", (302, "aimkg.nq")),
    ],
)
def test_htaccess_redirects_to_files_of_the_site(site: Path, path: str, accept: str, answer: tuple[int, str]) -> None:
    status, location = rewrite(htaccess("https://aimkg.example/site"), path, accept)
    assert (status, location) == (answer[0], f"https://aimkg.example/site/{answer[1]}")
    assert (site / answer[1]).is_file(), f"{location} is not a file of the site"


def test_site_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/id/version/mistral-medium-2312.html").is_file()
    again = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "out")])
    assert again.exit_code == 0 and "is up to date" in again.output
    forced = CliRunner().invoke(cli, ["site", "--force", "-o", str(tmp_path / "out")])
    assert forced.exit_code == 0 and "wrote" in forced.output and "unchanged, kept" in forced.output
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/file").write_text("x")
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "taken")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "Traceback" not in result.output


INVALID = "<https://w3id.org/aimkg/id/version/x> a <https://w3id.org/aimkg/ontology#Version> .\n"


def test_site_command_refuses_an_invalid_graph_unless_told(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(INVALID)
    result = CliRunner().invoke(cli, ["site", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the graph does not conform to the shapes; nothing was written")
    assert "https://w3id.org/aimkg/id/version/x" in result.stderr
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(cli, ["site", "--no-validate", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/id/version/x.html").is_file()


def test_help_does_not_import_rdflib_or_the_publishing_stack() -> None:
    code = (
        "import sys; from aimkg.cli import cli\n"
        "try: cli(['--help'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'jinja2', 'pyoxigraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_pages_show_capabilities_and_the_pages_facts_were_read_from(tmp_path: Path) -> None:
    """A catalog's capabilities on the version page, each with the endpoint that states it; the page a price
    and a deprecation date cite, linked from their pages and linking to the web page itself."""
    from aimkg.io.ntriples import ntriples
    from aimkg.reconcile.catalog import reconcile
    from aimkg.reconcile.rdf import catalog_triples, page_slug
    from aimkg.sources import import_litellm

    pricing = "https://docs.mistral.ai/pricing"
    entries = {
        "mistral/test-model-2601": {
            "litellm_provider": "mistral",
            "input_cost_per_token": 4e-07,
            "supports_function_calling": True,
            "supports_vision": False,
            "source": pricing,
            "deprecation_date": "2026-12-09",
            "deprecation_source": pricing,
        }
    }
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    catalog = tmp_path / "catalog.nt"
    catalog.write_bytes(ntriples(catalog_triples(reconcile([import_litellm(path)]))))
    output = tmp_path / "site"
    build_site([*bundled_files(), catalog], output)
    version = page(output, Entity("version", "test-model-2601"))
    specs = as_dict(version.sections["specs"].tables[0])
    assert specs["Deprecation source"] == pricing
    (capabilities,) = version.sections["capabilities"].tables
    _header, *found = rows(capabilities)
    assert [row[:2] for row in found] == [["Image input", "Not supported"], ["Tool calling", "Supported"]]
    source = Entity("source", page_slug(pricing))
    price = page(output, Entity("price", "mistral-test-model-2601--input--litellm-1.110.2"))
    assert f"../source/{source.slug}.html" in price.links
    assert pricing in page(output, source).links


def file_times(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_a_page_whose_content_did_not_change_is_not_rewritten(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(CATALOG.read_text())
    output = tmp_path / "site"
    first = build_site([*bundled_files(), extra], output)
    before = file_times(output)
    again = build_site([*bundled_files(), extra], output, force=True)
    assert again.files == first.files and again.kept == first.files and not again.skipped
    assert file_times(output) == before
    extra.write_text(CATALOG.read_text().replace("aimkg:amount 3.30 ;", "aimkg:amount 3.25 ;"))
    changed = build_site([*bundled_files(), extra], output)
    after = file_times(output)
    rewritten = {path for path, time in after.items() if before.get(path) != time}
    price = "id/price/bedrock-eu-claude-sonnet-4-20250514--input--litellm"
    endpoint = "id/endpoint/amazon-bedrock--eu.anthropic.claude-sonnet-4-20250514-v1-0"
    assert {
        f"{price}.html",
        f"{price}.ttl",
        f"{endpoint}.html",
        "id/version/claude-sonnet-4-20250514.html",
    } <= rewritten
    assert "id/version/mistral-medium-2312.html" not in rewritten
    assert "id/version/claude-sonnet-4-20250514.ttl" not in rewritten  # its own description did not change
    assert changed.kept == changed.files - len(rewritten)


def test_a_site_of_the_same_inputs_url_and_code_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(CATALOG.read_text())
    output = tmp_path / "site"
    first = build_site([*bundled_files(), extra], output)
    before = file_times(output)
    drawn: list[int] = []
    real = site_module.write_pages

    def counting(*args: Any) -> None:
        drawn.append(1)
        real(*args)

    monkeypatch.setattr(site_module, "write_pages", counting)
    again = build_site([*bundled_files(), extra], output)
    assert again == site_module.SiteReport(first.files, first.files, skipped=True)
    assert drawn == [] and file_times(output) == before
    build_site([*bundled_files(), extra], output, site_url="https://example.com/elsewhere")
    assert len(drawn) == 1 and "example.com/elsewhere" in (output / ".htaccess").read_text()
    extra.write_text(CATALOG.read_text().replace("aimkg:amount 3.30 ;", "aimkg:amount 3.25 ;"))
    build_site([*bundled_files(), extra], output, site_url="https://example.com/elsewhere")
    assert len(drawn) == 2
    monkeypatch.setattr(site_module, "code_digest", lambda *names, suffixes=(): "other code")
    build_site([*bundled_files(), extra], output, site_url="https://example.com/elsewhere")
    assert len(drawn) == 3


def test_templates_read_a_dicts_items_before_its_attributes() -> None:
    env = site_module.environment()
    template = env.from_string(
        "{{ row.name }} {{ row.items }} {% for k, v in other.items() %}{{ k }}={{ v }}{% endfor %}"
    )
    assert template.render(row={"name": "n", "items": "i"}, other={"a": 1}) == "n i a=1"
    with pytest.raises(UndefinedError):
        env.from_string("{{ row.missing }}").render(row={})


def test_the_site_key_covers_templates_and_static_files() -> None:
    assert {".html", ".css", ".js"} <= set(site_module.SITE_CODE)
    assert code_digest("publish", suffixes=(".html",)) != code_digest("publish", suffixes=(".css",))
    assert code_digest("publish") == code_digest("publish", suffixes=(".py",))


def test_forked_processes_write_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "CHUNK", 7)  # small chunks, so that two processes share the work
    monkeypatch.setattr(site_module, "TASKS_PER_WRITER", 2)  # and fresh writers take over again and again
    build_site(catalog_sources(), tmp_path / "one", jobs=1)
    build_site(catalog_sources(), tmp_path / "two", jobs=2)
    one = {str(p.relative_to(tmp_path / "one")): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {str(p.relative_to(tmp_path / "two")): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two


#: Where ``noting_entities`` notes, by process, whether the build it draws from holds the timeline.
NOTES = Path()
WRITE_ENTITIES = site_module.write_entities


def noting_entities(build: site_module.Build, entities: list[Entity]) -> None:
    (NOTES / str(os.getpid())).write_text("holds it" if build.timeline is not None else "let go")
    WRITE_ENTITIES(build, entities)


def test_the_page_writers_are_forked_without_the_timeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "CHUNK", 7)
    monkeypatch.setattr(site_module, "write_entities", noting_entities)  # a task is sent by name: not a local function
    monkeypatch.setattr(sys.modules[__name__], "NOTES", tmp_path / "notes")
    NOTES.mkdir()
    build_site(catalog_sources(), tmp_path / "site", jobs=2)
    assert (tmp_path / "site/changes/index.html").exists()
    notes = {path.name: path.read_text() for path in NOTES.iterdir()}
    assert set(notes.values()) == {"let go"}, "only the changes' process holds the timeline"
    assert str(os.getpid()) not in notes, "the entities were drawn in forked processes"


def counted_exports(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the site's runs of the whole-graph export: the folders it writes into."""
    calls: list[Path] = []
    real = site_module.export_files

    def counting(folder: Path, sources: list[Path], limits: object) -> None:
        calls.append(folder)
        real(folder, sources, limits)  # type: ignore[arg-type]

    monkeypatch.setattr(site_module, "export_files", counting)
    return calls


def test_the_whole_graph_exports_are_built_once_per_set_of_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIMKG_CACHE", str(tmp_path / "cache"))
    calls = counted_exports(monkeypatch)
    build_site(bundled_files(), tmp_path / "a")
    build_site(bundled_files(), tmp_path / "b")
    assert len(calls) == 1
    assert (tmp_path / "a/aimkg.ttl").read_bytes() == (tmp_path / "b/aimkg.ttl").read_bytes()
    monkeypatch.setenv("AIMKG_CACHE", "off")
    build_site(bundled_files(), tmp_path / "c")
    assert len(calls) == 2 and (tmp_path / "c/aimkg.ttl").read_bytes() == (tmp_path / "a/aimkg.ttl").read_bytes()


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small ``make build`` in tmp_path, standing for the repository's build/ and dist/."""
    pinned_subset(tmp_path / "upstream")
    Pipeline(tmp_path / "upstream", tmp_path / "build", tmp_path / "dist").run()
    catalog = tmp_path / "build" / "catalog.nt"
    monkeypatch.setattr(resources, "catalog_file", lambda: catalog)  # what --catalog reads
    monkeypatch.setattr(pipeline_module, "catalog_file", lambda: catalog)  # where the build's records are
    monkeypatch.setattr(pipeline_module, "resource_root", lambda: tmp_path)  # where its dist/ is
    monkeypatch.setenv("AIMKG_CACHE", str(tmp_path / "cache"))
    return tmp_path


def test_a_site_of_the_builds_graph_links_the_builds_exports(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unwanted(*args: object) -> None:
        raise AssertionError("the exports were written again")

    monkeypatch.setattr(site_module, "export_files", unwanted)
    result = CliRunner().invoke(cli, ["site", "--catalog", "--no-validate", "-o", str(built / "site")])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(built / "site")
    for name in file_names():
        assert (built / "site" / name).samefile(built / "dist" / name)
        assert f"{digest((built / 'dist' / name).read_bytes())} {name}" in manifest


def test_a_site_of_a_catalog_changed_since_the_build_writes_its_exports(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = built / "build" / "catalog.nt"
    catalog.write_bytes(b"".join(catalog.read_bytes().splitlines(keepends=True)[:-1]))
    written = counted_exports(monkeypatch)
    build_site(graph_files("catalog"), built / "site")
    assert len(written) == 1
    assert (built / "site" / "aimkg.nt").read_bytes() != (built / "dist" / "aimkg.nt").read_bytes()


def test_the_builds_exports_are_the_files_the_site_would_write(built: Path) -> None:
    """What makes linking dist/'s files right: the site's export of the build's graph is the same bytes."""
    folder = built / "written"
    folder.mkdir()
    site_module.export_files(folder, graph_files("catalog"), DEFAULT_LIMITS)
    found = digests((folder / EXPORT_DIGESTS).read_text(encoding="utf-8"))
    assert sorted(found) == sorted(file_names())
    for name, value in found.items():
        assert (folder / name).read_bytes() == (built / "dist" / name).read_bytes(), name
        assert site_module.file_digest(built / "dist" / name) == value


def test_the_site_carries_its_scripts_search_index_and_compare_page(site: Path) -> None:
    for name in ("style.css", "site.js", "search.js", "search.json", "compare.html"):
        assert (site / name).is_file(), name
    page_html = (site / f"{MEDIUM.path}.html").read_text()
    assert '<script src="../../search.js" defer></script>' in page_html
    assert '<link rel="stylesheet" href="../../style.css">' in page_html
    assert "cdn" not in page_html.lower() and "https://" not in "".join(
        (site / name).read_text() for name in ("site.js", "search.js")
    )


SITE_URL = "https://example.org/aimkg/"
NO_RECORD_TIME = (
    "The graph holds no record time: no catalog was imported with its history, so there are no changes to list. "
    "The Atom feed has no entries."
)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory, history_catalog: Path) -> Path:
    """The site of the curated data with the test repository's models.dev history (2026-06 and 2026-07)."""
    output = tmp_path_factory.mktemp("history-site") / "site"
    build_site([*bundled_files(), history_catalog], output, site_url=SITE_URL)
    return output


def changes_page(site: Path, name: str):  # type: ignore[no-untyped-def]
    return parse_page((site / "changes" / name).read_text(encoding="utf-8"))


def feed_links(site: Path) -> tuple[ET.Element, list[str]]:
    """The site's feed, and the links of its entries."""
    feed = ET.parse(site / "changes/feed.atom").getroot()
    entries = feed.findall(f"{{{ATOM}}}entry")
    return feed, [link.get("href", "") for entry in entries for link in entry.findall(f"{{{ATOM}}}link")]


def test_the_changes_index_lists_each_month_of_record_time_newest_first(history_site: Path) -> None:
    assert sorted(p.name for p in (history_site / "changes").iterdir()) == [
        "2026-06.html", "2026-07.html", "feed.atom", "index.html"
    ]  # fmt: skip
    index = changes_page(history_site, "index.html")
    [months] = index.sections[""].tables
    assert rows(months) == [
        ["Month", "Changes", "Summary", "From", "Until"],
        ["2026-07", "1", "prices changed: 1", "2026-06-30T23:59:59Z", "2026-07-10T09:00:00Z"],
        ["2026-06", "4", "endpoints added: 2, versions added: 2", "2026-05-31T23:59:59Z", "2026-06-30T23:59:59Z"],
    ]
    assert [row[0].links for row in months[1:]] == [[("2026-07", "2026-07.html")], [("2026-06", "2026-06.html")]]
    assert index.alternates["application/atom+xml"] == "feed.atom"
    front = parse_page((history_site / "index.html").read_text(encoding="utf-8"))
    assert "changes/index.html" in front.links and front.alternates["application/atom+xml"] == "changes/feed.atom"


def test_a_months_page_shows_each_change_by_kind_with_old_and_new_values(history_site: Path) -> None:
    july = changes_page(history_site, "2026-07.html")
    assert july.h1 == "Changes in 2026-07"
    assert list(july.sections) == ["", "prices-changed"]
    [prices] = july.sections["prices-changed"].tables
    assert rows(prices) == [
        ["Subject", "What", "Old", "New", "Change", "Catalog"],
        ["abacus a-3", "OutputTokens USD", "0", "0.5", "—", "models.dev catalog (record acme/a-3)"],
    ]
    assert prices[1][0].links == [("abacus a-3", "../id/endpoint/abacus--a-3.html")]
    june = changes_page(history_site, "2026-06.html")
    assert "Versions added: 2" in june.sections[""].items and "Endpoints added: 2" in june.sections[""].items
    versions, endpoints = june.sections["versions-added"].tables[0], june.sections["endpoints-added"].tables[0]
    assert rows(versions) == [["Subject", "Name"], ["abacus--a-2", "A 2"], ["abacus--a-3", "A 3"]]
    assert rows(endpoints)[1:] == [["abacus--a-2", "abacus a-2"], ["abacus--a-3", "abacus a-3"]]
    assert versions[1][0].links == [("abacus--a-2", "../id/version/abacus--a-2.html")]


def test_every_link_of_the_changes_pages_resolves_to_a_file_of_the_site(history_site: Path) -> None:
    for path in sorted((history_site / "changes").glob("*.html")):
        parsed = parse_page(path.read_text(encoding="utf-8"))
        for link in [*parsed.links, *parsed.alternates.values()]:
            target, _, anchor = link.partition("#")
            if target:
                assert (path.parent / target).resolve().is_file(), f"{path.name}: {link}"
            else:
                assert anchor in parsed.sections, f"{path.name}: {link}"  # a group of the same page
        for section in parsed.sections.values():
            for table in section.tables:
                assert all(cell.text for row in table for cell in row), f"{path.name}: a blank cell"


def test_the_feed_is_atom_and_its_entries_link_pages_of_the_site(history_site: Path) -> None:
    feed, links = feed_links(history_site)
    assert feed.tag == f"{{{ATOM}}}feed" and feed.findtext(f"{{{ATOM}}}updated") == "2026-07-10T09:00:00Z"
    assert links == [f"{SITE_URL}changes/2026-07.html", f"{SITE_URL}changes/2026-06.html"]
    for link in [*links, *(element.get("href", "") for element in feed.findall(f"{{{ATOM}}}link"))]:
        assert (history_site / link.removeprefix(SITE_URL)).is_file(), link


def test_the_changes_pages_are_the_same_bytes_on_every_build(
    history_site: Path, history_catalog: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    build_site([history_catalog, *bundled_files()[::-1]], again, site_url=SITE_URL)
    first = {p.name: p.read_bytes() for p in (history_site / "changes").iterdir()}
    assert {p.name: p.read_bytes() for p in (again / "changes").iterdir()} == first


def test_a_graph_without_record_time_says_it_has_no_changes(site: Path) -> None:
    assert sorted(p.name for p in (site / "changes").iterdir()) == ["feed.atom", "index.html"]
    index = changes_page(site, "index.html")
    assert NO_RECORD_TIME in index.sections[""].paragraphs and not index.sections[""].tables
    feed, links = feed_links(site)
    assert links == [] and feed.findtext(f"{{{ATOM}}}updated") == "1970-01-01T00:00:00Z"
    front = parse_page((site / "index.html").read_text(encoding="utf-8"))
    assert "changes/index.html" in front.links


def test_files_are_written_whole_when_the_system_writes_a_few_bytes_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = site_module.os.write
    monkeypatch.setattr(site_module.os, "write", lambda handle, data: real(handle, bytes(data[:3])))
    site_module.write_new(str(tmp_path / "page.html"), b"<p>every byte</p>\n")
    assert (tmp_path / "page.html").read_bytes() == b"<p>every byte</p>\n"
