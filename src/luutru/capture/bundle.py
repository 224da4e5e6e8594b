"""Where files come from: a folder, a ZIP bundle, or files posted by a browser.

Each source yields ``Incoming`` files one at a time (a bundle of thousands
never sits in memory) with the bytes read under a cap, or a refusal for that
file alone. ZIPs are read defensively: declared and actual sizes, compression
ratio, encrypted entries and paths that climb out (``..``, absolute) are each
refused with their own reason; nothing is ever extracted to disk.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings

from luutru.core.errors import RuleViolation

# A bundle may hold many files, but not unboundedly many or unboundedly large.
MAX_ENTRIES = 50_000
MAX_TOTAL_BYTES = 20 * 1024**3
# Office files and PDFs compress 2–10×; a hundredfold gain means a ZIP bomb.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small entries may compress well without harm
JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class Incoming:
    """One file on its way in: its name in the bundle and its bytes, or why not."""

    name: str
    size: int
    data: bytes | None = None
    failure: str = ""
    step: str = "store"


def max_bytes() -> int:
    return settings.LUUTRU_MAX_UPLOAD_BYTES


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} byte"


def too_big(name: str, size: int) -> str:
    return (
        f"Tệp “{name}” nặng {size_text(size)}, vượt giới hạn {size_text(max_bytes())}. "
        "Hãy tách tệp hoặc quét lại với độ phân giải vừa đủ (200 dpi) rồi nhập lại."
    )


def clean_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()[:500]


def is_junk(parts: Iterable[str]) -> bool:
    """Files the operating system leaves in folders (not documents, not worth a line)."""
    parts = list(parts)
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or (
        bool(parts) and parts[-1].lower() in JUNK_NAMES
    )


def read_capped(stream, limit: int) -> bytes:
    """At most ``limit + 1`` bytes: enough to know a file is too big without reading it all."""
    chunks, got = [], 0
    while got <= limit:
        chunk = stream.read(min(1024 * 1024, limit + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def from_folder(root: Path) -> Iterator[Incoming]:
    """Every file under ``root`` (sorted, so a rerun meets them in the same order)."""
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not is_junk([d]))
        for fname in sorted(filenames):
            path = Path(dirpath) / fname
            rel = path.relative_to(root).as_posix()
            if is_junk(PurePosixPath(rel).parts):
                continue
            yield from_path(path, clean_name(rel))


def count_folder(root: Path) -> int:
    n = 0
    for _dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not is_junk([d])]
        n += sum(1 for f in filenames if not is_junk([f]))
    return n


def from_path(path: Path, name: str) -> Incoming:
    """One file on disk, read under the size cap."""
    try:
        size = path.stat().st_size
        if size > max_bytes():
            return Incoming(name, size, failure=too_big(name, size))
        with path.open("rb") as f:
            data = read_capped(f, max_bytes())
    except OSError as exc:
        return Incoming(name, 0, failure=f"Không đọc được tệp “{name}”: {exc.strerror or exc}.")
    if len(data) > max_bytes():  # grew while we read it
        return Incoming(name, len(data), failure=too_big(name, len(data)))
    return Incoming(name, len(data), data=data)


def unsafe_path(name: str) -> bool:
    """A path that would climb out of the bundle or start at a root or drive."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return True
    return ".." in norm.split("/")


def open_zip(source) -> zipfile.ZipFile:
    """Open a bundle, refusing (as a whole) one that is not a ZIP or is built to exhaust us."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RuleViolation(
            "Tệp nén không mở được (không phải ZIP hoặc bị hỏng). "
            "Hãy nén lại thư mục tài liệu dạng .zip rồi nhập lại."
        ) from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        zf.close()
        raise RuleViolation(
            f"Tệp nén chứa {len(infos):,} mục, quá giới hạn {MAX_ENTRIES:,} mục một lần nhập. ".replace(
                ",", "."
            )
            + "Hãy chia thành nhiều tệp nén nhỏ hơn."
        )
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL_BYTES:
        zf.close()
        raise RuleViolation(
            f"Tệp nén khai báo {size_text(declared)} khi giải nén, quá giới hạn "
            f"{size_text(MAX_TOTAL_BYTES)}: có thể là “bom nén”. Không tệp nào được nhập."
        )
    return zf


def from_zip(source, prefix: str = "") -> Iterator[Incoming]:
    """Every file entry of a ZIP bundle, each read with its own checks."""
    with open_zip(source) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            raw = info.filename
            name = clean_name(prefix + raw)
            if unsafe_path(raw):
                yield Incoming(
                    name,
                    info.file_size,
                    failure=f"Đường dẫn “{raw}” trong tệp nén trỏ ra ngoài thư mục tài liệu "
                    "(chứa “..” hoặc bắt đầu từ gốc ổ đĩa): tệp này bị bỏ qua vì không an toàn.",
                )
                continue
            if is_junk(PurePosixPath(raw).parts):
                continue
            yield _zip_entry(zf, info, name)


def _zip_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Incoming:
    limit = max_bytes()
    if info.flag_bits & 0x1:
        return Incoming(
            name,
            info.file_size,
            failure=f"Tệp “{name}” trong tệp nén được đặt mật khẩu. "
            "Hãy nén lại không đặt mật khẩu rồi nhập lại.",
        )
    if info.file_size > limit:
        return Incoming(name, info.file_size, failure=too_big(name, info.file_size))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return Incoming(name, info.file_size, failure=_bomb(name, info))
    try:
        with zf.open(info) as f:
            # The declared size may lie: stop reading at the cap whatever it says.
            data = read_capped(f, limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        return Incoming(
            name,
            info.file_size,
            failure=f"Tệp “{name}” trong tệp nén bị hỏng, không giải nén được. "
            "Hãy nén lại rồi nhập lại.",
        )
    if len(data) > limit:
        return Incoming(name, len(data), failure=too_big(name, len(data)))
    if len(data) > RATIO_FLOOR and len(data) > MAX_RATIO * max(info.compress_size, 1):
        return Incoming(name, len(data), failure=_bomb(name, info))
    return Incoming(name, len(data), data=data)


def _bomb(name: str, info: zipfile.ZipInfo) -> str:
    return (
        f"Tệp “{name}” nén {size_text(info.compress_size)} nhưng bung ra "
        f"{size_text(info.file_size)} (gấp hơn {MAX_RATIO} lần): có dấu hiệu “bom nén”, "
        "tệp này bị bỏ qua."
    )


def looks_like_bundle(name: str, head: bytes) -> bool:
    """A plain ZIP (not a DOCX, which is a ZIP too) meant as a bundle of files."""
    return name.lower().endswith(".zip") and head.startswith(b"PK")


def from_uploads(files, paths: list[str] | None = None) -> Iterator[Incoming]:
    """Files posted by a browser or the API (Django ``UploadedFile``s); a ZIP is a bundle.
    ``paths``, when the browser sent one per file, keeps a folder's sub-folders in the names."""
    limit = max_bytes()
    if not paths or len(paths) != len(files):
        paths = [f.name or "" for f in files]
    for f, path in zip(files, paths, strict=True):
        path = path.replace("\\", "/")
        parts = [p for p in PurePosixPath(path).parts if p not in ("", ".", "..", "/")]
        name = clean_name("/".join(parts) or "(không tên)")
        head = f.read(4)
        f.seek(0)
        if looks_like_bundle(name, head):
            try:
                yield from from_zip(f, prefix=name + "/")
            except RuleViolation as exc:
                yield Incoming(name, f.size or 0, failure=" ".join(exc.messages))
            continue
        if (f.size or 0) > limit:
            yield Incoming(name, f.size, failure=too_big(name, f.size))
            continue
        data = read_capped(f, limit)
        if len(data) > limit:
            yield Incoming(name, len(data), failure=too_big(name, len(data)))
        else:
            yield Incoming(name, len(data), data=data)
