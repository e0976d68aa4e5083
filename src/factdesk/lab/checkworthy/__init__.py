"""Training and evaluation of the check-worthiness model (``factdesk train|eval checkworthy``).

Modules: ``data`` (the public check-worthiness corpora, or any folder laid out like one) and
``train`` (training set, trainer, evaluation, model card; its ``train`` function is imported from
the module, so the package attribute stays the module).
"""

from factdesk.lab.checkworthy.data import Example, read_folder
from factdesk.lab.checkworthy.train import evaluate, model_card

__all__ = ["Example", "evaluate", "model_card", "read_folder"]
