"""The training wing: everything that trains or evaluates a model, by model.

- :mod:`factdesk.lab.stance` — the stance head and the cross-encoder: shared data sets, synthetic
  refutations, trainers, evaluation, verdict calibration, model cards;
- :mod:`factdesk.lab.checkworthy` — the check-worthiness model: corpora, trainer, evaluation;
- :mod:`factdesk.lab.eval` — evaluators of runtime stages that have no trainer (decontextualisation,
  retrieval).

The runtime never imports this package (``tests/test_layout.py`` enforces it); the ``factdesk train``
and ``factdesk eval`` commands import it inside the command functions.
"""

__all__: list[str] = []
