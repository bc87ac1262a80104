"""Stand-in loader until graph/writer.py lands: writes Fact records with parameterised Cypher
that follows docs/schema.md (keys simplified; only what the gap analysis reads)."""

from __future__ import annotations

from llzo_kg.miner.records import Fact

_LOAD = """
MERGE (doc:Document {key: $doc})
MERGE (s:Sentence {key: $sentence})
  ON CREATE SET s.doc = $doc, s.index = $index, s.section = $section, s.text = $text,
                s.start = $start, s.end = $end, s.source = $source
MERGE (s)-[:IN_DOCUMENT]->(doc)
MERGE (m:Material {key: $material})
  ON CREATE SET m.name = $materialName, m.formula = $formula, m.isGarnet = $garnet
MERGE (f:%s {key: $key})
  ON CREATE SET f.doc = $doc, f.value = $value, f.valueMax = $valueMax, f.unit = $unit,
                f.temperatureC = $temperatureC, f.calculated = $calculated, f.source = $source
MERGE (f)-[:ABOUT]->(m)
MERGE (f)-[:STATED_IN]->(s)
WITH f, m, doc
UNWIND $dopants AS d
MERGE (dp:Dopant {key: $material + '|' + d.element + '@' + d.siteKey})
  ON CREATE SET dp.element = d.element, dp.site = d.site, dp.amount = d.amount,
                dp.charge = d.charge
MERGE (m)-[:HAS_DOPANT]->(dp)
MERGE (e:Element {key: d.element}) ON CREATE SET e.symbol = d.element
MERGE (dp)-[:OF_ELEMENT]->(e)
"""
_SITE = """
MATCH (dp:Dopant {key: $dopant}) MERGE (s:Site {key: $site}) ON CREATE SET s.name = $site
MERGE (dp)-[:ON_SITE]->(s)
"""
_PROPERTY = """
MATCH (f:Measurement {key: $key}) MERGE (p:Property {key: $property})
  ON CREATE SET p.name = $property MERGE (f)-[:OF_PROPERTY]->(p)
"""
_METHOD = """
MATCH (f {key: $key}) MERGE (me:Method {key: $method}) ON CREATE SET me.name = $method
MERGE (f)-[:USING_METHOD]->(me)
"""
_REF = """
MATCH (f {key: $key}) MATCH (doc:Document {key: $doc})
MERGE (r:Reference {key: $ref}) ON CREATE SET r.text = 'Reference ' + $cite
MERGE (doc)-[:LISTS {citeKey: $cite}]->(r)
MERGE (f)-[:CITES]->(r)
"""
_LABELS = {"measurement": "Measurement", "doping": "DopingReport", "synthesis": "SynthesisReport"}


def load(backend, facts: list[Fact]) -> None:
    for n, fact in enumerate(facts):
        key = f"{fact.kind}:{n}"
        material = fact.material.formula or fact.material.text.lower()
        garnet = "Zr" in (fact.material.formula or "") or "llzo" in fact.material.text.lower()
        dopants = [
            {
                "element": d.element,
                "site": d.site,
                "amount": d.amount,
                "charge": d.charge,
                "siteKey": f"{d.site or '?'}:{d.amount if d.amount is not None else '?'}",
            }
            for d in fact.dopants
        ]
        backend.run(
            _LOAD % _LABELS[fact.kind],
            {
                "doc": fact.doc,
                "sentence": f"{fact.doc}#{fact.sentence}",
                "index": fact.sentence,
                "section": fact.section,
                "text": fact.text,
                "start": fact.start,
                "end": fact.end,
                "source": fact.source,
                "material": material,
                "materialName": fact.material.text,
                "formula": fact.material.formula,
                "garnet": garnet,
                "key": key,
                "value": fact.value,
                "valueMax": fact.value_max,
                "unit": fact.unit,
                "temperatureC": fact.temperature_C,
                "calculated": bool(fact.methods) and set(fact.methods) == {"calculation"},
                "dopants": dopants,
            },
        )
        for d in dopants:
            if d["site"]:
                backend.run(
                    _SITE,
                    {"dopant": f"{material}|{d['element']}@{d['siteKey']}", "site": d["site"]},
                )
        if fact.property:
            backend.run(_PROPERTY, {"key": key, "property": fact.property})
        for method in fact.methods:
            backend.run(_METHOD, {"key": key, "method": method})
        for cite in fact.refs:
            backend.run(
                _REF, {"key": key, "doc": fact.doc, "ref": f"{fact.doc}#ref{cite}", "cite": cite}
            )
