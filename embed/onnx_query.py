"""Query encoding without torch: the embedding model exported once to ONNX, run by ONNX Runtime.

Importing torch and sentence-transformers takes seconds; a search needs one vector. So the
sentence-transformers folder (by default the bundled all-MiniLM-L6-v2) is exported once,
while torch is loaded anyway (at ingest, or at the first query that had to use torch), to

    $REVIEWQA_CACHE/query-encoders/<key>/     (default ~/.cache/reviewqa, or $XDG_CACHE_HOME)
        model.onnx       the transformer plus mean pooling and L2 normalisation, fp32, opset 17
        tokenizer.json   the model's fast tokenizer, run by the ``tokenizers`` package
        export.json      what was exported from what, and how well it matched torch

``<key>`` digests the weights and the configuration files, so another model, or the same
weights with another tokenizer or pooling, gets its own export. The folder is written
under a temporary name and renamed into place only after its vectors were checked against
the torch model's, so a reader sees a whole, validated export or none.

The encoder reproduces sentence-transformers exactly: the same tokenizer with truncation at
the model's ``max_seq_length`` (256 for MiniLM, overriding the 128 that its tokenizer.json
carries), mean pooling over the attention mask, then L2 normalisation. Only folders whose
modules.json is Transformer -> mean Pooling [-> Normalize] are exported; others keep torch.

Each index folder holds ``query_encoder.json`` (see :class:`QueryEncoderRecord`): probe texts
and the vectors the torch model gave them when it built the index, and which query encoder
was validated against them. Opening an index encodes the probes with the ONNX encoder and
refuses, with a rebuild hint, when any cosine falls below :data:`MIN_COSINE`.

``REVIEWQA_QUERY_ENCODER=torch`` turns the ONNX encoder off (queries then load torch).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .files import fsync_dir, fsync_file, write_atomic

log = logging.getLogger(__name__)

ENCODER_ENV = "REVIEWQA_QUERY_ENCODER"
CACHE_ENV = "REVIEWQA_CACHE"
KIND = "onnx-fp32"
EXPORT_FORMAT = 1
OPSET = 17
ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
EXPORT_INFO = "export.json"
RECORD_FILE = "query_encoder.json"
RECORD_FORMAT = 1

MIN_COSINE = 0.9999
"""The least cosine, on every probe text, between the ONNX encoder's vector and the torch
model's. fp32 ONNX Runtime against torch measures above 0.999999 on the dev questions; an
int8 export of the same model measures about 0.99 and is refused. 1e-4 of cosine moves a
score by far less than the gaps between neighbouring hits."""

PROBES: tuple[str, ...] = (
    "neglect",
    "How old was Sama when she died?",
    "Which reviews found that information about domestic abuse was not shared "
    "between the police and children's social care?",
    "Professionals were too ready to accept the mother's explanations and did not "
    "challenge her.",
    "Ünïcödé café – “quoted” words, ‘apostrophes’ and numbers 1,234.5 (GP/CAMHS)",
    "",
)
"""Texts whose vectors an index records and every open re-checks (short, so the check
costs one small batch)."""

LONG_PROBE = " ".join(
    ["The health visitor recorded concerns about the baby's weight and bruising, "
     "but supervision was cancelled and the referral was never made."] * 20)
"""About 500 tokens: the export is also checked past the 256-token window (truncation)."""

# Configuration files whose content changes what the encoder computes.
_CONFIG_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json", "vocab.txt", "modules.json",
                 "sentence_bert_config.json", "config_sentence_transformers.json")


class QueryEncoderUnavailable(Exception):
    """The ONNX query encoder cannot be built or loaded here; queries use torch instead."""


def enabled() -> bool:
    """False when ``REVIEWQA_QUERY_ENCODER=torch`` asks for the torch model only."""
    return os.environ.get(ENCODER_ENV, "auto").strip().lower() not in ("torch", "off", "0")


def cache_root() -> Path:
    """``$REVIEWQA_CACHE``, else ``$XDG_CACHE_HOME/reviewqa``, else ``~/.cache/reviewqa``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "reviewqa"


# -- what the model folder says ---------------------------------------------------------------


@dataclass(frozen=True)
class SentenceConfig:
    """What sentence-transformers does around the transformer, read from the folder."""

    max_seq_length: int
    do_lower_case: bool
    normalize: bool
    dim: int


def sentence_config(folder: Path) -> SentenceConfig:
    """The folder's tokenisation and pooling, if the ONNX encoder can reproduce them."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]) \
                or modules[0].get("path", ""):
            raise QueryEncoderUnavailable(f"modules {kinds} are not Transformer, Pooling[, Normalize]")
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
        if modes != ["pooling_mode_mean_tokens"]:
            raise QueryEncoderUnavailable(f"pooling {modes} is not mean pooling")
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        if not (folder / TOKENIZER_FILE).is_file():
            raise QueryEncoderUnavailable("the folder has no tokenizer.json")
        return SentenceConfig(max_seq_length=int(st_config["max_seq_length"]),
                              do_lower_case=bool(st_config.get("do_lower_case", False)),
                              normalize=len(kinds) == 3,
                              dim=int(pooling["word_embedding_dimension"]))
    except QueryEncoderUnavailable:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as err:
        raise QueryEncoderUnavailable(f"cannot read the sentence-transformers config ({err})") from err


def encoder_key(folder: Path, weights_checksum: str) -> str:
    """Identifies an export: the weights' checksum, the configuration, and this exporter."""
    digest = hashlib.sha256(f"{KIND}\0{EXPORT_FORMAT}\0{OPSET}\0{weights_checksum}\n".encode())
    for name in _CONFIG_FILES:
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    try:
        for module in json.loads((folder / "modules.json").read_text(encoding="utf-8")):
            config = folder / module.get("path", "") / "config.json"
            if module.get("path") and config.is_file():
                digest.update(hashlib.sha256(config.read_bytes()).digest())
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    return digest.hexdigest()


def encoder_dir(folder: Path, weights_checksum: str) -> Path:
    """Where the export of this model folder lives (it may not exist yet)."""
    return cache_root() / "query-encoders" / encoder_key(folder, weights_checksum)[:32]


# -- the encoder ------------------------------------------------------------------------------


class OnnxQueryEncoder:
    """Texts to unit float32 vectors with ONNX Runtime and ``tokenizers``; no torch.

    Thread-safe: the tokenizer is configured once here and ONNX Runtime sessions may run
    concurrently.
    """

    def __init__(self, directory: Path, info: dict) -> None:
        """Use :meth:`open`."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.directory = directory
        self.info = info
        config = SentenceConfig(**info["sentence_config"])
        self.config = config
        tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        tokenizer.enable_truncation(max_length=config.max_seq_length, strategy="longest_first")
        padding = tokenizer.padding or {}
        pad_token = padding.get("pad_token", "[PAD]")
        pad_id = tokenizer.token_to_id(pad_token)
        tokenizer.no_padding()
        tokenizer.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token=pad_token)
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.log_severity_level = 3  # errors only: the library must not print
        self._session = ort.InferenceSession(str(directory / ONNX_FILE), sess_options=options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    @classmethod
    def open(cls, directory: Path) -> OnnxQueryEncoder:
        """The export in ``directory``; :class:`QueryEncoderUnavailable` if absent or unusable."""
        try:
            info = json.loads((directory / EXPORT_INFO).read_text(encoding="utf-8"))
            if info.get("format") != EXPORT_FORMAT or info.get("kind") != KIND:
                raise QueryEncoderUnavailable(f"{directory} holds another export format")
            return cls(directory, info)
        except QueryEncoderUnavailable:
            raise
        except FileNotFoundError as err:
            raise QueryEncoderUnavailable(f"no query encoder exported in {directory}") from err
        except ImportError as err:
            raise QueryEncoderUnavailable(f"onnxruntime or tokenizers is not installed ({err})") from err
        except Exception as err:  # ONNX Runtime and tokenizers raise their own error types
            raise QueryEncoderUnavailable(f"query encoder in {directory} cannot be loaded ({err})") from err

    @property
    def identity(self) -> dict:
        """What the index record keeps about this encoder."""
        import onnxruntime as ort

        return {"kind": self.info["kind"], "onnx_sha256": self.info["onnx_sha256"],
                "opset": self.info["opset"], "onnxruntime": ort.__version__}

    @property
    def label(self) -> str:
        return f"{self.info['kind']} (sha256 {self.info['onnx_sha256'][:12]})"

    @property
    def dim(self) -> int:
        return self.config.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(n, dim)`` float32 rows, L2-normalised as sentence-transformers does."""
        texts = [str(t).strip() for t in texts]
        if self.config.do_lower_case:
            texts = [t.lower() for t in texts]
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (vectors,) = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
        return np.ascontiguousarray(vectors, dtype=np.float32)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two ``(n, dim)`` arrays."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return (a * b).sum(axis=1) / np.maximum(norms, 1e-12)


def agreement(encoder: OnnxQueryEncoder, texts: Sequence[str], reference: np.ndarray, *,
              one_by_one: bool = False) -> float:
    """The least cosine between the encoder's vectors and ``reference``'s rows: texts in one
    padded batch, or ``one_by_one`` as queries are encoded."""
    if not len(texts):
        return 1.0
    if one_by_one:
        ours = np.vstack([encoder.encode([t]) for t in texts])
    else:
        ours = encoder.encode(texts)
    return float(cosines(ours, reference).min())


def validate(encoder: OnnxQueryEncoder, reference: Callable[[list[str]], np.ndarray]) -> float:
    """The least cosine against ``reference`` (the torch model's ``encode``) on the probes
    and the long probe, each alone and all in one padded batch."""
    texts = [*PROBES, LONG_PROBE]
    expected = np.asarray(reference(texts), dtype=np.float32)
    return min(agreement(encoder, texts, expected, one_by_one=True),
               agreement(encoder, texts, expected))


# -- export (needs torch, transformers and onnx) ---------------------------------------------


def load_export(folder: Path, weights_checksum: str) -> OnnxQueryEncoder:
    """The cached export for this model folder; :class:`QueryEncoderUnavailable` if none."""
    sentence_config(folder)  # a folder the encoder cannot reproduce is never looked up
    return OnnxQueryEncoder.open(encoder_dir(folder, weights_checksum))


_export_lock = threading.Lock()


def export(folder: Path, weights_checksum: str, reference: Callable[[list[str]], np.ndarray],
           *, model_name: str = "", replace: bool = False) -> OnnxQueryEncoder:
    """Exports the folder's model to the cache, checks it against ``reference`` (the torch
    model's ``encode``), installs it atomically and returns it.

    An export already in place is returned as it is unless ``replace``. One that disagrees
    with ``reference`` is never installed (and, with ``replace``, the old one is removed), so
    queries fall back to torch: :class:`QueryEncoderUnavailable` says why.
    """
    config = sentence_config(folder)
    target = encoder_dir(folder, weights_checksum)
    with _export_lock:
        if not replace:
            try:
                return OnnxQueryEncoder.open(target)
            except QueryEncoderUnavailable:
                pass
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
        try:
            info = _export_to(staging, folder, config, weights_checksum, model_name)
            encoder = OnnxQueryEncoder(staging, info)
            info["validated_min_cosine"] = validate(encoder, reference)
            info["validated_texts"] = len(PROBES) + 1
            if info["validated_min_cosine"] < MIN_COSINE:
                if replace:
                    _discard(target)
                raise QueryEncoderUnavailable(
                    f"the ONNX export of {folder} disagrees with the torch model "
                    f"(least cosine {info['validated_min_cosine']:.6f} < {MIN_COSINE})")
            write_atomic(staging / EXPORT_INFO, json.dumps(info, indent=2, sort_keys=True) + "\n")
            fsync_dir(staging)
            if replace:
                _discard(target)
            try:
                os.rename(staging, target)
            except OSError:  # another process installed one meanwhile: use theirs
                if not target.is_dir():
                    raise
                return OnnxQueryEncoder.open(target)
            fsync_dir(target.parent)
            return OnnxQueryEncoder(target, info)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _export_to(staging: Path, folder: Path, config: SentenceConfig, weights_checksum: str,
               model_name: str) -> dict:
    """Writes model.onnx and tokenizer.json into ``staging``; returns export.json's content."""
    from reviewqa.offline import set_offline_env

    set_offline_env()
    try:
        import onnx  # noqa: F401 - torch's exporter needs it; say so plainly if it is missing
        import torch
        import transformers
        from transformers import AutoModel
    except ImportError as err:
        raise QueryEncoderUnavailable(f"exporting the query encoder needs {err.name}") from err

    class SentenceEncoder(torch.nn.Module):
        """The transformer, mean pooling over the attention mask, and L2 normalisation."""

        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids)[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            if config.normalize:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            return pooled

    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        model = AutoModel.from_pretrained(str(folder), attn_implementation="eager",
                                          local_files_only=True, dtype=torch.float32)
    except Exception as err:
        raise QueryEncoderUnavailable(f"cannot load {folder} for export ({err})") from err
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()
    wrapper = SentenceEncoder(model.eval().to("cpu")).eval()
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102], [101, 3231, 102, 0, 0, 0]])
    mask = (ids != 0).to(torch.int64)
    axes = {0: "batch", 1: "sequence"}
    onnx_path = staging / ONNX_FILE
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                wrapper, (ids, mask, torch.zeros_like(ids)), str(onnx_path),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["sentence_embedding"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes,
                              "token_type_ids": axes, "sentence_embedding": {0: "batch"}},
                opset_version=OPSET, do_constant_folding=True, dynamo=False,
            )
    except Exception as err:
        raise QueryEncoderUnavailable(f"torch could not export {folder} to ONNX ({err})") from err
    fsync_file(onnx_path)
    shutil.copyfile(folder / TOKENIZER_FILE, staging / TOKENIZER_FILE)
    fsync_file(staging / TOKENIZER_FILE)
    with onnx_path.open("rb") as handle:
        onnx_sha = hashlib.file_digest(handle, "sha256").hexdigest()
    return {
        "format": EXPORT_FORMAT, "kind": KIND, "opset": OPSET,
        "model_name": model_name, "model_checksum": weights_checksum,
        "source_folder": str(folder), "onnx_sha256": onnx_sha,
        "onnx_bytes": onnx_path.stat().st_size,
        "sentence_config": asdict(config),
        "torch": torch.__version__, "transformers": transformers.__version__,
    }


def _discard(target: Path) -> None:
    """Removes an installed export: renamed aside first, so readers never see half of one."""
    if not target.exists():
        return
    aside = target.with_name(f".{target.name}.old-{os.getpid()}-{threading.get_ident()}")
    os.rename(target, aside)
    shutil.rmtree(aside, ignore_errors=True)


# -- the record in the index folder -----------------------------------------------------------


@dataclass(frozen=True)
class QueryEncoderRecord:
    """``query_encoder.json`` in an index folder: what the query encoder must agree with.

    ``probe_vectors`` are what the model that embedded the index (torch) gave the probe
    texts; ``query_encoder`` is the identity of the ONNX encoder validated against them
    (None when none was available), with the least cosine measured.
    """

    model_name: str
    model_checksum: str
    probe_texts: list[str]
    probe_vectors: np.ndarray
    reference: dict
    query_encoder: dict | None
    min_cosine: float | None
    tolerance: float = MIN_COSINE
    format: int = RECORD_FORMAT

    def to_json(self) -> str:
        data = asdict(self)
        vectors = np.ascontiguousarray(self.probe_vectors, dtype="<f4")
        data["probe_vectors"] = {"dtype": "float32-le", "shape": list(vectors.shape),
                                 "base64": base64.b64encode(vectors.tobytes()).decode("ascii")}
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def read(cls, directory: Path) -> QueryEncoderRecord | None:
        """The folder's record, or None when it has none or an unreadable one."""
        try:
            data = json.loads((directory / RECORD_FILE).read_text(encoding="utf-8"))
            if data.get("format") != RECORD_FORMAT:
                return None
            raw = data["probe_vectors"]
            vectors = np.frombuffer(base64.b64decode(raw["base64"]), dtype="<f4")
            data["probe_vectors"] = vectors.reshape(raw["shape"]).astype(np.float32)
            record = cls(**data)
            if len(record.probe_texts) != len(record.probe_vectors):
                return None
            return record
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.warning("ignoring unreadable %s in %s: %s", RECORD_FILE, directory, err)
            return None

    def write(self, directory: Path) -> None:
        write_atomic(directory / RECORD_FILE, self.to_json())


def describe_torch_reference(device: str) -> dict:
    """The torch side of a record (called only where torch is loaded already)."""
    import sentence_transformers
    import torch

    return {"encoder": "sentence-transformers", "torch": torch.__version__,
            "sentence_transformers": sentence_transformers.__version__, "device": device}
