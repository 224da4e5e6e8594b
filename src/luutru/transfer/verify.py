"""Checking a transfer package as the historical archive receives it: the bag
(``bagit``'s validator: every payload and tag file against its manifest), the
detached signature when there is one, every XML file against its schema (kept
locally: nothing is fetched), and every checksum the metadata states (METS
``CHECKSUM``, PREMIS fixity, TT 05 ``ComputerFile``) against the manifest the
files were checked by. Every problem names the file; problems of a file are
problems of the dossier it belongs to.

Reads only the package; writes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bagit
import xmlschema
from lxml import etree

from luutru.transfer import xml as x
from luutru.transfer.xml import METS, PREMIS, TT05, XLINK, q

# bagit logs every file it checks at INFO: a 5,000-file package would flood the log.
logging.getLogger("bagit").setLevel(logging.ERROR)

# ``progress(phase, done, total)``: told as the check goes (the worker shows it).
Progress = Callable[[str, int, int], None]
CHECKSUMS = "Kiểm tra mã kiểm tra từng tệp"
SCHEMAS = "Kiểm tra lược đồ XML và siêu dữ liệu"


class _FileCounter(logging.Filter):
    """Counts the files ``bagit`` hashes, per thread (it logs one INFO line per file
    from ``_calculate_file_hashes``: its only sign of progress), and drops those
    lines, so the log stays quiet. Installed once on bagit's logger; bagit logs at
    INFO only while some check with progress runs."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.counts: dict[int, list[Any]] = {}  # thread → [done, total, progress]

    def filter(self, record: logging.LogRecord) -> bool:
        if record.funcName != "_calculate_file_hashes":
            return True
        entry = self.counts.get(record.thread or 0)
        if entry is not None:
            entry[0] += 1
            entry[2](CHECKSUMS, entry[0], entry[1])
        return False

    @contextmanager
    def counting(self, total: int, progress: Progress | None) -> Iterator[None]:
        if progress is None:
            yield
            return
        me = threading.get_ident()
        logger = logging.getLogger("bagit")
        with self.lock:
            self.counts[me] = [0, total, progress]
            logger.setLevel(logging.INFO)
        try:
            yield
        finally:
            with self.lock:
                del self.counts[me]
                if not self.counts:
                    logger.setLevel(logging.ERROR)


_files_checked = _FileCounter()
logging.getLogger("bagit").addFilter(_files_checked)


@dataclass
class PackageFile:
    path: str  # under the bag's data/
    sha256: str
    size: int


@dataclass
class ReceivedDossierInfo:
    key: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    maintenance: str
    doc_total: int
    page_total: int
    metadata: dict[str, Any]
    files: list[PackageFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Report:
    path: Path
    package_id: str = ""
    sender_name: str = ""
    sender_organ_id: str = ""
    fonds_name: str = ""
    problems: list[str] = field(default_factory=list)  # of the package as a whole
    warnings: list[str] = field(default_factory=list)
    dossiers: list[ReceivedDossierInfo] = field(default_factory=list)
    signature: str = ""  # "" none; else what was checked
    file_count: int = 0
    byte_count: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems and not any(d.problems for d in self.dossiers)

    def all_problems(self) -> list[str]:
        return [*self.problems, *(p for d in self.dossiers for p in d.problems)]


# ---------------------------------------------------------------- schemas


class _LocalSchemas(etree.Resolver):
    """Every schema a schema imports is read from the local copies (by file name);
    anything else is refused: nothing is fetched."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        name = (url or "").rsplit("/", 1)[-1]
        path = x.schema_path(name)
        return self.resolve_filename(str(path), context) if path is not None else None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas())
    return parser


@functools.cache
def _schema(kind: str) -> etree.XMLSchema | None:
    """The schema for ``kind`` (see ``xml.SCHEMA_OF``) from the local copies; for METS
    with the E-ARK extension attributes (METS lets them through laxly: they are checked)."""
    path = x.schema_path(x.SCHEMA_OF[kind])
    if path is None:
        return None
    if kind == "mets":
        imports = [
            (XLINK, "xlink.xsd"),
            (METS, "mets.xsd"),
            (x.CSIP, "DILCISExtensionMETS.xsd"),
            (x.SIP, "DILCISExtensionSIPMETS.xsd"),
        ]
        lines = "".join(
            f'<xs:import namespace="{ns}" schemaLocation="{p.as_uri()}"/>'
            for ns, name in imports
            if (p := x.schema_path(name)) is not None
        )
        wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{lines}</xs:schema>'
        return etree.XMLSchema(etree.fromstring(wrapper.encode(), _parser()))
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def schema_available(kind: str) -> bool:
    return _schema(kind) is not None


def validate_xml(path: Path, kind: str) -> list[str]:
    """Problems of one XML file against its schema (empty: valid), read as a stream
    (libxml2 validates while parsing; each element is dropped once read)."""
    schema = _schema(kind)
    if schema is None:
        return []
    try:
        for _ev, el in etree.iterparse(
            str(path), schema=schema, no_network=True, resolve_entities=False
        ):
            if el.getparent() is not None and len(el) == 0:
                continue
            el.clear(keep_tail=True)
    except etree.XMLSyntaxError as e:
        log = [
            f"dòng {err.line}: {err.message}" for err in list(e.error_log.filter_from_errors())[:5]
        ]
        return log or [str(e)]
    except OSError as e:
        return [f"không đọc được tệp: {e}"]
    return []


def second_opinion(path: Path, kind: str) -> list[str]:
    """The same check by another implementation (``xmlschema``, pure Python; slower):
    the tests validate every built package with both."""

    name = x.SCHEMA_OF[kind]
    main = x.schema_path(name)
    if main is None:
        return [f"không có lược đồ {name}"]
    locations = {
        ns: str(p)
        for ns, fname in (
            (XLINK, "xlink.xsd"),
            ("http://www.w3.org/XML/1998/namespace", "xml.xsd"),
            (x.CSIP, "DILCISExtensionMETS.xsd"),
            (x.SIP, "DILCISExtensionSIPMETS.xsd"),
        )
        if (p := x.schema_path(fname)) is not None
    }
    schema = xmlschema.XMLSchema(str(main), locations=locations, allow="local")
    if kind == "mets":
        for ns in (x.CSIP, x.SIP):
            if ns in locations:
                schema.import_schema(ns, locations[ns])
        schema.build()
    return [str(e.reason or e.message) for e in schema.iter_errors(str(path))][:5]


# ---------------------------------------------------------------- the checks


def _bag_problems(path: Path, progress: Progress | None = None) -> tuple[dict[str, str], list[str]]:
    """(manifest: data path → sha256, problems naming files) from ``bagit``."""
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as e:
        return {}, [f"Không phải túi BagIt hợp lệ: {e}"]
    manifest = {p: h["sha256"] for p, h in bag.payload_entries().items() if "sha256" in h}
    problems: list[str] = []
    try:
        with _files_checked.counting(len(bag.entries), progress):
            bag.validate(processes=1)
    except bagit.BagValidationError as e:
        details = list(e.details or [])
        if not details:
            # The count-and-size check failed before any file was read: read them
            # all to name the files.
            problems.append(f"Số tệp hoặc dung lượng không khớp với bag-info.txt ({e.message}).")
            try:
                bag._validate_completeness()
                bag._validate_entries(1)
            except bagit.BagValidationError as e2:
                details = list(e2.details or [])
        for d in details:
            problems.append(_detail(d))
    return manifest, problems


def _detail(d: Any) -> str:
    if isinstance(d, bagit.ChecksumMismatch):
        return (
            f"Tệp {d.path} bị thay đổi: mã kiểm tra {d.algorithm} là {d.found}, "
            f"bảng kê ghi {d.expected}."
        )
    if isinstance(d, bagit.FileMissing):
        return f"Thiếu tệp {d.path} (có trong bảng kê nhưng không có trong gói)."
    if isinstance(d, bagit.UnexpectedFile):
        return f"Tệp lạ {d.path} (có trong gói nhưng không có trong bảng kê)."
    return str(d)


def _signature(path: Path) -> tuple[str, list[str]]:
    sig, key = path / x.SIGNATURE, path / x.SIGNING_KEY
    if not sig.exists():
        return "", []
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = serialization.load_pem_public_key(key.read_bytes())
    except (OSError, ValueError) as e:
        return "", [f"Không đọc được khóa công khai {x.SIGNING_KEY}: {e}"]
    if not isinstance(public, Ed25519PublicKey):
        return "", [f"Khóa {x.SIGNING_KEY} không phải khóa Ed25519."]
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fingerprint = hashlib.sha256(der).hexdigest()
    try:
        public.verify(sig.read_bytes(), (path / "manifest-sha256.txt").read_bytes())
    except InvalidSignature:
        return "", [
            f"Chữ ký số của bảng kê manifest-sha256.txt không đúng (khóa {fingerprint[:16]}…)."
        ]
    return f"Chữ ký Ed25519 hợp lệ, khóa SHA-256 {fingerprint}", []


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _read_tt05(data: Path, report: Report) -> dict[str, ReceivedDossierInfo]:
    """The dossiers the package declares, and which dossier each file belongs to."""
    by_file: dict[str, ReceivedDossierInfo] = {}
    ns = {"t": TT05}
    for _ev, el in etree.iterparse(
        str(data / x.TT05_FILE), tag=(q(TT05, "Fonds"), q(TT05, "Dossier"))
    ):
        if el.tag == q(TT05, "Fonds"):
            report.fonds_name = el.findtext("t:FondsName", default="", namespaces=ns)
            report.sender_name = report.sender_name or el.findtext(
                "t:OrganName", default="", namespaces=ns
            )
            report.sender_organ_id = el.findtext("t:OrganId", default="", namespaces=ns)
            el.clear()
            continue
        code = el.find("t:FileCode", ns)
        parts = (
            [
                code.findtext(f"t:{k}", default="", namespaces=ns)
                for k in ("OrganId", "FileCatalog", "FileNotation")
            ]
            if code is not None
            else []
        )
        meta = {
            c.tag.split("}")[1]: c.text for c in el if c.tag != q(TT05, "Document") and len(c) == 0
        }
        info = ReceivedDossierInfo(
            key=".".join(p for p in parts if p),
            title=el.findtext("t:Title", default="", namespaces=ns),
            start_date=_date(el.findtext("t:StartDate", namespaces=ns)),
            end_date=_date(el.findtext("t:EndDate", namespaces=ns)),
            maintenance=el.findtext("t:Maintenance", default="", namespaces=ns),
            doc_total=int(el.findtext("t:DocTotal", default="0", namespaces=ns) or 0),
            page_total=int(el.findtext("t:PageTotal", default="0", namespaces=ns) or 0),
            metadata=meta,
        )
        for cf in el.iterfind("t:Document/t:ComputerFile", ns):
            f = PackageFile(cf.get("href", ""), cf.get("sha256", ""), int(cf.get("size", "0") or 0))
            info.files.append(f)
            by_file[f"data/{f.path}"] = info
        report.dossiers.append(info)
        el.clear()
    return by_file


def _cross_check(
    data: Path, manifest: dict[str, str], by_file: dict[str, ReceivedDossierInfo], report: Report
) -> None:
    """Every checksum the metadata states must be the one the file was checked by."""

    def problem(path: str, text: str) -> None:
        owner = by_file.get(path)
        (owner.problems if owner is not None else report.problems).append(text)

    for info in report.dossiers:
        for f in info.files:
            key = f"data/{f.path}"
            if key not in manifest:
                info.problems.append(
                    f"Tệp {key} của hồ sơ {info.key} không có trong bảng kê của gói."
                )
            elif manifest[key] != f.sha256:
                info.problems.append(
                    f"Tệp {key}: mã kiểm tra trong siêu dữ liệu TT 05 khác bảng kê."
                )
    # METS: every file of the representation, with its CHECKSUM.
    listed = set()
    rep = data / x.REP_METS
    for _ev, el in etree.iterparse(str(rep), tag=q(METS, "file")):
        loc = el.find(q(METS, "FLocat"))
        href = loc.get(q(XLINK, "href"), "") if loc is not None else ""
        key = f"data/{x.REP}/{href}"
        listed.add(key)
        if manifest.get(key) != el.get("CHECKSUM"):
            problem(
                key,
                f"Tệp {key}: mã kiểm tra trong METS khác bảng kê (hoặc tệp không có trong gói).",
            )
        el.clear()
    # PREMIS: the fixity of every file object.
    for _ev, el in etree.iterparse(str(data / x.REP_PREMIS), tag=q(PREMIS, "object")):
        loc = el.findtext(f".//{q(PREMIS, 'contentLocationValue')}")
        digest = el.findtext(f".//{q(PREMIS, 'messageDigest')}")
        if loc:
            key = f"data/{x.REP}/{loc}"
            if manifest.get(key) != digest:
                problem(key, f"Tệp {key}: mã kiểm tra trong PREMIS (fixity) khác bảng kê.")
        el.clear()
    content = {p for p in manifest if p.startswith(f"data/{x.REP_DATA}/")}
    for stray in sorted(content - listed):
        problem(stray, f"Tệp {stray} có trong gói nhưng không có trong METS của tài liệu.")


def verify(path: Path, progress: Progress | None = None) -> Report:
    """Check the package at ``path`` (a bag folder); never raises for a bad package.
    ``progress`` is told the files checked as the checksums are read."""
    report = Report(path=path)
    data = path / "data"
    if not (path / "bagit.txt").is_file() or not (data / x.ROOT_METS).is_file():
        report.problems.append(
            f"“{path.name}” không phải gói nộp lưu: thiếu bagit.txt hoặc data/{x.ROOT_METS}."
        )
        return report
    manifest, bag_problems = _bag_problems(path, progress)
    if progress is not None:
        progress(SCHEMAS, 0, 0)
    report.file_count = len(manifest)
    report.byte_count = sum(
        (data.parent / p).stat().st_size for p in manifest if (data.parent / p).exists()
    )
    signature, sig_problems = _signature(path)
    report.signature = signature
    report.problems += sig_problems
    # XML against its schema.
    for rel, kind in (
        (x.ROOT_METS, "mets"),
        (x.REP_METS, "mets"),
        (x.PREMIS_FILE, "premis"),
        (x.REP_PREMIS, "premis"),
        (x.EAD_FILE, "ead"),
        (x.TT05_FILE, "tt05"),
    ):
        p = data / rel
        if not p.is_file():
            report.problems.append(f"Thiếu tệp data/{rel}.")
            continue
        if not schema_available(kind):
            report.warnings.append(
                f"Máy này không có lược đồ {x.SCHEMA_OF[kind]}: data/{rel} chưa được kiểm tra theo lược đồ."
            )
            continue
        for problem in validate_xml(p, kind):
            report.problems.append(f"data/{rel} không đúng lược đồ {x.SCHEMA_OF[kind]}: {problem}")
    try:
        root = etree.parse(str(data / x.ROOT_METS)).getroot()
        report.package_id = root.get("OBJID", "")
        agent = root.find(
            f"{q(METS, 'metsHdr')}/{q(METS, 'agent')}[@ROLE='ARCHIVIST']/{q(METS, 'name')}"
        )
        report.sender_name = agent.text or "" if agent is not None else ""
    except etree.XMLSyntaxError as e:
        report.problems.append(f"Không đọc được data/{x.ROOT_METS}: {e}")
        return report
    if report.problems and not (data / x.TT05_FILE).is_file():
        return report
    try:
        by_file = _read_tt05(data, report)
        _cross_check(data, manifest, by_file, report)
    except (etree.XMLSyntaxError, OSError, ValueError) as e:
        report.problems.append(f"Không đọc được siêu dữ liệu của gói: {e}")
        return report
    # What bagit found, given to the dossier each file belongs to.
    for text in bag_problems:
        owner = next(
            (d for p, d in by_file.items() if f" {p} " in f" {text} " or f" {p}:" in text), None
        )
        (owner.problems if owner is not None else report.problems).append(text)
    return report
