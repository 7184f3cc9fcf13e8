"""Measure how the three peer catalogs line up under the reviewed mapping tables.

Reads the fixtures under ``shared/fixtures/peers`` (models.dev, LiteLLM, genai-prices) and
``platforms.sssom.tsv`` / ``makers.sssom.tsv`` next to this file, applies the key rules that
FINDINGS.md describes (turn a catalog key into ``(platform, model ID)``), and prints the
counts quoted there:

* per-rule counts for LiteLLM keys (own prefix, sibling prefix, unprefixed, Bedrock region /
  commitment / cross-region forms, Azure data zones, Vertex ``@`` versions, image size keys,
  entries that are not endpoints);
* coverage: LiteLLM chat/completion/responses entries and genai-prices ``equals`` IDs that
  fall on a platform models.dev also lists, and how many match a models.dev model ID
  (exactly, after case folding, after a named rule), with the reasons for the misses;
* creator namespaces (``creator/model`` IDs on routers and hosts, Bedrock ``maker.`` prefixes,
  models.dev ``models/<lab>`` folders) with the number of model IDs each covers, and which of
  them the makers table maps.

Usage: ``python3 data/mappings/measure.py [--peers DIR] [--section tables|rules|coverage|makers|all]``
(``--peers`` defaults to ``shared/fixtures/peers`` beside the checkout). Standard library only;
nothing is written. The output is plain text meant to be read, not parsed.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: As the tests do: the checkout sits next to shared/ (tests/conftest.py SHARED = REPO.parent / "shared")
DEFAULT_PEERS = HERE.parents[2] / "shared" / "fixtures" / "peers"

CHAT_MODES = {"chat", "completion", "responses"}

# --- loading -------------------------------------------------------------------------------


def read_sssom(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def local(curie: str) -> tuple[str, str]:
    prefix, _, rest = curie.partition(":")
    return prefix, rest


def load_models_dev(peers: Path) -> dict[str, dict[str, dict]]:
    """provider folder -> model ID -> raw TOML (not merged with base_model)."""
    root = peers / "models.dev" / "providers"
    out: dict[str, dict[str, dict]] = {}
    for folder in sorted(root.iterdir()):
        provider = folder.name
        models: dict[str, dict] = {}
        base = folder / "models"
        for dirpath, _, files in os.walk(base):
            for name in files:
                if name.endswith(".toml"):
                    path = Path(dirpath) / name
                    model_id = str(path.relative_to(base))[: -len(".toml")]
                    with path.open("rb") as handle:
                        models[model_id] = tomllib.load(handle)
        out[provider] = models
    return out


def load_labs(peers: Path) -> dict[str, list[str]]:
    root = peers / "models.dev" / "models"
    return {
        lab.name: sorted(str(p.relative_to(lab))[:-5] for p in lab.rglob("*.toml")) for lab in sorted(root.iterdir())
    }


def load_litellm(peers: Path) -> dict[str, dict]:
    with (peers / "litellm" / "model_prices_and_context_window.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("sample_spec", None)
    return data


def load_genai(peers: Path) -> list[dict]:
    with (peers / "genai-prices" / "data.json").open(encoding="utf-8") as handle:
        return json.load(handle)


# --- LiteLLM key -> (platform, model ID) ---------------------------------------------------

SIZE = re.compile(r"^(?:(?:low|medium|high|xhigh|max|hd|standard)/)?(?:\d+|max)-x-(?:\d+|max)/(?:(?:\d+|max)-steps/)?")
REGION = re.compile(r"^[a-z]{2}(?:-gov)?-[a-z]+-\d+/")
COMMITMENT = re.compile(r"^\d+-month-commitment/")
AZURE_ZONE = re.compile(r"^(us|eu|global|global-standard|us-gov|apac)/")
CROSS_REGION = re.compile(r"^(us|eu|apac|global|jp|au|ca|in|us-gov)\.")
SIZE_TIER_RULE = re.compile(r"^(fireworks-ai|together-ai)-")
#: LiteLLM route names that are not litellm_provider values but prefix keys of one
EXTRA_ROUTES = {"amazon-nova": "amazon_nova"}


def litellm_endpoint(
    key: str, entry: dict, platform_of: dict[str, str]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    if "alias_of" in entry:
        return None, None, ("alias_of entry (LiteLLM routing alias, no provider)",)
    provider = entry.get("litellm_provider")
    platform = platform_of.get(provider)
    if platform is None:
        return None, None, (f"litellm_provider {provider!r} maps to no platform",)
    tags: list[str] = []
    k = key
    m = SIZE.match(k)
    if m:
        k = k[m.end() :]
        tags.append("image size/quality key")
    first, sep, rest = k.partition("/")
    if sep and first == provider:
        k = rest
        tags.append("own prefix")
    elif sep and (platform_of.get(first) == platform or platform_of.get(EXTRA_ROUTES.get(first, "")) == platform):
        k = rest
        tags.append("sibling prefix")
    elif sep and first in platform_of:
        tags.append("other provider's prefix")
    else:
        tags.append("unprefixed" if not sep else "unknown prefix")
    m = SIZE.match(k)
    if m:
        k = k[m.end() :]
        tags.append("image size/quality key")
    if platform == "amazon-bedrock":
        if k.startswith("claude_platform/"):
            return None, None, ("bedrock/claude_platform/*: Claude Platform on AWS, not Bedrock",)
        if k == "guardrails":
            return None, None, ("not a model (bedrock/guardrails)",)
        m = REGION.match(k)
        if m:
            k = k[m.end() :]
            tags.append("region segment")
        if k.startswith("*/"):
            k = k[2:]
            tags.append("any-region segment")
        m = COMMITMENT.match(k)
        if m:
            k = k[m.end() :]
            tags.append("provisioned-throughput commitment")
        for route in ("invoke/", "converse/"):
            if k.startswith(route):
                k = k[len(route) :]
                tags.append("bedrock route segment")
        if CROSS_REGION.match(k):
            tags.append("cross-region inference profile")
    elif platform == "azure-openai":
        m = AZURE_ZONE.match(k)
        if m:
            k = k[m.end() :]
            tags.append("azure deployment zone")
    elif platform == "openai" and k.startswith("ft:"):
        return None, None, ("ft: fine-tuning price template",)
    if SIZE_TIER_RULE.match(k):
        return None, None, ("size-tier price rule, not a model ID",)
    if platform == "vertex-ai" and "@" in k:
        tags.append("vertex @version")
    return platform, k, tuple(tags)


# --- genai-prices match.equals ---------------------------------------------------------------


def equals_ids(match: dict) -> list[str]:
    """The equals values of a match clause: top level or inside 'or' (not 'and')."""
    if "equals" in match:
        return [match["equals"]]
    if "or" in match:
        out: list[str] = []
        for clause in match["or"]:
            out.extend(equals_ids(clause))
        return out
    return []


# --- matching ------------------------------------------------------------------------------

DATE_SUFFIX = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-\d{6}|-\d{4}|@\d{8}|@default|@latest|@\d{3})$")


def squash(s: str) -> str:
    return re.sub(r"[-._:@/ ]", "", s.lower())


def match_level(
    model_id: str, platform: str, md_ids: dict[str, set[str]], md_fold: dict[str, dict[str, str]]
) -> tuple[str, str | None]:
    ids = md_ids.get(platform, set())
    if model_id in ids:
        return "exact", model_id
    hit = md_fold.get(platform, {}).get(model_id.lower())
    if hit:
        return "case-folded", hit
    if platform == "vertex-ai" and "@" not in model_id and model_id + "@default" in ids:
        return "rule: vertex X = X@default", model_id + "@default"
    if platform == "fireworks-ai" and not model_id.startswith("accounts/"):
        full = "accounts/fireworks/models/" + model_id
        if full in ids:
            return "rule: fireworks X = accounts/fireworks/models/X", full
    return "miss", None


def miss_reason(model_id: str, platform: str, md_ids: dict[str, set[str]]) -> str:
    ids = md_ids.get(platform, set())
    sq = squash(model_id)
    for other in ids:
        if squash(other) == sq:
            return "spelling differs only in punctuation"
    for other in ids:
        if other.split("/")[-1].lower() == model_id.split("/")[-1].lower():
            return "creator/route prefix on one side only"
    base = DATE_SUFFIX.sub("", model_id)
    for other in ids:
        if DATE_SUFFIX.sub("", other) == base:
            return "dated vs undated (or other version suffix)"
    if platform == "amazon-bedrock":
        core = CROSS_REGION.sub("", model_id)
        for other in ids:
            if CROSS_REGION.sub("", other) == core:
                return "bedrock cross-region profile vs base ID"
    return "not listed by models.dev on this platform"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS)
    parser.add_argument("--section", choices=["tables", "rules", "coverage", "makers", "all"], default="all")
    args = parser.parse_args()
    peers = args.peers

    md = load_models_dev(peers)
    labs = load_labs(peers)
    ll = load_litellm(peers)
    gp = load_genai(peers)
    platforms = read_sssom(HERE / "platforms.sssom.tsv")
    platform_of: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for row in platforms:
        prefix, ident = local(row["subject_id"])
        platform_of[prefix][ident] = local(row["object_id"])[1]
    md_ids: dict[str, set[str]] = collections.defaultdict(set)
    for provider, models in md.items():
        plat = platform_of["modelsdev"].get(provider)
        if plat:
            md_ids[plat].update(models)
    md_fold = {p: {i.lower(): i for i in ids} for p, ids in md_ids.items()}
    ll_platform = platform_of["litellm"]

    if args.section in ("tables", "all"):
        check_tables(md, ll, gp, labs)

    # ---------------------------------------------------------------- LiteLLM rules
    endpoints = {}
    tag_count: collections.Counter = collections.Counter()
    tag_examples: dict[str, list[str]] = collections.defaultdict(list)
    drop_count: collections.Counter = collections.Counter()
    drop_examples: dict[str, list[str]] = collections.defaultdict(list)
    for key, entry in ll.items():
        plat, model_id, tags = litellm_endpoint(key, entry, ll_platform)
        if plat is None:
            drop_count[tags[0]] += 1
            drop_examples[tags[0]].append(key)
            continue
        endpoints[key] = (plat, model_id, tags)
        for tag in tags:
            tag_count[tag] += 1
            if len(tag_examples[tag]) < 3:
                tag_examples[tag].append(f"{key} -> ({plat}, {model_id})")
    distinct = {(p, m) for p, m, _ in endpoints.values()}
    if args.section in ("rules", "all"):
        print("== LiteLLM keys:", len(ll), "(sample_spec removed)")
        print("endpoints:", len(endpoints), "keys ->", len(distinct), "distinct (platform, model ID)")
        for tag, n in tag_count.most_common():
            print(f"  rule {tag}: {n}  e.g. {'; '.join(tag_examples[tag])}")
        unpref = collections.Counter(
            ll[k].get("litellm_provider") for k, (_, _, t) in endpoints.items() if "unprefixed" in t
        )
        print("  unprefixed keys by litellm_provider:", dict(unpref.most_common()))
        sib = collections.Counter(
            (k.split("/")[0], ll[k].get("litellm_provider"))
            for k, (_, _, t) in endpoints.items()
            if "sibling prefix" in t
        )
        print("  sibling-prefix keys (key prefix, litellm_provider):", dict(sib.most_common()))
        print("not endpoints:", sum(drop_count.values()))
        for reason, n in drop_count.most_common():
            print(f"  {reason}: {n}  e.g. {', '.join(drop_examples[reason][:3])}")
        # keys that collapse onto one endpoint
        by_ep = collections.defaultdict(list)
        for key, (p, m, _) in endpoints.items():
            by_ep[(p, m)].append(key)
        multi = {ep: ks for ep, ks in by_ep.items() if len(ks) > 1}
        covered = sum(len(k) for k in multi.values())
        shown = "; ".join(f"{ep}: {ks[:3]}" for ep, ks in list(multi.items())[:3])
        print("distinct endpoints written by >1 key:", len(multi), "covering", covered, "keys; e.g.", shown)
        # vertex @ forms
        vx = [(m) for p, m in distinct if p == "vertex-ai"]
        at = [m for m in vx if "@" in m]
        undated_twin = [m for m in at if m.split("@")[0] in vx]
        print(f"vertex-ai: {len(vx)} model IDs, {len(at)} with @version, {len(undated_twin)} also listed without @")
        mdv = md_ids["vertex-ai"]
        with_at = sum("@" in m for m in mdv)
        at_default = sum(m.endswith("@default") for m in mdv)
        print(f"  models.dev vertex-ai IDs: {len(mdv)}, with @: {with_at}, '@default': {at_default}")
        # bedrock cross-region
        br = [m for p, m in distinct if p == "amazon-bedrock"]
        cr = collections.Counter(CROSS_REGION.match(m).group(1) for m in br if CROSS_REGION.match(m))
        base_of = {CROSS_REGION.sub("", m) for m in br if CROSS_REGION.match(m)}
        print(
            f"amazon-bedrock: {len(br)} LiteLLM model IDs; cross-region prefixes {dict(cr.most_common())}; "
            f"{sum(b in br for b in base_of)} of {len(base_of)} profile bases also listed bare"
        )
        mdb = md_ids["amazon-bedrock"]
        crm = collections.Counter(CROSS_REGION.match(m).group(1) for m in mdb if CROSS_REGION.match(m))
        print(f"  models.dev amazon-bedrock: {len(mdb)} IDs; cross-region {dict(crm.most_common())}")
        # azure
        az = [(k, m) for k, (p, m, t) in endpoints.items() if p == "azure-openai"]
        print(
            f"azure-openai: {len(az)} LiteLLM keys -> {len({m for _, m in az})} model IDs; "
            f"'gpt-35-' spellings: {sum('gpt-35' in m for _, m in az)}"
        )
        ai_ids = {m for p, m in distinct if p == "azure-ai-foundry"}
        az_ids = {m for p, m in distinct if p == "azure-openai"}
        print(f"  azure_ai (azure-ai-foundry) IDs also under azure: {len(ai_ids & az_ids)} of {len(ai_ids)}")
        md_az_foundry = [
            m
            for m, rec in md["azure"].items()
            if "services.ai.azure.com" in str(rec.get("provider", {}).get("api", ""))
        ]
        in_ai = sum(m in ai_ids for m in md_az_foundry)
        in_az = sum(m in az_ids for m in md_az_foundry)
        print(
            f"  models.dev azure files whose [provider].api is services.ai.azure.com: {len(md_az_foundry)}; "
            f"of these in LiteLLM azure_ai: {in_ai}, in azure: {in_az}"
        )

    # ---------------------------------------------------------------- coverage
    if args.section in ("coverage", "all"):
        print("\n== Coverage: LiteLLM entries with mode chat/completion/responses")
        scope = [(k, endpoints[k]) for k, e in ll.items() if e.get("mode") in CHAT_MODES and k in endpoints]
        dropped = [k for k, e in ll.items() if e.get("mode") in CHAT_MODES and k not in endpoints]
        print(
            "in scope:",
            len(scope) + len(dropped),
            "; not endpoints:",
            len(dropped),
            collections.Counter(litellm_endpoint(k, ll[k], ll_platform)[2][0] for k in dropped).most_common(),
        )
        on_md = [(k, ep) for k, ep in scope if ep[0] in md_ids]
        print(
            "on a platform models.dev also lists:",
            len(on_md),
            "of",
            len(scope),
            "endpoint keys;",
            "platforms:",
            len({ep[0] for _, ep in on_md}),
            "of",
            len({ep[0] for _, ep in scope}),
        )
        levels: collections.Counter = collections.Counter()
        reasons: collections.Counter = collections.Counter()
        examples = collections.defaultdict(list)
        per_platform = collections.defaultdict(collections.Counter)
        for key, (plat, model_id, _tags) in on_md:
            level, _ = match_level(model_id, plat, md_ids, md_fold)
            levels[level] += 1
            per_platform[plat][level == "miss"] += 1
            if level == "miss":
                r = miss_reason(model_id, plat, md_ids)
                reasons[r] += 1
                if len(examples[r]) < 6:
                    examples[r].append(f"{key} ({plat}, {model_id})")
            elif len(examples[level]) < 3:
                examples[level].append(f"{key} ({plat}, {model_id})")
        for level, n in levels.most_common():
            print(f"  {level}: {n}  e.g. {'; '.join(examples[level][:3])}")
        for r, n in reasons.most_common():
            print(f"    miss, {r}: {n}  e.g. {'; '.join(examples[r])}")
        ranked = sorted(per_platform.items(), key=lambda x: -sum(x[1].values()))
        print("  per platform (matched/missed):", ", ".join(f"{p} {c[False]}/{c[True]}" for p, c in ranked))
        # distinct endpoints view
        dist = {(p, m) for _, (p, m, _) in on_md}
        dm = sum(match_level(m, p, md_ids, md_fold)[0] != "miss" for p, m in dist)
        print(f"  as distinct (platform, model ID): {len(dist)}, matched {dm}")

        print("\n== Coverage: genai-prices match.equals IDs")
        gp_platform = platform_of["genaiprices"]
        glev: collections.Counter = collections.Counter()
        greasons: collections.Counter = collections.Counter()
        gex = collections.defaultdict(list)
        total = on = 0
        not_equals = 0
        raw_total = 0
        seen_ids: set = set()
        gper = collections.defaultdict(collections.Counter)
        hf_host_only = 0
        hf_total = 0
        vertex_claude = 0
        for prov in gp:
            plat = gp_platform.get(prov["id"])
            for model in prov["models"]:
                ids = equals_ids(model["match"])
                if not ids:
                    not_equals += 1
                raw_total += len(ids)
                for model_id in ids:
                    if (prov["id"], model_id.lower()) in seen_ids:
                        continue
                    seen_ids.add((prov["id"], model_id.lower()))
                    total += 1
                    p = plat
                    if prov["id"] == "google" and model_id.startswith("claude"):
                        p = "vertex-ai"
                        vertex_claude += 1
                    if p not in md_ids:
                        gper[prov["id"]]["no models.dev platform"] += 1
                        continue
                    if prov["id"].startswith("huggingface_"):
                        # HF router pinned to one host: the endpoint's model ID is '<repo>:<host>'
                        hf_total += 1
                        if match_level(model_id, p, md_ids, md_fold)[0] != "miss":
                            hf_host_only += 1
                        gper[prov["id"]]["host-pinned"] += 1
                        continue
                    on += 1
                    level, _ = match_level(model_id, p, md_ids, md_fold)
                    glev[level] += 1
                    gper[prov["id"]][level] += 1
                    if level == "miss":
                        r = miss_reason(model_id, p, md_ids)
                        greasons[r] += 1
                        if len(gex[r]) < 6:
                            gex[r].append(f"{prov['id']}/{model_id}")
                    elif len(gex[level]) < 3:
                        gex[level].append(f"{prov['id']}/{model_id}")
        print(
            "equals values:",
            raw_total,
            "; distinct per provider after case folding:",
            total,
            "; models without any equals clause:",
            not_equals,
            "; genai google claude-* sent to vertex-ai:",
            vertex_claude,
        )
        print("on a platform models.dev also lists (huggingface_<host> apart):", on)
        for level, n in glev.most_common():
            print(f"  {level}: {n}  e.g. {'; '.join(gex[level][:3])}")
        for r, n in greasons.most_common():
            print(f"    miss, {r}: {n}  e.g. {'; '.join(gex[r])}")
        print(
            f"  huggingface_<host>: {hf_total} IDs; as '<repo>:<host>' none is a models.dev endpoint; "
            f"{hf_host_only} have the repo ID (case-folded) of a models.dev huggingface endpoint (auto-routed)"
        )
        print("  per provider:", "; ".join(f"{p} {dict(c)}" for p, c in gper.items()))

    # ---------------------------------------------------------------- makers
    if args.section in ("makers", "all"):
        print("\n== Creator namespaces")
        counts = namespace_counts(md, endpoints, platform_of)
        makers_path = HERE / "makers.sssom.tsv"
        mapped = {}
        if makers_path.exists():
            mapped = {row["subject_id"]: local(row["object_id"])[1] for row in read_sssom(makers_path)}
        tot = collections.Counter()
        for (kind, ns), c in sorted(counts.items(), key=lambda x: (x[0][0], x[0][1].lower(), x[0][1])):
            curie = f"{kind}:{ns}"
            ok = curie in mapped
            tot[(kind, ok, "md")] += c["md"]
            tot[(kind, ok, "ll")] += c["ll"]
            tot[(kind, ok, "n")] += 1
            print(f"  {curie}\tmodels.dev {c['md']}\tLiteLLM {c['ll']}\t-> {mapped.get(curie, '(unmapped)')}")
        for kind in ("creator", "bedrock"):
            yes = [tot[(kind, True, f)] for f in ("n", "md", "ll")]
            no = [tot[(kind, False, f)] for f in ("n", "md", "ll")]
            print(
                f"  {kind}: {yes[0]} namespaces mapped covering models.dev {yes[1]} / LiteLLM {yes[2]} model IDs; "
                f"{no[0]} unmapped covering models.dev {no[1]} / LiteLLM {no[2]}"
            )
        print("  labs:")
        base_users = collections.Counter()
        for models in md.values():
            for rec in models.values():
                if rec.get("base_model"):
                    base_users[rec["base_model"].split("/")[0]] += 1
        for lab, recs in labs.items():
            curie = f"modelsdevlab:{lab}"
            target = mapped.get(curie, "(unmapped)")
            print(f"  {curie}\t{len(recs)} base records\t{base_users[lab]} provider files inherit\t-> {target}")


SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
ROLES = {"first-party", "cloud", "router", "host"}


def check_tables(md, ll, gp, labs) -> None:
    """Format checks of the three tables, and the catalog IDs that have no row."""
    print("== Tables")
    problems: list[str] = []
    curies: dict[str, str] = {}
    for name in ("platforms.sssom.tsv", "makers.sssom.tsv", "platforms.tsv"):
        text = (HERE / name).read_text(encoding="utf-8")
        lines = text.split("\n")
        if lines[-1] != "":
            problems.append(f"{name}: no final newline")
        lines = lines[:-1]
        if any(line != line.rstrip() for line in lines):
            problems.append(f"{name}: trailing whitespace")
        if "\r" in text:
            problems.append(f"{name}: CR line ends")
        if name.endswith(".sssom.tsv"):
            meta = [line for line in lines if line.startswith("#")]
            for line in meta:
                m = re.match(r"^#   ([a-z]+): (\S+)$", line)
                if m:
                    curies[m.group(1)] = m.group(2)
            for key in ("curie_map:", "mapping_set_id:", "license:", "mapping_set_description:"):
                if not any(line.startswith("# " + key) for line in meta):
                    problems.append(f"{name}: metadata {key} missing")
            lines = [line for line in lines if not line.startswith("#")]
        rows = [line.split("\t") for line in lines]
        header, body = rows[0], rows[1:]
        if any(len(r) != len(header) for r in body):
            problems.append(f"{name}: ragged rows")
        firsts = [r[0] for r in body]
        if firsts != sorted(firsts):
            problems.append(f"{name}: not sorted by first column")
        if len(set(firsts)) != len(firsts):
            problems.append(f"{name}: duplicate first column")
        print(f"{name}: {len(body)} rows, columns {header}")
    with (HERE / "platforms.tsv").open(encoding="utf-8") as handle:
        platforms_tsv = {r["platform"]: r for r in csv.DictReader(handle, delimiter="\t")}
    for slug, row in platforms_tsv.items():
        if not SLUG.match(slug) or not SLUG.match(row["operator"]):
            problems.append(f"bad slug {slug} / {row['operator']}")
        if row["role"] not in ROLES:
            problems.append(f"bad role {slug}: {row['role']}")
    psssom = read_sssom(HERE / "platforms.sssom.tsv")
    msssom = read_sssom(HERE / "makers.sssom.tsv")
    used = {local(r["object_id"])[1] for r in psssom}
    if used != set(platforms_tsv):
        problems.append(f"platform slugs differ between tables: {sorted(used ^ set(platforms_tsv))}")
    for row in psssom + msssom:
        for field in ("subject_id", "object_id", "predicate_id", "mapping_justification"):
            if local(row[field])[0] not in curies:
                problems.append(f"undeclared prefix in {row[field]}")
        if not SLUG.match(local(row["object_id"])[1]):
            problems.append(f"bad slug {row['object_id']}")
    print("format problems:", problems or "none")
    mapped = {r["subject_id"] for r in psssom}
    catalogs = {
        "modelsdev": sorted(md),
        "litellm": sorted({e.get("litellm_provider") for e in ll.values() if e.get("litellm_provider")}),
        "genaiprices": sorted(p["id"] for p in gp),
    }
    for prefix, ids in catalogs.items():
        missing = [i for i in ids if f"{prefix}:{i}" not in mapped]
        print(f"{prefix}: {len(ids)} IDs, {len(ids) - len(missing)} mapped, no row: {missing}")
    lab_rows = {r["subject_id"] for r in msssom if r["subject_id"].startswith("modelsdevlab:")}
    no_row = [lab for lab in labs if "modelsdevlab:" + lab not in lab_rows]
    print(f"models.dev labs: {len(labs)}, mapped {len(lab_rows)}, no row: {no_row}")
    by_platform = collections.Counter(local(r["object_id"])[1] for r in psssom)
    print(
        "platforms named by more than one catalog ID:",
        sum(1 for n in by_platform.values() if n > 1),
        "; roles:",
        dict(collections.Counter(r["role"] for r in platforms_tsv.values())),
    )


#: first path segments that are a platform's own routing or account namespace, not a creator
NOT_CREATOR = {
    "accounts",
    "fal-ai",
    "@cf",
    "@hf",
    "@oi",
    "workers-ai",
    "TEE",
    "Pro",
    "public",
    "route",
    "ps",
    "preset",
    "doc-intelligence",
    "speech",
    "ranking",
    "streaming",
}
#: platforms whose path segments name apps or model families, not creators (fal app owners, AI/ML API paths)
NO_CREATOR_PLATFORMS = {"fal", "aiml-api"}


def creator_of(model_id: str) -> str | None:
    """The creator namespace of a 'creator/model' ID, looking past routing segments."""
    parts = model_id.split("/")
    while len(parts) > 1:
        head = parts[0]
        if head.startswith("hf:"):
            return head[3:] or None
        if head in NOT_CREATOR:
            if head in ("accounts", "fal-ai"):
                return None
            parts = parts[1:]
            continue
        return head
    return None


def namespace_counts(md, endpoints, platform_of):
    """(kind, namespace) -> {'md': n, 'll': n}: distinct model IDs using the namespace."""
    seen = collections.defaultdict(lambda: {"md": set(), "ll": set()})
    for provider, models in md.items():
        plat = platform_of["modelsdev"].get(provider)
        for model_id in models:
            if plat == "amazon-bedrock":
                core = CROSS_REGION.sub("", model_id)
                if "." in core:
                    seen[("bedrock", core.split(".")[0])]["md"].add((provider, model_id))
                continue
            ns = creator_of(model_id)
            if ns:
                seen[("creator", ns)]["md"].add((provider, model_id))
    for plat, model_id, _ in endpoints.values():
        if plat in NO_CREATOR_PLATFORMS:
            continue
        if plat == "amazon-bedrock":
            core = CROSS_REGION.sub("", model_id.split("/")[-1])
            if "." in core:
                seen[("bedrock", core.split(".")[0])]["ll"].add((plat, model_id))
            continue
        ns = creator_of(model_id)
        if ns:
            seen[("creator", ns)]["ll"].add((plat, model_id))
    return {k: {"md": len(v["md"]), "ll": len(v["ll"])} for k, v in seen.items()}


if __name__ == "__main__":
    main()
