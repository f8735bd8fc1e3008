#!/usr/bin/env python3
"""Writes a synthetic newsgraph graph in Turtle for the query benchmark.

The graph follows the vocabulary of src/emit/vocab.hpp (states, persons with
roles, agreements with parties and signatories, incidents with agents,
targets, PLOVER categories, sources, evidence and date conflicts, statements
with speakers and quotes, articles), so every canned query has work to do.
Deterministic for a given --scale (seeded random numbers); names are made up.

usage: query_gen.py [--scale N] OUT.ttl      (scale 1 = about 1.1 million triples)
"""
import argparse
import random
import sys

NG = "https://w3id.org/newsgraph/ontology#"
RES = "https://w3id.org/newsgraph/resource/"
KINDS = [("Summons", "DISAPPROVE"), ("Protest", "DISAPPROVE"), ("Threat", "THREATEN"),
         ("Visit", "CONSULT"), ("Meeting", "CONSULT"), ("Signing", "SUPPORT"),
         ("BorderCrossing", "MOBILIZE"), ("WarningShots", "ASSAULT"), ("Sanction", "COERCE"),
         ("AidProvision", "AID"), ("Demand", "DEMAND"), ("Criticism", "DISAPPROVE")]
ROLES = ["President", "Foreign Minister", "Ambassador", "Spokesman", "Defense Minister",
         "Prime Minister", "Envoy", "Chancellor"]
SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ve", "su", "ne", "di", "pa", "zo", "ri", "an", "el"]


def name(rng, parts):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(parts))


def literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date(rng):
    return f'"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(20240621)
    n_states = 200
    n_persons = int(20000 * args.scale)
    n_articles = int(40000 * args.scale)
    n_agreements = int(3000 * args.scale)
    n_incidents = int(50000 * args.scale)
    n_statements = int(30000 * args.scale)
    triples = 0
    out = open(args.out, "w", encoding="utf-8")
    w = out.write
    for prefix, iri in [("ng", NG), ("plover", "https://w3id.org/newsgraph/plover#"),
                        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
                        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
                        ("prov", "http://www.w3.org/ns/prov#"), ("dcterms", "http://purl.org/dc/terms/"),
                        ("article", RES + "article/"), ("state", RES + "state/"), ("person", RES + "person/"),
                        ("agreement", RES + "agreement/"), ("incident", RES + "incident/"),
                        ("statement", RES + "statement/")]:
        w(f"@prefix {prefix}: <{iri}> .\n")

    def sources(k):
        return rng.sample(range(n_articles), k)

    for a in range(n_articles):
        w(f'article:a{a} a ng:Article ; dcterms:identifier "a{a}" ; dcterms:date {date(rng)} .\n')
        triples += 3
    codes = []
    for s in range(n_states):
        code = "".join(chr(65 + (s * 7 + i * 11) % 26) for i in range(2)) + chr(65 + s % 26)
        codes.append(f"s{s}")
        w(f'state:s{s} a ng:State ; rdfs:label {literal(name(rng, 1))}@en ; ng:isoCode "{code}" .\n')
        triples += 3
    for p in range(n_persons):
        w(f'person:p{p} a ng:Person ; rdfs:label {literal(name(rng, 2))}@en ; '
          f'ng:role {literal(rng.choice(ROLES))}@en ; ng:represents state:{rng.choice(codes)} .\n')
        triples += 4
    for g in range(n_agreements):
        k = rng.randint(1, 3)
        srcs = " , ".join(f"article:a{x}" for x in sources(k))
        w(f'agreement:g{g} a ng:Agreement ; rdfs:label "agreement {g}"@en ; '
          f'ng:party state:{rng.choice(codes)} , state:{rng.choice(codes)} ; '
          f'ng:signatory person:p{rng.randrange(n_persons)} , person:p{rng.randrange(n_persons)} ; '
          f'ng:date {date(rng)} ; prov:wasDerivedFrom {srcs} ; ng:sourceCount {k} .\n')
        triples += 8 + k
    for i in range(n_incidents):
        kind, plover = rng.choice(KINDS)
        agent_state, target_state = rng.sample(codes, 2)
        k = rng.choice([1, 1, 2, 3, 4])
        srcs = sources(k)
        w(f'incident:i{i} a ng:Incident , ng:{kind} ; rdfs:label "{kind} {i}"@en ; '
          f'ng:ploverCategory plover:{plover} ; ng:agent state:{agent_state} ')
        triples += 5
        if rng.random() < 0.5:
            w(f', person:p{rng.randrange(n_persons)} ')
            triples += 1
        w(f'; ng:target state:{target_state} ')
        triples += 1
        if rng.random() < 0.3:
            w(f'; ng:about agreement:g{rng.randrange(n_agreements)} ')
            triples += 1
        w(f'; ng:date {date(rng)} ; prov:wasDerivedFrom {" , ".join(f"article:a{x}" for x in srcs)} ; '
          f'ng:sourceCount {k} ; ng:evidence incident:i{i}-e .\n')
        triples += 3 + k
        w(f'incident:i{i}-e a ng:Evidence ; ng:article article:a{srcs[0]} ; ng:sentenceIndex 0 ; '
          f'ng:sentence incident:i{i}-s ; ng:startOffset 10 ; ng:endOffset 50 .\n')
        w(f'incident:i{i}-s a ng:Sentence ; ng:article article:a{srcs[0]} ; ng:sentenceIndex 0 ; '
          f'ng:sentenceText "Sentence {i} reporting the {kind.lower()}." ; ng:startOffset 0 ; ng:endOffset 60 .\n')
        triples += 12
        if k >= 2 and rng.random() < 0.1:
            d1, d2 = date(rng), date(rng)
            w(f'incident:i{i} ng:date {d2} ; ng:hasConflict incident:i{i}-c .\n'
              f'incident:i{i}-c a ng:SourceConflict ; ng:conflictProperty ng:date ; '
              f'ng:claim incident:i{i}-c1 , incident:i{i}-c2 .\n'
              f'incident:i{i}-c1 a ng:Claim ; ng:claimValue {d1} ; ng:claimSource article:a{srcs[0]} .\n'
              f'incident:i{i}-c2 a ng:Claim ; ng:claimValue {d2} ; ng:claimSource article:a{srcs[1]} .\n')
            triples += 2 + 4 + 3 + 3
    for t in range(n_statements):
        speaker = f"person:p{rng.randrange(n_persons)}" if rng.random() < 0.8 else f"state:{rng.choice(codes)}"
        w(f'statement:t{t} a ng:Statement ; ng:speaker {speaker} ; ng:quote "Quote number {t}."@en ; '
          f'ng:direct true ; prov:wasDerivedFrom article:a{rng.randrange(n_articles)} ; ng:sourceCount 1 .\n')
        triples += 6
    out.close()
    print(f"{args.out}: {triples} triples", file=sys.stderr)


if __name__ == "__main__":
    main()
