"""What one call (or a workload) used: tokens by kind, requests and searches.

Counts follow the peers' convention (genai-prices' ``Usage``, OpenAI's ``usage`` object): a total
includes its parts. ``input_tokens`` counts every prompt token, the cached ones, the ones written
to a cache, audio and image tokens included; ``output_tokens`` counts every generated token,
reasoning, audio and image tokens included. A part is billed at its own price where the chosen
source states one, and otherwise stays in its total at the total's price (reasoning tokens at the
output price, say). ``cache_write_tokens`` is every token written to a cache: the 5-minute and
1-hour writes are parts of it, and it is their sum when not given.

Each usage field is an aimkg token kind or billing unit (``USAGE_KINDS``); ``kind_dimensions``
places every token kind of the ontology in the same hierarchy, so a price of any kind a catalog
states is billed from the right count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from aimkg.core.errors import InputError

#: Each usage field and the aimkg:TokenKind or aimkg:BillingUnit it counts.
USAGE_KINDS: dict[str, str] = {
    "input_tokens": "InputTokens",
    "output_tokens": "OutputTokens",
    "cache_read_tokens": "CachedInputTokens",
    "cache_write_tokens": "CacheWriteTokens",
    "cache_write_5m_tokens": "CacheWrite5mTokens",
    "cache_write_1h_tokens": "CacheWrite1hTokens",
    "reasoning_tokens": "ReasoningTokens",
    "input_audio_tokens": "InputAudioTokens",
    "output_audio_tokens": "OutputAudioTokens",
    "input_image_tokens": "InputImageTokens",
    "output_image_tokens": "OutputImageTokens",
    "requests": "Request",
    "web_searches": "WebSearch",
}
#: Other names the same counts go by in request logs: genai-prices' ``Usage`` and OpenAI's usage object.
USAGE_ALIASES = {
    "output_reasoning_tokens": "reasoning_tokens",
    "prompt_tokens": "input_tokens",
    "completion_tokens": "output_tokens",
    "cached_tokens": "cache_read_tokens",
}
#: A key that looks like a count: refused when it is none of the known ones.
COUNT_LIKE = re.compile(r"(tokens?|search(es)?|requests?)$", re.IGNORECASE)
#: How people name the usage fields (the CLI's words, the breakdown's lines).
FIELD_LABELS = {
    "input_tokens": "input tokens",
    "output_tokens": "output tokens",
    "cache_read_tokens": "cache read tokens",
    "cache_write_tokens": "cache write tokens",
    "cache_write_5m_tokens": "5-minute cache write tokens",
    "cache_write_1h_tokens": "1-hour cache write tokens",
    "reasoning_tokens": "reasoning tokens",
    "input_audio_tokens": "input audio tokens",
    "output_audio_tokens": "output audio tokens",
    "input_image_tokens": "input image tokens",
    "output_image_tokens": "output image tokens",
    "requests": "requests",
    "web_searches": "web searches",
}

#: A token kind's name: what part of the traffic it counts, then its modality (aimkg.ttl's TokenKinds).
TOKEN_KIND = re.compile(
    r"(?P<part>CachedInput|CacheWrite(?P<ttl>5m|1h)?|InputTool|Input|Output|Reasoning|Citation)"
    r"(?P<modality>Text|Audio|Image|Video)?Tokens"
)
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Input": (("direction", "input"),),
    "Output": (("direction", "output"),),
    "CachedInput": (("direction", "input"), ("type", "cache-read")),
    "CacheWrite": (("direction", "input"), ("type", "cache-write")),
    "InputTool": (("direction", "input"), ("type", "tool")),
    "Reasoning": (("direction", "output"), ("type", "reasoning")),
    "Citation": (("direction", "output"), ("type", "citation")),
}


@cache
def kind_dimensions(kind: str) -> frozenset[tuple[str, str]]:
    """What a token kind counts, as dimensions: a kind whose dimensions include another's is a part of it.

    >>> sorted(kind_dimensions("CacheWrite1hTokens"))
    [('direction', 'input'), ('ttl', '1h'), ('type', 'cache-write')]
    >>> kind_dimensions("InputTokens") < kind_dimensions("CachedInputAudioTokens")
    True

    A billing unit (a request, a web search) is a dimension of its own, part of nothing.
    """
    found = TOKEN_KIND.fullmatch(kind)
    if found is None:
        return frozenset({("unit", kind)})
    part = found["part"] if found["ttl"] is None else "CacheWrite"
    dimensions = set(PARTS[part])
    if found["ttl"]:
        dimensions.add(("ttl", found["ttl"]))
    if found["modality"]:
        dimensions.add(("modality", found["modality"].lower()))
    return frozenset(dimensions)


@cache
def is_part_of(part: str, whole: str) -> bool:
    """Tell whether every token of kind ``part`` is also a token of kind ``whole`` (and they differ)."""
    return kind_dimensions(whole) < kind_dimensions(part)


class Usage:
    """Counts of one call or workload. Totals include their parts (see the module's docstring).

    ``requests`` is None for one call: a price per request then charges one request, and no
    warning says that requests were not priced. Immutable, compared and hashed by its counts.
    (Written out rather than a dataclass: the command line imports it, and a dataclass is
    generated code, compiled at every start.)
    """

    __slots__ = (*USAGE_KINDS, "counted")
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    cache_write_5m_tokens: int
    cache_write_1h_tokens: int
    reasoning_tokens: int
    input_audio_tokens: int
    output_audio_tokens: int
    input_image_tokens: int
    output_image_tokens: int
    requests: int | None
    web_searches: int
    #: The count of each token kind and billing unit named (zero counts left out), worked out once.
    counted: dict[str, int]

    def __init__(
        self,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cache_read_tokens: int = 0,
        cache_write_tokens: int = 0,
        cache_write_5m_tokens: int = 0,
        cache_write_1h_tokens: int = 0,
        reasoning_tokens: int = 0,
        input_audio_tokens: int = 0,
        output_audio_tokens: int = 0,
        input_image_tokens: int = 0,
        output_image_tokens: int = 0,
        requests: int | None = None,
        web_searches: int = 0,
    ) -> None:
        given = locals()
        for name in USAGE_KINDS:
            value = given[name]
            if not (value is None and name == "requests") and (type(value) is not int or value < 0):
                raise InputError(f"usage: {name} must be a whole number of at least 0, not {value!r}")
            object.__setattr__(self, name, value)
        if cache_write_tokens == 0 and cache_write_5m_tokens + cache_write_1h_tokens:
            object.__setattr__(self, "cache_write_tokens", cache_write_5m_tokens + cache_write_1h_tokens)
        self.check_parts()
        counted = {kind: getattr(self, name) for name, kind in USAGE_KINDS.items() if getattr(self, name)}
        object.__setattr__(self, "counted", counted)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Usage is immutable: cannot set {name}")

    def values(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, name) for name in USAGE_KINDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Usage) and self.values() == other.values()

    def __hash__(self) -> int:
        return hash(self.values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(USAGE_KINDS, self.values(), strict=True) if value)
        return f"Usage({shown})"

    def check_parts(self) -> None:
        """Refuse parts larger than their total: the total counts them (input_tokens holds the cached ones)."""
        checks = (
            ("input_tokens", ("cache_read_tokens", "cache_write_tokens")),
            ("input_tokens", ("input_audio_tokens",)),
            ("input_tokens", ("input_image_tokens",)),
            ("cache_write_tokens", ("cache_write_5m_tokens", "cache_write_1h_tokens")),
            ("output_tokens", ("reasoning_tokens",)),
            ("output_tokens", ("output_audio_tokens",)),
            ("output_tokens", ("output_image_tokens",)),
        )
        for total, parts in checks:
            counted = sum(getattr(self, part) for part in parts)
            if counted > getattr(self, total):
                named = " + ".join(parts)
                raise InputError(
                    f"usage: {named} ({counted}) exceed {total} ({getattr(self, total)}): "
                    f"{total} counts every such token, its parts included"
                )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str = "usage") -> Usage:
        """Read usage from a mapping (a JSON object): aimkg's field names, or genai-prices' and OpenAI's.

        Keys that name no count are refused when they look like one (``input_token``, ``searches``: a
        misspelt count must not price as zero); other keys are someone else's (a request ID, a user)
        and are passed over.
        """
        known = set(USAGE_KINDS)
        given: dict[str, Any] = {}
        for key, value in values.items():
            name = USAGE_ALIASES.get(key, key)
            if name in known:
                if name in given:
                    raise InputError(f"{where}: {name} is given twice (as {key!r} too)")
                given[name] = value
            elif COUNT_LIKE.search(key):
                raise InputError(f"{where}: unknown count {key!r}; use one of {', '.join(sorted(known))}")
        try:
            return cls(**given)
        except InputError as error:
            raise InputError(f"{where}: {str(error).removeprefix('usage: ')}") from None
