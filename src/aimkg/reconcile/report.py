"""What reconciliation linked and what it left alone, with the reason for each, as JSON and one summary line.

Coverage is measured against an independent, looser notion of "the same endpoint": a models.dev
record on the same platform whose model ID equals the other catalog's once case and punctuation
(``-._:@/``) are ignored. An endpoint with such a counterpart that reconciliation did not join is
listed with the reason, so that a missed naming rule shows; one without is listed too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from aimkg.reconcile.catalog import Catalog, Endpoint, Record

#: LiteLLM modes (and genai-prices, which prices only text generation) counted for coverage.
COVERED_TYPES = frozenset({"ChatModel", "CompletionModel", None})
REFERENCE = "models-dev"
PUNCTUATION = re.compile(r"[-._:@/ ]")
#: A version suffix: two IDs equal once it is dropped are a dated and an undated ID.
NO_MAKER = "no record names its release: no base_model, no maker prefix, not on the maker's own API"
VERSION_SUFFIX = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-\d{6}|-\d{4}|@\d{8}|@default|@latest|@\d{3}|-latest)$")


def squash(model_id: str) -> str:
    return PUNCTUATION.sub("", model_id.casefold())


def catalogs_of(endpoint: Endpoint) -> set[str]:
    return {record.entry.catalog for record in endpoint.records}


class CoverageIndex:
    """The reference catalog's endpoints by platform, for finding counterparts and saying why one was missed."""

    def __init__(self, catalog: Catalog) -> None:
        self.by_platform: dict[str, list[Endpoint]] = {}
        for endpoint in catalog.endpoints.values():
            if REFERENCE in catalogs_of(endpoint):
                self.by_platform.setdefault(endpoint.platform, []).append(endpoint)
        self.loose = {
            (endpoint.platform, squash(name)): endpoint
            for endpoints in self.by_platform.values()
            for endpoint in endpoints
            for name in [endpoint.model_id, *endpoint.aliases]
        }

    def counterpart(self, record: Record) -> Endpoint | None:
        return self.loose.get((record.entry.platform, squash(record.entry.model_id)))

    def why_alone(self, record: Record) -> str:
        """Why a record's endpoint has no models.dev record."""
        entry = record.entry
        listed = self.by_platform.get(entry.platform)
        if not listed:
            return f"models.dev lists no endpoint on platform {entry.platform}"
        bare = VERSION_SUFFIX.sub("", entry.model_id.casefold())
        for endpoint in listed:
            if VERSION_SUFFIX.sub("", endpoint.model_id.casefold()) == bare:
                return f"models.dev lists {endpoint.model_id!r}: a dated and an undated ID are two endpoints"
        return f"models.dev lists no such model ID on {entry.platform}"


def coverage(catalog: Catalog, index: CoverageIndex) -> dict[str, Any]:
    """Per catalog: its chat and completion records with a models.dev counterpart, and how many are linked."""
    found: dict[str, dict[str, Any]] = {}
    for record in catalog.records:
        entry = record.entry
        if entry.catalog == REFERENCE or entry.model_type not in COVERED_TYPES:
            continue
        counts = found.setdefault(entry.catalog, {"records": 0, "with_counterpart": 0, "linked": 0, "missed": []})
        counts["records"] += 1
        counterpart = index.counterpart(record)
        if counterpart is None:
            continue
        counts["with_counterpart"] += 1
        if counterpart.slug == record.endpoint:
            counts["linked"] += 1
        else:
            counts["missed"].append(
                {
                    "record": entry.key,
                    "endpoint": record.endpoint,
                    "counterpart": counterpart.slug,
                    "reason": "the IDs differ in punctuation, which no rule equates: the catalogs disagree on the ID",
                }
            )
    for counts in found.values():
        total = counts["with_counterpart"]
        counts["linked_share"] = round(counts["linked"] / total, 4) if total else None
    return found


def per_catalog(catalog: Catalog) -> dict[str, dict[str, int]]:
    """The README's table: per catalog, records, endpoints, endpoints linked to another catalog, versions, makers."""
    table: dict[str, dict[str, int]] = {}
    for source in catalog.sources:
        name = source.name
        endpoints = [endpoint for endpoint in catalog.endpoints.values() if name in catalogs_of(endpoint)]
        versions = [v for v in catalog.versions.values() if any(name in catalogs_of(e) for e in v.endpoints)]
        table[name] = {
            "records": sum(1 for record in catalog.records if record.entry.catalog == name),
            "endpoints": len(endpoints),
            "endpoints_linked": sum(1 for endpoint in endpoints if len(catalogs_of(endpoint)) > 1),
            "versions": len(versions),
            "versions_on_2_platforms": sum(1 for v in versions if len({e.platform for e in v.endpoints}) > 1),
            "makers": len({version.maker for version in versions if version.maker}),
        }
    return table


def report(catalog: Catalog) -> dict[str, Any]:
    """The whole report: figures, rules used, coverage, and every endpoint and version left on its own."""
    index = CoverageIndex(catalog)
    versions = catalog.versions.values()
    alone = [
        {
            "record": record.entry.key,
            "catalog": record.entry.catalog,
            "endpoint": record.endpoint,
            "reason": index.why_alone(record),
        }
        for record in catalog.records
        if record.entry.catalog != REFERENCE and REFERENCE not in catalogs_of(catalog.endpoints[record.endpoint])
    ]
    return {
        "totals": {
            "records": len(catalog.records),
            "endpoints": len(catalog.endpoints),
            "versions": len(catalog.versions),
            "versions_on_2_platforms": sum(1 for v in versions if len({e.platform for e in v.endpoints}) > 1),
            "models": len(catalog.models),
            "platforms": len(catalog.platforms),
            "providers": len(catalog.providers),
            "makers": len({version.maker for version in versions if version.maker}),
        },
        "catalogs": per_catalog(catalog),
        "endpoint_rules": dict(sorted(Counter(record.endpoint_rule for record in catalog.records).items())),
        "version_rules": dict(sorted(Counter(record.version_rule for record in catalog.records).items())),
        "coverage": coverage(catalog, index),
        "release_disagreements": [vars(found) for found in catalog.disagreements],
        "records_not_placed": [vars(found) for found in catalog.unplaced],
        "versions_without_maker": [
            {"version": version.slug, "reason": NO_MAKER}
            for version in sorted(versions, key=lambda version: version.slug)
            if not version.maker and not version.curated
        ],
        "endpoints_without_models_dev_counterpart": sorted(alone, key=lambda row: (row["catalog"], row["record"])),
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def summary(document: dict[str, Any]) -> str:
    """One line for stderr."""
    totals = document["totals"]
    coverage = sorted(document["coverage"].items())
    shares = ", ".join(f"{name} {counts['linked']}/{counts['with_counterpart']}" for name, counts in coverage)
    return (
        f"reconciled {totals['records']} records into {totals['endpoints']} endpoints, {totals['versions']} versions "
        f"({totals['versions_on_2_platforms']} on 2+ platforms), {totals['models']} model lines, "
        f"{totals['makers']} makers; linked to models.dev where it lists the endpoint: {shares or 'n/a'}"
    )
