"""LibreOffice as the office machine a DOCX lands on, the same on every test machine.

Our DOCX names the fonts Chinese offices have (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体,
宋体). A test machine has none of them, and what LibreOffice then substitutes depends on which
CJK fonts happen to be installed (none on a fresh CI machine: every Chinese character is drawn
as nothing and text extraction finds no words). ``convert`` runs LibreOffice under a fontconfig
of its own that offers the bundled fonts under those office names — the bundled files are the
ones our PDF uses, so the DOCX is laid out with the same metrics as on an office machine with
the real fonts, and the result does not depend on the machine's fonts.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from briefmaker.fonts import font_path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# office family name -> the bundled font that stands in for it
OFFICE_FAMILIES = {
    "仿宋_GB2312": "fang", "仿宋": "fang", "FangSong": "fang",
    "黑体": "hei", "SimHei": "hei",
    "楷体_GB2312": "kai", "楷体": "kai", "KaiTi": "kai",
    "方正小标宋简体": "song-bold", "宋体": "song-bold", "SimSun": "song-bold",
}
_FAMILY_OF_KEY = {"fang": "FandolFang", "hei": "FandolHei", "kai": "FandolKai", "song-bold": "FandolSong"}


def fontconfig(folder: Path, *, office_fonts: bool = True) -> Path:
    """Write a fonts.conf into ``folder`` and return its path.

    ``office_fonts``: offer the bundled fonts under the office names (otherwise the machine's
    fonts only, minus every CJK font: a machine where only embedded fonts can help)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
             f"  <cachedir>{folder / 'cache'}</cachedir>"]
    if office_fonts:
        dirs = sorted({str(font_path(key).parent) for key in _FAMILY_OF_KEY})
        lines += [f"  <dir>{d}</dir>" for d in dirs]
        for name, key in OFFICE_FAMILIES.items():
            lines += ["  <match target=\"pattern\">",
                      f"    <test name=\"family\"><string>{name}</string></test>",
                      f"    <edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>{_FAMILY_OF_KEY[key]}</string></edit>",
                      "  </match>"]
    else:  # hide every CJK font the machine may have
        lines += ["  <selectfont><rejectfont><pattern><patelt name=\"lang\"><string>zh-cn</string></patelt>"
                  "</pattern></rejectfont></selectfont>"]
    lines.append("</fontconfig>")
    conf = folder / "fonts.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def convert(source: Path, outdir: Path, *, to: str = "pdf", office_fonts: bool = True,
            timeout: float = 240) -> Path:
    """Convert ``source`` with headless LibreOffice into ``outdir``; return the converted file.

    Each call uses its own LibreOffice profile and fontconfig under ``outdir``."""
    assert SOFFICE, "LibreOffice is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig(outdir / ".fontconfig", office_fonts=office_fonts)))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{outdir / '.profile'}",
                    "--convert-to", to, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=timeout, env=env)
    converted = outdir / (source.stem + "." + to.split(":")[0])
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted
