"""Office files (.doc, .odt, .rtf, .xls, .xlsx) through LibreOffice headless.

One conversion gives a PDF/A-2b: it is kept beside the original as the
preservation copy (like the OCR copy of a scan), and its text layer, read with
pypdfium2, is the document's text in the order the pages show it.

LibreOffice keeps a user profile and locks it: two conversions sharing a
profile make the second one exit quietly with no output. Each worker process
therefore has its own profile (``lo-profile-<pid>``), and within a process one
conversion runs at a time. A conversion runs under a time limit and its whole
process group is killed past it, so a hostile file never holds a worker.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from luutru.core.processes import pid_alive

# The kinds converted here (registry.content names them from the bytes).
KINDS = ("doc", "odt", "rtf", "xls", "xlsx")
SECONDS = 120
SUFFIX = {
    "doc": ".doc",
    "odt": ".odt",
    "rtf": ".rtf",
    "xls": ".xls",
    "xlsx": ".xlsx",
    "docx": ".docx",  # converted too: a legacy-charset document made Unicode (``legacy``)
}
SPREADSHEETS = ("xls", "xlsx")
SHEET_CHAR_CAP = 2_000_000  # as for a Word document: search needs the beginning
# PDF/A-2b (SelectPdfVersion 2): LibreOffice writes the XMP and the output intent itself.
PDFA = '{"SelectPdfVersion":{"type":"long","value":"2"}}'

_lock = threading.Lock()


class OfficeError(Exception):
    """The conversion did not give a PDF; the message is for the user (Vietnamese)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return os.environ.get("LUUTRU_NO_OFFICE") != "1" and soffice() is not None


def profile_dir(pid: int | None = None) -> Path:
    """This worker process's own LibreOffice profile."""
    base = Path(os.environ.get("LUUTRU_LO_PROFILES") or tempfile.gettempdir())
    return base / f"lo-profile-{pid or os.getpid()}"


_swept = False


def _own_profile() -> Path:
    """This process's profile, removed when the process ends; profiles of processes
    that died without ending (a kill) are swept the first time one is needed."""
    global _swept
    profile = profile_dir()
    if not _swept:
        _swept = True
        for old in profile.parent.glob("lo-profile-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isascii() and pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        atexit.register(shutil.rmtree, profile, True)
    return profile


def to_pdfa(data: bytes, kind: str, *, seconds: float = SECONDS) -> bytes:
    """``data`` (an office file of ``kind``) as a PDF/A-2b; OfficeError if it cannot be."""
    export = "calc_pdf_Export" if kind in SPREADSHEETS else "writer_pdf_Export"
    return _convert(data, kind, f"pdf:{export}:{PDFA}", "pdf", seconds)


def to_docx(data: bytes, kind: str, *, seconds: float = SECONDS) -> bytes:
    """A text document (doc, odt, rtf) saved as a Word document, runs and fonts kept."""
    return _convert(data, kind, "docx:MS Word 2007 XML", "docx", seconds)


def _convert(data: bytes, kind: str, target: str, out_suffix: str, seconds: float) -> bytes:
    exe = soffice()
    if exe is None:
        raise OfficeError(
            "Máy chủ chưa cài LibreOffice nên chưa chuyển được tệp văn phòng sang PDF. "
            "Hãy báo quản trị viên, hoặc lưu tệp thành PDF rồi nhập lại."
        )
    profile = _own_profile()
    with _lock, tempfile.TemporaryDirectory(prefix="luutru-office-") as tmp:
        src = Path(tmp) / f"vao{SUFFIX[kind]}"
        src.write_bytes(data)
        out = Path(tmp) / "ra"
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        env = {**os.environ, "HOME": tmp, "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group: killed whole on time-out
        )
        try:
            _, err = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise OfficeError(
                f"Chuyển tệp văn phòng sang PDF quá {seconds} giây nên đã dừng: tệp có thể quá "
                "lớn hoặc bị hỏng. Hãy mở tệp, lưu lại (hoặc xuất ra PDF) rồi nhập lại."
            ) from None
        pdf = out / f"vao.{out_suffix}"
        if proc.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            detail = [d for d in detail if "javaldx" not in d]
            raise OfficeError(
                "LibreOffice không mở được tệp để chuyển sang PDF"
                + (f" ({detail[-1][:200]})" if detail else "")
                + ": tệp có thể bị hỏng hoặc đặt mật khẩu. Hãy mở tệp, lưu lại rồi nhập lại."
            )
        return pdf.read_bytes()


def sheet_text(data: bytes, kind: str, *, seconds: float = SECONDS) -> str:
    """A workbook's cell values, sheet by sheet, row by row (a PDF of a sheet clips
    text that overflows a narrow column). An XLS is first saved as XLSX by LibreOffice."""
    import openpyxl  # lazy: heavy library

    if kind == "xls":
        data = _convert(data, kind, "xlsx:Calc MS Excel 2007 XML", "xlsx", seconds)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds; the PDF's text is used instead
        return ""
    lines: list[str] = []
    chars = 0
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append("\t".join(cells))
                    chars += len(lines[-1])
                if chars >= SHEET_CHAR_CAP:
                    return "\n".join(lines)[:SHEET_CHAR_CAP]
    finally:
        wb.close()
    return "\n".join(lines)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
