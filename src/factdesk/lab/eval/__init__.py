"""Evaluators of runtime stages that have no trainer of their own.

Modules: ``decontext`` (``factdesk eval decontext``: decontextualisation against a labelled set,
shipped in ``factdesk/resources/eval``), ``claims`` (``factdesk eval claims``: the claim stage against
articles with expected one-fact claims) and ``retrieval`` (``factdesk eval retrieval``: recall@k of
gold evidence on the shared fact-verification sets).
"""

from factdesk.lab.eval.claims import evaluate_claims, load_articles
from factdesk.lab.eval.decontext import default_set, evaluate_decontext, load_set
from factdesk.lab.eval.retrieval import EvalSet, load_eval_set, recall_at

__all__ = ["EvalSet", "default_set", "evaluate_claims", "evaluate_decontext", "load_articles", "load_eval_set", "load_set",
           "recall_at"]
