"""Names and small helpers shared by the package writer and its verifier: XML
namespaces, the package's layout, and the schemas kept in the repository."""

from __future__ import annotations

import os
from pathlib import Path

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
PREMIS = "http://www.loc.gov/premis/v3"
EAD = "http://ead3.archivists.org/schema/"
# The electronic records metadata of NĐ 30/2020 App. VI and TT 05/2025/TT-BNV
# (DOMAIN §6), in their original names: our own schema, kept beside the others.
TT05 = "urn:luutru:metadata:tt05-2025"

METS_NS: dict[str | None, str] = {
    "mets": METS,
    "xlink": XLINK,
    "csip": CSIP,
    "sip": SIP,
    "xsi": XSI,
}

PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SOFTWARE = "luutru"
SOFTWARE_VERSION = "1.0"

# Inside the bag's ``data/``: the E-ARK information package.
ROOT_METS = "METS.xml"
EAD_FILE = "metadata/descriptive/ead.xml"
TT05_FILE = "metadata/descriptive/tt05-2025.xml"
PREMIS_FILE = "metadata/preservation/premis.xml"
REP = "representations/rep1"
REP_METS = f"{REP}/METS.xml"
REP_PREMIS = f"{REP}/metadata/preservation/premis.xml"
REP_DATA = f"{REP}/data"
SCHEMAS = "schemas"
# Beside ``data/`` (a BagIt tag file, listed in the tag manifest): the detached
# signature of ``manifest-sha256.txt`` and the key that checks it.
SIGNATURE = "signature/manifest-sha256.txt.sig"
SIGNING_KEY = "signature/public-key.pem"

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# Which schema checks each XML file of a package (file name → schema file).
SCHEMA_OF = {
    "mets": "mets.xsd",
    "premis": "premis-v3-0.xsd",
    "ead": "ead3.xsd",
    "tt05": "luutru-tt05-2025.xsd",
}


def schema_dirs() -> list[Path]:
    """Where schemas are looked for: the repository's copies, then the folder named by
    ``LUUTRU_SCHEMA_DIR`` (schemas an installation keeps beside the repository's)."""
    dirs = [SCHEMA_DIR]
    extra = os.environ.get("LUUTRU_SCHEMA_DIR")
    if extra:
        dirs.append(Path(extra))
    return dirs


def schema_path(name: str) -> Path | None:
    """The local copy of schema file ``name`` (None when this installation has none)."""
    for d in schema_dirs():
        p = d / name
        if p.is_file():
            return p
    return None


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"
