"""The onnxruntime embedder gives the same vectors as the sentence-transformers one."""

import numpy as np

from factdesk.embed import MiniLMEmbedder, TorchMiniLMEmbedder


def test_onnx_and_torch_embeddings_agree(embedder):
    texts = ["short", "", "A much longer sentence, with many more tokens in it than the others, about tax policy.",
             "The World Health Organization reported 320,000 measles cases in Europe."]
    onnx = embedder.encode(texts, batch_size=3)  # mixed lengths in one batch: padding must not leak
    torch_vecs = TorchMiniLMEmbedder().encode(texts)
    assert isinstance(embedder, MiniLMEmbedder)
    assert onnx.shape == (4, 384) and onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * torch_vecs).sum(axis=1).min() > 0.9999


def test_similar_sentences_are_closer_than_unrelated(embedder):
    a, b, c = embedder.encode(["The cat sat on the mat.", "A cat was sitting on the rug.", "Oil prices rose 3%."])
    assert a @ b > a @ c + 0.2
