"""A store writer run as a real subprocess by the crash and concurrency tests.

    python -m tests.store.writer DB import FIRST LAST BATCH   # import docs FIRST..LAST-1
    python -m tests.store.writer DB report KEY                # save a report, then wait to be killed

Prints one line per committed batch ("committed N") so the test knows when to kill it.
"""

from __future__ import annotations

import sys
import time

from factdesk.evidence.store import open_store
from factdesk.models import Document
from tests.doubles import HashEmbedder

WORDS = "harbour council budget glacier river school vaccine railway tariff election museum drought".split()


def make_doc(i: int) -> Document:
    a, b, c = WORDS[i % 12], WORDS[(i * 7) % 12], WORDS[(i * 5 + 3) % 12]
    text = (
        f"Document {i} reports that the {a} plan cost {i * 3} million. "
        f"Officials linked the {b} decision to the {c} vote in year {1900 + i % 120}. "
        f"A third sentence about item {i} closes the note."
    )
    return Document(id=f"doc-{i}", title=f"Note {i}", text=text, source="crashtest")


def main(argv: list[str]) -> None:
    db, action = argv[0], argv[1]
    store = open_store(db, embedder=HashEmbedder())
    if action == "import":
        first, last, batch = int(argv[2]), int(argv[3]), int(argv[4])
        docs = (make_doc(i) for i in range(first, last))
        store.add_documents(docs, batch_size=batch, progress=lambda n, msg: print(f"committed {n}", flush=True))
        print("done", flush=True)
    elif action == "report":
        store.save_report(argv[2], '{"saved": true}', {"by": "writer"})
        print("saved", flush=True)
        time.sleep(120)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
