"""Scale out: batch checking and feed monitoring, in one process or on a Ray cluster.

>>> from factdesk.scale import expand_inputs, run_jobs, BatchOutput
>>> jobs = expand_inputs(["articles/"])
>>> summary = run_jobs(jobs, config, BatchOutput("out"), engine="ray", workers=2)
"""

from factdesk.scale.batch import BatchSummary, run_jobs
from factdesk.scale.engines import ENGINES, LocalEngine, RayEngine, make_engine
from factdesk.scale.inputs import Job, expand_inputs
from factdesk.scale.monitor import FeedMonitor, PollSummary
from factdesk.scale.outputs import BatchOutput

__all__ = [
    "ENGINES", "BatchOutput", "BatchSummary", "FeedMonitor", "Job", "LocalEngine", "PollSummary",
    "RayEngine", "expand_inputs", "make_engine", "run_jobs",
]
