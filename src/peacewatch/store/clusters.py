"""Claims clustered across documents by meaning: MiniLM sentence vectors, leader clustering at ingest.

A new claim joins the cluster whose leader (first member) is nearest if the cosine reaches `THRESHOLD`,
else it leads a cluster of its own. Assigning at ingest keeps the claims view a plain grouping however
large the store grows; the leaders are read once per `Store` and kept up to date as batches commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sqlalchemy import Connection, select

from peacewatch.claims.embed import DIM  # torch itself loads only when `embed` runs
from peacewatch.contract import Claim
from peacewatch.store import schema

#: cosine at which two claims count as the same claim; chosen on the demo corpus's claim pairs (see the
#: store tests): reworded copies of one report score 0.8–0.95, different claims on one topic below 0.75
THRESHOLD = 0.8


def embed_claims(texts: list[str]) -> np.ndarray:
    from peacewatch.claims.embed import embed  # why here: torch loads only when claims are stored

    return embed(texts)


def claim_vectors(claims: Sequence[Claim], known: Mapping[str, np.ndarray]) -> np.ndarray:
    """(len(claims), 384) float32: the analysis's own vector where it has one, else a fresh embedding."""
    texts = [c.span.text for c in claims]
    usable = {t: known[t] for t in texts if t in known and np.shape(known[t]) == (DIM,)}
    missing = [t for t in dict.fromkeys(texts) if t not in usable]
    # why: the same text embeds to the same vector in any batch (no padding), so a partial reuse changes nothing
    usable.update(zip(missing, embed_claims(missing), strict=True) if missing else ())
    return np.stack([np.asarray(usable[t], np.float32) for t in texts])


class ClaimClusters:
    """The cluster leaders of one store, loaded lazily; `pending` holds those of the open transaction."""

    def __init__(self) -> None:
        self._ids: list[int] | None = None
        self._vectors: np.ndarray = np.zeros((0, 384), np.float32)
        self._pending: list[tuple[int, np.ndarray]] = []

    def _load(self, conn: Connection) -> None:
        c = schema.claim_groups.c
        rows = conn.execute(select(c.cluster, c.vector).where(c.leader.is_(True)).order_by(c.cluster)).all()
        self._ids = [r.cluster for r in rows]
        self._vectors = (np.stack([np.frombuffer(r.vector, np.float16) for r in rows]).astype(np.float32)
                         if rows else np.zeros((0, 384), np.float32))

    def assign(self, conn: Connection, doc_id: str, claims: Sequence[Claim],
               known: Mapping[str, np.ndarray] | None = None) -> None:
        """Stores each of a document's claims with its cluster (inside the caller's transaction).

        `known` maps span texts to the vectors the analysis already computed (`Analysis.claim_vectors`); only
        claims missing from it are embedded here.
        """
        if not claims:
            return
        if self._ids is None:
            self._load(conn)
        assert self._ids is not None
        vectors = claim_vectors(claims, known or {})
        committed = self._vectors @ vectors.T  # (leaders, claims): one product per document
        rows = []
        for k, (claim, vector) in enumerate(zip(claims, vectors, strict=True)):
            best, best_sim = None, -1.0
            if self._ids:
                j = int(np.argmax(committed[:, k]))
                best, best_sim = self._ids[j], float(committed[j, k])
            for cluster, leader_vector in self._pending:  # leaders of this transaction, not yet committed
                sim = float(leader_vector @ vector)
                if sim > best_sim:
                    best, best_sim = cluster, sim
            if best is not None and best_sim >= THRESHOLD:
                cluster, leader = best, False
            else:
                cluster, leader = self._next_id(), True
                self._pending.append((cluster, vector))
            rows.append({"doc_id": doc_id, "record_id": claim.id, "cluster": cluster, "leader": leader,
                         "vector": vector.astype(np.float16).tobytes()})
        conn.execute(schema.claim_groups.insert(), rows)

    def _next_id(self) -> int:
        return max([0, *(self._ids or []), *(i for i, _ in self._pending)]) + 1

    def committed(self) -> None:
        if self._pending and self._ids is not None:
            self._ids += [i for i, _ in self._pending]
            self._vectors = np.vstack([self._vectors, *[v[None] for _, v in self._pending]])
        self._pending = []

    def rolled_back(self) -> None:
        self._pending = []
