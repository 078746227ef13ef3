"""Every block type of the document model is drawn by every writer, and the model stays neutral."""
import ast
from pathlib import Path

import pytest

from briefmaker import document
from briefmaker.render.docx import DocxWriter
from briefmaker.render.pdf import PdfWriter

SRC = Path(document.__file__).parent


@pytest.mark.parametrize("writer", [PdfWriter, DocxWriter])
@pytest.mark.parametrize("block_type", document.BLOCK_TYPES, ids=lambda t: t.__name__)
def test_writer_has_a_method_per_block(writer, block_type):
    assert callable(getattr(writer, "block_" + block_type.__name__, None))


def test_block_types_lists_every_block_subclass():
    declared = {cls for cls in vars(document).values()
                if isinstance(cls, type) and issubclass(cls, document.Block) and cls is not document.Block}
    assert declared == set(document.BLOCK_TYPES)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", ["document.py", "compose/__init__.py", "compose/blocks.py",
                                    "compose/charts.py", "compose/images.py"])
def test_model_and_compose_know_no_output_format(module):
    assert not _imports(SRC / module) & {"docx", "reportlab", "matplotlib", "svglib", "yaml"}


def test_writers_never_see_yaml_or_jinja():
    for path in (SRC / "render").rglob("*.py"):
        assert not _imports(path) & {"yaml", "jinja2", "pydantic"}, path.name
