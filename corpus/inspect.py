"""The structure and counts of a Document, as ``llzo-kg inspect`` prints them."""

from __future__ import annotations

from typing import Any

from corpus.document import Document

COUNTS = (
    "sections",
    "paragraphs",
    "sentences",
    "captions",
    "references",
    "citation_markers",
    "cited_keys",
    "distinct_cited_keys",
)  # the plain counts of a summary, in the order render_text prints them


def summary(doc: Document) -> dict[str, Any]:
    """One JSON-able object: counts of sections, paragraphs (captions excluded), sentences,
    captions; tables with their size; citable reference keys; citation markers; cited keys after
    expansion (with repeats); the keys that resolve to no reference, with the reason."""
    cited = [k for c in doc.citations for k in (*c.keys, *c.unresolved)]
    return {
        "document": doc.id,
        "path": doc.path,
        "title": doc.title,
        "sections": len(doc.sections),
        "paragraphs": sum(not p.is_caption for p in doc.paragraphs),
        "sentences": len(doc.sentences),
        "captions": len(doc.captions),
        "tables": [
            {"label": t.label, "rows": len(t.rows), "columns": len(t.header)} for t in doc.tables
        ],
        "references": len(doc.references),
        "citation_markers": len(doc.citations),
        "cited_keys": len(cited),
        "distinct_cited_keys": len(set(cited)),
        "unresolved": [
            {"marker": u.marker, "key": u.key, "offset": u.offset, "reason": u.reason}
            for u in doc.unresolved
        ],
        "warnings": list(doc.warnings),
    }


def render_text(info: dict[str, Any]) -> str:
    """The summary for a terminal: one fact per line."""
    lines = [f"{info['document']}: {info['title']}" if info["title"] else info["document"]]
    for key in COUNTS:
        lines.append(f"  {key.replace('_', ' ')}: {info[key]}")
    for t in info["tables"]:
        lines.append(f"  {t['label']}: {t['rows']} rows x {t['columns']} columns")
    for u in info["unresolved"]:
        lines.append(f"  unresolved {u['key']} in [{u['marker']}] at {u['offset']}: {u['reason']}")
    for w in info["warnings"]:
        lines.append(f"  warning: {w}")
    return "\n".join(lines) + "\n"
