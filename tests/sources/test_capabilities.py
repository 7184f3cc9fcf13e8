"""Capability flags: stated true or false, and every field an entry contradicts itself with reported."""

from __future__ import annotations

from aimkg.sources.capabilities import Flags
from aimkg.sources.records import Entry
from aimkg.sources.report import ImportReport


def resolved(flags: Flags, entry: Entry | None = None) -> tuple[Entry, list[tuple[str, str]]]:
    entry = entry or Entry("x/a", "x", "a", "a")
    report = ImportReport("test", "source")
    flags.resolve(entry, report)
    return entry, sorted(report.unmapped_fields)


def test_true_and_false_flags_are_stated() -> None:
    flags = Flags("x/a")
    flags.flag("ToolCalling", "supports_function_calling", True)
    flags.flag("ImageInput", "supports_vision", False)
    flags.flag("ImageInput", "supports_image_input", False)  # two fields saying one thing agree
    entry, reported = resolved(flags)
    assert entry.capabilities == {"ImageInput": False, "ToolCalling": True}
    assert reported == []


def test_two_fields_that_disagree_state_nothing() -> None:
    flags = Flags("x/a")
    flags.flag("ImageInput", "supports_vision", True)
    flags.flag("ImageInput", "supports_image_input", False)
    entry, reported = resolved(flags)
    assert entry.capabilities == {}
    assert reported == [
        ("supports_image_input", "contradicts supports_vision of the same entry"),
        ("supports_vision", "contradicts supports_image_input of the same entry"),
    ]


def test_reasoning_options_of_a_model_that_does_not_reason() -> None:
    flags = Flags("x/a")
    flags.flag("Reasoning", "reasoning", False)
    flags.flag("ReasoningEffortNone", "reasoning_options.values=none", True)  # effort none is reasoning off
    flags.flag("ReasoningEffortHigh", "reasoning_options.values=high", True)
    flags.budget_fields.append("reasoning_options.type=budget_tokens")
    entry = Entry("x/a", "x", "a", "a", reasoning_budget=(1024, None))
    entry, reported = resolved(flags, entry)
    assert entry.capabilities == {"ReasoningEffortNone": True}
    assert entry.reasoning_budget == (None, None)
    assert reported == [
        ("reasoning", "contradicts the reasoning options of the same entry"),
        ("reasoning_options.type=budget_tokens", "contradicts reasoning (the model does not reason)"),
        ("reasoning_options.values=high", "contradicts reasoning (the model does not reason)"),
    ]
