"""The tagger's heads as one ONNX Runtime graph: the same numbers as the torch heads, in half the time.

The graph is written node by node from the heads' weights when the model is first used (tens of milliseconds,
so nothing is cached on disk and a retrained model can never meet a stale graph). What it saves over torch,
measured on the bench documents (CPU time, one thread): ~29 -> ~14 ms per document, at most 3e-7 apart on any
piece probability.
- the three input projections are one matmul (779 -> 3 x 256), run on the real pieces only, not the padding;
- ONNX's LSTM takes each sentence's length (`sequence_lens`), so no packing and unpacking per head;
- the output layers read the real pieces only.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from peacewatch.techniques.model import Sample

OPSET = 20  # the first with a Gelu operator (exact, erf-based: what torch's nn.GELU() computes)


def _gates(a: np.ndarray) -> np.ndarray:
    """torch's LSTM gate blocks (input, forget, cell, output) in ONNX's order (input, output, forget, cell)."""
    h = a.shape[0] // 4
    return np.concatenate([a[k * h:(k + 1) * h] for k in (0, 3, 1, 2)])


def build_graph(nets: list, n_in: int, n_labels: int) -> bytes:
    """The serialized ONNX model of the averaged heads.

    Inputs: `x` (N, n_in), the real pieces of a batch of sentences one after another; `where` (T, B) the row of
    `x` at each time step of each sentence (any row past a sentence's end: the LSTM never reads it); `back` (N,)
    each real piece's row in the (T * B) grid; `lens` (B,) the sentences' lengths. Output `probs` (N, n_labels).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    weights = [{k: v.detach().float().numpy() for k, v in net.state_dict().items()} for net in nets]
    proj = weights[0]["proj.1.weight"].shape[0]
    hidden = weights[0]["lstm.weight_hh_l0"].shape[1]
    inits: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    node = helper.make_node
    nodes = [
        # why one matmul: the three heads read the same inputs; one (n_in, 3 * proj) product beats three
        node("MatMul", ["x", const("proj_w", np.concatenate([w["proj.1.weight"].T for w in weights], 1))], ["xw"]),
        node("Add", ["xw", const("proj_b", np.concatenate([w["proj.1.bias"] for w in weights]))], ["xb"]),
        node("Gelu", ["xb"], ["h_rows"]),  # approximate="none", as nn.GELU()
        node("Gather", ["h_rows", "where"], ["h"], axis=0),  # (T, B, 3 * proj): ONNX's LSTM is time-major
        node("Split", ["h", const("split", np.full(len(weights), proj, np.int64))],
             [f"h{k}" for k in range(len(weights))], axis=2),
    ]
    const("grid_shape", np.array([0, 0, 2 * hidden], np.int64))
    const("row_shape", np.array([-1, 2 * hidden + proj], np.int64))
    heads = []
    for k, w in enumerate(weights):
        lstm_w = np.stack([_gates(w["lstm.weight_ih_l0"]), _gates(w["lstm.weight_ih_l0_reverse"])])
        lstm_r = np.stack([_gates(w["lstm.weight_hh_l0"]), _gates(w["lstm.weight_hh_l0_reverse"])])
        lstm_b = np.stack([np.concatenate([_gates(w[f"lstm.bias_ih_l0{s}"]), _gates(w[f"lstm.bias_hh_l0{s}"])])
                           for s in ("", "_reverse")])
        nodes += [
            node("LSTM", [f"h{k}", const(f"lstm_w{k}", lstm_w), const(f"lstm_r{k}", lstm_r),
                          const(f"lstm_b{k}", lstm_b), "lens"], [f"y{k}"],
                 direction="bidirectional", hidden_size=hidden),
            # (T, 2, B, H) -> (T, B, 2, H) -> (T, B, 2H): forward then backward, as torch concatenates them
            node("Transpose", [f"y{k}"], [f"yt{k}"], perm=[0, 2, 1, 3]),
            node("Reshape", [f"yt{k}", "grid_shape"], [f"ctx{k}"]),
            node("Concat", [f"ctx{k}", f"h{k}"], [f"cat{k}"], axis=-1),
            node("Reshape", [f"cat{k}", "row_shape"], [f"cat_rows{k}"]),
            node("Gather", [f"cat_rows{k}", "back"], [f"real{k}"], axis=0),
            node("MatMul", [f"real{k}", const(f"out_w{k}", w["out.weight"].T)], [f"logit_w{k}"]),
            node("Add", [f"logit_w{k}", const(f"out_b{k}", w["out.bias"])], [f"logit{k}"]),
            node("Sigmoid", [f"logit{k}"], [f"p{k}"]),
        ]
        heads.append(f"p{k}")
    nodes += [node("Sum", heads, ["p_sum"]),
              node("Div", ["p_sum", const("n_heads", np.array(len(weights), np.float32))], ["probs"])]
    graph = helper.make_graph(
        nodes, "technique_tagger",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", n_in]),
         helper.make_tensor_value_info("where", TensorProto.INT64, ["T", "B"]),
         helper.make_tensor_value_info("back", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("lens", TensorProto.INT32, ["B"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["N", n_labels])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    return model.SerializeToString()


class OnnxTagger:
    """`piece_probs` for a batch of non-empty sentences, run by ONNX Runtime.

    A sentence's probabilities come out the same bits alone or in any batch (measured: no padded step is ever
    computed, and ONNX Runtime's matmuls do not vary with the number of rows), which `piece_probs_many` relies on.
    """

    def __init__(self, nets: list, n_in: int, n_labels: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # why: one thread per process, as for MiniLM; scale-out is by processes (`--workers`, Ray)
        options.intra_op_num_threads = max(1, int(os.environ.get("PEACEWATCH_THREADS", "1")))
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(build_graph(nets, n_in, n_labels), options,
                                            providers=["CPUExecutionProvider"])

    def __call__(self, samples: list[Sample]) -> list[np.ndarray]:
        lengths = np.array([len(s.offsets) for s in samples], np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        steps = np.arange(int(lengths.max()))[:, None]  # (T, 1)
        # past a sentence's end, `where` points at its last piece: a real row the LSTM skips (lens)
        where = starts[None, :] + np.minimum(steps, lengths[None, :] - 1)
        back = np.concatenate([np.arange(n) * len(samples) + i for i, n in enumerate(lengths)])
        x = np.concatenate([s.x for s in samples]).astype(np.float32, copy=False)
        (probs,) = self.session.run(None, {"x": x, "where": where, "back": back,
                                           "lens": lengths.astype(np.int32)})
        return np.split(probs, starts[1:])
