"""Write ``MODEL_CARD.md`` for the stance model from its metadata and the dev figures."""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.verify.evaluate import format_table


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
    from factdesk.verify.nli import default_model_dir

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
- Licences of the training sets include CC BY-NC (ANLI, IMPPRES, AVeriTeC); see each set's README.
"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text)
    return path
