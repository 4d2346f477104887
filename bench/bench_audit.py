"""What ``tactful audit`` does on a 50,000-reply export: throughput, memory, report size.

The export is generated from the twcs files in ``../shared/data/`` into a temporary folder
(their licence does not allow copying them into the project; nothing generated is kept): the
corpus's threads are repeated until there are ``--replies`` brand replies, each repetition
with new tweet ids, other customer handles (``@dana_okafor_17`` for ``@115712``), other agent
initials (``^kl`` becomes ``^MR``…) and its dates moved on by a week. Names sit where they
sit in real threads (the handle the reply opens with, the initials it closes with); the
sentences between them repeat, as a team's templates do.

Each run is ``tactful audit EXPORT --out DIR --progress`` in a fresh process (the learned layer
on, as it always is), timed from start to exit (start-up, parse, checks and report; the
progress bars give the reading and checking stages' own seconds), with ``--processes 2`` and with ``--workers 2`` (a local Dask cluster), ``--runs`` times each; memory is the peak
of the summed resident sets of the command and every process under it (sampled every 0.2 s).

"Cold" is the rate on replies whose texts the encoders have not met: one repetition of the
corpus (every text new), measured as the difference between a run on all of it and a run on
its first ``--warm-up`` replies, so that start-up cancels out.

``--encoder`` also times the reply encoder on single sentences against padded batches of 32
and says how far batched vectors move from single ones (int8 activations are scaled over the
whole batch, which is why the encoder runs one text at a time).

Run: ``python bench/bench_audit.py [--replies 50000] [--runs 3] [--encoder]``.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import psutil

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = ("twcs_sample.csv", "twcs_more.csv")
FIRST = ("dana", "sam", "priya", "lee", "ana", "tom", "mia", "raj", "zoe", "ola", "ben", "eva", "kai", "ivy", "noor", "leo")
LAST = ("okafor", "marsh", "nair", "lefevre", "kowalski", "ito", "garcia", "smith", "brown", "haddad", "silva", "berg")
TIME = "%a %b %d %H:%M:%S %z %Y"


def source_rows() -> list[dict[str, str]]:
    rows = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def generate(path: Path, replies: int) -> int:
    """A twcs-shaped export of at least ``replies`` brand replies; returns how many."""
    rows = source_rows()
    customers = sorted({r["author_id"] for r in rows if r["inbound"] == "True"})
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in itertools.count():
            if written >= replies:
                break
            names = {c: f"{FIRST[(i + copy) % len(FIRST)]}_{LAST[(i * 7 + copy) % len(LAST)]}_{copy}"
                     for i, c in enumerate(customers)}
            initials = "".join(chr(65 + (copy * 5 + k * 11) % 26) for k in range(2))
            offset = 10_000_000 * (copy + 1)
            for row in rows:
                writer.writerow(_varied(row, names, initials, offset, copy))
                written += row["inbound"] == "False"
    return written


def _varied(row: dict[str, str], names: dict[str, str], initials: str, offset: int, copy: int) -> dict[str, str]:
    def new_id(value: str) -> str:
        return ",".join(str(int(float(v)) + offset) if _number(v) else f"{v}-{copy}" for v in value.split(",") if v.strip())

    text = row["text"]
    for handle in {w.strip(".,:;!?") for w in text.split() if w.startswith("@")}:
        if handle[1:] in names:
            text = text.replace(handle, "@" + names[handle[1:]])
    words = text.rstrip().split()
    if words and words[-1].startswith("^"):
        text = text.rstrip()[: -len(words[-1])] + "^" + initials
    try:
        moved = (datetime.strptime(row["created_at"], TIME) + timedelta(days=7 * copy)).strftime(TIME)
    except ValueError:
        moved = row["created_at"]
    return {**row, "tweet_id": new_id(row["tweet_id"]), "author_id": names.get(row["author_id"], row["author_id"]),
            "text": text, "created_at": moved, "response_tweet_id": new_id(row["response_tweet_id"]),
            "in_response_to_tweet_id": new_id(row["in_response_to_tweet_id"])}


def _stages(progress: str) -> dict[str, float]:
    """Seconds of the reading and checking stages, from the progress bars' last states."""
    stages = {}
    for stage in ("reading", "checking"):
        found = re.findall(rf"{stage}:[^\r\n]*?\[(?:(\d+):)?(\d+):(\d+)", progress)
        if found:
            hours, minutes, seconds = found[-1]
            stages[f"{stage}_s"] = float(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))
    return stages


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def run_audit(export: Path, out: Path, where: list[str], limit: int | None = None) -> dict[str, float]:
    command = [sys.executable, "-m", "tactful.cli", "audit", str(export), "--out", str(out), "--progress", *where]
    if limit:
        command += ["--limit", str(limit)]
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"tactful audit failed: {errors[-2000:]}")
    checked = int(output.split()[1].replace(",", ""))
    return {"seconds": elapsed, **_stages(errors), "replies": checked, "per_minute": 60 * checked / elapsed, "peak_rss_mib": peak / 2**20,
            "report_mib": (out / "report.html").stat().st_size / 2**20,
            "findings_mib": (out / "findings.csv").stat().st_size / 2**20,
            "replies_mib": (out / "replies.csv").stat().st_size / 2**20}


def encoder_batching(sentences: list[str]) -> dict[str, float]:
    """Per sentence: one at a time (as the encoder runs), in padded batches of 32 in corpus
    order, and in batches of 32 sorted by length (least padding); and how close each
    batched vector is to the sentence's own."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from tactful.learned.encoder import REPLY_ENCODER, Encoder
    from tactful.learned.files import MODELS

    threadpool_limits(1)
    encoder = Encoder(MODELS / REPLY_ENCODER)
    started = time.perf_counter()
    single = np.stack([encoder._run(s) for s in sentences])
    results = {"sentences": len(sentences), "single_ms": 1000 * (time.perf_counter() - started) / len(sentences)}
    encoder.tokenizer.enable_padding()
    by_length = sorted(range(len(sentences)), key=lambda i: len(encoder.tokenizer.encode(sentences[i]).ids))
    for name, order in (("batched", list(range(len(sentences)))), ("batched_by_length", by_length)):
        started = time.perf_counter()
        vectors = np.zeros_like(single)
        for start in range(0, len(order), 32):
            rows = order[start:start + 32]
            batch = encoder.tokenizer.encode_batch([sentences[i] for i in rows])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            hidden = encoder.session().run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                                   "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            vectors[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        cosine = (single * vectors).sum(axis=1)
        results |= {f"{name}_ms": 1000 * (time.perf_counter() - started) / len(sentences),
                    f"{name}_cosine_mean": float(cosine.mean()), f"{name}_cosine_min": float(cosine.min())}
    return results


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-up", type=int, default=200, help="replies of the short run the cold rate subtracts")
    parser.add_argument("--encoder", action="store_true", help="also time the encoder on batches")
    parser.add_argument("--only", choices=("processes", "dask", "cold"), action="append")
    parser.add_argument("--keep-report", type=Path, help="copy the first run's report.html here (it quotes the corpus: "
                                                          "keep it out of the repository)")
    arguments = parser.parse_args()
    setups = {"processes": ["--processes", "2"], "dask": ["--workers", "2"]}
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="tactful-audit-bench-") as folder:
        export = Path(folder) / "export.csv"
        generated = generate(export, arguments.replies)
        once = Path(folder) / "once.csv"
        unique = generate(once, 1)
        results["export"] = {"replies_generated": generated, "checked": arguments.replies,
                             "mib": round(export.stat().st_size / 2**20, 1), "one_repetition": unique}
        for name, where in setups.items():
            if arguments.only and name not in arguments.only:
                continue
            runs = []
            for run in range(arguments.runs):
                runs.append(run_audit(export, Path(folder) / f"{name}-{run}", where, arguments.replies))
                if arguments.keep_report and not arguments.keep_report.exists():
                    shutil.copy(Path(folder) / f"{name}-{run}" / "report.html", arguments.keep_report)
                print(name, run, json.dumps({k: round(v, 2) for k, v in runs[-1].items()}), flush=True)
            results[name] = {"median": medians(runs), "runs": [round(r["per_minute"]) for r in runs]}
        if not arguments.only or "cold" in arguments.only:
            cold = []
            for run in range(arguments.runs):
                short = run_audit(once, Path(folder) / f"short-{run}", setups["processes"], arguments.warm_up)
                whole = run_audit(once, Path(folder) / f"whole-{run}", setups["processes"])
                rate = 60 * (whole["replies"] - short["replies"]) / (whole["seconds"] - short["seconds"])
                cold.append({"per_minute": rate, "start_up_and_report_s": short["seconds"]})
                print("cold", run, json.dumps({k: round(v, 2) for k, v in cold[-1].items()}), flush=True)
            results["cold"] = {"median": medians(cold), "runs": [round(r["per_minute"]) for r in cold]}
        if arguments.encoder:
            sentences = [r["text"] for r in source_rows() if r["inbound"] == "False"][:640]
            results["encoder"] = encoder_batching(sentences)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
