"""The catalogue records: dossiers of the archive holdings as the viewer may see
them, described in Dublin Core, and each fonds as an EAD finding aid.

A record is a dossier the access policy lets the harvesting user read *and*
that is an archive holding (accepted into the agency archive, kept back after
that, or transferred on): what readers may find. Nothing else is harvested, and
nothing of a practice body (``orgs.models.in_figures``).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from django.db.models import QuerySet

from luutru.access import kinds
from luutru.access.policy import visible_q
from luutru.catalogue import party
from luutru.filing.models import Dossier
from luutru.holdings.models import PaperDossier
from luutru.orgs.models import Fonds, Secrecy, in_figures
from luutru.registry.models import Document

NS_DC = "http://purl.org/dc/elements/1.1/"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS_EAD = "urn:isbn:1-931666-22-9"  # EAD 2002
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
DOSSIER_ID = "oai:luutru:hoso:{pk}"
FONDS_ID = "oai:luutru:phong:{pk}"
PAPER_ID = "oai:luutru:hosogiay:{pk}"
PARTY_ID = "oai:luutru:vankien:{pk}"
PARTY_SET = "vankiendang"  # the Văn kiện Đảng database, harvested as one set
PARTY_SET_NAME = "Cơ sở dữ liệu Văn kiện Đảng"


def dossiers(user) -> QuerySet[Dossier]:
    """Holdings the user may read, oldest change first (the harvest order)."""
    kind = kinds.get("dossier")
    assert kind is not None  # filing registers the dossier kind when the apps load
    holdings = kind.archived_q()
    return (
        Dossier.objects.filter(holdings, in_figures("org"))
        .filter(visible_q(user, object_type="dossier"))
        .select_related("org", "org__fonds", "retention")
        .order_by("updated_at", "pk")
    )


def paper(user) -> QuerySet[PaperDossier]:
    """Catalogued paper dossiers (``holdings``) the user may read: holdings from the start."""
    return (
        PaperDossier.objects.filter(in_figures("org"))
        .filter(visible_q(user, object_type="paperdossier"))
        .select_related("org", "org__fonds", "inventory", "box")
        .order_by("updated_at", "pk")
    )


def party_documents(user) -> QuerySet[Document]:
    """The Văn kiện Đảng database's archive holdings the user may read."""
    return party.holdings(user)


def party_dublin_core(parent: ET.Element, e: party.Entry) -> None:
    """A Party document as ``oai_dc:dc``: its author, number, date, type, and its
    term or congress (``catalogue.party.describe``)."""
    d = e.doc
    dc = ET.SubElement(parent, f"{{{NS_OAI_DC}}}dc")
    q = f"{{{NS_DC}}}"
    _text(dc, q + "title", d.subject)
    _text(dc, q + "creator", d.organ_name or d.org.name)
    _text(dc, q + "date", d.issued_date.isoformat() if d.issued_date else "")
    _text(dc, q + "type", e.type)
    _text(dc, q + "type", "Văn kiện Đại hội" if e.congress else "")
    _text(dc, q + "identifier", d.symbol_display)
    _text(dc, q + "language", d.language)
    _text(dc, q + "description", d.description)
    _text(dc, q + "coverage", e.congress_label if e.congress else (e.term.name if e.term else ""))
    _text(dc, q + "relation", PARTY_SET_NAME)
    _text(dc, q + "rights", Secrecy(d.secrecy).label)


def fonds_of(records: QuerySet[Dossier], papers: QuerySet[PaperDossier] | None = None):
    """The fonds that hold at least one of ``records`` (or of ``papers``)."""
    orgs = records.values("org")
    found = Fonds.objects.filter(org__in=orgs)
    if papers is not None:
        found = found | Fonds.objects.filter(org__in=papers.values("org"))
    return found.select_related("org").distinct()


def paper_dublin_core(parent: ET.Element, d: PaperDossier) -> None:
    """A catalogued paper dossier as ``oai_dc:dc``."""
    dc = ET.SubElement(parent, f"{{{NS_OAI_DC}}}dc")
    q = f"{{{NS_DC}}}"
    _text(dc, q + "title", d.title)
    _text(dc, q + "creator", d.org.name)
    if d.start_date and d.end_date:
        _text(dc, q + "date", f"{d.start_date.isoformat()}/{d.end_date.isoformat()}")
    else:
        _text(dc, q + "date", d.year)
    _text(dc, q + "type", "Hồ sơ")
    _text(dc, q + "format", "Giấy" + (f", {d.sheets} tờ" if d.sheets else ""))
    _text(dc, q + "identifier", d.file_code or f"Mục lục {d.inventory}, hồ sơ số {d.number}")
    _text(dc, q + "description", d.notes)
    _text(dc, q + "description", f"Thời hạn bảo quản: {d.retention}" if d.retention else "")
    _text(dc, q + "relation", f"{d.org.fonds.code} – {d.org.fonds.name}")
    _text(dc, q + "rights", Secrecy(d.secrecy).label)


def set_spec(fonds: Fonds) -> str:
    return f"phong:{fonds.pk}"


def _text(parent: ET.Element, tag: str, value: object) -> None:
    if value not in (None, ""):
        ET.SubElement(parent, tag).text = str(value)


def _period(d: Dossier) -> str:
    if d.start_date and d.end_date:
        return f"{d.start_date.isoformat()}/{d.end_date.isoformat()}"
    return str(d.file_catalog)


def dublin_core(parent: ET.Element, d: Dossier) -> None:
    """One dossier as ``oai_dc:dc`` (the fields of the deposit list, DOMAIN §4)."""
    dc = ET.SubElement(parent, f"{{{NS_OAI_DC}}}dc")
    dc.set(
        f"{{{NS_XSI}}}schemaLocation",
        f"{NS_OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    )
    q = f"{{{NS_DC}}}"
    _text(dc, q + "title", d.title)
    _text(dc, q + "creator", d.org.name)
    _text(dc, q + "date", _period(d))
    _text(dc, q + "type", "Hồ sơ")
    _text(dc, q + "identifier", d.file_notation)
    _text(dc, q + "language", d.language)
    _text(dc, q + "description", d.description)
    _text(dc, q + "description", f"Thời hạn bảo quản: {d.retention}")
    _text(dc, q + "format", d.get_medium_display())
    _text(dc, q + "relation", f"{d.org.fonds.code} – {d.org.fonds.name}")
    _text(dc, q + "rights", d.rights or Secrecy(d.secrecy).label)


def fonds_dublin_core(parent: ET.Element, fonds: Fonds) -> None:
    dc = ET.SubElement(parent, f"{{{NS_OAI_DC}}}dc")
    q = f"{{{NS_DC}}}"
    _text(dc, q + "title", fonds.name)
    _text(dc, q + "creator", fonds.org.name)
    _text(dc, q + "type", "Phông lưu trữ")
    _text(dc, q + "identifier", fonds.code)
    _text(dc, q + "language", fonds.language)
    _text(dc, q + "description", fonds.note)


def ead(
    parent: ET.Element,
    fonds: Fonds,
    members: Iterable[Dossier],
    papers: Iterable[PaperDossier] = (),
) -> None:
    """A fonds as an EAD 2002 finding aid: the fonds, then each visible dossier a file."""
    e = ET.SubElement(parent, f"{{{NS_EAD}}}ead")
    q = f"{{{NS_EAD}}}"
    header = ET.SubElement(e, q + "eadheader")
    _text(header, q + "eadid", FONDS_ID.format(pk=fonds.pk))
    title = ET.SubElement(ET.SubElement(header, q + "filedesc"), q + "titlestmt")
    _text(title, q + "titleproper", f"Mục lục hồ sơ {fonds.name}")
    desc = ET.SubElement(e, q + "archdesc", level="fonds")
    did = ET.SubElement(desc, q + "did")
    _text(did, q + "unitid", fonds.code)
    _text(did, q + "unittitle", fonds.name)
    _text(did, q + "origination", fonds.org.name)
    if fonds.start_year:
        _text(did, q + "unitdate", f"{fonds.start_year}–")
    dsc = ET.SubElement(desc, q + "dsc")
    for d in members:
        c = ET.SubElement(dsc, q + "c", level="file", id=f"hoso-{d.pk}")
        cdid = ET.SubElement(c, q + "did")
        _text(cdid, q + "unitid", d.file_notation)
        _text(cdid, q + "unittitle", d.title)
        unitdate = ET.SubElement(cdid, q + "unitdate", normal=_period(d))
        unitdate.text = _period(d).replace("/", " – ")
        _text(cdid, q + "physdesc", d.get_medium_display())
    for pd in papers:
        c = ET.SubElement(dsc, q + "c", level="file", id=f"hosogiay-{pd.pk}")
        cdid = ET.SubElement(c, q + "did")
        _text(cdid, q + "unitid", pd.file_code or str(pd.number))
        _text(cdid, q + "unittitle", pd.title)
        _text(cdid, q + "unitdate", pd.year)
        _text(cdid, q + "physdesc", "Giấy" + (f", {pd.sheets} tờ" if pd.sheets else ""))


def datestamp(value: dt.datetime | None) -> str:
    if value is None:
        return "1970-01-01T00:00:00Z"
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
