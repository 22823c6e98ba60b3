"""Kind ``missing-disclaimer``: a page with no medical disclaimer.

The disclaimer may sit in the page's metadata (``disclaimer:``), a closing
paragraph or blockquote, text outside the entries, or any answer. It must defer
the reader to their own doctor, nurse, pharmacist or other professional, or say
the page is general information and not medical advice. The wordings that count
are data (option ``phrases-file``, default ``medical/disclaimer-phrases.yaml``); a
conditional referral ("see a doctor if the pain lasts", "unless a health care
provider tells you to") and a statement that something else does not replace a
public health measure or a test do not count. With ``required-wording`` set, the page must
carry that exact wording instead (case, spacing and quote marks aside).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.checks.medical_data import PHRASES, document_texts, load_yaml_file
from faq_lint.models import Document, Position
from faq_lint.text.disclaimers import DisclaimerPhrases, normalize


def phrases(rule: Rule) -> DisclaimerPhrases:
    def build() -> DisclaimerPhrases:
        from faq_lint.checks.medical_data import pattern_file_error
        from faq_lint.text.safe_regex import PatternError

        data = load_yaml_file(rule, "phrases-file", PHRASES)
        try:
            return DisclaimerPhrases.from_data(data)
        except PatternError as exc:  # a pattern of the file that cannot be used
            raise pattern_file_error(rule, "phrases-file", PHRASES, exc) from exc

    result: DisclaimerPhrases = rule.state("phrases", build)
    return result


def _texts(document: Document) -> Iterable[str]:
    yield from document_texts(document)
    for entry in document.entries:
        yield entry.answer


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    if not document.entries:
        return
    wording = str(rule.option("required-wording", "") or "").strip()
    if wording:
        wanted = normalize(wording)
        if any(wanted in normalize(text) for text in _texts(document)):
            return
        quote = wording if len(wording) <= 80 else wording[:79] + "…"
        expected = f"the page must carry the house wording '{quote}'"
    else:
        found = phrases(rule)
        labelled = document.disclaimer
        if (
            labelled
            and found.professional.search(labelled)
            and not found.conditional.search(labelled)
        ):
            return  # a labelled disclaimer ("Disclaimer: ...") that defers to a professional
        if any(found.find_disclaimer(text) for text in _texts(document)):
            return
        expected = "add a statement that it does not replace advice from a doctor"
    yield Hit(
        args={"expected": expected, "path": document.path},
        start=Position(line=1, column=1),
        document=document,
        suggestions=[
            "Add a closing note such as: 'This information is not a substitute for "
            "advice from your doctor or pharmacist.'"
            if not wording
            else f"Add the house disclaimer: '{wording}'"
        ],
        matched="missing-disclaimer",
    )
