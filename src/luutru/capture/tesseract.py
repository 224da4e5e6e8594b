"""Tesseract, kept loaded: one reading of page images into text, PDF and TSV files.

Each ``tesseract`` command starts a process and loads the ``vie`` model again:
63 ms of a 200-dpi page's 490 (13 %) on the machine of bench/capture. So each
process that reads pages keeps one Tesseract loaded in a child process of its own,
which reads one request a line and has Tesseract's renderers write what the
command writes. The child calls the machine's own library (``libtesseract``, the
one the ``tesseract`` command runs, through its C API), so a page reads exactly as
the command reads it. tesserocr, whose wheel carries a Tesseract of its own (5.5),
read the held-apart scans of bench/extraction worse than the machine's 5.3 (fields
right at 200 dpi 95.1 → 94.9 %, issuer 90 %), so it is not used.

A page that crashes Tesseract takes the child with it, not the worker; a page past
its time is stopped by killing the child; the next reading starts a new one. The
child has a session of its own and ignores Ctrl-C: it ends when its parent stops it
or goes (its requests' pipe closes).
Where the library is not found (``LUUTRU_TESSERACT=cli`` asks for it too), each
reading runs the ``tesseract`` command, as before.

Run as ``python -m luutru.capture.tesseract LIBRARY DATAPATH LANGUAGE``, this
module is that child.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

LANGUAGE = "vie"  # alone: "vie+eng" drops diacritics
ENGINE_ENV = "LUUTRU_TESSERACT"  # "cli": the command for every reading
AUTO = 3  # Tesseract's page segmentation: a whole page, its columns found


class Failed(Exception):
    """Tesseract wrote nothing: it could not start, or stopped on the page."""


class Missing(Failed):
    """Neither Tesseract's library nor its command is on this machine."""


class Broken(Exception):
    """The kept engine cannot run here; the command reads instead."""


class TimedOut(Exception):
    """The reading took longer than it was given, and was stopped."""


def read(
    source: Path,
    base: Path,
    outputs: tuple[str, ...],
    *,
    dpi: int | None,
    seconds: float,
    psm: int = AUTO,
    textonly_pdf: bool = False,
) -> None:
    """Read ``source`` (an image, or a list of image files one a line: one PDF of
    them all) and write ``base`` with each output's suffix (``txt``, ``pdf``,
    ``tsv``). ``dpi``: the pages' resolution (None: each file says its own).
    Raises ``Failed`` or ``TimedOut``."""
    request = {
        "source": str(source),
        "base": str(base),
        "outputs": list(outputs),
        "dpi": dpi or 0,
        "psm": psm,
        "textonly_pdf": textonly_pdf,
        "ms": int(seconds * 1000),
    }
    engine = _engine()
    try:
        if engine is None:
            _command(request, seconds)
        else:
            engine.run(request, seconds)
    except Broken:
        _BROKEN.add(os.getpid())
        _command(request, seconds)
    if not all(base.with_suffix(f".{kind}").exists() for kind in outputs):
        raise Failed("Tesseract wrote no result")


def _command(request: dict, seconds: float) -> None:
    exe = shutil.which("tesseract")
    if exe is None:
        raise Missing("no tesseract command")
    command = [exe, request["source"], request["base"], "-l", LANGUAGE, "--psm", str(request["psm"])]  # fmt: skip
    if request["dpi"]:
        command += ["--dpi", str(request["dpi"])]
    if request["textonly_pdf"]:
        command += ["-c", "textonly_pdf=1"]
    command += request["outputs"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        raise TimedOut() from None
    except OSError as exc:
        raise Failed(str(exc)) from None
    if done.returncode != 0:
        raise Failed(done.stderr.decode("utf-8", "replace")[-500:])


# ---------------------------------------------------------------- the kept engine


def listed() -> tuple[str | None, list[str]]:
    """What the ``tesseract`` command lists: the folder of its models and its
    languages; (None, []) where there is no command."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None, []
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None, []
    m = re.search(r'"([^"]+)"', out.stdout)
    return (m.group(1) if m else None), out.stdout.split()


@functools.cache
def datapath() -> str | None:
    """The folder of the machine's ``vie`` model, as the ``tesseract`` command finds
    it (``TESSDATA_PREFIX``, else the path it prints), or None."""
    folder = os.environ.get("TESSDATA_PREFIX") or listed()[0]
    if folder and (Path(folder) / f"{LANGUAGE}.traineddata").exists():
        return folder
    return None


@functools.cache
def _library_name() -> str | None:
    return ctypes.util.find_library("tesseract")


def _engine() -> _Child | None:
    library = _library_name()
    folder = datapath()
    if os.environ.get(ENGINE_ENV) == "cli" or library is None or folder is None:
        return None
    if os.getpid() in _BROKEN:
        return None
    # One child a process: a forked worker starts its own, not its parent's.
    child = _CHILDREN.get(os.getpid())
    if child is None:
        child = _CHILDREN[os.getpid()] = _Child(library, folder)
    return child


class _Child:
    """The child process holding Tesseract, started on the first reading."""

    def __init__(self, library: str, folder: str) -> None:
        self.library = library
        self.folder = folder
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None
        self.answered = False  # by any child of this process: the library works here

    def run(self, request: dict, seconds: float) -> None:
        """Raises ``Broken`` when a new child ends before its first answer (the
        library cannot read here: the command is used instead)."""
        with self.lock:
            try:
                answer = self._ask(request, seconds)
            except BaseException:
                # Stopped in the middle (a time limit, an interrupt): an answer left
                # unread would be taken for the next request's.
                self.stop()
                raise
        if not answer.get("ok"):
            raise Failed(str(answer.get("error", "")))

    def _ask(self, request: dict, seconds: float) -> dict:
        line = json.dumps(request).encode("utf-8") + b"\n"
        for attempt in (1, 2):  # a child gone since the last reading is started again
            fresh = self.proc is None or self.proc.poll() is not None
            proc = self._started()
            assert proc.stdin is not None
            try:
                proc.stdin.write(line)
                proc.stdin.flush()
                break
            except OSError:
                self.stop()
                if attempt == 2:
                    raise Broken("Tesseract's process could not be started") from None
        out = proc.stdout
        assert out is not None
        if not select.select([out], [], [], seconds)[0]:
            raise TimedOut()  # the child is killed: the only way to stop a page inside it
        answer = out.readline()
        if not answer:
            self.stop()
            if fresh and not self.answered:
                raise Broken("Tesseract's library did not start here")
            raise Failed("Tesseract's process ended on this page")  # this page, not the next
        self.answered = True
        return json.loads(answer)

    def _started(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", __name__, self.library, self.folder, LANGUAGE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            # Its own session: Ctrl-C at the worker's terminal stops the worker as the
            # worker chooses (its page finished), not the page under Tesseract.
            start_new_session=True,
        )
        return self.proc

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()


_CHILDREN: dict[int, _Child] = {}
_BROKEN: set[int] = set()  # processes where the library did not start: the command reads


@atexit.register
def _stop_own() -> None:
    if child := _CHILDREN.get(os.getpid()):
        child.stop()


def _bound(name: str) -> ctypes.CDLL:
    """The C API of Tesseract (``tesseract/capi.h``) as this child calls it."""
    lib = ctypes.CDLL(name)
    api, text, flag = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for fn, result, args in (
        ("TessBaseAPICreate", api, []),
        ("TessBaseAPIInit3", flag, [api, text, text]),
        ("TessBaseAPISetVariable", flag, [api, text, text]),
        ("TessBaseAPISetPageSegMode", None, [api, flag]),
        ("TessBaseAPIProcessPages", flag, [api, text, text, flag, api]),
        ("TessTextRendererCreate", api, [text]),
        ("TessTsvRendererCreate", api, [text]),
        ("TessPDFRendererCreate", api, [text, text, flag]),
        ("TessResultRendererInsert", None, [api, api]),
        ("TessDeleteResultRenderer", None, [api]),
        ("TessBaseAPIEnd", None, [api]),
        ("TessBaseAPIDelete", None, [api]),
    ):
        getattr(lib, fn).restype = result
        getattr(lib, fn).argtypes = args
    return lib


def serve(library: str, folder: str, language: str) -> None:
    """The child: one JSON request a line on stdin, one answer a line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent says when to stop
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # what Tesseract prints cannot mix with the answers
    lib = _bound(library)
    api = lib.TessBaseAPICreate()
    if lib.TessBaseAPIInit3(api, folder.encode(), language.encode()) != 0:
        sys.exit(1)  # no model: the parent's reading fails and says so
    try:
        for line in sys.stdin:
            try:
                answer = _process(lib, api, folder, json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:  # a request it cannot read
                answer = {"ok": False, "error": f"{exc.__class__.__name__}: {exc}"[:500]}
            answers.write(json.dumps(answer) + "\n")
            answers.flush()
    finally:
        lib.TessBaseAPIEnd(api)
        lib.TessBaseAPIDelete(api)


def _process(lib: ctypes.CDLL, api: int, folder: str, request: dict) -> dict:
    base = request["base"].encode()
    create = {
        "txt": lambda: lib.TessTextRendererCreate(base),
        "tsv": lambda: lib.TessTsvRendererCreate(base),
        "pdf": lambda: lib.TessPDFRendererCreate(base, folder.encode(), request["textonly_pdf"]),
    }
    renderers = [create[kind]() for kind in request["outputs"]]
    if not renderers or not all(renderers):
        return {"ok": False, "error": "no renderer"}
    for later in renderers[1:]:
        lib.TessResultRendererInsert(renderers[0], later)  # the first deletes the rest
    try:
        lib.TessBaseAPISetPageSegMode(api, int(request["psm"]))
        lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(int(request["dpi"])).encode())
        ok = lib.TessBaseAPIProcessPages(api, request["source"].encode(), None, int(request["ms"]), renderers[0])  # fmt: skip
    finally:
        lib.TessDeleteResultRenderer(renderers[0])
    return {"ok": bool(ok), "error": "" if ok else "Tesseract failed"}


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], sys.argv[3])
