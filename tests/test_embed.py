"""The onnxruntime embedders against the sentence-transformers reference: float32 is the same
model, int8 stays close enough that rankings do not change."""

import numpy as np
import pytest

from factdesk.embed import EMBEDDERS, MiniLMEmbedder, TorchMiniLMEmbedder, make_embedder
from factdesk.errors import ConfigError, ModelError

TEXTS = ["short", "", "A much longer sentence, with many more tokens in it than the others, about tax policy.",
         "The World Health Organization reported 320,000 measles cases in Europe."]

# queries and, at the same index, the passage that answers them (plus unrelated distractors)
QUERIES = ["How tall is the Eiffel Tower?", "When did the Berlin Wall fall?", "What causes measles?",
           "Who won the 2018 football World Cup?", "How much did US inflation rise in 2022?",
           "What is the boiling point of water at sea level?"]
ANSWERS = ["The Eiffel Tower is 330 metres tall.", "The Berlin Wall fell on 9 November 1989.",
           "Measles is caused by a virus spread through the air.", "France won the 2018 World Cup in Russia.",
           "Consumer prices in the United States rose 8 percent in 2022.",
           "At sea level, water boils at 100 degrees Celsius."]
DISTRACTORS = ["The central bank left interest rates unchanged.", "A storm closed schools across the county.",
               "The museum opened a new wing for modern art.", "Shares in the carmaker fell after the recall."]


@pytest.fixture(scope="module")
def torch_vecs():
    return TorchMiniLMEmbedder().encode(TEXTS)


def test_fp32_onnx_and_torch_embeddings_agree(torch_vecs):
    fp32 = MiniLMEmbedder(precision="fp32")
    onnx = fp32.encode(TEXTS, batch_size=3)  # mixed lengths in one batch: padding must not leak
    assert onnx.shape == (4, 384) and onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * torch_vecs).sum(axis=1).min() > 0.9999


def test_int8_default_stays_close_to_float32(embedder, torch_vecs):
    assert isinstance(embedder, MiniLMEmbedder) and embedder.precision == "int8"
    vecs = embedder.encode(TEXTS, batch_size=3)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    cos = (vecs * torch_vecs).sum(axis=1)
    assert cos.min() > 0.97 and cos.mean() > 0.98


def test_int8_and_fp32_rank_passages_alike(embedder):
    fp32 = MiniLMEmbedder(precision="fp32")
    passages = ANSWERS + DISTRACTORS
    for emb in (embedder, fp32):
        sims = emb.encode(QUERIES) @ emb.encode(passages).T
        assert list(sims.argmax(axis=1)) == list(range(len(QUERIES)))
    a = embedder.encode(QUERIES) @ embedder.encode(passages).T
    b = fp32.encode(QUERIES) @ fp32.encode(passages).T
    assert np.abs(a - b).max() < 0.05


def test_similar_sentences_are_closer_than_unrelated(embedder):
    a, b, c = embedder.encode(["The cat sat on the mat.", "A cat was sitting on the rug.", "Oil prices rose 3%."])
    assert a @ b > a @ c + 0.2


def test_precision_and_name_errors_are_clear():
    with pytest.raises(ModelError, match="precision 'fp16'"):
        MiniLMEmbedder(precision="fp16")
    with pytest.raises(ConfigError, match="unknown embedder 'bert'.*minilm-fp32"):
        make_embedder("bert")
    assert make_embedder("minilm-fp32").precision == "fp32" and "minilm" in EMBEDDERS


def test_a_vector_does_not_depend_on_its_batch(embedder):
    """int8 activations are scaled per run: the embedder must not let batch-mates change a vector."""
    texts = ["short", "A much longer sentence, with many more tokens in it than the others, about tax policy.",
             "The World Health Organization reported 320,000 measles cases in Europe."] + QUERIES
    together = embedder.encode(texts, batch_size=16)
    alone = np.stack([embedder.encode([t])[0] for t in texts])
    assert (together * alone).sum(axis=1).min() > 0.99999
