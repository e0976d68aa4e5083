"""Claims: sentences → self-contained atomic claims → types → check-worthiness.

``ClaimExtractor(...).extract(article) -> (claims, warnings)``

Modules: ``extractor`` (the stage), ``sentences`` (sentences with exact spans), ``decontext`` and
``mentions`` (pronouns, role phrases and descriptions resolved), ``relative_dates`` ("yesterday" →
a date), ``types`` (quote, number, opinion…), ``checkworthy`` (the check-worthiness model),
``nlp`` and ``attribute_index`` (the spaCy pipeline), ``background`` (embedding on a worker thread).
"""

from factdesk.claims.extractor import ClaimExtractor
from factdesk.claims.sentences import Sentence, split_sentences

__all__ = ["ClaimExtractor", "Sentence", "split_sentences"]
