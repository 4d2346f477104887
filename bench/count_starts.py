"""Start the service again and again and count the starts whose grammar never came up.

Each start is the repo's gunicorn with grammar on (the master starts the machine's
LanguageTool); a start succeeds when ``/v1/health`` says grammar ``ok`` within ``--wait``
seconds, and the service is then stopped. After each stop no LanguageTool JVM may be left.
The runs use a LanguageTool home of their own (sharing the installed jars), so other JVMs on
the machine are neither counted nor touched.
Prints one line per start and the count at the end; exits 1 if any start failed.

Run: ``python bench/count_starts.py [--starts 100] [--wait 180]``.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _gunicorn import Gunicorn
from tactful.grammar.install import install, libs_dir
from tactful.grammar.process import SERVER_CLASS


def jvms(home: Path) -> list[str]:
    """Pids of LanguageTool JVMs started with ``home``'s settings."""
    return subprocess.run(["pgrep", "-f", f"{SERVER_CLASS} .*{home}"], capture_output=True, text=True, check=False).stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=100)
    parser.add_argument("--wait", type=float, default=180.0, help="seconds for grammar to come up")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="tactful-starts-"))
    install()
    (home / "libs").symlink_to(libs_dir(), target_is_directory=True)
    failures = leftovers = 0
    for number in range(1, args.starts + 1):
        started = time.perf_counter()
        with Gunicorn(env={"TACTFUL_GRAMMAR": "on", "TACTFUL_LT_HOME": str(home)}) as server:
            try:
                server.wait_for_grammar(args.wait)
                outcome = f"grammar ok after {time.perf_counter() - started:.1f} s"
            except RuntimeError:
                failures += 1
                outcome = f"FAILED: no grammar after {args.wait:.0f} s"
        time.sleep(0.5)
        left = jvms(home)
        leftovers += bool(left)
        print(f"start {number:3d}: {outcome}{f', {len(left)} JVM left after stop' if left else ''}", flush=True)
        for pid in left:
            os.kill(int(pid), signal.SIGKILL)
    print(f"{failures} of {args.starts} starts without grammar; {leftovers} stops left a JVM behind")
    sys.exit(1 if failures or leftovers else 0)


if __name__ == "__main__":
    main()
