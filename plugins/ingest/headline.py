"""A headline made from the lede's first sentence with a dependency parse: who did what.

The parse is spaCy's (the same models entity recognition loads, whose parser is kept for NER):
the headline is the subject, the verb with its auxiliaries and negation, and the verb's first
complement, in the sentence's own words and order. Left out: appositions and titles in front of a
name ("Le président russe Vladimir Poutine" -> "Vladimir Poutine"), relative and participle
clauses, time and place adjuncts ("mercredi", "dans l'est de la Russie"), incidental clauses.
A phrase is kept whole or dropped whole, never cut. Nothing here imports spaCy: the caller
passes a parsed sentence (a ``spacy.tokens.Span``); ``None`` is returned when the sentence has no
subject and verb to build on, and the caller falls back to its rules.
"""

from __future__ import annotations

import re

# Children of a noun kept in its phrase (French UD labels and English ClearNLP labels).
_NOUN_PARTS = {
    "det", "amod", "nmod", "case", "flat", "flat:name", "flat:foreign", "fixed", "compound",
    "nummod", "cc", "conj", "poss", "dep", "quantmod", "nmod:poss", "advmod", "prep", "pobj",
    "neg", "nn", "number", "predet", "preconj", "goeswith", "mark",
}  # fmt: skip
# What depends on a noun and can be left out of a headline that is too long.
_DEPENDENT_PHRASES = {"nmod", "prep", "acl", "relcl"}
# Children of the verb that make the verb group.
_VERB_GROUP = {
    "aux", "aux:tense", "aux:pass", "auxpass", "cop", "neg", "expl:comp", "expl:pv", "expl:pass",
    "expl", "prt", "compound:prt",
}  # fmt: skip
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
# The verb's complements, in order of preference: the first one found is kept.
_COMPLEMENTS = (
    "obj", "dobj", "obl:arg", "obl:agent", "iobj", "xcomp", "ccomp", "attr", "acomp", "oprd",
    "obl", "prep", "dative",
)  # fmt: skip
# Complements a verb cannot be read without ("a remporté" needs what was won).
_ARGUMENTS = {"obj", "dobj", "obl:arg", "xcomp", "ccomp", "attr", "acomp", "oprd"}
_NEGATION = {"ne", "n’", "n'", "pas", "not", "n't", "jamais", "never", "plus", "rien", "guère"}
TIME_ENTITIES = {"DATE", "TIME"}  # the only entity labels the headline reads
# A headline never starts with a pronoun: it would not say who.
_PRONOUNS = {
    "il", "elle", "ils", "elles", "on", "ce", "c’", "c'", "cela", "ça", "celui-ci", "celle-ci",
    "it", "he", "she", "they", "we", "this", "that", "these", "those", "there", "nous", "vous",
}  # fmt: skip
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]»”])")


def _is_name(token) -> bool:
    return token.text[:1].isupper() and token.dep_ not in ("det",)


def _phrase(token, core: bool = False) -> list:
    """The tokens of the noun phrase headed by ``token``: its determiners, adjectives, nouns and
    coordinated phrases; an apposition that is a name replaces the title it follows. With
    ``core``, without the phrases that depend on its noun ("de Vostotchny", "in Russia")."""
    names = [child for child in token.children if child.dep_ == "appos" and _is_name(child)]
    if names and not _is_name(token):
        kept = _phrase(names[0], core)
        kept += [
            t
            for child in token.children
            if child.dep_ in ("cc", "conj")
            for t in _phrase(child, core)
        ]
        return kept
    kept = [token]
    for child in token.children:
        glued = not child.doc[child.i - 1].whitespace_ or not child.whitespace_
        if core and child.dep_ in _DEPENDENT_PHRASES and token.dep_ != "prep" and not glued:
            continue
        if child.dep_ in _NOUN_PARTS and not _is_time(child):
            kept += _phrase(child, core)
        elif child.dep_ == "punct" and child.text in "-‑" and not child.whitespace_:
            kept.append(child)  # the hyphen inside "Jong-un"
    return kept


def _is_time(token) -> bool:
    """A phrase about when: "mercredi", "on Wednesday" (named entity DATE or TIME)."""
    heads = [token] + [child for child in token.children if child.dep_ == "pobj"]
    return any(t.ent_type_ in TIME_ENTITIES for t in heads)


def _complement(verb, core: bool = False) -> list:
    """The verb's first complement after it that is not about time, as a whole phrase."""
    for label in _COMPLEMENTS:
        for child in verb.children:
            if child.dep_ == label and child.i > verb.i and not _is_time(child):
                if label in ("xcomp", "ccomp"):
                    return _clause(child, with_subject=True)
                return _phrase(child, core)
    return []


def _verb_group(verb) -> list:
    return [verb] + [
        child
        for child in verb.children
        if child.dep_ in _VERB_GROUP
        or (child.dep_ in ("advmod", "neg") and child.lower_ in _NEGATION)
        or child.dep_ == "mark"
    ]


def _clause(verb, with_subject: bool = False) -> list:
    subjects = [child for child in verb.children if child.dep_ in _SUBJECTS]
    subject = _phrase(subjects[0]) if with_subject and subjects else []
    return subject + _verb_group(verb) + _complement(verb)


def _text(tokens: list) -> str:
    kept = {token.i for token in tokens}
    ordered = sorted(
        (t for t in set(tokens) if t.dep_ != "punct" or {t.i - 1, t.i + 1} <= kept),
        key=lambda token: token.i,
    )
    parts = []
    for index, token in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        joined = following is not None and following.i == token.i + 1 and not token.whitespace_
        parts.append(token.text + ("" if joined else " "))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", "".join(parts)).strip(" ,;:.—–-")
    return text[:1].upper() + text[1:]


def _balanced(text: str) -> bool:
    pairs = (("«", "»"), ("(", ")"), ("“", "”"), ("[", "]"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def headline_from_parse(sentence, max_chars: int = 90) -> str | None:
    """Subject, verb and first complement of a parsed sentence, at most ``max_chars`` long, or
    None when the sentence has no subject or the shortest such headline is still too long."""
    verb = sentence.root
    reported = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if reported:  # "X happened, the ministry said": the news is what was said
        verb = reported[0]
    subjects = [child for child in verb.children if child.dep_ in _SUBJECTS]
    if not subjects or subjects[0].lower_ in _PRONOUNS:
        return None
    subject = _phrase(subjects[0])
    group = _verb_group(verb)
    needs_one = any(c.dep_ in _ARGUMENTS and c.i > verb.i for c in verb.children)
    candidates = (
        subject + group + _complement(verb),
        subject + group + _complement(verb, core=True),
        [] if needs_one else subject + group,
    )
    for tokens in candidates:
        text = _text(tokens)
        if len(text) <= max_chars and len(text.split()) >= 3 and _balanced(text):
            return text
    return None
