"""Format identification by PRONOM signatures, with fido (Open Preservation
Foundation, Apache-2.0): its signature files ship in the package, so nothing is
fetched at run time. A blob has no name, so only byte signatures (and container
signatures for ZIP/OLE2 office files) count, never an extension.

Loading the signatures takes about a second: one ``Fido`` per process, built on
first use. fido reports through a callback; ``identify`` collects it."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_state: dict[str, Any] = {}


@dataclass(frozen=True)
class Identified:
    puid: str  # "" when no signature matched
    name: str
    version: str
    mime: str
    basis: str  # "signature" | "container" | "none"


def _text(element: Any, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _fido() -> tuple[Any, str]:
    with _lock:
        if "fido" not in _state:
            from fido import CONFIG_DIR, __version__  # type: ignore[import-untyped]
            from fido.fido import Fido  # type: ignore[import-untyped]
            from fido.versions import get_local_versions  # type: ignore[import-untyped]

            versions = get_local_versions(CONFIG_DIR)
            fido = Fido(
                quiet=True,
                handle_matches=_collect,
                format_files=[versions.pronom_signature, versions.fido_extension_signature],
            )
            # The constructor keeps its default container file; use the shipped one.
            fido.containersignature_file = versions.pronom_container_signature
            _state["fido"] = fido
            _state["tool"] = (
                f"fido {__version__} (PRONOM {Path(versions.pronom_signature).stem}, "
                f"{Path(versions.pronom_container_signature).stem})"
            )
        return _state["fido"], _state["tool"]


def _collect(
    filename: str, matches: list[tuple[Any, str]], delta_t: float, matchtype: str = ""
) -> None:
    _state["matches"] = (matches, matchtype)


def tool() -> str:
    """The tool and its signature files, as recorded with each identification."""
    return _fido()[1]


def identify(path: Path) -> Identified:
    """The PRONOM format of the file at ``path`` (the first, most specific match)."""
    fido, _ = _fido()
    with _lock:
        _state.pop("matches", None)
        fido.identify_file(str(path), extension=False)
        matches, matchtype = _state.pop("matches", ([], "fail"))
    if not matches:
        return Identified("", "", "", "", "none")
    fmt, _ = matches[0]
    return Identified(
        puid=_text(fmt, "puid"),
        name=_text(fmt, "name")[:255],
        version=_text(fmt, "version")[:100],
        mime=_text(fmt, "mime")[:255],
        basis="container" if matchtype == "container" else "signature",
    )
