"""``tikg extract`` and ``tikg eval`` through the real entry point (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

TEXT = (
    "The Akira ransomware gang claimed responsibility for a cyberattack on Northwind "
    "Logistics on November 12, stealing 120 GB of data."
)


def _tikg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tikg", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_extract_file_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    proc = _tikg("extract", str(path), "--published", "2025-11-20", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["lang"] == "en" and data["extractor_version"]
    inc = data["incidents"][0]
    assert inc["victim"] == "Northwind Logistics"
    assert inc["actors"][0]["modality"] == "claimed"
    assert {"role": "attack", "date": "2025-11-12"}.items() <= inc["dates"][0].items()


def test_extract_stdin_jsonl() -> None:
    proc = _tikg("extract", "-", "--lang", "en", "--format", "jsonl", stdin=TEXT)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1
    assert json.loads(proc.stdout)["actors"][0]["key"] == "akira"


def test_extract_batch(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    rows = [
        {"id": "a", "title": "", "text": TEXT, "published": "2025-11-20", "lang": "en"},
        {"id": "b", "title": "Nothing", "text": "A quiet day.", "published": None},
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    proc = _tikg("extract", "--input", str(src), "--output", str(dst))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[1]["incidents"] == []


def test_extract_bad_options_exit_2(tmp_path: Path) -> None:
    proc = _tikg("extract", "-", "--format", "xml", stdin="x")
    assert proc.returncode == 2
    assert "--format" in proc.stderr
    proc = _tikg("extract", str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    proc = _tikg("extract", "--input", str(bad))
    assert proc.returncode == 2 and "invalid JSON" in proc.stderr


def test_eval_prints_a_table_per_language() -> None:
    devset = REPO / "tests" / "data" / "devset" / "en_own.jsonl"
    proc = _tikg("eval", "--set", str(devset), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    for word in ("actors", "victims", "pairs", "dates", "F1"):
        assert word in proc.stdout
    proc = _tikg("eval", "--lang", "de")
    assert proc.returncode == 2


def test_eval_ner_scores_a_conll_file_and_names_a_missing_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "ner" / "dnrti"
    corpus.mkdir(parents=True)
    (corpus / "test.txt").write_text(
        "The O\nQuillfish B-HackOrg\ngroup I-HackOrg\nclaimed O\nthe O\nattack O\n\n",
        encoding="utf-8",
    )
    proc = _tikg("eval", "--ner", "--shared", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if "│" in line and "1 " in line)
    assert "1.000" in row  # the group, named from its context, is the one tagged name
    proc = _tikg("eval", "--ner", "--shared", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "no CoNLL file" in proc.stderr
