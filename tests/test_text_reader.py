"""Text reader: encodings, line ends, normalisation that keeps columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from perfcheck.parse.normalize import normalize
from perfcheck.readers import InputError, read

TEXT = "一、基本情况\r\n收入４４．１３万元，占１００％。\r\n"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b""),
])
def test_encodings_and_crlf(tmp_path, encoding, prefix):
    path = tmp_path / "r.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    document = read(str(path))
    assert document.lines == ("一、基本情况", "收入４４．１３万元，占１００％。")


@pytest.mark.parametrize("data, fragment", [
    (b"", "空"), (b"   \n\n", "空"), (b"\x00\x01\x02" * 100, "二进制"),
])
def test_unreadable_text_is_an_input_error(tmp_path, data, fragment):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read(str(path))
    assert fragment in caught.value.message and caught.value.message_en


def test_size_limit(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("收入".encode() * 1000)
    with pytest.raises(InputError, match="过大"):
        read(str(path), max_bytes=100)


def test_normalize_maps_full_width_one_for_one():
    assert normalize("收入４４．１３万元，占１００％") == "收入44.13万元，占100%"


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_normalize_keeps_length(text):
    assert len(normalize(text)) == len(text)
