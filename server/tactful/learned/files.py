"""The committed model files and their checksums.

``models/SHA256SUMS`` lists every file the product loads; loading one checks it first, so a
missing, truncated or hand-edited file stops start-up with its name instead of serving
quietly wrong readings.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

MODELS = Path(__file__).resolve().parents[3] / "models"
CHECKSUMS = "SHA256SUMS"


class ModelFileError(Exception):
    """A model file that is missing, unreadable or not the one committed."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def expected_digests(models: Path = MODELS) -> dict[str, str]:
    sums = models / CHECKSUMS
    try:
        lines = sums.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ModelFileError(sums, f"cannot read the checksum list ({error.strerror or error})") from None
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def checked(path: Path, models: Path = MODELS) -> Path:
    """``path`` once its SHA-256 matches the committed list; ``ModelFileError`` otherwise."""
    name = path.relative_to(models).as_posix()
    expected = expected_digests(models).get(name)
    if expected is None:
        raise ModelFileError(path, f"not listed in {models / CHECKSUMS}")
    if not path.is_file():
        raise ModelFileError(path, "missing; it is committed with the project (git checkout -- models/)")
    if sha256(path) != expected:
        raise ModelFileError(path, f"corrupt: its SHA-256 does not match {models / CHECKSUMS}")
    return path


def write_checksums(models: Path = MODELS) -> None:
    """Rewrite the checksum list after a script has rebuilt model files."""
    files = sorted(p for p in models.rglob("*") if p.is_file() and p.suffix in (".onnx", ".json", ".npz"))
    lines = [f"{sha256(p)}  {p.relative_to(models).as_posix()}\n" for p in files]
    (models / CHECKSUMS).write_text("".join(lines), encoding="utf-8")
