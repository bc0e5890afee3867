"""The offline environment, set in one place.

Nothing in reviewqa may reach a model hub or send analytics. The Hugging Face libraries and
Gradio read these variables when they are imported, so :func:`set_offline_env` is called at
every entry point (the ``reviewqa`` command, ``reviewqa.ui.server``) and again where the
embedding model loads, which covers library users who never touch an entry point.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",  # huggingface_hub: never download, never call home
    "TRANSFORMERS_OFFLINE": "1",  # transformers: local files only
    "GRADIO_ANALYTICS_ENABLED": "False",  # gradio: no usage analytics
}


def set_offline_env() -> None:
    """Forces the variables above (a user's ``HF_HUB_OFFLINE=0`` must not switch the hub on)."""
    os.environ.update(OFFLINE_ENV)
