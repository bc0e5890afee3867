"""The torch-free query encoder: the bundled model exported to ONNX, checked against torch,
recorded in the index folder, and refused when it disagrees with the index."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from reviewqa.embed import onnx_query
from reviewqa.embed.index import IndexMismatchError
from reviewqa.embed.model import Embedder
from reviewqa.embed.pipeline import CorpusIndex, check_query_encoder

TORBAY = "torbay-2024-nspcc-repository-january.txt"
DEV_SET = Path(__file__).resolve().parents[1] / "eval" / "data" / "dev.jsonl"


def dev_questions() -> list[str]:
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


@pytest.fixture(scope="module")
def encoder(embedder) -> onnx_query.OnnxQueryEncoder:
    """The cached export of the bundled model (exported now if this machine has none)."""
    found = embedder.prepare_query_encoder()
    assert found is not None, "the ONNX query encoder could not be exported"
    return found


def test_onnx_vectors_match_the_torch_model_on_the_dev_questions(embedder, encoder):
    questions = dev_questions()
    assert len(questions) >= 50
    torch_vectors = embedder.encode(questions)  # torch, batched, as the index is built
    onnx_vectors = np.vstack([encoder.encode([q]) for q in questions])  # one by one, as queried
    cos = onnx_query.cosines(onnx_vectors, torch_vectors)
    assert cos.min() >= onnx_query.MIN_COSINE, (cos.min(), questions[int(cos.argmin())])
    assert onnx_vectors.dtype == np.float32 and onnx_vectors.shape == torch_vectors.shape
    np.testing.assert_allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    # Batched (padded) ONNX encoding agrees too.
    assert onnx_query.cosines(encoder.encode(questions), torch_vectors).min() >= onnx_query.MIN_COSINE


def test_truncation_at_the_256_token_window_matches(embedder, encoder):
    long_text = onnx_query.LONG_PROBE + " and then something else entirely about the weather"
    assert embedder.count_tokens(long_text) > embedder.max_tokens == 256
    assert encoder.config.max_seq_length == 256  # not the 128 in the bundled tokenizer.json
    reference = embedder.encode([long_text, onnx_query.LONG_PROBE])
    ours = encoder.encode([long_text])
    assert onnx_query.cosines(ours, reference[:1])[0] >= onnx_query.MIN_COSINE
    # Both are cut to the same first 256 tokens, so their vectors coincide.
    assert onnx_query.cosines(ours, reference[1:])[0] > 0.99999


def test_encode_query_uses_the_onnx_encoder_and_matches_encode(embedder, encoder):
    assert embedder.query_encoder is encoder
    assert embedder.query_encoder_label.startswith("onnx-fp32 (sha256 ")
    text = "The child was seen by the GP twice in the month before the incident."
    query = embedder.encode_query(text)
    assert query.dtype == np.float32 and query.shape == (384,)
    np.testing.assert_allclose(query, embedder.encode([text])[0], atol=1e-5)
    with pytest.raises(TypeError):
        embedder.encode_query(["a list"])  # type: ignore[arg-type]


def test_the_export_is_recorded_beside_its_model(encoder, embedder):
    info = json.loads((encoder.directory / onnx_query.EXPORT_INFO).read_text())
    assert info["kind"] == "onnx-fp32" and info["opset"] == onnx_query.OPSET
    assert info["model_checksum"] == embedder.checksum
    assert info["sentence_config"] == {"max_seq_length": 256, "do_lower_case": False,
                                       "normalize": True, "dim": 384}
    assert info["validated_min_cosine"] >= onnx_query.MIN_COSINE
    assert encoder.directory == onnx_query.encoder_dir(embedder.folder, embedder.checksum)
    # Nothing half-written is left beside it.
    assert not [p for p in encoder.directory.parent.iterdir() if p.name.startswith(".")]


def test_the_index_records_the_query_encoder_it_was_validated_with(bundled_index_dir, embedder,
                                                                   encoder):
    record = onnx_query.QueryEncoderRecord.read(bundled_index_dir)
    assert record is not None and record.model_checksum == embedder.checksum
    assert record.query_encoder is not None
    assert record.query_encoder["onnx_sha256"] == encoder.info["onnx_sha256"]
    assert record.min_cosine >= onnx_query.MIN_COSINE
    assert record.reference["encoder"] == "sentence-transformers"
    assert list(record.probe_texts) == list(onnx_query.PROBES)
    np.testing.assert_allclose(record.probe_vectors, embedder.encode(record.probe_texts),
                               atol=1e-5)
    assert check_query_encoder(bundled_index_dir, embedder) >= onnx_query.MIN_COSINE


def test_search_on_an_existing_index_imports_neither_torch_nor_sentence_transformers(
    bundled_index_dir, encoder
):
    # Through the Retriever API rather than the `reviewqa` command, whose imports are not
    # this module's business; the CLI adds only lazy imports around the same calls.
    script = textwrap.dedent(f"""
        import sys
        from reviewqa.retriever.search import Retriever

        retriever = Retriever.load({str(bundled_index_dir)!r})
        hits = retriever.search("neglect", k=5)
        assert hits, "no hits"
        label = retriever.index.embedder.query_encoder_label
        heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
        print(label, heavy)
        sys.exit(1 if heavy else 0)
    """)
    env = {**os.environ, "REVIEWQA_RERANKER": ""}
    env.pop(onnx_query.ENCODER_ENV, None)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("onnx-fp32"), done.stdout


def _small_index(tmp_path: Path, small_corpus: Path, embedder: Embedder) -> Path:
    folder = tmp_path / "index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus / TORBAY])
    assert (folder / onnx_query.RECORD_FILE).is_file()
    return folder


def test_an_index_built_by_another_encoder_is_refused_in_one_line(tmp_path, small_corpus,
                                                                   embedder, encoder):
    folder = _small_index(tmp_path, small_corpus, embedder)
    record = onnx_query.QueryEncoderRecord.read(folder)
    # As if the index's vectors came from a model that embeds these texts differently.
    other = embedder.encode([f"{t} (as another encoder saw it)" for t in record.probe_texts])
    dataclasses.replace(record, probe_vectors=other).write(folder)
    with pytest.raises(IndexMismatchError) as caught:
        CorpusIndex.open(folder, embedder=embedder)
    message = str(caught.value)
    assert "\n" not in message
    assert "query encoder onnx-fp32" in message and "least cosine" in message
    assert message.endswith("rebuild with `reviewqa ingest --rebuild`")
    # With torch answering queries there is nothing to disagree: it is the reference.
    torch_only = Embedder.load(lazy=True)
    os.environ[onnx_query.ENCODER_ENV] = "torch"
    try:
        assert torch_only.query_encoder is None and torch_only.query_encoder_label == "torch"
        CorpusIndex.open(folder, embedder=torch_only).close()
    finally:
        del os.environ[onnx_query.ENCODER_ENV]
    # Rebuilding records the encoder afresh, and the index opens again.
    index, report = CorpusIndex.rebuild(folder, embedder=embedder)
    index.close()
    assert report.ok
    assert check_query_encoder(folder, embedder) >= onnx_query.MIN_COSINE


def test_an_int8_encoder_in_place_of_the_fp32_export_is_refused(
    tmp_path, small_corpus, embedder, encoder, monkeypatch
):
    quantization = pytest.importorskip("onnxruntime.quantization")
    folder = _small_index(tmp_path, small_corpus, embedder)
    cache = tmp_path / "cache"
    monkeypatch.setenv(onnx_query.CACHE_ENV, str(cache))
    swapped = onnx_query.encoder_dir(embedder.folder, embedder.checksum)
    swapped.mkdir(parents=True)
    for name in (onnx_query.TOKENIZER_FILE, onnx_query.EXPORT_INFO):
        shutil.copyfile(encoder.directory / name, swapped / name)
    quantization.quantize_dynamic(str(encoder.directory / onnx_query.ONNX_FILE),
                                  str(swapped / onnx_query.ONNX_FILE),
                                  weight_type=quantization.QuantType.QInt8)
    int8 = Embedder.load(lazy=True)  # finds the swapped export in the new cache
    assert int8.query_encoder is not None
    assert int8.query_encoder.directory == swapped
    least = onnx_query.agreement(int8.query_encoder, list(onnx_query.PROBES),
                                 embedder.encode(list(onnx_query.PROBES)))
    assert 0.9 < least < onnx_query.MIN_COSINE  # close, but not what built the index
    with pytest.raises(IndexMismatchError, match=r"least cosine 0\.9\d+ < 0\.9999"):
        CorpusIndex.open(folder, embedder=int8)


def test_only_whole_exports_of_mean_pooling_models_are_used(tmp_path, embedder, monkeypatch):
    monkeypatch.setenv(onnx_query.CACHE_ENV, str(tmp_path / "cache"))
    half = onnx_query.encoder_dir(embedder.folder, embedder.checksum)
    half.mkdir(parents=True)
    (half / onnx_query.ONNX_FILE).write_bytes(b"not yet")  # an export without export.json
    with pytest.raises(onnx_query.QueryEncoderUnavailable):
        onnx_query.load_export(embedder.folder, embedder.checksum)
    assert Embedder.load(lazy=True).query_encoder is None

    folder = tmp_path / "cls-model"
    (folder / "1_Pooling").mkdir(parents=True)
    for name in ("modules.json", "sentence_bert_config.json", "tokenizer.json"):
        shutil.copyfile(embedder.folder / name, folder / name)
    pooling = json.loads((embedder.folder / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    with pytest.raises(onnx_query.QueryEncoderUnavailable, match="not mean pooling"):
        onnx_query.sentence_config(folder)
    assert onnx_query.sentence_config(embedder.folder).max_seq_length == 256
