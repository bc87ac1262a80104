"""``llzo-kg db check``: does the graph hold what the documents and their stamps say it should?

Every ``Document`` node records its file name, the SHA-256 of the file, the extractor version
and how many facts it stated (``factCount``). The check counts each document's facts in the
graph (and facts that lost their sentence), and, given the folder, hashes every file: a file
that is not in the graph, changed since it was ingested, or was extracted by another extractor
version, and a document whose file is gone, are all named. It changes nothing; ``llzo-kg
ingest`` (``--full`` for documents whose counts are off) repairs what it finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.backend import GraphBackend
from llzo_kg.ingest import discover, file_sha256

FACT_LABELS = ("Measurement", "DopingReport", "SynthesisReport")

_DOCUMENTS = """
MATCH (d:Document)
RETURN d.key AS id, d.fileName AS fileName, d.sha256 AS sha256,
       d.extractorVersion AS extractorVersion, d.factCount AS factCount
"""
_FACTS = "MATCH (f:{label}) RETURN f.doc AS doc, count(f) AS n"
_UNSTATED = """
MATCH (f:{label}) WHERE NOT (f)-[:STATED_IN]->(:Sentence)
RETURN f.doc AS doc, count(f) AS n
"""


@dataclass(frozen=True)
class Problem:
    doc: str | None
    path: str | None
    problem: str

    def line(self) -> str:
        where = self.path or self.doc or "?"
        return f"{where}: {self.problem}"


@dataclass
class CheckReport:
    documents: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "documents": self.documents,
            "files": self.files,
            "problems": [asdict(p) for p in self.problems],
        }

    def summary(self) -> str:
        verdict = "consistent" if self.ok else f"{len(self.problems)} problems"
        return f"db check: {self.documents} documents, {self.files} files: {verdict}"


def _per_doc(backend: GraphBackend, template: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in FACT_LABELS:
        for row in backend.run(template.format(label=label)):
            counts[row["doc"]] = counts.get(row["doc"], 0) + row["n"]
    return counts


def check_graph(backend: GraphBackend, paths: Sequence[Path] | None, version: str) -> CheckReport:
    """Compare the graph with its own stamps and, when ``paths`` are given, with the files."""
    stored = backend.run(_DOCUMENTS)
    facts = _per_doc(backend, _FACTS)
    unstated = _per_doc(backend, _UNSTATED)
    report = CheckReport(documents=len(stored))
    known = {row["id"] for row in stored}
    for row in sorted(stored, key=lambda r: r["id"]):
        expected, found = row["factCount"] or 0, facts.get(row["id"], 0)
        if found != expected:
            report.problems.append(
                Problem(
                    row["id"],
                    None,
                    f"{found} of its {expected} facts are in the graph; 'llzo-kg ingest --full "
                    f"{row['fileName'] or row['id']}' writes it again",
                )
            )
        if unstated.get(row["id"]):
            report.problems.append(
                Problem(row["id"], None, f"{unstated[row['id']]} facts without their sentence")
            )
    for doc in sorted(set(facts) - known):
        report.problems.append(
            Problem(doc, None, f"{facts[doc]} facts of a document the graph does not hold")
        )
    if paths is None:
        return report
    problems: list[tuple[str, str]] = []
    files = discover(paths, problems)
    report.files = len(files)
    for where, reason in problems:
        report.problems.append(Problem(None, where, reason.removeprefix(f"{where}: ")))
    by_name = {row["fileName"]: row for row in stored if row["fileName"]}
    seen: set[str] = set()
    for path in files:
        row = by_name.get(path.name)
        if row is None:
            report.problems.append(Problem(None, str(path), "not in the graph"))
            continue
        seen.add(row["id"])
        try:
            sha = file_sha256(path)
        except OSError as exc:
            report.problems.append(Problem(row["id"], str(path), f"cannot read ({exc.strerror})"))
            continue
        if sha != row["sha256"]:
            report.problems.append(Problem(row["id"], str(path), "changed since it was ingested"))
        elif row["extractorVersion"] != version:
            report.problems.append(
                Problem(
                    row["id"],
                    str(path),
                    f"extracted by {row['extractorVersion']}, not by {version}",
                )
            )
    unreadable = bool(problems)
    for row in sorted(stored, key=lambda r: r["id"]):
        if row["id"] not in seen and not unreadable:
            report.problems.append(
                Problem(
                    row["id"],
                    row["fileName"],
                    f"its file is not under {', '.join(str(p) for p in paths)}",
                )
            )
    return report
