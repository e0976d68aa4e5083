"""The analysis stage's training wing: the PTC reader, the propaganda span tagger's trainer and
evaluator, the lexicon miner, the machine-written model's trainer, the comment-flag evaluators and
the common-word miner. The runtime (``factdesk.analyse``) never imports it.

- :mod:`~factdesk.lab.analyse.ptc` — the PTC corpus and its split by article;
- :mod:`~factdesk.lab.analyse.span_metrics` — SemEval-2020 Task 11 span and technique scores;
- :mod:`~factdesk.lab.analyse.tagger_train` — fine-tune MiniLM as the span tagger, export int8 ONNX;
- :mod:`~factdesk.lab.analyse.operating` — choose and measure the operating points shown to readers,
  and score any technique detector;
- :mod:`~factdesk.lab.analyse.lexicon` — mine the fallback technique lexicon;
- :mod:`~factdesk.lab.analyse.comment_data` / :mod:`~factdesk.lab.analyse.comment_eval` — the
  labelled comment set, TweepFake, YouTube spam and the flag scores;
- :mod:`~factdesk.lab.analyse.machine_train` — the machine-written model;
- :mod:`~factdesk.lab.analyse.common_words` — the common-news-word list;
- :mod:`~factdesk.lab.analyse.tasks` — what ``factdesk train|eval propaganda|comments`` run.
"""

__all__: list[str] = []
