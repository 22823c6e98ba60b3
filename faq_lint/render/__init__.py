"""Renderers: a report in, text out. One module per output format."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from faq_lint.models import Report

# format name -> "module:function"; each function takes the report and returns text.
RENDERERS: dict[str, str] = {
    "text": "faq_lint.render.text:render_text",
    "json": "faq_lint.render.json_report:render_json",
    "sarif": "faq_lint.render.sarif:render_sarif",
    "github": "faq_lint.render.github:render_github",
    "html": "faq_lint.render.html:render_html",
}


def renderer(name: str) -> Callable[[Report], str]:
    module_name, function_name = RENDERERS[name].split(":")
    function: Callable[[Report], str] = getattr(import_module(module_name), function_name)
    return function
