"""Compare the .docx readers `policyhub import` could use, on Vietnamese decrees made here.

    .venv/bin/python bench/docx_converters.py [--articles 300] [--repeat 5]

Two documents: the realistic decree of the tests (emblem header, chapters, a table with a
merged cell, a footnote) and a long one with `--articles` articles, each with clauses,
points and a table. For each reader it prints the median time per document and what its
output does with the things a draft needs. mammoth is what policyhub uses; pandoc runs
when pypandoc-binary is installed (`pip install pypandoc-binary==1.17`; not a dependency).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from docx import Document  # noqa: E402  (python-docx, a test dependency)

from generator.validate.config import load_config  # noqa: E402
from generator.commands.import_docx import convert  # noqa: E402
from tests.editors.word_fixtures import decree_docx  # noqa: E402


def long_decree(path: Path, articles: int) -> Path:
    doc = Document()
    doc.add_paragraph("NGHỊ QUYẾT").runs[0].bold = True
    doc.add_paragraph("Quy định chi tiết một số điều của Luật Đất đai trên địa bàn tỉnh Lâm Đồng")
    for number in range(1, articles + 1):
        if number % 20 == 1:
            doc.add_paragraph(f"Chương {number // 20 + 1}")
            doc.add_paragraph("QUY ĐỊNH VỀ HẠN MỨC VÀ THỦ TỤC")
        doc.add_paragraph().add_run(f"Điều {number}. Hạn mức giao đất ở tại khu vực {number}").bold = True
        for clause in range(1, 4):
            doc.add_paragraph(f"{clause}. Hộ gia đình, cá nhân được giao đất ở với hạn mức không quá "
                              f"{clause * 100} mét vuông tại các phường, xã thuộc khu vực {number}.")
        for letter in "abc":
            doc.add_paragraph(f"{letter}) Trường hợp thửa đất có vườn, ao thì phần diện tích còn lại được công nhận.")
        table = doc.add_table(rows=3, cols=3)
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = "Khu vực" if r == 0 else f"{r * c * 1000:,}".replace(",", ".")
    doc.save(path)
    return path


def median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "site_config.yml").write_text(
            "site: {name: Bench, base_url: 'https://example.gov.vn/'}\nagencies: {a: {name: A}}\n"
            "topics: {t: {name: T}}\ndoc_types: {nghi-quyet: {name: Nghị quyết}}\n", encoding="utf-8")
        config = load_config(Path(folder) / "site_config.yml")
        documents = {"decree of the tests": decree_docx(Path(folder) / "du-thao.docx"),
                     f"{args.articles} articles": long_decree(Path(folder) / "dai.docx", args.articles)}
        print("| document | size | policyhub (mammoth + structure) | pandoc → markdown |")
        print("|---|---:|---:|---:|")
        for name, path in documents.items():
            data = path.read_bytes()
            ours = median_seconds(lambda: _ours(data, config), args.repeat)
            theirs = _pandoc_seconds(path, args.repeat)
            print(f"| {name} | {len(data) // 1024} KB | {ours * 1000:.0f} ms | "
                  f"{f'{theirs * 1000:.0f} ms' if theirs is not None else 'not installed'} |")
    return 0


def _ours(data: bytes, config) -> None:
    convert(data, "x.docx", "x.docx", config, agency="a", topics=["t"], doc_type="nghi-quyet", slug="x", lang="vi")


def _pandoc_seconds(path: Path, repeat: int):
    try:
        import pypandoc
    except ImportError:
        return None
    return median_seconds(lambda: pypandoc.convert_file(str(path), "markdown", extra_args=["--wrap=none"]), repeat)


if __name__ == "__main__":
    sys.exit(main())
