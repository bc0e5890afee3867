"""reviewqa: offline, cited question answering over UK child-safeguarding case reviews.

The code lives in one folder per stage of the flow (see README): ``corpus`` (documents in,
reviews and chunks out), ``embed`` (model and vector index), ``retriever`` (search and
cited answers), ``ui`` (command line, web app, HTTP API) and ``eval`` (dev set, metrics,
benchmarks). Each is installed as a sub-package of ``reviewqa``.
"""

__version__ = "0.1.0"
