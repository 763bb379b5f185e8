"""Files are read through a bound: the file system is asked first, only regular files are opened,
and never more than the limit is read. A FIFO, a device or a huge sparse file is refused at once."""
import os
import subprocess
import sys
import time

import pytest

from pingan.decode import MAX_BYTES, BadInput
from pingan.reading import read_bytes
from pingan.store import Store
from tests.conftest import ROOT

TEXT = "淄博市2022年全市群众安全感达到97.5%。"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "pingan", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def test_a_regular_file_is_read_whole_up_to_the_limit(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 1000)
    assert read_bytes(p, max_bytes=1000) == b"x" * 1000
    with pytest.raises(BadInput, match="1,001 bytes, over the 1,000-byte limit"):
        p.write_bytes(b"x" * 1001)
        read_bytes(p, max_bytes=1000)
    with pytest.raises(BadInput, match="cannot read"):
        read_bytes(tmp_path / "missing.txt")
    with pytest.raises(BadInput, match="is a folder"):
        read_bytes(tmp_path)


def test_a_sparse_3_gib_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(3 * 1024 ** 3)               # sparse: no disk used, nothing to read
    t0 = time.perf_counter()
    with pytest.raises(BadInput, match=r"huge.txt: file is 3,221,225,472 bytes, over the"):
        read_bytes(p)
    assert time.perf_counter() - t0 < 1
    with Store(tmp_path / "s.db") as s:
        [res] = s.add_files([p])
        assert res.error is not None and "over the" in str(res.error) and s.is_empty()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it():
    with pytest.raises(BadInput, match="/dev/zero: is a character device, not a regular file"):
        read_bytes("/dev/zero")


@needs_fifo
def test_a_fifo_is_refused_and_never_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="pipe.txt: is a FIFO"):
        read_bytes(fifo)                        # would block forever if it were opened


@needs_fifo
@pytest.mark.parametrize("command", ["extract", "add"])
def test_the_cli_names_a_fifo_alone_or_in_a_folder_and_does_not_hang(tmp_path, command):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    extra = ["--db", str(tmp_path / "s.db")] if command == "add" else []
    for target in (folder / "pipe.txt", folder):
        res = run(command, str(target), *extra, timeout=60)   # a hang fails the test by its timeout
        assert res.returncode == 2 and "pipe.txt: is a FIFO" in res.stderr and "Traceback" not in res.stderr
    if command == "extract":
        assert "97.5" in res.stdout                            # the folder's other file still comes out
    else:
        with Store(tmp_path / "s.db") as s:
            assert s.names() == ["good.txt"]


def test_the_limit_is_the_upload_limit():
    assert read_bytes.__defaults__ == (MAX_BYTES,)
