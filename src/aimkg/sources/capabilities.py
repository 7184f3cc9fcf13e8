"""Capability flags: what a catalog says a model can do, and explicitly cannot, checked for contradictions.

Catalogs flag capabilities with booleans (LiteLLM ``supports_vision``, models.dev ``tool_call``).
An importer collects every flag of an entry with the field that gave it (``Flags.flag``), and
``Flags.resolve`` then states them on the entry as aimkg:Capability local names: True for
aimkg:supports, False for aimkg:lacks. An entry that contradicts itself states nothing about what
it contradicts, and every field involved is reported:

- two fields flag one capability differently (``supports_vision`` true, ``supports_image_input``
  false);
- an entry says the model does not reason, yet names reasoning effort levels, a reasoning
  on/off switch or a reasoning budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aimkg.sources.records import Entry
from aimkg.sources.report import ImportReport

#: Reasoning effort values as the catalogs write them, and the aimkg:ReasoningEffortLevel each is.
EFFORT_LEVELS = {
    "none": "ReasoningEffortNone",
    "minimal": "ReasoningEffortMinimal",
    "low": "ReasoningEffortLow",
    "medium": "ReasoningEffortMedium",
    "high": "ReasoningEffortHigh",
    "xhigh": "ReasoningEffortXhigh",
    "max": "ReasoningEffortMax",
}
#: What only a model that reasons can have; reasoning effort "none" (reasoning off) is not among them.
NEEDS_REASONING = frozenset({"ReasoningToggle", *(level for name, level in EFFORT_LEVELS.items() if name != "none")})
REASONING = "Reasoning"


@dataclass
class Flags:
    """The capability flags of one entry, each with the field (``name=value`` for list items) that gave it."""

    key: str
    said: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    budget_fields: list[str] = field(default_factory=list)

    def flag(self, capability: str, name: str, value: bool) -> None:
        self.said.setdefault(capability, []).append((name, value))

    def resolve(self, entry: Entry, report: ImportReport) -> None:
        """State the entry's capabilities; report and leave out every flag the entry contradicts itself on."""
        stated: dict[str, bool] = {}
        for capability, flags in self.said.items():
            values = {value for _, value in flags}
            if len(values) == 1:
                stated[capability] = values.pop()
                continue
            for name, value in flags:
                others = sorted({other for other, other_value in flags if other_value != value})
                report.skip_field(self.key, name, f"contradicts {', '.join(others)} of the same entry")
        if stated.get(REASONING) is False:
            needing = sorted(capability for capability in NEEDS_REASONING if stated.get(capability))
            if needing or (self.budget_fields and entry.reasoning_budget != (None, None)):
                denial = ", ".join(sorted(name for name, _ in self.said[REASONING]))
                for capability in needing:
                    for name, _ in self.said[capability]:
                        report.skip_field(self.key, name, f"contradicts {denial} (the model does not reason)")
                    del stated[capability]
                if entry.reasoning_budget != (None, None):
                    for name in self.budget_fields:
                        report.skip_field(self.key, name, f"contradicts {denial} (the model does not reason)")
                    entry.reasoning_budget = (None, None)
                for name, _ in self.said[REASONING]:
                    report.skip_field(self.key, name, "contradicts the reasoning options of the same entry")
                del stated[REASONING]
        entry.capabilities = dict(sorted(stated.items()))
