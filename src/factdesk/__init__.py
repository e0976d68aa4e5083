"""factdesk: an offline fact desk for news articles."""

from factdesk.blas import use_one_blas_thread

__version__ = "0.1.0"

__all__ = ["__version__"]

use_one_blas_thread()  # before numpy loads OpenBLAS: see factdesk.blas
