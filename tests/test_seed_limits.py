"""Limits on untrusted input: size, binary content, encodings, YAML bombs and nesting."""
from __future__ import annotations

import pytest

from generator.errors import SeedError
from generator.seed import MAX_FILE_BYTES, read_seed

BODY = "The minister said 40 people were hurt.\n"


def problem_of(path) -> str:
    with pytest.raises(SeedError) as info:
        read_seed(path)
    return str(info.value)


def test_billion_laughs_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcde"):  # 10^5 values, only 6 levels deep
        prev = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = tmp_path / "bomb.txt"
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + BODY, encoding="utf-8")
    message = problem_of(path)
    assert f"{path}:" in message and "anchors and aliases" in message


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.txt"
    path.write_text("---\ntags: " + "[" * 40 + "]" * 40 + "\n---\n" + BODY, encoding="utf-8")
    assert "nested more than" in problem_of(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * (MAX_FILE_BYTES // 5 + 10), encoding="utf-8")
    assert "over the limit" in problem_of(path)


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary content" in problem_of(path)


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeff---\r\ntitle: Café talks\r\ndate: 2025-03-05\r\n---\r\nFirst line.\r\nSecond line.\r\n".encode())
    seed = read_seed(path)
    assert seed.front_matter["title"] == "Café talks"
    assert seed.body.splitlines()[:2] == ["First line.", "Second line."]
    assert "\r" not in seed.body


def test_yaml_is_never_executed(tmp_path):
    path = tmp_path / "python.txt"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n" + BODY, encoding="utf-8")
    assert "YAML" in problem_of(path)
    assert not (tmp_path / "pwned").exists()
