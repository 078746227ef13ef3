#!/usr/bin/env python3
"""Rebuild briefmaker's bundled fonts from Debian packages.

    python3 tools/build_fonts.py            # download, build, verify, write src/briefmaker/fonts/
    python3 tools/build_fonts.py --deb-dir D  # reuse .deb files already in D

Needs: Debian 12 (apt-get, dpkg-deb, tar), python3 with fontTools; reportlab
plus pdftotext (poppler-utils) or pdfplumber for the verification step.

What it does, per role (see ROLES):
  1. `apt-get download` the Debian package (running `apt-get update` once if that
     fails) into a temporary directory and extract only the needed files.
  2. Subset the CFF-flavoured OpenType font with fontTools.subset (no layout
     features, no hinting, no vertical metrics).
  3. Convert the outlines to TrueType quadratic curves (cu2qu, the method of
     fontTools' Snippets/otf2ttf.py; for the Fandol fonts nearly straight runs
     become single lines first, see MAX_ERR), re-order glyphs by code point so cmap
     format 4 stays compact, and write cmap (3,1)/(0,3) format 4 and, when
     characters beyond the BMP are present, (3,10)/(0,4) format 12.
  4. Save with fixed head.created/modified (the source font's), so the output
     bytes are the same on every run.
Then it checks every output with ReportLab (load, draw, extract text), writes
LICENSES/, manifest.json and the provenance table in README.md.
"""

import argparse
import gzip
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset as ftsubset
from fontTools.pens.basePen import AbstractPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "briefmaker", "fonts")

FANDOL_DIR = "./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"
NOTO_TTC = "./usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

# Versions this build was made from (Debian 12 "bookworm"). Another version
# still builds, with a warning: the outputs would then differ from the ones
# recorded in manifest.json.
PACKAGES = {
    "texlive-lang-chinese": {
        "version": "2022.20230122-1",
        "members": [
            FANDOL_DIR + "FandolFang-Regular.otf",
            FANDOL_DIR + "FandolHei-Regular.otf",
            FANDOL_DIR + "FandolKai-Regular.otf",
            FANDOL_DIR + "FandolSong-Bold.otf",
            "./usr/share/doc/texlive-doc/fonts/fandol/README",
            "./usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
        ],
    },
    "fonts-noto-cjk": {
        "version": "1:20220127+repack1-1",
        "members": [NOTO_TTC, "./usr/share/doc/fonts-noto-cjk/copyright"],
    },
}

ROLES = [
    # role, output, package, file in package, face name (for a TTC), charset
    ("fang", "fang.ttf", "texlive-lang-chinese",
     FANDOL_DIR + "FandolFang-Regular.otf", None, "gb2312"),
    ("hei", "hei.ttf", "texlive-lang-chinese",
     FANDOL_DIR + "FandolHei-Regular.otf", None, "gb2312"),
    ("kai", "kai.ttf", "texlive-lang-chinese",
     FANDOL_DIR + "FandolKai-Regular.otf", None, "gb2312"),
    ("song_bold", "song-bold.ttf", "texlive-lang-chinese",
     FANDOL_DIR + "FandolSong-Bold.otf", None, "gb2312"),
    ("fallback", "fallback.ttf", "fonts-noto-cjk",
     NOTO_TTC, "Noto Serif CJK SC", "wide"),
]

ROLE_DESCRIPTIONS = {
    "fang": "仿宋 body text",
    "hei": "黑体 headings",
    "kai": "楷体",
    "song_bold": "bold 宋, stand-in for 小标宋 titles",
    "fallback": "wide-coverage fallback for characters outside GB2312",
}

# Outline tolerances in font units (both sources use 1000 units per em).
#
# MAX_ERR is the cu2qu tolerance: how far a quadratic curve may stray from the
# cubic it replaces. FLAT_TOL lets a run of lines and nearly straight cubics
# become one line when every point and control point of the run lies within
# FLAT_TOL of that line (a cubic lies inside the convex hull of its control
# points, so the outline moves at most FLAT_TOL). The Fandol outlines are
# traced: half of their cubics bend by less than 1 unit, and cu2qu gives each
# of them an off-curve point that draws nothing. Implied on-curve points (exact
# midpoints of two off-curve points after rounding) are also dropped, which is
# lossless.
#
# Measured on the glyphs embedded in the seed PDF (briefs/changxing-2020.yaml:
# 702 fang, 186 hei, 86 kai, 29 song-bold glyphs); bytes are the compiled glyf
# records, summed, and zlib-compressed as ReportLab embeds them:
#
#   MAX_ERR  FLAT_TOL  glyf bytes  zlib bytes  points
#   1.0      -         602884      391330      203232   (old build)
#   1.0      - (*)     597919      391212      201859   (*) implied on-curves dropped
#   1.5      -         581799      383176      196049
#   2.0      -         567648      376884      191208
#   3.0      -         549422      368495      185075
#   1.0      1.0       464744      327562      154838   (*)
#   1.5      1.0       453037      321174      150826   (*)
#   1.5      1.5       393772      287320      130156   (*)  <- chosen
#   2.0      2.0       347631      258513      113715   (*)
#   3.0      3.0       296998      225823       95292   (*)
#
# Raising MAX_ERR alone saves little (-2 % at 1.5, -6 % at 3.0): the size is in
# the many nearly flat segments, not in the curves. 1.5/1.5 gives -27 % and
# takes the seed PDF from 487,333 to 379,780 bytes (embedded Fandol subsets
# 439,327 -> 331,778 bytes). The largest deviation between source and output
# outline measured over all 3682 contours of those glyphs (two-sided Hausdorff
# distance per contour, both outlines sampled every 0.25 unit, rounding to
# integer coordinates included) is 1.90 units (fang 1.74, hei 1.56, kai 1.53,
# song-bold 1.90), so at most 2.03 allowing for the sampling: 0.011 mm at
# 16 pt, 0.016 mm at 22 pt, under a third of a 600 dpi printer dot. Tight glyph
# bounds move by at most 1.6 units over the whole fonts; advance widths, glyph
# and contour counts and the character coverage are unchanged. Page 2 of the
# seed PDF rendered at 150 and 600 dpi looks the same before and after.
MAX_ERR = 1.5
FLAT_TOL = 1.5

# Roles built with other settings: (MAX_ERR, FLAT_TOL). FLAT_TOL None means no
# flattening and implied on-curve points kept. fallback.ttf (Noto, drawn
# outlines, rarely embedded) keeps the settings it was built with, so its bytes
# stay those recorded in manifest.json.
OUTLINE_SETTINGS = {"fallback": (1.0, None)}

# --------------------------------------------------------------------------
# Character sets


def gb2312_chars():
    """Every character of GB2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.add(ord(ch))
    return out


def gb2312_hanzi():
    return {c for c in gb2312_chars() if 0x4E00 <= c <= 0x9FFF}


def _ranges(*pairs):
    out = set()
    for a, b in pairs:
        out.update(range(a, b + 1))
    return out


# Text and symbol blocks wanted in every font, whatever of them the source has.
SYMBOL_RANGES = _ranges(
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x00FF),  # Latin-1 supplement (© ° ± × ÷ · é ...)
    (0x0100, 0x024F),  # Latin extended A/B (pinyin tones ā ǎ ...)
    (0x02C6, 0x02DD),  # spacing modifiers ˇ ˉ ˊ ˋ ˙
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin extended additional
    (0x2000, 0x206F),  # general punctuation — ‐ – — ― ‖ ‘ ’ “ ” • … ‰ ′ ″ ※
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x218F),  # letterlike, number forms ℃ № ™ Ⅰ Ⅻ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators, incl. U+2212 MINUS SIGN
    (0x2300, 0x23FF),  # misc technical
    (0x2460, 0x24FF),  # enclosed alphanumerics ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes □ ○ △ ◆
    (0x2600, 0x26FF),  # misc symbols ★ ☆
    (0x2700, 0x27BF),  # dingbats ✓ ✕
    (0x2E80, 0x2E99),  # CJK radicals supplement (start)
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),  # Kangxi radicals
    (0x2FF0, 0x2FFB),  # ideographic description
    (0x3000, 0x303F),  # CJK symbols and punctuation 、。〃〇《》「」【】〔〕〖〗〝〞
    (0x3040, 0x30FF),  # kana (in GB2312 too)
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31BF),  # bopomofo extended
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x32FF),  # enclosed CJK ㈠ ㊣
    (0x3300, 0x33FF),  # CJK compatibility ㎡ ㎏
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6F),  # small form variants
    (0xFF00, 0xFFEF),  # full-width and half-width forms
)

# Must-have punctuation and marks (checked after the build; most are already in
# SYMBOL_RANGES or GB2312).
TYPOGRAPHIC = [ord(c) for c in (
    "“”‘’…—、。，：；！？（）《》〈〉「」『』【】〔〕〖〗·～％‰－／"
    "\u2014\u2015\u2026\u3000\u2212\u00B7\u30FB\u2E3A\u3007"
    "0123456789０１２３４５６７８９"
)]

IDEOGRAPH_RANGES = _ranges(
    (0x3400, 0x4DBF),    # extension A
    (0x4E00, 0x9FFF),    # URO
    (0xF900, 0xFAFF),    # compatibility ideographs
    (0x20000, 0x2FFFF),  # plane 2: extensions B-F, compatibility supplement
    (0x30000, 0x3134F),  # plane 3: extension G
)

# Code points mapped to the glyph of another when the source lacks them.
# GB2312 0xA1AA is U+2015 HORIZONTAL BAR in Python's (and some other) gb2312
# tables but U+2014 EM DASH in Adobe-GB1 and GB18030, which Fandol follows.
ALIASES = {0x2015: 0x2014}

IDEOGRAPH_BLOCKS = [
    ("CJK Unified Ideographs", 0x4E00, 0x9FFF),
    ("Extension A", 0x3400, 0x4DBF),
    ("Compatibility Ideographs", 0xF900, 0xFAFF),
    ("Extension B", 0x20000, 0x2A6DF),
    ("Extensions C-F", 0x2A700, 0x2EBEF),
    ("Compatibility Supplement", 0x2F800, 0x2FA1F),
    ("Extension G", 0x30000, 0x3134F),
]

# Characters that must come out of the fallback font.
FALLBACK_REQUIRED = [ord(c) for c in "堃喆珺昇\u2212"]


def wanted_codepoints(charset):
    if charset == "gb2312":
        return gb2312_chars() | SYMBOL_RANGES | set(TYPOGRAPHIC)
    if charset == "wide":
        return IDEOGRAPH_RANGES | SYMBOL_RANGES | set(TYPOGRAPHIC) | gb2312_chars()
    raise ValueError(charset)


# --------------------------------------------------------------------------
# Fetching


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def fetch_debs(workdir, deb_dir=None):
    """Return {package: (path to .deb, version)}."""
    found = {}
    for pkg in PACKAGES:
        path = None
        if deb_dir:
            cands = sorted(f for f in os.listdir(deb_dir)
                           if f.startswith(pkg + "_") and f.endswith(".deb"))
            if cands:
                path = os.path.join(deb_dir, cands[-1])
        if path is None:
            path = apt_download(pkg, workdir)
        version = subprocess.run(["dpkg-deb", "-f", path, "Version"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        if version != PACKAGES[pkg]["version"]:
            print(f"WARNING: {pkg} is {version}, this build was recorded with "
                  f"{PACKAGES[pkg]['version']}: outputs will differ", file=sys.stderr)
        found[pkg] = (path, version)
    return found


_updated = False


def apt_download(pkg, workdir):
    global _updated
    for attempt in (1, 2):
        before = set(os.listdir(workdir))
        r = subprocess.run(["apt-get", "download", pkg], cwd=workdir,
                           capture_output=True, text=True)
        new = [f for f in set(os.listdir(workdir)) - before if f.endswith(".deb")]
        if r.returncode == 0 and new:
            return os.path.join(workdir, sorted(new)[-1])
        if attempt == 1 and not _updated:
            print(f"apt-get download {pkg} failed; running apt-get update",
                  file=sys.stderr)
            run(["apt-get", "update", "-qq"])
            _updated = True
            continue
        sys.exit(f"apt-get download {pkg} failed:\n{r.stderr}")
    raise AssertionError


def extract(deb, members, dest):
    os.makedirs(dest, exist_ok=True)
    p1 = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE)
    run(["tar", "-x", "-C", dest, *members], stdin=p1.stdout)
    p1.stdout.close()
    if p1.wait() != 0:
        sys.exit(f"dpkg-deb --fsys-tarfile {deb} failed")
    for m in members:
        if not os.path.exists(os.path.join(dest, m)):
            sys.exit(f"{m} missing from {deb}")


# --------------------------------------------------------------------------
# Font building


def open_face(path, face_name):
    """Open an OTF, or the face of a TTC whose family name (ID 1) is face_name."""
    if face_name is None:
        return TTFont(path, recalcTimestamp=False), None
    from fontTools.ttLib import TTCollection
    n = len(TTCollection(path, lazy=True).fonts)
    for i in range(n):
        f = TTFont(path, fontNumber=i, lazy=True)
        if f["name"].getDebugName(1) == face_name:
            f.close()
            return TTFont(path, fontNumber=i, recalcTimestamp=False), i
        f.close()
    sys.exit(f"no face named {face_name!r} in {path}")


def subset_font(font, unicodes):
    opts = ftsubset.Options()
    opts.layout_features = []
    opts.layout_scripts = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.notdef_glyph = True
    opts.glyph_names = True
    opts.hinting = False
    opts.legacy_kern = False
    opts.desubroutinize = True
    opts.recalc_timestamp = False
    opts.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GDEF", "GPOS", "GSUB",
                         "JSTF", "MATH", "meta", "DSIG"]
    present = set(font.getBestCmap())
    sub = ftsubset.Subsetter(options=opts)
    sub.populate(unicodes=sorted(unicodes & present))
    sub.subset(font)
    return font


def _dist_to_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    if l2 == 0:
        return math.hypot(px - ax, py - ay)
    t = min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / l2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


class FlattenPen(AbstractPen):
    """Pass a cubic outline on, with each run of lines and nearly straight
    cubics replaced by one line when all the run's points and control points lie
    within `tol` of it (see FLAT_TOL). Every output line is checked against the
    original points, so errors do not add up along a run. On-curve points are
    kept exactly; contour starts are kept."""

    def __init__(self, out, tol):
        self.out, self.tol = out, tol
        self.start, self.segs = None, []

    def moveTo(self, pt):
        self.start, self.segs = pt, []

    def lineTo(self, pt):
        self.segs.append((pt,))

    def curveTo(self, *pts):
        if len(pts) != 3:
            raise ValueError("FlattenPen expects single cubic segments")
        self.segs.append(pts)

    def qCurveTo(self, *pts):
        raise NotImplementedError("FlattenPen takes cubic (CFF) outlines")

    def closePath(self):
        self._flush()
        self.out.closePath()

    def endPath(self):
        self._flush()
        self.out.endPath()

    def addComponent(self, glyphName, transformation):
        self.out.addComponent(glyphName, transformation)

    def _flush(self):
        out, tol = self.out, self.tol
        out.moveTo(self.start)
        run_start, run_end, witnesses = self.start, None, []
        for seg in self.segs:
            end, ctrl = seg[-1], list(seg[:-1])
            prev = run_start if run_end is None else run_end
            if not all(_dist_to_segment(c, prev, end) <= tol for c in ctrl):
                # a real curve: close the pending line, pass the curve on
                if run_end is not None:
                    out.lineTo(run_end)
                    run_start, run_end, witnesses = run_end, None, []
                out.curveTo(*seg)
                run_start = end
                continue
            if run_end is not None:
                cand = witnesses + [run_end] + ctrl
                if all(_dist_to_segment(c, run_start, end) <= tol for c in cand):
                    run_end, witnesses = end, cand
                    continue
                out.lineTo(run_end)
                run_start = run_end
            run_end, witnesses = end, ctrl
        if run_end is not None:
            out.lineTo(run_end)
        self.segs = []


def _quadratic(glyphset, name, max_err, flat_tol):
    pen = TTGlyphPen(glyphset)
    qpen = Cu2QuPen(pen, max_err, reverse_direction=True)
    glyphset[name].draw(qpen if flat_tol is None else FlattenPen(qpen, flat_tol))
    return pen.glyph(dropImpliedOnCurves=flat_tol is not None)


def _convert_chunk(args):
    """Worker: open the subset OTF saved on disk and convert some glyphs."""
    path, names, max_err, flat_tol = args
    font = TTFont(path, recalcTimestamp=False)
    gs = font.getGlyphSet()
    return [(n, _quadratic(gs, n, max_err, flat_tol)) for n in names]


def otf_to_ttf(font, tmp_path, workers, outline=(MAX_ERR, FLAT_TOL)):
    """Replace CFF by glyf/loca, glyphs re-ordered by code point."""
    cmap = dict(font.getBestCmap())
    aliased = []
    for alias, target in sorted(ALIASES.items()):
        if alias not in cmap and target in cmap:
            cmap[alias] = cmap[target]
            aliased.append(f"U+{alias:04X}->U+{target:04X}")
    old_order = font.getGlyphOrder()
    # new glyph order: .notdef, then glyphs by the lowest code point mapped to
    # them, then unmapped glyphs in their old order.
    first_cp = {}
    for cp in sorted(cmap):
        first_cp.setdefault(cmap[cp], cp)
    rest = [g for g in old_order[1:] if g in first_cp]
    rest.sort(key=lambda g: first_cp[g])
    unmapped = [g for g in old_order[1:] if g not in first_cp]
    order = [old_order[0]] + rest + unmapped

    # quadratic outlines, optionally in parallel (deterministic: results are
    # put back by name).
    font.save(tmp_path)
    if workers > 1 and len(order) > 2000:
        n = workers * 4
        chunks = [(tmp_path, order[i::n], *outline) for i in range(n)]
        with ProcessPoolExecutor(workers) as ex:
            glyphs = {k: v for part in ex.map(_convert_chunk, chunks) for k, v in part}
    else:
        glyphs = dict(_convert_chunk((tmp_path, order, *outline)))

    hmtx = font["hmtx"].metrics
    new = TTFont(recalcTimestamp=False)
    new.sfntVersion = "\0\1\0\0"
    new.setGlyphOrder(order)
    for tag in ("head", "hhea", "OS/2", "name"):
        new[tag] = font[tag]
    new["head"].glyphDataFormat = 0

    glyf = new["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {g: glyphs[g] for g in order}
    new["loca"] = newTable("loca")

    hm = new["hmtx"] = newTable("hmtx")
    hm.metrics = {}
    for g in order:
        gl = glyf.glyphs[g]
        gl.recalcBounds(glyf)
        lsb = gl.xMin if gl.numberOfContours else 0
        hm.metrics[g] = (hmtx[g][0], lsb)

    maxp = new["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints",
                 "maxCompositeContours", "maxTwilightPoints", "maxStorage",
                 "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1

    post = new["post"] = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order

    cm = new["cmap"] = newTable("cmap")
    cm.tableVersion = 0
    cm.tables = []
    bmp = {cp: g for cp, g in cmap.items() if cp <= 0xFFFF}
    subtables = [(0, 3, 4, bmp), (3, 1, 4, bmp)]
    if any(cp > 0xFFFF for cp in cmap):
        subtables += [(0, 4, 12, dict(cmap)), (3, 10, 12, dict(cmap))]
    for pid, eid, fmt, mapping in subtables:
        st = CmapSubtable.newSubtable(fmt)
        st.platformID, st.platEncID, st.language = pid, eid, 0
        st.cmap = mapping
        cm.tables.append(st)
    cm.tables.sort(key=lambda t: (t.platformID, t.platEncID))
    return new, aliased


def tag_names(font):
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID == 3:
            name.setName(rec.toUnicode() + ";briefmaker-subset-ttf", 3,
                         rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 10 and rec.toUnicode().strip():
            name.setName(rec.toUnicode() + " Subset and converted to TrueType "
                         "outlines by briefmaker tools/build_fonts.py.", 10,
                         rec.platformID, rec.platEncID, rec.langID)


def build_one(role, out_file, src_path, face_name, charset, out_dir, tmp, workers):
    t0 = time.time()
    font, face_index = open_face(src_path, face_name)
    head = font["head"]
    created, modified = head.created, head.modified
    src_info = {
        "family": font["name"].getDebugName(1),
        "full_name": font["name"].getDebugName(4),
        "postscript_name": font["name"].getDebugName(6),
        "version": font["name"].getDebugName(5),
        "glyphs": font["maxp"].numGlyphs,
        "face_index": face_index,
    }
    src_cmap = set(font.getBestCmap())
    want = wanted_codepoints(charset)
    subset_font(font, want)
    new, aliased = otf_to_ttf(font, os.path.join(tmp, role + ".subset.otf"), workers,
                              OUTLINE_SETTINGS.get(role, (MAX_ERR, FLAT_TOL)))
    tag_names(new)
    new["head"].created = created
    new["head"].modified = modified
    out_path = os.path.join(out_dir, out_file)
    new.save(out_path)
    font.close()
    new.close()

    # re-read what was written
    chk = TTFont(out_path)
    cmap = chk.getBestCmap()
    missing_typo = [f"U+{c:04X}" for c in TYPOGRAPHIC if c not in cmap]
    info = {
        "file": out_file,
        "family": chk["name"].getDebugName(1),
        "postscript_name": chk["name"].getDebugName(6),
        "glyphs": chk["maxp"].numGlyphs,
        "characters": len(cmap),
        "size": os.path.getsize(out_path),
        "sha256": sha256(out_path),
        "cmap_formats": sorted({(t.platformID, t.platEncID, t.format)
                                for t in chk["cmap"].tables}),
        "has_u2212_minus": 0x2212 in cmap,
        "source_has_u2212_minus": 0x2212 in src_cmap,
        "gb2312_missing": len([c for c in gb2312_chars() if c not in cmap]),
        "ideographs": sum(1 for c in cmap if c in IDEOGRAPH_RANGES),
        "ideographs_beyond_bmp": sum(1 for c in cmap if c > 0xFFFF),
        "ideograph_blocks": {n: sum(1 for c in cmap if a <= c <= b)
                             for n, a, b in IDEOGRAPH_BLOCKS},
        "typographic_missing": missing_typo,
        "aliases": aliased,
        "source": src_info,
        "build_seconds": round(time.time() - t0, 1),
    }
    chk.close()
    return role, info


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------
# Verification with ReportLab


def verify(out_dir, manifest):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    samples = {
        "fang": "仿宋正文：关于2024年度工作的报告（第一部分）“引号”——破折号…",
        "hei": "黑体标题：一、总体情况　【重要】《通知》",
        "kai": "楷体：附件说明，请予审议！？",
        "song_bold": "关于开展专项检查工作的通知",
        "fallback": "堃喆珺昇 −5℃ 𠮷 龘 㐀",
    }
    problems = []
    fb = manifest.get("fallback")
    if fb:
        from fontTools.ttLib import TTFont as FTFont
        cmap = FTFont(os.path.join(out_dir, fb["file"])).getBestCmap()
        lack = [chr(c) for c in FALLBACK_REQUIRED if c not in cmap]
        if lack:
            problems.append(f"fallback: lacks required {lack!r}")
    for role, info in manifest.items():
        if role != "fallback" and info["gb2312_missing"]:
            problems.append(f"{role}: {info['gb2312_missing']} GB2312 characters missing")
        path = os.path.join(out_dir, info["file"])
        rl_name = "BM_" + role
        f = RLFont(rl_name, path)
        pdfmetrics.registerFont(f)
        text = samples[role]
        face = f.face
        absent = [c for c in text if ord(c) not in face.charToGlyph]
        if absent:
            problems.append(f"{role}: ReportLab cmap lacks {absent!r}")
        pdf = os.path.join(tempfile.gettempdir(), f"bm_font_check_{role}.pdf")
        c = canvas.Canvas(pdf)
        c.setFont(rl_name, 14)
        c.drawString(50, 750, text)
        c.save()
        got = pdf_text(pdf)
        norm = lambda s: re.sub(r"\s+", "", s)
        # ReportLab 5's ToUnicode CMap writes code points beyond the BMP as
        # plain hex instead of UTF-16 surrogates, so they extract wrongly
        # (U+20BB7 comes back as U+20BB); such characters match anything here.
        pattern = "".join("." if ord(c) > 0xFFFF else re.escape(c) for c in norm(text))
        if not re.search(pattern, norm(got)):
            problems.append(f"{role}: extracted {got!r}, wanted {text!r}")
        os.remove(pdf)
        info["reportlab_ok"] = not any(p.startswith(role + ":") for p in problems)
    return problems


def pdf_text(pdf):
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True,
                              capture_output=True, text=True).stdout
    import pdfplumber
    with pdfplumber.open(pdf) as p:
        return "".join(page.extract_text() or "" for page in p.pages)


# --------------------------------------------------------------------------
# Licences, manifest, README

FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font,
and embed this font or unaltered portions of this font into the
document, this font does not by itself cause the resulting document to
be covered by the GNU General Public License. This exception does not
however invalidate any other reasons why the document might be covered
by the GNU General Public License. If you modify this font, you may
extend this exception to your version of the font, but you are not
obligated to do so. If you do not wish to do so, delete this exception
statement from your version.
"""


def write_licenses(ex, out_dir, noto_copyright_lines):
    lic = os.path.join(out_dir, "LICENSES")
    os.makedirs(lic, exist_ok=True)
    fandol_doc = os.path.join(ex, "./usr/share/doc/texlive-doc/fonts/fandol/")
    with gzip.open(fandol_doc + "COPYING.gz", "rt", encoding="utf-8") as f:
        gpl = f.read()
    write(os.path.join(lic, "GPL-3.0.txt"), gpl)
    with open(fandol_doc + "README", encoding="utf-8") as f:
        readme = f.read()
    write(os.path.join(lic, "Fandol-README.txt"), readme)
    write(os.path.join(lic, "Fandol-GPL-font-exception.txt"), f"""\
Fandol fonts (FandolFang, FandolHei, FandolKai, FandolSong)
Copyright © 2012-2013, the Fandol team (Clerk Ma, Jie Su).
https://www.ctan.org/tex-archive/fonts/fandol

Licence: GNU General Public License version 3 (GPL-3.0.txt beside this file)
with the GPL font exception. The Fandol README (Fandol-README.txt) states
"These fonts's licensing is GPL + GPL font exception." and the fonts' name
table points to http://www.gnu.org/licenses/licenses.html. The package does
not ship the exception's wording; it is the standard one published by the
Free Software Foundation (GPL FAQ, "How does the GPL apply to fonts?"):

{FONT_EXCEPTION}
fang.ttf, hei.ttf, kai.ttf and song-bold.ttf are modified versions (subset,
outlines converted from CFF to TrueType) made by build_fonts.py beside
LICENSES/, which is their corresponding source together with the unmodified
Debian package texlive-lang-chinese. They are distributed under the same
GPL-3 terms, and the font exception above is extended to these versions.
""")
    with open(os.path.join(ex, "./usr/share/doc/fonts-noto-cjk/copyright"),
              encoding="utf-8") as f:
        deb_copyright = f.read()
    m = re.search(r"^License: SIL-1.1\n((?: .*\n)+)", deb_copyright, re.M)
    if not m:
        sys.exit("OFL text not found in fonts-noto-cjk copyright file")
    ofl = "\n".join("" if l.strip() == "." else l[1:]
                    for l in m.group(1).rstrip("\n").split("\n")) + "\n"
    write(os.path.join(lic, "OFL-1.1-NotoSerifCJK.txt"),
          "Noto Serif CJK SC (fallback.ttf)\n"
          + "".join(l + "\n" for l in noto_copyright_lines)
          + "Upstream (googlefonts/noto-cjk) names 'Source' as a Reserved Font "
            "Name;\nfallback.ttf keeps the family name \"Noto Serif CJK SC\", which "
            "does not use it.\n\nfallback.ttf is a Modified Version (subset, outlines "
            "converted from CFF to\nTrueType by build_fonts.py) and is distributed "
            "under this same licence.\n\n" + ofl)
    write(os.path.join(lic, "debian-copyright-fonts-noto-cjk.txt"), deb_copyright)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def human(n):
    return f"{n / 1048576:.2f} MiB"


def update_readme(out_dir, manifest, debs):
    path = os.path.join(out_dir, "README.md")
    if not os.path.exists(path):
        return
    rows = ["| file | role | source font (version) | Debian package | licence "
            "| glyphs | chars | size | sha256 |",
            "|---|---|---|---|---|---|---|---|---|"]
    for role, i in manifest.items():
        s = i["source"]
        ver = s["version"].split(";")[0].replace("Version ", "")
        face = f", TTC face {s['face_index']}" if s["face_index"] is not None else ""
        lic = ("OFL-1.1" if role == "fallback" else "GPL-3.0 + font exception")
        rows.append(f"| `{i['file']}` | {ROLE_DESCRIPTIONS[role]} | {s['full_name']} "
                    f"{ver}{face} | {i['debian_package']} {i['debian_version']} "
                    f"| {lic} | {i['glyphs']} | {i['characters']} | {human(i['size'])} "
                    f"| `{i['sha256']}` |")
    rows.append("")
    for role, i in manifest.items():
        blocks = ", ".join(f"{n} {k}" for n, k in i["ideograph_blocks"].items() if k)
        gb = ("GB2312 complete (all 7445 characters, 6763 hanzi)"
              if not i["gb2312_missing"] else f"GB2312 lacks {i['gb2312_missing']}")
        minus = ("has U+2212 MINUS SIGN" if i["has_u2212_minus"] else
                 "no U+2212 MINUS SIGN (" +
                 ("dropped!" if i["source_has_u2212_minus"] else "the source has none") + ")")
        extra = f"; aliases {', '.join(i['aliases'])}" if i["aliases"] else ""
        lacks = (f"; lacks {' '.join(i['typographic_missing'])} of the marks checked"
                 if i["typographic_missing"] else "")
        rows.append(f"- `{i['file']}`: {gb}; {i['ideographs']} ideographs ({blocks}); "
                    f"{minus}{extra}{lacks}.")
    table = "\n".join(rows)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = re.sub(r"(<!-- provenance:start -->\n).*?(\n<!-- provenance:end -->)",
                 lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
    write(path, new)


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deb-dir", help="directory holding already-downloaded .debs")
    ap.add_argument("--out", default=HERE, help="output directory (default: src/briefmaker/fonts/)")
    ap.add_argument("--only", nargs="*", help="roles to build (default: all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep-tmp", action="store_true")
    ap.add_argument("--no-verify", action="store_true")
    args = ap.parse_args()

    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="briefmaker-fonts-")
    try:
        debs = fetch_debs(tmp, args.deb_dir)
        ex = os.path.join(tmp, "root")
        for pkg, (deb, _) in debs.items():
            extract(deb, PACKAGES[pkg]["members"], ex)
        print(f"fetched and extracted in {time.time() - t0:.1f}s")

        manifest_path = os.path.join(args.out, "manifest.json")
        manifest = {}
        if args.only and os.path.exists(manifest_path):
            with open(manifest_path, encoding="utf-8") as f:
                manifest = json.load(f)
        for role, out_file, pkg, member, face, charset in ROLES:
            if args.only and role not in args.only:
                continue
            _, info = build_one(role, out_file, os.path.join(ex, member), face,
                                charset, args.out, tmp, args.jobs)
            info["debian_package"] = pkg
            info["debian_version"] = debs[pkg][1]
            info["licence"] = "OFL-1.1" if pkg == "fonts-noto-cjk" else "GPL-3.0 WITH Font-exception-2.0"
            manifest[role] = info
            print(f"{out_file}: {info['glyphs']} glyphs, {info['characters']} chars, "
                  f"{human(info['size'])}, {info['build_seconds']}s, "
                  f"U+2212 {'yes' if info['has_u2212_minus'] else 'NO'}, "
                  f"GB2312 missing {info['gb2312_missing']}, "
                  f"typographic missing {info['typographic_missing']}")
        manifest = {r[0]: manifest[r[0]] for r in ROLES if r[0] in manifest}

        noto = TTFont(os.path.join(ex, NOTO_TTC), fontNumber=2, lazy=True)
        noto_lines = [noto["name"].getDebugName(0), noto["name"].getDebugName(7)]
        noto.close()
        write_licenses(ex, args.out, [l for l in noto_lines if l])

        problems = [] if args.no_verify else verify(args.out, manifest)
        # stable manifest: no timings in it
        stable = {r: {k: v for k, v in i.items() if k != "build_seconds"}
                  for r, i in manifest.items()}
        write(manifest_path, json.dumps(stable, ensure_ascii=False, indent=2) + "\n")
        update_readme(args.out, stable, debs)
        print(f"total {time.time() - t0:.1f}s")
        if problems:
            print("VERIFICATION FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        if not args.no_verify:
            print("verified with ReportLab: all fonts load, draw and extract")
        return 0
    finally:
        if args.keep_tmp:
            print("temporary files kept in", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
