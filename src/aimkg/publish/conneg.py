"""Pick a media type from an HTTP Accept header.

Link: https://www.rfc-editor.org/rfc/rfc9110#name-accept — media ranges with q-values; the
most specific range that matches an offered type decides its quality.
"""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values (a missing header accepts anything)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """Return the q-value the most specific matching range gives a media type (0 when none matches)."""
    main = media_type.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for media_range, q in ranges:
        if media_range == media_type:
            specificity = 2
        elif media_range == f"{main}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """Return the offered media type the client prefers (ties: the earlier offer), None if none is."""
    ranges = parse_accept(header)
    scored = [(quality(media, ranges), -index, media) for index, media in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None
