"""Persuasion techniques: where a text tries to persuade rather than inform.

The trained tagger (MiniLM states → BiLSTM, trained on PTC 2020; see `data/models/techniques/MODEL_CARD.md`)
marks spans with one of 14 techniques (`data/techniques.yaml`), each with a calibrated score; transparent
patterns (`data/technique_patterns.yaml`) add all-caps slogans, false dilemmas and the like.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from peacewatch.contract import Technique
from peacewatch.extractors.base import Resources, context, register
from peacewatch.spans import char_span, doc_text
from peacewatch.techniques.encoder import PIECES_KEY, encode_docs, sentence_segments
from peacewatch.techniques.model import Sample, featurize

SCORED_KEY = "techniques.scored"  # DocContext.shared key: (spent samples, piece probabilities) from `prepare`


class TechniqueExtractor:
    name = "techniques"

    def __init__(self, resources_: Resources) -> None:
        from peacewatch.techniques.detector import Detector

        self.detector = Detector()  # loaded once per pipeline: the encoder and the tagger

    def prepare(self, docs: list[Doc]) -> None:
        """The batch's MiniLM pass, shared with claims and events (a no-op when one of them ran it), then the
        tagger over the sentences of the whole batch at once (`TechniqueModel.piece_probs_many`)."""
        encode_docs(docs)
        todo = [doc for doc in docs if PIECES_KEY in context(doc).shared]
        samples = [featurize(doc_text(doc), *context(doc).shared[PIECES_KEY]) for doc in todo]
        probs = self.detector.model.piece_probs_many(samples)
        for doc, doc_samples, doc_probs in zip(todo, samples, probs, strict=True):
            # why: decoding reads only the offsets; the inputs (~1.4 MB a document) need not wait for it
            spent = [Sample(np.zeros((len(s.offsets), 0), np.float32), s.offsets) for s in doc_samples]
            context(doc).shared[SCORED_KEY] = (spent, doc_probs)

    def __call__(self, doc: Doc) -> list[Technique]:
        segments, encoded = context(doc).shared.pop(PIECES_KEY, (None, None))
        scored = context(doc).shared.pop(SCORED_KEY, None)
        if scored is not None:
            found = self.detector.detect_scored(doc_text(doc), *scored)
        else:
            if segments is None:  # a document outside a pipeline batch: encode it alone
                segments = sentence_segments(doc)
            found = self.detector.detect(doc_text(doc), segments, encoded)
        out: list[Technique] = []
        for n, (start, end, name, score) in enumerate(found, 1):
            span = char_span(doc, start, end)
            if span.end > span.start:
                out.append(Technique(id=f"t{n}", technique=name, span=span, score=min(1.0, max(0.0, score))))
        return out


@register("techniques")
def techniques(resources_: Resources) -> TechniqueExtractor:
    return TechniqueExtractor(resources_)
