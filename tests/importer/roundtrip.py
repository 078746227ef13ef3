"""Import a document, build the brief, read the DOCX back: the helpers the round-trip tests share."""
from __future__ import annotations

import re
from pathlib import Path

import docx

from briefmaker import build
from briefmaker.importer import import_file

from ..seedtext import missing_in_order, squash

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def built_paragraphs(path: Path) -> list[str]:
    """Every non-empty paragraph of a DOCX body in the brief's order, table cells row by row (one
    per cell): a figure briefmaker set after the text that filled its page (marked by the hidden
    bookmarks ``_FloatFrom<n>`` and ``_Float<n>``, docs/architecture.md "Pages") is read where
    the brief has it, as ``briefmaker import`` reads it."""
    document = docx.Document(str(path))
    out: list[str] = []
    anchors: dict[str, int] = {}
    spans: dict[str, tuple[str, int]] = {}
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        name = next((v for k, v in element.attrib.items() if k.endswith("}name")), "")
        mark = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
        if tag == "bookmarkStart" and name.startswith("_FloatFrom"):
            anchors[name[len("_FloatFrom"):]] = len(out)
        elif tag == "bookmarkStart" and name.startswith("_Float"):
            spans[mark] = (name[len("_Float"):], len(out))
        elif tag == "bookmarkEnd" and mark in spans:
            figure, start = spans.pop(mark)
            at = anchors.pop(figure, start)
            moved = out[start:]
            del out[start:]
            out[at:at] = moved
            anchors = {k: v + len(moved) if v >= at else v for k, v in anchors.items()}
        elif tag == "p":
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            if text.strip():
                out.append(text)
        elif tag == "tbl":
            for cell in element.iter():
                if cell.tag.endswith("}tc"):
                    text = "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                    if text.strip():
                        out.append(text)
    return out


def sentences(paragraphs: list[str]) -> list[str]:
    """The sentences (split after 。！？) of ``paragraphs``, whitespace removed."""
    found = []
    for paragraph in paragraphs:
        found += [s for s in re.split(r"(?<=[。！？])", squash(paragraph)) if s]
    return found


def import_and_build(source: Path, folder: Path, formats=("docx",)):
    """(brief path, Imported, built DOCX path): ``source`` imported into ``folder`` and built there."""
    folder.mkdir(parents=True, exist_ok=True)
    target, result = import_file(source, folder / (source.stem + ".yaml"))
    built = build(target, folder / "out", formats)
    docx_path = next(p for p in built.outputs if p.suffix == ".docx")
    return target, result, docx_path


def quoted_share(brief_text: str, prose: list[str]) -> tuple[int, int]:
    """(figures in the prose, of those quoted from data) — counted from the imported brief."""
    total = sum(len(_NUMBER.findall(p)) for p in prose)
    return total, total - sum(len(_NUMBER.findall(p)) for p in prose_outside_templates(brief_text))


def prose_outside_templates(brief_text: str) -> list[str]:
    """The text values of a brief's YAML with every ``{{ … }}`` removed (comments and keys left out)."""
    import yaml

    brief = yaml.safe_load(brief_text)
    texts: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("data", "computed", "version", "year", "date", "path", "value", "kind"):
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            texts.append(re.sub(r"\{\{.*?\}\}", "", value))

    walk(brief)
    return texts


__all__ = ["built_paragraphs", "sentences", "import_and_build", "missing_in_order", "squash", "quoted_share"]
