"""Training of the claim-level decision (``factdesk train verdict``): ``train`` collects development
claims' weighed evidence, fits the decision and chooses its thresholds for precision."""

from factdesk.lab.verdict.train import Collected, collect, train_verdict, write_card

__all__ = ["Collected", "collect", "train_verdict", "write_card"]
