"""Describe the dataset for ML tools and dataset search engines: an MLCommons Croissant 1.0 description.

``croissant.jsonld`` sits beside the DCAT/VoID description (``void.ttl``) in every export folder
and in the site. It names the dataset, its licence and version, each file of the export as a
``cr:FileObject`` (media type, size, sha256), and a ``cr:RecordSet`` that ML tools can load
without reading RDF: one record per version, read from the framed JSON-LD (``mlcroissant`` loads
it with ``Dataset(...).records("versions")``). Only fields every version has are listed (its IRI,
its English name, its model line), so that the columns line up; the rest is in the graph.

The ``@context`` is Croissant's own, verbatim (it says ``https://schema.org/``, where aimkg's own
data uses ``http://schema.org/``), as its validator expects. No build date is written, so that
builds are identical. A test validates the file with MLCommons' validator (``mlcroissant``).

Link: https://docs.mlcommons.org/croissant/docs/croissant-spec.html
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aimkg import __version__
from aimkg.core.terms import DATASET_IRI

CROISSANT_FILE = "croissant.jsonld"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
#: Croissant 1.0's standard JSON-LD context (as mlcroissant's ``make_context`` writes it).
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
#: The framed view the version records are read from (as plain JSON); the fields: name, type, JSONPath, meaning.
FRAMED = "aimkg.framed.jsonld"
FRAMED_AS_JSON = "aimkg.framed.json"
VERSION_FIELDS = [
    ("version", "sc:URL", "$.'@graph'[*].'@id'", "The version's IRI: its page and its data in the graph."),
    ("name", "sc:Text", "$.'@graph'[*].label.en", "The version's English name."),
    ("model_line", "sc:URL", "$.'@graph'[*].versionOf.'@id'", "The IRI of the model line it is a version of."),
]
DESCRIPTION = (
    "An open knowledge graph of AI models: sourced facts about model lines and their versions, who makes "
    "them and who serves them under which model ID, their prices per token on every platform (with valid "
    "and record time), context windows, licences, modalities, lifecycle dates and benchmark results, as "
    "RDF under the aimkg ontology, reconciled from models.dev, LiteLLM, genai-prices and curated data."
)


@dataclass(frozen=True)
class Described:
    """A file as the dataset's descriptions name it: its media type, size and sha256, not its bytes.

    The export hands each file on as soon as it is made and keeps this much of it (holding a
    1M-triple export's 550 MB of files at once set its peak memory).
    """

    media_type: str
    size: int
    sha256: str

    @classmethod
    def of(cls, media_type: str, data: bytes) -> Described:
        return cls(media_type, len(data), hashlib.sha256(data).hexdigest())


def file_object(name: str, described: Described) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": name,
        "name": name,
        "contentUrl": name,
        "encodingFormat": described.media_type,
        "contentSize": f"{described.size} B",
        "sha256": described.sha256,
    }


def croissant(files: Mapping[str, Described], published: str | None = None) -> bytes:
    """The Croissant description of an export: ``files`` describes each file, by name.

    ``published``: the date the data is as of (the newest source's), for ``datePublished``.
    """
    distribution = [file_object(name, described) for name, described in files.items()]
    if FRAMED in files:  # the framed view again, as the plain JSON that ML tools read records from
        framed = files[FRAMED]
        as_json = file_object(FRAMED, Described("application/json", framed.size, framed.sha256))
        distribution.append({**as_json, "@id": FRAMED_AS_JSON, "name": FRAMED_AS_JSON})
    fields = [
        {
            "@type": "cr:Field",
            "@id": f"versions/{name}",
            "name": name,
            "description": meaning,
            "dataType": data_type,
            "source": {"fileObject": {"@id": FRAMED_AS_JSON}, "extract": {"jsonPath": path}},
        }
        for name, data_type, path, meaning in VERSION_FIELDS
    ]
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "@id": DATASET_IRI,
        "conformsTo": CONFORMS_TO,
        "name": "aimkg",
        "description": DESCRIPTION,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "url": "https://w3id.org/aimkg/",
        "version": __version__,
        "keywords": ["AI models", "large language models", "LLM pricing", "knowledge graph", "RDF", "linked data"],
        "creator": {"@type": "sc:Organization", "name": "The aimkg contributors", "url": "https://w3id.org/aimkg/"},
        "citeAs": "aimkg: an open knowledge graph of AI models, https://w3id.org/aimkg/",
        **({"datePublished": published} if published else {}),
        "distribution": distribution,
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "versions",
                "name": "versions",
                "description": "One record per version of a model, from the framed JSON-LD view.",
                "field": fields,
            }
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
