"""Write ``MODEL_CARD.md`` for the stance model from its metadata and the dev figures."""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.lab.stance.evaluate import format_table



#: the training sets' terms, as their READMEs in ../shared/data quote them (both cards carry it)
LICENCES = """- Licences of the training sets (each set's README in `../shared/data` quotes its source): CC BY-NC
  (ANLI, IMPPRES, AVeriTeC); CC BY-SA (FEVER dev gold evidence, Climate-FEVER: Wikipedia text);
  Apache-2.0 (Fool Me Twice's repository); the LDC User Agreement for semi-automatic NLI's Gigaword
  premises; **no licence stated** by the authors of LingNLI, NLI New Protocols (annotations; premises
  from Wikipedia), FNC-1, COVID-Fact and HealthVer. Trained here for research and evaluation; whoever
  redistributes the weights should check those terms.
"""

def _claims_section(r: dict | None) -> str:
    if not r:
        return "Not run."
    d = r["dev"]
    return (f"Each claim's five Wikipedia sentences are the candidates; labels supported / refuted / mixed "
            f"(DISPUTED) / not_enough_evidence. Confidence curve fitted on {r['calibration_claims']} calibration "
            f"claims (parameters {r['params']}); on {r['dev_claims']} dev claims: accuracy {d['accuracy']:.3f} "
            f"(always 'supported': {d['majority_accuracy']:.3f}), macro-F1 {d['macro_f1']:.3f}, ECE "
            f"{d['ece_before']:.3f} before and {d['ece_after']:.3f} after calibration. Predicted {d['predicted']} "
            f"vs gold {d['gold']}: the verifier says not_enough_evidence far more often than the annotators "
            f"(its thresholds favour abstaining over guessing).")


def _cap_text(cap: int | None) -> str:
    if cap:
        return (f"every NLI set is capped at a seeded {cap} training pairs (`--max-per-set`; fact-verification "
                f"sets are used in full)")
    return ("every set's training side is used in full (`--max-per-set 0`) except IMPPRES, capped at a seeded "
            "4000 pairs (it is large and templated)")


def write_model_card(meta: dict, results: dict, model_dir: Path | None = None) -> Path:
    from factdesk.verify.head import default_model_dir

    model_dir = Path(model_dir or default_model_dir())
    (model_dir / "dev_results.json").write_text(json.dumps(results, indent=2) + "\n")
    size = (model_dir / "stance.onnx").stat().st_size
    data_rows = "\n".join(f"| {k} | {v} |" for k, v in meta.get("data", {}).items())
    text = f"""# Stance model (factdesk verify)

Predicts P(supports), P(refutes), P(neutral) for a (claim, evidence passage) pair.
Produced by `factdesk train stance --seed {meta.get('seed')} --epochs {meta.get('epochs')}` (CPU, {meta.get('seconds')} s
after embeddings are cached). Files: `stance.onnx` ({size / 1e6:.2f} MB, float32 — small enough that int8 was not
needed), `meta.json` (provenance), `dev_results.json` (figures below).

## Design
- Frozen sentence embeddings: {meta.get('embedder')}. u = claim, v = passage.
- Head: MLP ({meta.get('hidden')} → {meta.get('hidden', 512) // 2} → 3, GELU, dropout) over
  [u, v, |u−v|, u⊙v, cos(u, v), {meta.get('n_features')} alignment features].
- Alignment features (regular expressions, same code at training and inference): {', '.join(meta.get('feature_names', []))}.
- Loss: cross-entropy; for 2-way sets (RTE, MED: entailment vs not) the negative class is scored as
  P(refutes) + P(neutral). Fact-verification sets (loss weight {meta.get('fact_weight', 2.0)}) and synthetic edits are up-weighted.
- Softmax temperature {meta.get('temperature'):.2f}, fitted on a calibration slice (10 % of training groups,
  not trained on; never the dev split).

## Data (pairs per set and split; `train` = fitted, `dev` = evaluation only)
Sets shipped as dev only are split 80/20 (FEVER-symmetric 50/50, AVeriTeC and SciFact 70/30) by a
stable hash of the premise / claim id, so no premise or claim is on both sides. CAD and RTE keep their
official splits; SNLI pairs whose premise occurs in a CAD dev pair are kept out of training; TaxiNLI
pairs that duplicate MultiNLI dev are not used; {_cap_text(meta.get('max_per_set'))}; AVeriTeC
"conflicting" claims and HoVer (no evidence text) are not used. Synthetic refutations
(`synthetic-number/date/name/negation`: one detail of a supported claim changed) and off-topic neutral
pairs (`synthetic-unrelated`) are made from training pairs only.

| set/split | pairs |
| --- | --- |
{data_rows}

Training label counts: {meta.get('train_label_counts')}.

## Dev figures (`factdesk eval stance`)
`n` = dev pairs scored: a seeded sample of at most `--eval-per-set` pairs per set (the table above lists
the full dev splits; `factdesk eval stance` without `--max-per-set` scores all of them). 2-way sets are read in their own label space (FEVER-symmetric: supports vs refutes; RTE/MED: supports
vs not). Baselines: majority class of the set's training side; cosine-similarity threshold chosen on
training pairs.

```
{format_table(results)}
```

## Claim-level verdicts (whole verifier, Climate-FEVER claims)
{_claims_section(results.get("_claims_climate_fever"))}

## Limits
- A head over frozen bi-encoder embeddings does not read the two texts together: it misses fine
  word-order and scope phenomena (who did what to whom, quantifier scope). The alignment features and
  the rule checks in `factdesk.verify` (numbers, dates, names, negation, quotes) cover the commonest
  factual edits; the model alone is well below a fine-tuned cross-encoder on hard NLI (ANLI).
- English only; embeddings truncate at 128 word pieces (long passages are cut).
- Trained mostly on NLI captions / fiction / Wikipedia / science; news wording is under-represented.
{LICENCES}"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text)
    return path


def write_cross_card(meta: dict, results: dict, model_dir: Path) -> Path:
    """``MODEL_CARD.md`` of the cross-encoder: design, data, calibration, dev figures of the cascade and
    of the cross-encoder alone, claim-level verdicts of the cascade."""
    model_dir = Path(model_dir)
    (model_dir / "dev_results.json").write_text(json.dumps(results, indent=2) + "\n")
    size = (model_dir / "stance_cross.onnx").stat().st_size
    cfg = meta.get("config", {})
    data_rows = "\n".join(f"| {k} | {v} |" for k, v in meta.get("data", {}).items())
    tables = "\n\n".join(f"{name}:\n```\n{format_table(results[name])}\n```" for name in ("cascade", "cross")
                         if name in results)
    text = f"""# Cross-encoder stance model (factdesk verify, the cascade's second stage)

Predicts P(supports), P(refutes), P(neutral) for a (claim, evidence passage) pair, reading both texts
together. Produced by `factdesk train stance --design cross --seed {cfg.get('seed')} --epochs {cfg.get('epochs')}`
on the project's 2-core CPU ({meta.get('seconds')} s, {meta.get('steps')} steps of {cfg.get('batch_size')} pairs).
Files: `stance_cross.onnx` ({size / 1e6:.2f} MB, int8), `meta.json` (provenance, calibration), `dev_results.json`.

## Design
- {meta.get('design')}.
- Start: the packaged all-MiniLM-L6-v2 weights (a sentence-embedding model, not an NLI model) with a
  new classifier; AdamW, learning rate {cfg.get('lr')} with {cfg.get('warmup')} linear warm-up and linear
  decay, weight decay {cfg.get('weight_decay')}, pairs cut to {meta.get('max_length')} word pieces.
- The same training pairs, partial-label loss (2-way sets: P(refutes) + P(neutral) for the negative
  class) and up-weighting of fact-verification sets (×{cfg.get('fact_weight')}) as the head.
- Softmax temperature {meta.get('temperature'):.2f} and the cascade's blend weight
  w = {meta.get('blend_weight')} (probabilities = w·cross + (1 − w)·head) both fitted on a calibration slice
  ({meta.get('calibration_pairs')} pairs of the 10 % of training groups neither model was fitted on; never the
  dev split). 3-way accuracy on that slice: {meta.get('calibration_accuracy_3way')}.
- In `factdesk check` (config `stance = "cascade"`, the default) the head scores every candidate
  passage; the cross-encoder reads each claim's `cross_top_k` (default 4) most relevant ones, one
  pair per onnxruntime call (int8 activations are scaled per call, so batch-mates would move results).

## Data (pairs per set and split; `train` = fitted, `dev` = evaluation only)
As for the head (see `../stance/MODEL_CARD.md` for the splits and leakage guards).

| set/split | pairs |
| --- | --- |
{data_rows}

Training label counts: {meta.get('train_label_counts')}.

## Dev figures (`factdesk eval stance --design cascade|cross`)
2-way sets are read in their own label space (FEVER-symmetric: supports vs refutes; RTE/MED: supports
vs not). Baselines: majority class of the set's training side; cosine-similarity threshold chosen on
training pairs. `factdesk eval stance --design head` gives the head alone.

{tables}

## Claim-level verdicts (whole verifier with the cascade, Climate-FEVER claims)
{_claims_section(results.get("_claims_climate_fever"))}

## Limits
- Six layers, 384 wide, fine-tuned for about {cfg.get('epochs')} epochs on ~{meta.get('train_pairs')} pairs on a CPU: far
  less NLI data than published MiniLM cross-encoders see (MultiNLI train alone is 393k pairs; it is
  not in `../shared/data`). Hard adversarial NLI (ANLI) stays near chance.
- Pairs longer than {meta.get('max_length')} word pieces are cut (the passage side first when it is the longer).
- It still misreads who did what to whom ("Valencia beat Barcelona" read as support for "Barcelona won")
  and some antonyms ("left rates unchanged", "reported a loss"): 7 of the 10 written pairs in
  `tests/verify/test_cross.py`. The rule checks (numbers, dates, names in the same slot, negation,
  quotes) still carry the exact comparisons.
- Better pair-level stance has not made better claim-level verdicts on Climate-FEVER (see above, and
  the head's card): the verdict thresholds, abstention and the five-sentence candidate sets limit those.
- English only; news wording is under-represented in the training data.
{LICENCES}"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text)
    return path
