#!/usr/bin/python3
"""Dynamic int8 quantisation of a sentence-embedding ONNX model, for measuring it (docs/ranking.md, "Semantic models").

Every MatMul whose right-hand side is a constant weight matrix becomes ONNX Runtime's DynamicQuantizeMatMul: the
weights are stored as int8, symmetric per output column (scale = max |w| / 127), and the activations are quantised to
uint8 at run time, per tensor. Everything else (embeddings, layer norms, attention scores, softmax) stays float32.
Needs only the onnx and numpy Python packages (Debian: python3-onnx).

usage: quantize.py IN.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def quantize(source, target):
    model = onnx.load(source)
    graph = model.graph
    weights = {w.name: w for w in graph.initializer}
    nodes, replaced = [], 0
    for node in graph.node:
        w = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if w is None or len(w.dims) != 2:
            nodes.append(node)
            continue
        matrix = numpy_helper.to_array(w).astype(np.float32)
        scale = np.maximum(np.abs(matrix).max(axis=0), 1e-12) / 127.0
        q = np.clip(np.round(matrix / scale), -127, 127).astype(np.int8)
        base = w.name + "_int8"
        graph.initializer.extend([
            numpy_helper.from_array(q, base),
            numpy_helper.from_array(scale.astype(np.float32), base + "_scale"),
            numpy_helper.from_array(np.zeros(scale.shape, np.int8), base + "_zero"),
        ])
        nodes.append(helper.make_node("DynamicQuantizeMatMul", [node.input[0], base, base + "_scale", base + "_zero"],
                                      list(node.output), name=(node.name or base) + "_quant", domain="com.microsoft"))
        replaced += 1
    del graph.node[:]
    graph.node.extend(nodes)
    used = {i for n in graph.node for i in n.input}
    kept = [w for w in graph.initializer if w.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, target)
    print(f"{replaced} MatMul nodes quantised; {target}")


if __name__ == "__main__":
    quantize(sys.argv[1], sys.argv[2])
