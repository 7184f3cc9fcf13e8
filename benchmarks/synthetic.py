"""Generate a synthetic aimkg catalog of about N triples that validates against the shapes.

The catalog is made-up data for benchmarks and tests (every entity's slug starts with
``synth-``); it is never shipped. The same (N, seed) gives the same triples on every machine.
Proportions follow a real catalog: providers with platforms and a few model lines, versions
with lifecycle dates and replacements, endpoints with aliases, prices with history, benchmark
results with their sources.

    python benchmarks/synthetic.py --triples 1000000 --seed 0 -o benchmarks/out/synthetic-1m.nt
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.terms import PREFIXES

ID = "https://w3id.org/aimkg/id/"
AIMKG = "https://w3id.org/aimkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
ISSUED = ox.NamedNode("http://purl.org/dc/terms/issued")
RELEASE = date(2026, 7, 1)  # the "as of" date that statuses describe
BENCHMARKS = 20
SOURCES = 50
LANGUAGES = ("de", "en", "es", "fr", "it", "ja", "ko", "pt", "zh")
MODALITIES = ("Text", "Image", "Audio", "Pdf", "Video")
TOKEN_KINDS = ("InputTokens", "OutputTokens", "CachedInputTokens")


def iri(kind: str, slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/synth-{slug}")


def term(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{AIMKG}{name}")


def typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(f"{XSD}{datatype}"))


def label(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


class Catalog:
    """Emit the triples of one synthetic catalog, entity by entity, from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.sources = [iri("source", f"s{i}") for i in range(SOURCES)]
        self.benchmarks = [iri("benchmark", f"b{i}") for i in range(BENCHMARKS)]

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.random.randrange(max(1, (end - start).days)))

    def source(self) -> ox.NamedNode:
        return self.random.choice(self.sources)

    def shared(self) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
        """Sources and benchmarks, which every provider's facts cite."""
        for i, source in enumerate(self.sources):
            yield source, RDF_TYPE, term("Source")
            yield source, LABEL, label(f"Synthetic source {i}")
            yield source, ISSUED, typed(self.day(date(2020, 1, 1), RELEASE), "date")
            yield source, term("url"), typed(f"https://example.org/synthetic/{i}", "anyURI")
        for i, benchmark in enumerate(self.benchmarks):
            yield benchmark, RDF_TYPE, term("Benchmark")
            yield benchmark, LABEL, label(f"Synthetic benchmark {i}")
            yield benchmark, SOURCE, self.sources[i % SOURCES]
            yield benchmark, term("scaleMin"), typed("0.0", "decimal")
            yield benchmark, term("scaleMax"), typed("100.0", "decimal")
            yield benchmark, term("higherIsBetter"), typed("true", "boolean")

    def provider(self, p: int) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
        """One provider with its platform, model lines, versions, endpoints, prices and results."""
        rnd = self.random
        provider, platform = iri("provider", f"p{p}"), iri("platform", f"p{p}-api")
        yield provider, RDF_TYPE, term("Provider")
        yield provider, LABEL, label(f"Synthetic Provider {p}")
        yield provider, SOURCE, self.source()
        yield platform, RDF_TYPE, term("Platform")
        yield platform, LABEL, label(f"Synthetic Provider {p} API")
        yield platform, SOURCE, self.source()
        yield platform, term("provider"), provider
        yield platform, term("openAICompatible"), typed(rnd.choice(("true", "false")), "boolean")
        for m in range(rnd.randint(2, 6)):
            model = iri("model", f"p{p}-m{m}")
            yield model, RDF_TYPE, term("Model")
            yield model, LABEL, label(f"Synthetic Model {p}.{m}")
            yield model, SOURCE, self.source()
            yield model, term("provider"), provider
            released = self.day(date(2020, 1, 1), date(2024, 1, 1))
            count = rnd.randint(1, 6)
            versions = [iri("version", f"p{p}-m{m}-v{v}") for v in range(count)]
            for v, version in enumerate(versions):
                released += timedelta(days=rnd.randint(30, 300))
                later = versions[v + 1] if v + 1 < count else None
                yield from self.version(version, model, provider, platform, released, later, f"{p}.{m}.{v}")
            yield model, term("currentVersion"), versions[-1]

    def version(
        self,
        version: ox.NamedNode,
        model: ox.NamedNode,
        provider: ox.NamedNode,
        platform: ox.NamedNode,
        released: date,
        replacement: ox.NamedNode | None,
        name: str,
    ) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
        rnd = self.random
        yield version, RDF_TYPE, term("Version")
        yield version, LABEL, label(f"Synthetic Model {name}")
        yield version, SOURCE, self.source()
        yield version, term("provider"), provider
        yield version, term("versionOf"), model
        yield version, term("releaseDate"), typed(released.isoformat(), "date")
        yield (
            version,
            term("contextWindow"),
            typed(rnd.choice((8192, 32000, 128000, 200000, 1000000)), "integer"),
        )
        yield version, term("maxOutputTokens"), typed(rnd.choice((4096, 8192, 16384, 65536)), "integer")
        yield version, term("modelType"), term("ChatModel")
        yield version, term("weights"), term(rnd.choice(("ApiOnly", "OpenWeights")))
        yield version, term("license"), term("Proprietary")
        for modality in rnd.sample(MODALITIES, rnd.randint(1, 3)):
            yield version, term("inputModality"), term(modality)
        yield version, term("outputModality"), term("Text")
        for language in rnd.sample(LANGUAGES, rnd.randint(1, 4)):
            yield version, term("language"), typed(language, "language")
        if rnd.random() < 0.5:
            yield version, term("parameterCount"), typed(rnd.randint(1, 400) * 1_000_000_000, "integer")
        else:
            yield version, term("undisclosed"), term("parameterCount")
        status = "Active"
        retired = None
        if replacement is not None and rnd.random() < 0.7:
            deprecated = released + timedelta(days=rnd.randint(90, 600))
            retired = deprecated + timedelta(days=rnd.randint(30, 365))
            yield version, term("deprecationDate"), typed(deprecated.isoformat(), "date")
            yield version, term("retirementDate"), typed(retired.isoformat(), "date")
            yield version, term("replacedBy"), replacement
            status = "Retired" if retired < RELEASE else "Deprecated" if deprecated < RELEASE else "Active"
        yield version, term("status"), term(status)
        slug = version.value.rsplit("/", 1)[1]
        for e in range(rnd.randint(1, 2)):
            endpoint = iri("endpoint", f"{slug[6:]}-e{e}")
            yield endpoint, RDF_TYPE, term("Endpoint")
            yield endpoint, LABEL, label(f"{slug}-e{e} on the synthetic API")
            yield endpoint, SOURCE, self.source()
            yield endpoint, term("modelId"), ox.Literal(f"{slug}-e{e}")
            if rnd.random() < 0.3:
                yield endpoint, term("alias"), ox.Literal(f"{slug}-latest-e{e}")
            yield endpoint, term("serves"), version
            yield endpoint, term("platform"), platform
            yield endpoint, term("provider"), provider
            yield endpoint, term("availableFrom"), typed(released.isoformat(), "date")
            if retired is not None:
                yield endpoint, term("availableThrough"), typed(retired.isoformat(), "date")
            yield from self.prices(version, endpoint, released, retired, f"{slug[6:]}-e{e}")
        for b in rnd.sample(range(BENCHMARKS), rnd.randint(1, 4)):
            source = self.source()
            result = iri("result", f"{slug[6:]}-b{b}")
            yield result, RDF_TYPE, term("BenchmarkResult")
            yield result, LABEL, label(f"{slug} on synthetic benchmark {b}")
            yield result, SOURCE, source
            yield result, term("version"), version
            yield result, term("benchmark"), self.benchmarks[b]
            yield result, term("score"), typed(f"{rnd.randint(0, 1000) / 10:.1f}", "decimal")

    def prices(
        self, version: ox.NamedNode, endpoint: ox.NamedNode, released: date, retired: date | None, slug: str
    ) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]]:
        """Input, output and sometimes cached-input prices, some with an older rate before a change."""
        rnd = self.random
        source = self.source()
        change = released + timedelta(days=rnd.randint(60, 400)) if rnd.random() < 0.4 else None
        for kind in TOKEN_KINDS[: rnd.randint(2, 3)]:
            cents = rnd.randint(1, 6000)
            periods = [(released, change - timedelta(days=1), cents * 2), (change, retired, cents)] if change else []
            for n, (start, end, amount) in enumerate(periods or [(released, retired, cents)]):
                if end is not None and end < start:
                    continue
                price = iri("price", f"{slug}-{kind.lower()}-{n}")
                yield version, term("price"), price
                yield price, RDF_TYPE, term("PriceSpec")
                yield price, LABEL, label(f"{slug} {kind} price")
                yield price, SOURCE, source
                yield price, term("endpoint"), endpoint
                yield price, term("tokenKind"), term(kind)
                yield price, term("amount"), typed(f"{amount // 100}.{amount % 100:02d}", "decimal")
                yield price, term("currency"), ox.Literal("USD")
                yield price, term("perTokens"), typed(1000000, "integer")
                yield price, term("validFrom"), typed(start.isoformat(), "date")
                if end is not None:
                    yield price, term("validThrough"), typed(end.isoformat(), "date")


def synthetic_triples(triples: int, seed: int = 0) -> list[ox.Triple]:
    """Return about ``triples`` triples of a synthetic catalog (whole providers, so a little more)."""
    catalog = Catalog(seed)
    result = [ox.Triple(*spo) for spo in catalog.shared()]
    p = 0
    while len(result) < triples:
        result.extend(ox.Triple(*spo) for spo in catalog.provider(p))
        p += 1
    return result


def defect_files(folder: Path) -> list[Path]:
    """Write the shape tests' broken cases (tests/shapes/invalid, over their base graph) as Turtle files.

    Added to a synthetic catalog, they give a validator every kind of finding to report at scale.
    """
    prefixes = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())
    cases = Path(__file__).parent.parent / "tests" / "shapes"
    files = []
    for case in [cases / "base.ttl", *sorted((cases / "invalid").glob("*.ttl"))]:
        files.append(folder / f"defect-{case.name}")
        files[-1].write_text(prefixes + case.read_text(encoding="utf-8"), encoding="utf-8")
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .nt or .ttl file")
    args = parser.parse_args()
    ox.serialize(synthetic_triples(args.triples, args.seed), args.output)


if __name__ == "__main__":
    main()
