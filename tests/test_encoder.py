"""The sentence encoder as shipped: real ONNX weights, real tokenizer, checked files."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tactful.engine.rulebook import CORE_PACK, pack_sentences
from tactful.learned.encoder import REPLY_ENCODER, Encoder, shared_encoder
from tactful.learned.files import MODELS, ModelFileError, write_checksums
from tactful.learned.vectors import VECTORS_NAME, ExampleVectors

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return shared_encoder()


def test_vectors_are_unit_length_and_follow_meaning(encoder: Encoder) -> None:
    parcel, lost, hours = encoder.embed([
        "My parcel never arrived.", "The package you sent me did not turn up.", "What time do you open on Sundays?",
    ])
    assert np.allclose(np.linalg.norm([parcel, lost, hours], axis=1), 1.0, atol=1e-5)
    assert parcel @ lost > parcel @ hours + 0.2


def test_a_text_reads_the_same_whatever_is_read_beside_it() -> None:
    texts = ["short one", "a rather longer sentence, so the batch has to pad the short one with zeros"]
    together = Encoder(verify=False).embed(texts)
    alone = np.stack([Encoder(verify=False).embed([t])[0] for t in texts])
    assert np.array_equal(together, alone)


def test_only_changed_text_goes_through_the_model() -> None:
    encoder = Encoder(verify=False)
    encoder.embed(["Hi Dana,", "I'm so sorry about the double charge.", "Best, Sam"])
    assert encoder.embedded == 3
    encoder.embed(["Hi Dana,", "I'm so sorry about the double charge!", "Best, Sam"])
    assert encoder.embedded == 4


def test_a_very_long_text_is_read_up_to_the_token_limit(encoder: Encoder) -> None:
    vector = encoder.embed(["my order never arrived " * 2000])[0]
    assert vector.shape == (384,) and np.isfinite(vector).all()


def _copy_models(tmp_path: Path) -> Path:
    target = tmp_path / "models"
    shutil.copytree(MODELS, target, ignore=shutil.ignore_patterns("training"))
    return target


def test_a_corrupt_or_missing_file_names_itself(tmp_path: Path) -> None:
    models = _copy_models(tmp_path)
    model = models / "encoder" / "model.onnx"
    model.write_bytes(model.read_bytes()[:100_000])
    with pytest.raises(ModelFileError, match="model.onnx: corrupt"):
        Encoder(models / "encoder")
    model.unlink()
    with pytest.raises(ModelFileError, match="model.onnx: missing"):
        Encoder(models / "encoder")


@pytest.mark.parametrize("damage", ["truncate", "remove"])
def test_the_server_will_not_start_without_its_model(tmp_path: Path, damage: str) -> None:
    models = _copy_models(tmp_path)
    head = models / "customer-upset.json"
    if damage == "truncate":
        head.write_text(head.read_text(encoding="utf-8")[:200], encoding="utf-8")
    else:
        head.unlink()
    env = {**os.environ, "TACTFUL_MODELS": str(models), "TACTFUL_GRAMMAR": "off", "TACTFUL_BIND": "127.0.0.1:0"}
    result = subprocess.run([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert f"tactful: cannot start: {head}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_committed_example_vectors_are_what_the_reply_encoder_gives() -> None:
    texts = pack_sentences(CORE_PACK)
    stored = ExampleVectors.load(shared_encoder(MODELS, REPLY_ENCODER), MODELS)
    assert len(stored.stored) == len(texts)
    texts = texts[::400]
    assert np.array_equal(stored(texts), Encoder(MODELS / REPLY_ENCODER, verify=False).embed(texts))


def test_example_vectors_made_by_another_model_are_not_used(tmp_path: Path) -> None:
    models = _copy_models(tmp_path)
    shutil.copy(models / "encoder" / "model.onnx", models / REPLY_ENCODER / "model.onnx")
    write_checksums(models)
    assert ExampleVectors.load(Encoder(models / REPLY_ENCODER), models).stored == {}


def test_a_damaged_vector_file_stops_start_up(tmp_path: Path) -> None:
    models = _copy_models(tmp_path)
    vectors = models / REPLY_ENCODER / VECTORS_NAME
    vectors.write_bytes(vectors.read_bytes()[:1000])
    with pytest.raises(ModelFileError, match="examples.npz: corrupt"):
        ExampleVectors.load(Encoder(models / REPLY_ENCODER), models)
