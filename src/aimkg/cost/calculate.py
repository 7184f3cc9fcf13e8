"""Price a usage on an endpoint: resolve the model ID, choose whose prices to use, bill each part.

``PriceIndex.cost(model_id, usage, ...)`` does four things, each documented in docs/cost.md:

1. **Resolve** the model ID to an endpoint: by ``aimkg:modelId`` or ``aimkg:alias``, else by a
   catalog's record key (``azure/eu/gpt-4o``), else by a version slug; ``platform`` narrows it.
   Among several endpoints, the one on the version maker's own API wins, then a first-party API,
   then the one most records describe. An ID that ends in ``-latest`` or has no date, resolved to
   a version with another name, is a moving alias: a warning says which version it served.
2. **Choose the record** (one catalog entry, or the curated source) whose prices to use, never
   mixing two: only records with a price that holds at ``at`` and of the asked variant; then
   the record with prices of the service tier asked; then curated prices; then records that
   date their prices (they know the history); then the record that prices the most parts of
   the usage itself (most specific); then the one with context-tier prices for this prompt;
   then genai-prices, LiteLLM, models.dev; then the record's IRI. The other records are listed
   as alternatives, with their totals.
3. **Choose each price** of that record: of the service tier asked (its standard price, with a
   warning, where it has none of that tier), holding at ``at`` (``aimkg.cost.moment``), and of
   the highest context tier the prompt is longer than (``aimkg:abovePromptTokens``: the whole
   call is billed at that tier's price, as providers and both peers do).
4. **Bill each part**: a part of the usage with a price of its own (cached input, reasoning,
   audio) is billed at it and taken out of its total; the rest of a total is billed at the
   total's price; a part with neither is not charged, with a warning.

Amounts are exact decimals; nothing passes through a binary float.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol

from aimkg.core.errors import InputError
from aimkg.cost.index import CATALOG_ORDER, Candidate, EndpointRow, PlatformRow, PriceRow, RecordRow
from aimkg.cost.moment import Moment, moment
from aimkg.cost.results import (
    ZERO,
    Alternative,
    Bill,
    CostResult,
    Form,
    Line,
    Option,
    Selection,
    kind_label,
    make_step,
    option,
)
from aimkg.cost.usage import USAGE_KINDS, Usage, is_part_of, kind_dimensions

#: The service tiers a call can ask for, and the aimkg:ServiceTier each names (None: standard).
TIERS: dict[str, str | None] = {"standard": None, "batch": "Batch", "flex": "Flex", "priority": "Priority"}
#: A date in a model ID (2024-08-06, 20240806, 2312, 0125): an ID without one may move.
DATED = re.compile(r"(?:^|[-_@.:/])(?:(?:19|20)\d{2}-?[01]\d-?[0-3]\d|\d{4})(?=$|[-_@.:v])")


class UnknownModelError(InputError):
    """No endpoint has the model ID asked (on the platform asked), or no platform has the name asked."""


class NoPriceError(InputError):
    """The model is known, but no price of it holds at the moment asked (exit 1: the answer is no)."""

    exit_code = 1


class Record:
    """A record's prices, compiled for calculations: options by service tier and kind."""

    __slots__ = ("always", "currency", "forms", "options", "rank", "row", "selections", "tiers")

    def __init__(
        self,
        row: RecordRow,
        rank: tuple[int, int, int, str],
        options: dict[str, tuple[Option, ...]],
        currency: str,
        forms: dict[tuple[Any, ...], Form],
    ) -> None:
        self.row = row
        self.rank = rank  # curated first, dated next, then the catalog order, then the slug
        self.options = options
        self.currency = currency
        self.forms = forms  # the index's forms, so that records that charge alike share one
        self.tiers: dict[
            str | None, tuple[dict[str, tuple[Option, bool]], tuple[tuple[str, tuple[Option, ...], bool], ...]]
        ] = {}
        self.selections: dict[tuple[tuple[str, int, bool], ...], Selection] = {}
        self.always: dict[str | None, Selection | None] = {}

    @property
    def label(self) -> str:
        return self.row.key or self.row.source

    def tier(
        self, tier: str | None
    ) -> tuple[dict[str, tuple[Option, bool]], tuple[tuple[str, tuple[Option, ...], bool], ...]]:
        """Each kind's options in a service tier (the tier's own, else the standard ones, flagged).

        Split in two: kinds with one price that holds always (chosen once for all), and the rest.
        """
        found = self.tiers.get(tier)
        if found is None:
            fixed: dict[str, tuple[Option, bool]] = {}
            varying: list[tuple[str, tuple[Option, ...], bool]] = []
            for kind, options in self.options.items():
                own = tuple(option for option in options if option.row.tier == tier)
                fell = not own and tier is not None
                if fell:
                    own = tuple(option for option in options if option.row.tier is None)
                if len(own) == 1 and not own[0].timed and own[0].above < 0:
                    fixed[kind] = (own[0], fell)
                elif own:
                    varying.append((kind, own, fell))
            found = self.tiers[tier] = (fixed, tuple(varying))
        return found

    def select(self, tier: str | None, at: Moment, prompt: int) -> tuple[Selection | None, tuple[str, ...]]:
        """The price of each kind for a call: of the tier, holding at ``at``, of the highest context tier passed."""
        if tier in self.always:  # prices that hold always, whatever the call: chosen once
            return self.always[tier], ()
        fixed, varying = self.tier(tier)
        if not varying:
            self.always[tier] = self.plan(fixed) if fixed else None
            return self.always[tier], ()
        warnings: list[str] = []
        chosen = dict(fixed)
        for kind, options, fell in varying:
            best: Option | None = None
            for candidate in options:
                if candidate.above >= prompt or (candidate.timed and not candidate.holds(at)):
                    continue
                if best is None or candidate.above > best.above:
                    best = candidate
            if best is None:
                best = earliest_recorded(options, at)
                if best is not None:
                    warnings.append(
                        f"{kind_label(kind)}: {self.label} stated no price by {at.shown}; "
                        f"its first, recorded from {best.row.recorded_from}, is used"
                    )
            if best is not None:
                chosen[kind] = (best, fell)
        if not chosen:
            return None, tuple(warnings)
        key = tuple((kind, id(found), fell) for kind, (found, fell) in chosen.items())  # options live as long
        selection = self.selections.get(key)
        if selection is None:
            selection = self.selections[key] = self.plan(chosen)
        if at.date_only and selection.hours:
            warnings.append(f"prices depend on the time of day: priced at {at.time} UTC (give --at with a time)")
        return selection, tuple(warnings)

    def plan(self, chosen: dict[str, tuple[Option, bool]]) -> Selection:
        """Order the chosen prices from the most specific kind, each with the priced kinds inside it.

        Each kind's part of the bill is its count less its priced parts' (a linear form of the
        counts), so the whole bill is one rate per counted kind: what totals need, in a few products.
        """
        kinds = sorted(chosen, key=lambda kind: (-len(kind_dimensions(kind)), kind))
        steps = tuple(
            make_step(kind, *chosen[kind], tuple(part for part in kinds if is_part_of(part, kind))) for kind in kinds
        )
        counted = set(USAGE_KINDS.values())
        wholes = {}
        for kind in counted - set(chosen):
            holders = [whole for whole in kinds if is_part_of(kind, whole)]
            wholes[kind] = max(holders, key=lambda whole: len(kind_dimensions(whole)), default="")
        leaves: dict[str, dict[str, int]] = {}
        rates: dict[str, Decimal] = {}
        for step in steps:
            leaf = {step.kind: 1} if step.kind in counted else {}
            for part in step.parts:
                for kind, times in leaves[part].items():
                    leaf[kind] = leaf.get(kind, 0) - times
            leaves[step.kind] = leaf
            for kind, times in leaf.items():
                rates[kind] = rates.get(kind, ZERO) + step.option.unit * times
        disjoint = all(
            not compatible(first, second)
            for step in steps
            for first in step.parts
            for second in step.parts
            if first < second and not is_part_of(first, second) and not is_part_of(second, first)
        )
        owned = frozenset(step.kind for step in steps)
        fell = frozenset(step.kind for step in steps if step.fell)
        form = Form(rates, owned, fell, disjoint, self.currency)
        form = self.forms.setdefault(form.key, form)
        hours = any(found.row.hours for found, _ in chosen.values())
        return Selection(steps, wholes, hours, form, sum(1 for step in steps if step.option.above >= 0))

    def bill(self, usage: Usage, tier: str | None, at: Moment) -> Bill | None:
        """Bill a usage with this record's prices, line by line; None when none of them holds at ``at``."""
        selection, warned = self.select(tier, at, usage.input_tokens)
        if selection is None:
            return None
        total, lines, warnings, notes = self.itemize(usage, selection, tier, warned)
        counts = usage.counted
        gaps = sum(1 for kind in counts if kind not in selection.form.owned)
        fallbacks = sum(1 for kind in counts if kind in selection.form.fell)
        return Bill(total, self.currency, lines, warnings, notes, gaps, fallbacks, selection.tiered)

    def itemize(
        self, usage: Usage, selection: Selection, tier: str | None, warned: tuple[str, ...]
    ) -> tuple[Decimal, tuple[Line, ...], tuple[str, ...], tuple[str, ...]]:
        """The lines of a bill (each priced kind's count less its priced parts), with its warnings and notes."""
        counts = usage.counted
        leaves: dict[str, int] = {}
        lines: list[Line] = []
        fell_back: list[str] = []
        total = ZERO
        for kind, chosen, fell, parts, (amount, per, currency, slug, tier_name, above) in selection.steps:
            given = counts.get(kind, 0)
            if kind == "Request":
                count = 1 if usage.requests is None else usage.requests
            else:
                count = given
                for part in parts:
                    count -= leaves[part]
            leaves[kind] = count
            if count:
                if count < 0:
                    named = ", ".join(kind_label(part) for part in parts)
                    raise InputError(f"usage: {named} add up to more than the {kind_label(kind)} that hold them")
                cost = chosen.unit * count
                total += cost
                lines.append(
                    new_line(Line, (kind, count, amount, per, currency, cost, slug, tier_name, above, count != given))
                )
                if fell:
                    fell_back.append(kind)
        unpriced = [kind for kind in counts if kind in selection.wholes]
        if not fell_back and not unpriced:
            return total, tuple(lines), warned, ()
        return total, tuple(lines), *self.explain(counts, selection, tier, warned, fell_back, unpriced)

    def explain(
        self,
        counts: dict[str, int],
        selection: Selection,
        tier: str | None,
        warned: tuple[str, ...],
        fell_back: list[str],
        unpriced: list[str],
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Warnings and notes on the parts billed at a standard price, at their total's price, or not at all."""
        warnings = list(warned)
        notes = []
        for kind in fell_back:
            warnings.append(f"{kind_label(kind)}: {self.label} has no {tier} price; its standard price is used")
        for kind in unpriced:
            whole = selection.wholes[kind]
            if whole:
                notes.append(
                    f"{kind_label(kind)}: no price of their own in {self.label}; billed as {kind_label(whole)}"
                )
            else:
                warnings.append(f"{kind_label(kind)} ({counts[kind]}): no price in {self.label}; not charged")
        return tuple(warnings), tuple(notes)


#: Makes a line from its fields without the named tuple's own ``__new__`` (a Python call per line).
new_line: Callable[[type[Line], tuple[Any, ...]], Line] = tuple.__new__


def compatible(first: str, second: str) -> bool:
    """Tell whether one token could be of both kinds (no dimension tells them apart): cached input and audio input."""
    one, other = dict(kind_dimensions(first)), dict(kind_dimensions(second))
    return all(other.get(name, value) == value for name, value in one.items())


#: A record that prices a call: the record, its bill (the total at least), the prices it chose, its warnings.
Priced = tuple["Record", Bill, Selection, tuple[str, ...]]


def preference(found: Priced) -> tuple[int, int, int, int, int, int, str]:
    """Which record's bill to use (docs/cost.md, precedence).

    First the one with prices of the tier asked, then curated, dated, the fewest parts without a
    price of their own, the most context-tier prices for this prompt, the catalog order, the slug.
    """
    record, bill, _, _ = found
    curated, dated, order, slug = record.rank
    return (bill.fell, curated, dated, bill.gaps, -bill.tiered, order, slug)


def earliest_recorded(options: tuple[Option, ...], at: Moment) -> Option | None:
    """The first price a source recorded, when the moment asked is before it recorded any (record time only)."""
    later = [
        option
        for option in options
        if option.row.valid_from is None
        and option.row.valid_through is None
        and option.row.recorded_from is not None
        and at.instant < option.row.recorded_from
        and option.row.above is None
    ]
    return min(later, key=lambda option: option.row.recorded_from or "", default=None)


class Endpoint:
    """An endpoint with its records compiled."""

    __slots__ = ("records", "row", "slug")

    def __init__(self, slug: str, row: EndpointRow, records: tuple[Record, ...]) -> None:
        self.slug = slug
        self.row = row
        self.records = records


HOW_RANK = {"modelId": 0, "alias": 1, "key": 2, "version": 3}


class Stored(Protocol):
    """Where an index's tables are kept when they are not all in memory (``aimkg.cost.cache.StoredIndex``)."""

    def table(self, name: str) -> Any:
        """A whole table; a big one as its entries' encoded text, decoded one by one by ``decode``."""

    def entry(self, table: str, name: str) -> Any:
        """One entry of a big table, decoded; None when it has none."""

    def decode(self, text: str) -> Any: ...


class PriceIndex:
    """The index over which costs are computed: its tables (``aimkg.cost.index``), read as they are needed.

    The tables are in memory, or ``stored`` (in the on-disk cache), and then read as they are
    needed: an entry of a big table at a time, so that a CLI call reads only what it prices.
    """

    def __init__(self, tables: Mapping[str, Any], stored: Stored | None = None) -> None:
        self.tables = dict(tables)
        self.stored = stored
        self.entries: dict[tuple[str, str], Any] = {}
        self.compiled: dict[str, Endpoint] = {}
        self.forms: dict[tuple[Any, ...], Form] = {}
        self.resolved: dict[tuple[str, str | None, str | None], tuple[Candidate, tuple[str, ...], tuple[str, ...]]] = {}

    def table(self, name: str) -> Any:
        """A whole table (for a big stored one, its entries still encoded: ``entry`` decodes them)."""
        found = self.tables.get(name)
        if found is None:
            if self.stored is None:
                raise KeyError(name)
            found = self.tables[name] = self.stored.table(name)
        return found

    def entry(self, table: str, name: str) -> Any:
        """One entry of a table, None when it has none."""
        key = (table, name)
        if key in self.entries:
            return self.entries[key]
        values = self.tables.get(table)
        if values is not None:
            found = values.get(name)
            if isinstance(found, str) and self.stored is not None:
                found = self.stored.decode(found)
        elif self.stored is not None:
            found = self.stored.entry(table, name)
        else:
            raise KeyError(table)
        self.entries[key] = found
        return found

    def candidates(self, table: str, name: str) -> list[Candidate]:
        return [Candidate(*found) for found in self.entry(table, name) or ()]

    # -- resolving names ------------------------------------------------------------------------

    def platform(self, name: str) -> str:
        """The platform slug a name gives: a slug, any catalog's provider ID for it, or its label."""
        names: dict[str, str] = self.table("platform_names")
        found = names.get(name.strip().lower())
        if found is None:
            import difflib

            close = difflib.get_close_matches(name.lower(), list(names), n=4)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see data/mappings/platforms.tsv"
            raise UnknownModelError(f"platform {name!r}: no platform has this name{hint}")
        return found

    def platform_row(self, slug: str | None) -> PlatformRow | None:
        found = self.table("platforms").get(slug) if slug else None
        return None if found is None else PlatformRow(*found)

    def endpoint(self, slug: str) -> Endpoint:
        """An endpoint by slug, compiled on first use."""
        found = self.compiled.get(slug)
        if found is None:
            row = EndpointRow(*self.entry("endpoints", slug))
            found = self.compiled[slug] = Endpoint(slug, row, tuple(self.compile(RecordRow(*r)) for r in row.records))
        return found

    def compile(self, record: RecordRow) -> Record:
        options: dict[str, list[Option]] = {}
        for raw in record.prices:
            found = option(PriceRow(*raw))
            options.setdefault(found.row.kind, []).append(found)
        rows = [found.row for kind in options.values() for found in kind]
        currencies = sorted({row.currency for row in rows})
        if len(currencies) > 1:
            raise InputError(
                f"{record.key or record.source}: its prices are in {' and '.join(currencies)}: no one total"
            )
        dated = any(row.valid_from or row.valid_through for row in rows)
        catalogs: tuple[str, ...] = self.table("catalogs")
        curated = record.source not in catalogs
        order = next(
            (place for place, name in enumerate(CATALOG_ORDER) if record.source.startswith(f"{name}-")),
            len(CATALOG_ORDER),
        )
        rank = (0 if curated else 1, 0 if dated else 1, order, record.slug or record.source)
        return Record(record, rank, {kind: tuple(found) for kind, found in options.items()}, currencies[0], self.forms)

    def matches(self, model_id: str, platform: str | None) -> list[Candidate]:
        """Every endpoint a model ID names (on the platform, when given), by the first rule that finds one.

        The rules, in turn: the endpoints' model IDs and aliases (any case); a catalog's record key;
        a version's slug.
        """
        from aimkg.core.terms import slugify

        wanted = model_id.strip()
        for table, name in (("ids", wanted.lower()), ("keys", wanted.lower()), ("served", slugify(wanted))):
            found = self.candidates(table, name)
            if platform is not None:
                found = [candidate for candidate in found if candidate.platform == platform]
            if found:
                return found
        return []

    def resolve(
        self, model_id: str, platform: str | None = None, variant: str | None = None
    ) -> tuple[Candidate, tuple[str, ...], tuple[str, ...]]:
        """The endpoint a model ID names, with warnings (a moving alias) and notes (which platform, of several)."""
        cache_key = (model_id, platform, variant)
        cached = self.resolved.get(cache_key)
        if cached is not None:
            return cached
        slug = None if platform is None else self.platform(platform)
        found = self.matches(model_id, slug)
        if not found:
            where = "" if slug is None else f" on {slug}"
            raise UnknownModelError(f"model {model_id!r}: no endpoint{where} has this model ID, alias or version")
        best = min(found, key=candidate_order)
        if variant is not None:
            best = best._replace(variant=variant)
        endpoint = self.endpoint(best.endpoint)
        warnings = tuple(moving_alias(model_id, endpoint, best))
        platforms = sorted({candidate.platform or "" for candidate in found})
        notes: tuple[str, ...] = ()
        if slug is None and len(platforms) > 1:
            notes = (
                f"{model_id} is on {len(platforms)} platforms; priced on {endpoint.row.platform}: name one with "
                "platform (--platform), or compare them (--all-platforms)",
            )
        self.resolved[cache_key] = (best, warnings, notes)
        return best, warnings, notes

    # -- pricing --------------------------------------------------------------------------------

    def cost(
        self,
        model_id: str,
        usage: Usage | Mapping[str, Any],
        *,
        platform: str | None = None,
        at: Any = None,
        tier: str = "standard",
        variant: str | None = None,
    ) -> CostResult:
        """The cost of a usage of a model (see the module's docstring for every rule)."""
        if not isinstance(usage, Usage):
            usage = Usage.from_mapping(usage)
        match, warnings, notes = self.resolve(model_id, platform, variant)
        return self.price(
            self.endpoint(match.endpoint), model_id, usage, moment(at), tier, match.variant, warnings, notes
        )

    def price(
        self,
        endpoint: Endpoint,
        model_id: str,
        usage: Usage,
        at: Moment,
        tier: str,
        variant: str | None,
        warnings: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
    ) -> CostResult:
        """The cost of a usage on one endpoint: the chosen record's bill, the others' totals as alternatives."""
        tier_name = TIERS.get(tier, "")
        if tier_name == "":
            raise InputError(f"tier {tier!r}: use one of {', '.join(TIERS)}")
        bills = self.totals(endpoint, usage, tier_name, at, variant)
        if not bills and variant is None:
            bills = self.totals(endpoint, usage, tier_name, at, None, any_variant=True)
            if bills:
                notes = (*notes, f"no price without a variant: priced for variant {bills[0][0].row.variant}")
        if not bills:
            raise NoPriceError(self.no_price(endpoint, variant, at))
        bills.sort(key=preference)  # the chosen record first, then the alternatives in the same order
        record, bill, selection, warned = bills[0]
        total, lines, own_warnings, own_notes = record.itemize(usage, selection, tier_name, warned)
        row = record.row
        alternatives = tuple(
            Alternative(
                other.row.source, other.row.slug or None, other.row.key, other.row.variant, found.total, found.currency
            )
            for other, found, _, _ in bills[1:]
            if other.row.variant == row.variant
        )
        return CostResult(
            model_id,
            endpoint.slug,
            endpoint.row.platform,
            endpoint.row.model_id,
            endpoint.row.version,
            at,
            tier,
            total,
            bill.currency,
            lines,
            row.source,
            row.slug or None,
            row.key,
            row.variant,
            alternatives,
            warnings + own_warnings if own_warnings else warnings,
            notes + own_notes if own_notes else notes,
        )

    def totals(
        self,
        endpoint: Endpoint,
        usage: Usage,
        tier: str | None,
        at: Moment,
        variant: str | None,
        any_variant: bool = False,
    ) -> list[Priced]:
        """Each record's total (of the variant asked), worked out once for records that charge alike."""
        found: list[Priced] = []
        done: dict[int, Bill] = {}
        for record in endpoint.records:
            if record.row.variant != variant and not any_variant:
                continue
            selection, warned = record.select(tier, at, usage.input_tokens)
            if selection is None:
                continue
            form = selection.form
            bill = done.get(id(form))
            if bill is None:
                if form.disjoint:
                    total, gaps, fell = form.total(usage)
                    bill = Bill(total, form.currency, (), (), (), gaps, fell, selection.tiered)
                else:
                    bill = record.bill(usage, tier, at)
                    assert bill is not None
                done[id(form)] = bill
            found.append((record, bill, selection, warned))
        return found

    def no_price(self, endpoint: Endpoint, variant: str | None, at: Moment) -> str:
        """Why an endpoint has no price at a moment: it has none, or when the ones it has held."""
        where = f"{endpoint.row.model_id} on {endpoint.row.platform}"
        if variant is not None:
            where += f" ({variant})"
        rows = [option.row for record in endpoint.records for found in record.options.values() for option in found]
        if not rows:
            return f"{where}: no source states a price"
        spans = sorted({f"{row.valid_from or '…'} to {row.valid_through or '…'}" for row in rows})
        return f"{where}: no price holds on {at.shown} (prices hold {'; '.join(spans)})"

    def everywhere(
        self,
        model_id: str,
        usage: Usage | Mapping[str, Any],
        *,
        at: Any = None,
        tier: str = "standard",
        platform: str | None = None,
    ) -> tuple[list[CostResult], list[str]]:
        """The costs on every endpoint that serves the version the model ID names, cheapest first.

        And the endpoints that have no price at ``at``, which are left out of the costs.
        """
        if not isinstance(usage, Usage):
            usage = Usage.from_mapping(usage)
        match, warnings, _ = self.resolve(model_id, platform, None)
        version = self.endpoint(match.endpoint).row.version
        when = moment(at)
        results, unpriced = [], []
        for candidate in self.candidates("served", version):
            endpoint = self.endpoint(candidate.endpoint)
            try:
                results.append(self.price(endpoint, model_id, usage, when, tier, None, warnings))
            except NoPriceError:
                unpriced.append(candidate.endpoint)
        results.sort(key=lambda result: (result.currency, result.total, result.platform or "", result.endpoint))
        return results, unpriced


def candidate_order(candidate: Candidate) -> tuple[bool, int, int, int, str]:
    """Which endpoint a name means, of several: a priced one, found by model ID, on the maker's API, most recorded."""
    return (not candidate.records, HOW_RANK[candidate.how], candidate.own, -candidate.records, candidate.endpoint)


def moving_alias(model_id: str, endpoint: Endpoint, match: Candidate) -> list[str]:
    """A warning when the ID asked is a moving alias (``-latest``, or no date) resolved to a version of another name."""
    from aimkg.core.terms import slugify

    asked = model_id.strip()
    version = endpoint.row.version
    names = {slugify(asked), slugify(asked.rpartition("/")[2])}
    if match.how == "version" or any(version == name or version.endswith(f"--{name}") for name in names):
        return []  # the version bears the ID's own name (or is the endpoint's own version): nothing moved
    if not (asked.lower().endswith("-latest") or DATED.search(asked) is None):
        return []
    return [
        f"{asked} is a moving alias: on {endpoint.row.platform} it serves {version} "
        f"(as the sources say; the model ID {endpoint.row.model_id}); a dated ID keeps the price from moving"
    ]
