"""Property: the result cache never changes a verdict.

For random sequences of runs of the real command line (in-process, through
``faq_lint.cli.main``) over a small project of real FAQ pages written at test time -
with questions and answers shared across files, so the whole-corpus rules have
something to find - interleaved with edits of the pages, the configuration (paths
excluded, ``select``/``ignore``, per-rule options and severities, per-file-ignores,
the target grade, the baseline), the project's word list and the project's own rule
pack, every cached run prints the same JSON report (finding for finding) and exits
with the same status as a ``--no-cache`` run of the same command right after, and a
baseline written with the cache is the one written without it.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from faq_lint.cli import main

GOUT_Q = "What is gout?"
GOUT_A = (
    "Gout is a kind of arthritis. It causes sudden, severe pain and swelling in a joint, "
    "most often the big toe, when uric acid builds up in the blood."
)
HIP = (
    "What causes hip pain?\n\nMost hip pain comes from the muscles and tendons around the "
    "joint. A fall or a long walk on hard ground can strain them. Rest and gentle stretching "
    "help most people within a few weeks.\n"
)
MEDS = (
    "How is gout treated?\n\nIbuprofen or naproxen can ease an attack of gout within a day "
    "or two. Colchicine works best when taken early.\n"
)
DISCLAIMER = "\nThis page does not replace advice from your doctor or pharmacist.\n"

# Each page has a few versions; the edits pick one. Several versions share the gout
# entry with another page (a cross-file duplicate question and answer), one has a
# misspelling the word list may accept, one a suppression comment.
PAGES: dict[str, list[str]] = {
    "data/gout.txt": [
        f"{GOUT_Q}\n\n{GOUT_A}\n",
        f"{GOUT_Q}\n\n{GOUT_A}\n{DISCLAIMER}",
        "What is gout?\n\nGout is a painfull joint disease caused by uric acid crystals.\n",
    ],
    "data/more-gout.md": [
        f"# Gout\n\n## {GOUT_Q}\n\n{GOUT_A}\n\n## How is gout found?\n\nA doctor looks at "
        "the joint and may test the fluid inside it for uric acid crystals.\n",
        "# Gout\n\n## How is gout found?\n\nA doctor looks at the joint and may test the "
        "fluid inside it for uric acid crystals.\n",
        f"# Gout\n\n<!-- faq-lint: disable=FAQ602 -->\n\n## {GOUT_Q}\n\n{GOUT_A}\n",
    ],
    "data/hip.txt": [HIP, HIP + DISCLAIMER, HIP.replace("Rest", "Rest, ice")],
    "data/meds.txt": [MEDS, MEDS + "\nYou should never take ibuprofen for gout.\n"],
    "drafts/new.txt": [
        f"{GOUT_Q}\n\n{GOUT_A}\n",
        "Can children get gout?\n\nChildren rarely get gout; a doctor should check any "
        "swollen joint in a child.\n",
    ],
}
WORDS = ["", "painfull\n", "painfull\nuric\n", "painfulx\n"]

# The project's own rule pack: a house-style phrase rule whose phrase and severity
# the edits change (the severity versions have the same size: only the content tells
# them apart).
HOUSE_RULE = """rules:
  - code: HOUSE801
    name: house-words
    category: style
    severity: {severity}
    check: phrase
    summary: Words this house avoids.
    message: "'{{matched}}': {{advice}}"
    rationale: House style.
    source: House style guide.
    fix: Use the house word.
    options:
      ignore-case: true
      phrases:
        - pattern: '{phrase}'
          message: say it the house way.
"""
PACKS = [
    HOUSE_RULE.format(severity="warning", phrase="big toe"),
    HOUSE_RULE.format(severity="warning", phrase="hard ground"),
    HOUSE_RULE.format(severity="info   ", phrase="big toe"),
]

# What the configuration can say (each edit picks one of each).
EXCLUDES = [["drafts/"], [], ["data/hip.txt"], ["*.md", "drafts/"]]
PER_FILE_IGNORES: list[dict[str, list[str]]] = [
    {},
    {"data/gout.txt": ["FAQ6"]},
    {"drafts/*": ["duplicate"], "data/*.md": ["FAQ401"]},
]
RULE_TABLES: list[dict[str, dict[str, Any]]] = [
    {},
    {"FAQ601": {"severity": "info"}},
    {"FAQ102": {"max-words": 12}, "FAQ602": {"severity": "error"}},
]
SELECTS: list[list[str]] = [[], ["FAQ6", "FAQ2", "FAQ401", "HOUSE"], ["duplicate", "style"]]
IGNORES: list[list[str]] = [[], ["FAQ401"], ["readability", "FAQ502"]]
BASELINES: list[str | None] = [None, "base.json"]
CHOICES = {
    "exclude": len(EXCLUDES),
    "per_file": len(PER_FILE_IGNORES),
    "rules": len(RULE_TABLES),
    "select": len(SELECTS),
    "ignore": len(IGNORES),
    "grade": 2,
    "baseline": len(BASELINES),
}

# What a run names: nothing (the configured paths), files, folders, excluded files,
# one file named in other ways ({root} is the project folder).
RUN_PATHS = [
    [],
    ["data/"],
    ["data/gout.txt"],
    ["drafts/new.txt"],
    ["drafts/"],
    ["data/hip.txt", "drafts/new.txt"],
    ["data/gout.txt", "data/more-gout.md"],
    ["./data/gout.txt"],
    ["{root}/data/gout.txt"],
]
RUN_OPTIONS = [
    [],
    ["--select", "FAQ6"],
    ["--ignore", "FAQ401,FAQ502"],
    ["--select", "duplicate,house-words"],
    ["--fail-on", "error"],
    ["--no-baseline"],
]


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def _write_config(root: Path, state: dict[str, int]) -> None:
    lines = [
        'paths = ["data/", "drafts/"]',
        f"exclude = {_toml_list(EXCLUDES[state['exclude']])}",
        f"select = {_toml_list(SELECTS[state['select']])}",
        f"ignore = {_toml_list(IGNORES[state['ignore']])}",
        'words = ["words.txt"]',
        'rule-packs = ["house"]',
        f"target-grade = {[8.0, 6.0][state['grade']]}",
    ]
    baseline = BASELINES[state["baseline"]]
    if baseline:
        lines.append(f'baseline = "{baseline}"')
    per_file = PER_FILE_IGNORES[state["per_file"]]
    if per_file:
        lines.append("[per-file-ignores]")
        lines += [f'"{pattern}" = {_toml_list(codes)}' for pattern, codes in per_file.items()]
    for code, options in RULE_TABLES[state["rules"]].items():
        lines.append(f"[rules.{code}]")
        for key, value in options.items():
            lines.append(f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {value}")
    (root / "faq-lint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _project() -> Iterator[Path]:
    """A fresh project folder (hypothesis examples cannot share pytest's tmp_path)."""
    root = Path(tempfile.mkdtemp(prefix="faq-lint-cache-property-"))
    previous = os.getcwd()
    try:
        for name, versions in PAGES.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(versions[0], encoding="utf-8")
        (root / "words.txt").write_text(WORDS[0], encoding="utf-8")
        (root / "house").mkdir()
        (root / "house" / "house.yaml").write_text(PACKS[0], encoding="utf-8")
        (root / "base.json").write_text('{"findings": []}\n', encoding="utf-8")
        os.chdir(root)
        yield root
    finally:
        os.chdir(previous)
        shutil.rmtree(root, ignore_errors=True)


run_step = st.tuples(
    st.just("run"),
    st.sampled_from(range(len(RUN_PATHS))),
    st.sampled_from(range(len(RUN_OPTIONS))),
)
page_step = st.tuples(
    st.just("page"), st.sampled_from(sorted(PAGES)), st.integers(min_value=0, max_value=2)
)
config_step = st.tuples(
    st.just("config"), st.sampled_from(sorted(CHOICES)), st.integers(min_value=0, max_value=3)
)
words_step = st.tuples(st.just("words"), st.just("words.txt"), st.integers(0, len(WORDS) - 1))
pack_step = st.tuples(st.just("pack"), st.just("house/house.yaml"), st.integers(0, len(PACKS) - 1))
baseline_step = st.tuples(st.just("baseline"), st.just("base.json"), st.just(0))
steps = st.lists(
    st.one_of(
        run_step, run_step, run_step, page_step, config_step, words_step, pack_step, baseline_step
    ),
    min_size=1,
    max_size=8,
)


def _bump(path: Path, clock: list[int]) -> None:
    """Give an edited word list or pack its own modification time, as edits by hand
    have: in-process memos of faq-lint go by it (the result cache hashes content)."""
    clock[0] += 10**9
    os.utime(path, ns=(clock[0], clock[0]))


def check_sequence(sequence: list[tuple[str, Any, int]]) -> None:
    with _project() as root:
        state = dict.fromkeys(CHOICES, 0)
        _write_config(root, state)
        clock = [1_700_000_000 * 10**9]
        for kind, what, choice in [*sequence, ("run", 0, 0)]:
            if kind == "page":
                versions = PAGES[what]
                (root / what).write_text(versions[choice % len(versions)], encoding="utf-8")
            elif kind == "words":
                (root / what).write_text(WORDS[choice], encoding="utf-8")
                _bump(root / what, clock)
            elif kind == "pack":
                (root / what).write_text(PACKS[choice], encoding="utf-8")
                _bump(root / what, clock)
            elif kind == "config":
                state[what] = choice % CHOICES[what]
                _write_config(root, state)
            elif kind == "baseline":
                # a baseline written from cached results is the one written without them
                written = []
                for extra in ([], ["--no-cache"]):
                    status, _, _ = _run(["--write-baseline", "base.json", *extra])
                    written.append((status, (root / "base.json").read_text(encoding="utf-8")))
                assert written[0] == written[1], state
            else:
                paths = [p.replace("{root}", str(root)) for p in RUN_PATHS[what]]
                argv = ["--format", "json", *RUN_OPTIONS[choice], *paths]
                cached = _run(argv)
                fresh = _run([*argv, "--no-cache"])
                assert cached == fresh, (argv, state)
                assert cached[0] in (0, 1), cached
        assert (root / ".faq-lint-cache").is_dir(), "the cached runs did use the cache"


# the sequence: an excluded draft named alone, then a plain run; and the same
# with a selection, a file named in three ways, a rule pack edited in place
@example([("run", 3, 0)])
@example([("run", 4, 1), ("run", 0, 1)])
@example([("run", 2, 0), ("run", 7, 0), ("run", 8, 0), ("page", "data/gout.txt", 1)])
@example([("run", 0, 3), ("pack", "house/house.yaml", 1), ("run", 0, 3)])
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps)
def test_cached_runs_give_the_verdicts_of_uncached_runs(
    sequence: list[tuple[str, Any, int]],
) -> None:
    check_sequence(sequence)
