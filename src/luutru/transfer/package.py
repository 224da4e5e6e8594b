"""Writing a transfer package: an E-ARK SIP (CSIP 2.x: a root METS, one
representation with its own METS, PREMIS 3 preservation metadata, an EAD3
description of the fonds and its dossiers, the TT 05/2025 metadata) inside a
BagIt bag (``manifest-sha256.txt`` over every payload file, a tag manifest,
optionally a detached Ed25519 signature of the manifest).

Everything is streamed: a content file is copied in 1 MiB chunks and hashed
as it is copied (the copy must match the SHA-256 the blob store names it by),
and every large XML file is written element by element with ``lxml``'s
incremental writer, so memory stays bounded whatever the number of files.
The package is written under ``<name>.partial`` and renamed when complete: a
crash leaves no half package under the final name.

This module knows nothing of the database: ``Spec`` describes what goes in
(``transfer.services`` fills it from the dossiers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from luutru.core.errors import RuleViolation
from luutru.transfer import xml as x
from luutru.transfer.xml import CSIP, EAD, METS, PREMIS, SIP, TT05, XLINK, XSI, q

CHUNK = 1024 * 1024


@dataclass
class FileEntry:
    """One content file: where it goes (under the representation's ``data/``),
    what it must hash to, and how to read it."""

    path: str
    sha256: str
    size: int
    mime: str
    original_name: str
    open: Callable[[], BinaryIO]
    format_name: str = ""
    format_version: str = ""
    puid: str = ""


@dataclass
class DocEntry:
    meta: dict[str, Any]  # NĐ 30 App. VI names (see the TT 05 schema)
    file: FileEntry | None = None


@dataclass
class DossierEntry:
    key: str  # the FileCode, e.g. 000.00.01.T01.2024.01.VP
    meta: dict[str, Any]
    documents: list[DocEntry] = field(default_factory=list)


@dataclass
class Spec:
    package_id: str
    created: dt.datetime
    sender_name: str
    sender_organ_id: str
    receiver_name: str
    fonds: dict[str, Any]
    dossiers: list[DossierEntry]
    label: str = ""


@dataclass
class Built:
    path: Path
    file_count: int
    byte_count: int
    manifest_sha256: str
    signed: bool


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name any file system keeps: ASCII letters, digits, - _ ."""
    s = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", s).strip("-.")
    return (s or "tep")[:limit]


# ---------------------------------------------------------------- formats

PDF_PUIDS = {
    "1.0": "fmt/14",
    "1.1": "fmt/15",
    "1.2": "fmt/16",
    "1.3": "fmt/17",
    "1.4": "fmt/18",
    "1.5": "fmt/19",
    "1.6": "fmt/20",
    "1.7": "fmt/276",
    "2.0": "fmt/1129",
}
FORMAT_NAMES = {
    "application/pdf": "Acrobat PDF - Portable Document Format",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Microsoft Word for Windows"
    ),
    "image/tiff": "Tagged Image File Format",
    "image/jpeg": "JPEG File Interchange Format",
    "image/png": "Portable Network Graphics",
}


def identify(head: bytes, mime: str) -> tuple[str, str, str]:
    """(format name, version, PRONOM PUID) read from the file's first bytes: the
    PDF header names its version; other formats by their type only."""
    m = re.match(rb"%PDF-(\d\.\d)", head)
    if m:
        version = m.group(1).decode()
        return FORMAT_NAMES["application/pdf"], version, PDF_PUIDS.get(version, "")
    return FORMAT_NAMES.get(mime, mime or "application/octet-stream"), "", ""


# ---------------------------------------------------------------- helpers


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _iso(t: dt.datetime) -> str:
    return t.replace(microsecond=0).isoformat()


def _text(parent: etree._Element, ns: str, tag: str, value: Any, **attrib: str) -> etree._Element:
    el = etree.SubElement(parent, q(ns, tag), attrib)
    if value is not None:
        el.text = str(value)
    return el


# The prefixes an element written on its own declares (the descriptive files use a
# default namespace; METS and PREMIS their usual prefixes).
NSMAPS: dict[str, dict[str | None, str]] = {
    METS: dict(x.METS_NS),
    PREMIS: {"premis": PREMIS, "xsi": XSI},
    EAD: {None: EAD},
    TT05: {None: TT05},
}


def _el(ns: str, tag: str, **attrib: str) -> etree._Element:
    return etree.Element(q(ns, tag), attrib, nsmap=NSMAPS[ns])


def _copy(entry: FileEntry, dest: Path) -> tuple[str, bytes]:
    """Copy the file, hashing as it goes; returns (sha256, its first bytes)."""
    h = hashlib.sha256()
    head = b""
    size = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with entry.open() as src, dest.open("wb") as out:
        while chunk := src.read(CHUNK):
            if not head:
                head = chunk[:16]
            h.update(chunk)
            size += len(chunk)
            out.write(chunk)
    digest = h.hexdigest()
    if digest != entry.sha256 or size != entry.size:
        raise RuleViolation(
            f"Tệp “{entry.original_name}” ({entry.path}) trong kho không còn nguyên vẹn "
            "(mã kiểm tra SHA-256 không khớp): không lập được gói. Đề nghị chạy kiểm tra "
            "toàn vẹn (luutru fixity) và khôi phục tệp từ bản sao lưu."
        )
    return digest, head


# ---------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, spec: Spec, root: Path, agent_name: str):
        self.spec = spec
        self.root = root  # the bag
        self.data = root / "data"
        self.agent_name = agent_name
        self.manifest: list[tuple[str, str]] = []  # (sha256, path under the bag)
        self.payload_bytes = 0
        self.files: list[tuple[DossierEntry, DocEntry, str]] = []  # file ids in order
        self.created = _iso(spec.created)

    # -- payload bookkeeping
    def _add(self, rel: str, sha: str, size: int) -> None:
        self.manifest.append((sha, f"data/{rel}"))
        self.payload_bytes += size

    def _add_written(self, rel: str) -> tuple[str, int]:
        p = self.data / rel
        sha, size = _sha256_of(p), p.stat().st_size
        self._add(rel, sha, size)
        return sha, size

    # -- 1. content
    def copy_content(self) -> None:
        n = 0
        for d in self.spec.dossiers:
            for doc in d.documents:
                f = doc.file
                if f is None:
                    continue
                n += 1
                rel = f"{x.REP_DATA}/{f.path}"
                sha, head = _copy(f, self.data / rel)
                f.format_name, f.format_version, f.puid = identify(head, f.mime)
                self._add(rel, sha, f.size)
                self.files.append((d, doc, f"FILE-{n:06d}"))

    # -- 2. the representation's PREMIS: one object per file, the events, the agents
    def rep_premis(self) -> None:
        path = self.data / x.REP_PREMIS
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(
                q(PREMIS, "premis"), {"version": "3.0"}, nsmap={"premis": PREMIS, "xsi": XSI}
            ):
                xf.write(self._rep_object())
                for _d, doc, fid in self.files:
                    xf.write(self._file_object(doc.file, fid))  # type: ignore[arg-type]
                for ev in self._rep_events():
                    xf.write(ev)
                for ag in self._agents():
                    xf.write(ag)
        self._add_written(x.REP_PREMIS)

    def _object_id(self, parent: etree._Element, value: str) -> None:
        oid = etree.SubElement(parent, q(PREMIS, "objectIdentifier"))
        _text(oid, PREMIS, "objectIdentifierType", "local")
        _text(oid, PREMIS, "objectIdentifierValue", value)

    def _rep_object(self) -> etree._Element:
        o = _el(PREMIS, "object", **{q(XSI, "type"): "premis:representation"})
        self._object_id(o, "rep1")
        return o

    def _file_object(self, f: FileEntry, fid: str) -> etree._Element:
        o = _el(PREMIS, "object", **{q(XSI, "type"): "premis:file"})
        self._object_id(o, fid)
        ch = etree.SubElement(o, q(PREMIS, "objectCharacteristics"))
        _text(ch, PREMIS, "compositionLevel", 0)
        fx = etree.SubElement(ch, q(PREMIS, "fixity"))
        _text(fx, PREMIS, "messageDigestAlgorithm", "SHA-256")
        _text(fx, PREMIS, "messageDigest", f.sha256)
        _text(fx, PREMIS, "messageDigestOriginator", x.SOFTWARE)
        _text(ch, PREMIS, "size", f.size)
        fmt = etree.SubElement(ch, q(PREMIS, "format"))
        des = etree.SubElement(fmt, q(PREMIS, "formatDesignation"))
        _text(des, PREMIS, "formatName", f.format_name)
        if f.format_version:
            _text(des, PREMIS, "formatVersion", f.format_version)
        if f.puid:
            reg = etree.SubElement(fmt, q(PREMIS, "formatRegistry"))
            _text(reg, PREMIS, "formatRegistryName", "PRONOM")
            _text(reg, PREMIS, "formatRegistryKey", f.puid)
        _text(o, PREMIS, "originalName", f.original_name)
        st = etree.SubElement(o, q(PREMIS, "storage"))
        loc = etree.SubElement(st, q(PREMIS, "contentLocation"))
        _text(loc, PREMIS, "contentLocationType", "URI")
        _text(loc, PREMIS, "contentLocationValue", f"data/{f.path}")
        return o

    def _event(
        self, n: int, kind: str, detail: str, outcome: str, objects: Iterable[str]
    ) -> etree._Element:
        e = _el(PREMIS, "event")
        eid = etree.SubElement(e, q(PREMIS, "eventIdentifier"))
        _text(eid, PREMIS, "eventIdentifierType", "local")
        _text(eid, PREMIS, "eventIdentifierValue", f"{self.spec.package_id}-event-{n}")
        _text(e, PREMIS, "eventType", kind)
        _text(e, PREMIS, "eventDateTime", self.created)
        info = etree.SubElement(e, q(PREMIS, "eventDetailInformation"))
        _text(info, PREMIS, "eventDetail", detail)
        out = etree.SubElement(e, q(PREMIS, "eventOutcomeInformation"))
        _text(out, PREMIS, "eventOutcome", outcome)
        for agent, role in (("software", "executing program"), ("organization", "implementer")):
            la = etree.SubElement(e, q(PREMIS, "linkingAgentIdentifier"))
            _text(la, PREMIS, "linkingAgentIdentifierType", "local")
            _text(la, PREMIS, "linkingAgentIdentifierValue", f"agent-{agent}")
            _text(la, PREMIS, "linkingAgentRole", role)
        for oid in objects:
            lo = etree.SubElement(e, q(PREMIS, "linkingObjectIdentifier"))
            _text(lo, PREMIS, "linkingObjectIdentifierType", "local")
            _text(lo, PREMIS, "linkingObjectIdentifierValue", oid)
        return e

    def _rep_events(self) -> Iterator[etree._Element]:
        ids = ["rep1", *(fid for _d, _doc, fid in self.files)]
        yield self._event(
            1,
            "ingestion",
            "Đưa tài liệu từ kho lưu trữ cơ quan vào gói nộp lưu (E-ARK SIP).",
            "success",
            ids,
        )
        yield self._event(
            2,
            "fixity check",
            "Tính SHA-256 khi sao chép từng tệp và đối chiếu với mã lưu trong kho.",
            "success",
            ids[1:],
        )
        yield self._event(
            3,
            "format identification",
            "Nhận dạng định dạng theo đầu tệp (phiên bản PDF → mã PRONOM).",
            "success",
            ids[1:],
        )

    def _agents(self) -> Iterator[etree._Element]:
        for key, name, kind, version in (
            ("software", x.SOFTWARE, "software", x.SOFTWARE_VERSION),
            ("organization", self.spec.sender_name, "organization", ""),
        ):
            a = _el(PREMIS, "agent")
            aid = etree.SubElement(a, q(PREMIS, "agentIdentifier"))
            _text(aid, PREMIS, "agentIdentifierType", "local")
            _text(aid, PREMIS, "agentIdentifierValue", f"agent-{key}")
            _text(a, PREMIS, "agentName", name)
            _text(a, PREMIS, "agentType", kind)
            if version:
                _text(a, PREMIS, "agentVersion", version)
            yield a

    # -- 3. the representation's METS
    def _md_ref(
        self, parent: etree._Element, href: str, mdtype: str, sha: str, size: int, other: str = ""
    ) -> None:
        attrib = {
            "LOCTYPE": "URL",
            q(XLINK, "type"): "simple",
            q(XLINK, "href"): href,
            "MDTYPE": mdtype,
            "MIMETYPE": "text/xml",
            "SIZE": str(size),
            "CREATED": self.created,
            "CHECKSUM": sha,
            "CHECKSUMTYPE": "SHA-256",
        }
        if other:
            attrib["OTHERMDTYPE"] = other
        etree.SubElement(parent, q(METS, "mdRef"), attrib)

    def _mets_hdr(self, rep: bool) -> etree._Element:
        hdr = _el(
            METS,
            "metsHdr",
            CREATEDATE=self.created,
            RECORDSTATUS="NEW",
            **{q(CSIP, "OAISPACKAGETYPE"): "SIP"},
        )
        agent = etree.SubElement(
            hdr,
            q(METS, "agent"),
            {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"},
        )
        _text(agent, METS, "name", x.SOFTWARE)
        _text(agent, METS, "note", x.SOFTWARE_VERSION, **{q(CSIP, "NOTETYPE"): "SOFTWARE VERSION"})
        if not rep:
            sub = etree.SubElement(
                hdr, q(METS, "agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"}
            )
            _text(sub, METS, "name", self.spec.sender_name)
            if self.spec.sender_organ_id:
                _text(
                    sub,
                    METS,
                    "note",
                    self.spec.sender_organ_id,
                    **{q(CSIP, "NOTETYPE"): "IDENTIFICATIONCODE"},
                )
            rec = etree.SubElement(
                hdr, q(METS, "agent"), {"ROLE": "PRESERVATION", "TYPE": "ORGANIZATION"}
            )
            _text(rec, METS, "name", self.spec.receiver_name)
            _text(hdr, METS, "altRecordID", self.spec.package_id, TYPE="SUBMISSIONAGREEMENT")
        return hdr

    def _mets_root_attrs(self, objid: str) -> dict[str, str]:
        return {
            "OBJID": objid,
            "LABEL": self.spec.label or self.spec.package_id,
            "TYPE": "Textual",
            q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
            q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): "TT05-2025-BNV",
            "PROFILE": x.PROFILE,
            q(XSI, "schemaLocation"): f"{METS} ../../schemas/mets.xsd"
            if objid == "rep1"
            else f"{METS} schemas/mets.xsd",
        }

    def rep_mets(self) -> None:
        path = self.data / x.REP_METS
        sha, size = _sha256_of(self.data / x.REP_PREMIS), (self.data / x.REP_PREMIS).stat().st_size
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(q(METS, "mets"), self._mets_root_attrs("rep1"), nsmap=x.METS_NS):
                xf.write(self._mets_hdr(rep=True))
                amd = _el(METS, "amdSec")
                dp = etree.SubElement(
                    amd, q(METS, "digiprovMD"), {"ID": "rep1-premis", "STATUS": "CURRENT"}
                )
                self._md_ref(dp, "metadata/preservation/premis.xml", "PREMIS", sha, size)
                xf.write(amd)
                with xf.element(q(METS, "fileSec"), {"ID": "rep1-files"}):
                    with xf.element(q(METS, "fileGrp"), {"ID": "rep1-data", "USE": "Data"}):
                        for _d, doc, fid in self.files:
                            xf.write(self._mets_file(doc.file, fid))  # type: ignore[arg-type]
                with xf.element(
                    q(METS, "structMap"), {"ID": "rep1-struct", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
                ):
                    with xf.element(q(METS, "div"), {"ID": "rep1-root", "LABEL": "rep1"}):
                        xf.write(
                            _el(
                                METS,
                                "div",
                                ID="rep1-metadata",
                                LABEL="Metadata",
                                ADMID="rep1-premis",
                            )
                        )
                        with xf.element(q(METS, "div"), {"ID": "rep1-datadiv", "LABEL": "Data"}):
                            current: DossierEntry | None = None
                            div: etree._Element | None = None
                            n = 0
                            for d, _doc, fid in self.files:
                                if d is not current:
                                    if div is not None:
                                        xf.write(div)
                                    n += 1
                                    current = d
                                    div = _el(
                                        METS,
                                        "div",
                                        ID=f"rep1-dossier-{n}",
                                        LABEL=d.key,
                                        TYPE="dossier",
                                    )
                                etree.SubElement(div, q(METS, "fptr"), {"FILEID": fid})
                            if div is not None:
                                xf.write(div)
        self._add_written(x.REP_METS)

    def _mets_file(self, f: FileEntry, fid: str) -> etree._Element:
        attrib = {
            "ID": fid,
            "MIMETYPE": f.mime or "application/octet-stream",
            "SIZE": str(f.size),
            "CREATED": self.created,
            "CHECKSUM": f.sha256,
            "CHECKSUMTYPE": "SHA-256",
        }
        if f.format_name:
            attrib[q(SIP, "FILEFORMATNAME")] = f.format_name
        if f.format_version:
            attrib[q(SIP, "FILEFORMATVERSION")] = f.format_version
        if f.puid:
            attrib[q(SIP, "FORMATREGISTRY")] = "PRONOM"
            attrib[q(SIP, "FORMATREGISTRYKEY")] = f.puid
        el = _el(METS, "file", **attrib)
        etree.SubElement(
            el,
            q(METS, "FLocat"),
            {"LOCTYPE": "URL", q(XLINK, "type"): "simple", q(XLINK, "href"): f"data/{f.path}"},
        )
        return el

    # -- 4. descriptive metadata: TT 05/2025 (App. VI names) and EAD3
    def tt05(self) -> None:
        path = self.data / x.TT05_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        attrs = {"PackageId": self.spec.package_id, "Created": self.created}
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(q(TT05, "TransferMetadata"), attrs, nsmap={None: TT05}):
                xf.write(_dict_el("Fonds", self.spec.fonds))
                for d in self.spec.dossiers:
                    el = _dict_el("Dossier", d.meta)
                    for doc in d.documents:
                        del_ = _dict_el("Document", doc.meta)
                        if doc.file is not None:
                            etree.SubElement(
                                del_,
                                q(TT05, "ComputerFile"),
                                {
                                    "href": f"{x.REP_DATA}/{doc.file.path}",
                                    "sha256": doc.file.sha256,
                                    "size": str(doc.file.size),
                                },
                            )
                        el.append(del_)
                    xf.write(el)
        self._add_written(x.TT05_FILE)

    def ead(self) -> None:
        path = self.data / x.EAD_FILE
        fonds = self.spec.fonds
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(q(EAD, "ead"), nsmap={None: EAD}):
                xf.write(self._ead_control())
                with xf.element(q(EAD, "archdesc"), {"level": "fonds"}):
                    did = _el(EAD, "did")
                    _text(did, EAD, "unitid", fonds["FondsCode"])
                    _text(did, EAD, "unittitle", fonds["FondsName"])
                    orig = etree.SubElement(did, q(EAD, "origination"))
                    corp = etree.SubElement(orig, q(EAD, "corpname"))
                    _text(corp, EAD, "part", fonds["OrganName"])
                    if fonds.get("StartYear"):
                        end = fonds.get("EndYear") or fonds["StartYear"]
                        _text(did, EAD, "unitdate", f"{fonds['StartYear']}–{end}")
                    _text(did, EAD, "langmaterial", None)
                    lang = did[-1]
                    _text(lang, EAD, "language", fonds["Language"])
                    xf.write(did)
                    with xf.element(q(EAD, "dsc")):
                        for n, d in enumerate(self.spec.dossiers, start=1):
                            xf.write(self._ead_dossier(n, d))
        self._add_written(x.EAD_FILE)

    def _ead_control(self) -> etree._Element:
        c = _el(EAD, "control")
        _text(c, EAD, "recordid", self.spec.package_id)
        fd = etree.SubElement(c, q(EAD, "filedesc"))
        ts = etree.SubElement(fd, q(EAD, "titlestmt"))
        _text(ts, EAD, "titleproper", f"Mục lục hồ sơ nộp lưu – {self.spec.fonds['FondsName']}")
        etree.SubElement(c, q(EAD, "maintenancestatus"), {"value": "new"})
        ma = etree.SubElement(c, q(EAD, "maintenanceagency"))
        _text(ma, EAD, "agencyname", self.spec.sender_name)
        mh = etree.SubElement(c, q(EAD, "maintenancehistory"))
        ev = etree.SubElement(mh, q(EAD, "maintenanceevent"))
        etree.SubElement(ev, q(EAD, "eventtype"), {"value": "created"})
        _text(ev, EAD, "eventdatetime", self.created, standarddatetime=self.created)
        etree.SubElement(ev, q(EAD, "agenttype"), {"value": "machine"})
        _text(ev, EAD, "agent", f"{x.SOFTWARE} {x.SOFTWARE_VERSION}")
        return c

    def _ead_dossier(self, n: int, d: DossierEntry) -> etree._Element:
        m = d.meta
        c = _el(EAD, "c", level="file", id=f"dossier-{n}")
        did = etree.SubElement(c, q(EAD, "did"))
        _text(did, EAD, "unitid", d.key)
        _text(did, EAD, "unittitle", m["Title"])
        if m.get("StartDate") or m.get("EndDate"):
            a, b = m.get("StartDate") or m.get("EndDate"), m.get("EndDate") or m.get("StartDate")
            uds = etree.SubElement(did, q(EAD, "unitdatestructured"))
            dr = etree.SubElement(uds, q(EAD, "daterange"))
            _text(dr, EAD, "fromdate", a, standarddate=str(a))
            _text(dr, EAD, "todate", b, standarddate=str(b))
        pd = etree.SubElement(
            did,
            q(EAD, "physdescstructured"),
            physdescstructuredtype="materialtype",
            coverage="whole",
        )
        _text(pd, EAD, "quantity", m["DocTotal"])
        _text(pd, EAD, "unittype", "văn bản")
        ar = etree.SubElement(c, q(EAD, "accessrestrict"))
        _text(
            ar, EAD, "p", f"Chế độ sử dụng: {m['Rights']}; thời hạn bảo quản: {m['Maintenance']}."
        )
        for k, doc in enumerate(d.documents, start=1):
            item = etree.SubElement(c, q(EAD, "c"), level="item", id=f"dossier-{n}-doc-{k}")
            idid = etree.SubElement(item, q(EAD, "did"))
            number = "/".join(
                v
                for v in (str(doc.meta.get("CodeNumber") or ""), doc.meta.get("CodeNotation") or "")
                if v
            )
            if number:
                _text(idid, EAD, "unitid", number)
            _text(
                idid,
                EAD,
                "unittitle",
                f"{doc.meta.get('TypeName') or ''} {doc.meta['Subject']}".strip(),
            )
            if doc.meta.get("IssuedDate"):
                _text(
                    idid,
                    EAD,
                    "unitdate",
                    doc.meta["IssuedDate"],
                    normal=str(doc.meta["IssuedDate"]),
                )
            if doc.file is not None:
                dao = etree.SubElement(
                    idid,
                    q(EAD, "dao"),
                    daotype="borndigital",
                    href=f"{x.REP_DATA}/{doc.file.path}",
                )
                dao.set("linktitle", doc.file.original_name)
        return c

    # -- 5. the package's PREMIS: the representation, the events, the agents
    def package_premis(self) -> None:
        path = self.data / x.PREMIS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        root = etree.Element(
            q(PREMIS, "premis"), {"version": "3.0"}, nsmap={"premis": PREMIS, "xsi": XSI}
        )
        ie = etree.SubElement(
            root, q(PREMIS, "object"), {q(XSI, "type"): "premis:intellectualEntity"}
        )
        self._object_id(ie, self.spec.package_id)
        rep = etree.SubElement(root, q(PREMIS, "object"), {q(XSI, "type"): "premis:representation"})
        self._object_id(rep, "rep1")
        root.append(
            self._event(
                0,
                "creation",
                f"Lập gói nộp lưu {len(self.files)} tệp của {len(self.spec.dossiers)} hồ sơ "
                f"gửi {self.spec.receiver_name}.",
                "success",
                [self.spec.package_id, "rep1"],
            )
        )
        for a in self._agents():
            root.append(a)
        etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="utf-8")
        self._add_written(x.PREMIS_FILE)

    # -- 6. the schemas the package's XML follows
    def schemas(self) -> list[str]:
        copied = []
        for name in sorted(
            {
                "mets.xsd",
                "xlink.xsd",
                "DILCISExtensionMETS.xsd",
                "DILCISExtensionSIPMETS.xsd",
                *x.SCHEMA_OF.values(),
            }
        ):
            src = x.schema_path(name)
            if src is None:
                continue
            rel = f"{x.SCHEMAS}/{name}"
            (self.data / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, self.data / rel)
            self._add_written(rel)
            copied.append(rel)
        return copied

    # -- 7. the root METS
    def root_mets(self, schemas: list[str]) -> None:
        path = self.data / x.ROOT_METS
        root = etree.Element(
            q(METS, "mets"), self._mets_root_attrs(self.spec.package_id), nsmap=x.METS_NS
        )
        root.append(self._mets_hdr(rep=False))
        for i, (rel, mdtype, other) in enumerate(
            ((x.EAD_FILE, "EAD", ""), (x.TT05_FILE, "OTHER", "TT05-2025-BNV")), start=1
        ):
            dmd = etree.SubElement(
                root,
                q(METS, "dmdSec"),
                {"ID": f"dmd-{i}", "CREATED": self.created, "STATUS": "CURRENT"},
            )
            sha, size = self._hash_of(rel)
            self._md_ref(dmd, rel, mdtype, sha, size, other)
        amd = etree.SubElement(root, q(METS, "amdSec"))
        dp = etree.SubElement(amd, q(METS, "digiprovMD"), {"ID": "premis-1", "STATUS": "CURRENT"})
        sha, size = self._hash_of(x.PREMIS_FILE)
        self._md_ref(dp, x.PREMIS_FILE, "PREMIS", sha, size)
        fs = etree.SubElement(root, q(METS, "fileSec"), {"ID": "files"})
        sg = etree.SubElement(fs, q(METS, "fileGrp"), {"ID": "schemas", "USE": "Schemas"})
        for k, rel in enumerate(schemas, start=1):
            sha, size = self._hash_of(rel)
            f = etree.SubElement(
                sg,
                q(METS, "file"),
                {
                    "ID": f"schema-{k}",
                    "MIMETYPE": "application/xml",
                    "SIZE": str(size),
                    "CREATED": self.created,
                    "CHECKSUM": sha,
                    "CHECKSUMTYPE": "SHA-256",
                },
            )
            etree.SubElement(
                f,
                q(METS, "FLocat"),
                {"LOCTYPE": "URL", q(XLINK, "type"): "simple", q(XLINK, "href"): rel},
            )
        rg = etree.SubElement(
            fs, q(METS, "fileGrp"), {"ID": "rep1-grp", "USE": "Representations/rep1"}
        )
        sha, size = self._hash_of(x.REP_METS)
        rf = etree.SubElement(
            rg,
            q(METS, "file"),
            {
                "ID": "rep1-mets",
                "MIMETYPE": "application/xml",
                "SIZE": str(size),
                "CREATED": self.created,
                "CHECKSUM": sha,
                "CHECKSUMTYPE": "SHA-256",
            },
        )
        etree.SubElement(
            rf,
            q(METS, "FLocat"),
            {"LOCTYPE": "URL", q(XLINK, "type"): "simple", q(XLINK, "href"): x.REP_METS},
        )
        sm = etree.SubElement(
            root, q(METS, "structMap"), {"ID": "struct", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
        )
        top = etree.SubElement(sm, q(METS, "div"), {"ID": "root", "LABEL": self.spec.package_id})
        etree.SubElement(
            top,
            q(METS, "div"),
            {"ID": "metadata", "LABEL": "Metadata", "DMDID": "dmd-1 dmd-2", "ADMID": "premis-1"},
        )
        if schemas:
            sdiv = etree.SubElement(top, q(METS, "div"), {"ID": "schemas-div", "LABEL": "Schemas"})
            for k in range(1, len(schemas) + 1):
                etree.SubElement(sdiv, q(METS, "fptr"), {"FILEID": f"schema-{k}"})
        rdiv = etree.SubElement(
            top, q(METS, "div"), {"ID": "rep1-div", "LABEL": "Representations/rep1"}
        )
        etree.SubElement(
            rdiv,
            q(METS, "mptr"),
            {
                "LOCTYPE": "URL",
                q(XLINK, "type"): "simple",
                q(XLINK, "href"): x.REP_METS,
                q(XLINK, "title"): "rep1",
            },
        )
        etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="utf-8")
        self._add_written(x.ROOT_METS)

    def _hash_of(self, rel: str) -> tuple[str, int]:
        for sha, p in self.manifest:
            if p == f"data/{rel}":
                return sha, (self.data / rel).stat().st_size
        raise KeyError(rel)

    # -- 8. the bag
    def bag(self, sign: Callable[[bytes], tuple[bytes, bytes]] | None) -> tuple[str, bool]:
        r = self.root
        (r / "bagit.txt").write_text("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n")
        manifest = "".join(f"{sha}  {p}\n" for sha, p in sorted(self.manifest, key=lambda t: t[1]))
        (r / "manifest-sha256.txt").write_text(manifest, encoding="utf-8")
        info = {
            "Source-Organization": self.spec.sender_name,
            "Organization-Address": self.spec.sender_organ_id or "-",
            "External-Identifier": self.spec.package_id,
            "External-Description": f"Gói nộp lưu vào {self.spec.receiver_name} (E-ARK SIP)",
            "Bagging-Date": self.spec.created.date().isoformat(),
            "Bag-Software-Agent": f"{x.SOFTWARE} {x.SOFTWARE_VERSION}",
            "Payload-Oxum": f"{self.payload_bytes}.{len(self.manifest)}",
        }
        (r / "bag-info.txt").write_text(
            "".join(f"{k}: {v}\n" for k, v in info.items()), encoding="utf-8"
        )
        tags = ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"]
        signed = False
        if sign is not None:
            signature, public_pem = sign((r / "manifest-sha256.txt").read_bytes())
            (r / x.SIGNATURE).parent.mkdir(parents=True, exist_ok=True)
            (r / x.SIGNATURE).write_bytes(signature)
            (r / x.SIGNING_KEY).write_bytes(public_pem)
            tags += [x.SIGNATURE, x.SIGNING_KEY]
            signed = True
        (r / "tagmanifest-sha256.txt").write_text(
            "".join(f"{_sha256_of(r / t)}  {t}\n" for t in tags), encoding="utf-8"
        )
        return hashlib.sha256(manifest.encode()).hexdigest(), signed


def _dict_el(tag: str, values: dict[str, Any]) -> etree._Element:
    """An element of the TT 05 schema from a dict in schema order (None: left out;
    a dict: a nested element)."""
    el = _el(TT05, tag)
    for k, v in values.items():
        if v is None:
            continue
        if isinstance(v, dict):
            el.append(_dict_el(k, v))
        else:
            _text(el, TT05, k, v)
    return el


def write_package(
    spec: Spec,
    out_dir: Path,
    *,
    sign: Callable[[bytes], tuple[bytes, bytes]] | None = None,
) -> Built:
    """Write ``spec`` as a bag ``out_dir/<package_id>``; ``sign`` (bytes of the
    manifest → signature, public key PEM) adds a detached signature."""
    final = out_dir / spec.package_id
    partial = out_dir / f"{spec.package_id}.partial"
    if final.exists():
        raise RuleViolation(f"Gói {spec.package_id} đã có: không ghi đè.")
    if partial.exists():
        shutil.rmtree(partial)
    (partial / "data").mkdir(parents=True)
    try:
        w = _Writer(spec, partial, spec.sender_name)
        w.copy_content()
        w.rep_premis()
        w.rep_mets()
        w.tt05()
        w.ead()
        w.package_premis()
        w.root_mets(w.schemas())
        manifest_sha, signed = w.bag(sign)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    os.replace(partial, final)
    return Built(final, len(w.files), w.payload_bytes, manifest_sha, signed)
