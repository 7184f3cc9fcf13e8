"""IRIs and slugs: any identifier becomes a slug that fits DESIGN's rule."""

from __future__ import annotations

from aimkg.core.terms import SLUG_PATTERN, slugify


def test_slugify_never_fails_and_keeps_distinct_ids_apart() -> None:
    slugs = [slugify(text) for text in ["Mistral Medium", ":", "日本", "::"]]
    assert slugs == ["mistral-medium", "id-e7ac0786668e", "id-cf2abf0c5be3", "id-71546855d627"]
    assert all(SLUG_PATTERN.fullmatch(slug) for slug in slugs)
    assert len(set(slugs)) == len(slugs)
