"""The catalogue harvested over OAI-PMH by a real harvester (Sickle), as the province
archive would: every holding the harvesting user may see is listed, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, BadResumptionToken, IdDoesNotExist, NoRecordsMatch

from luutru.access.api_auth import issue_token
from luutru.catalogue import views
from luutru.catalogue.records import DOSSIER_ID, FONDS_ID, PAPER_ID, PARTY_ID, PARTY_SET
from luutru.catalogue.tests.conftest import make_party_documents
from luutru.filing.models import Dossier, DossierStatus
from luutru.holdings.models import Inventory, PaperDossier
from luutru.orgs.models import Secrecy

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def holdings(transactional_db):
    """Archived dossiers of two bodies, one secret, and an open one (not a holding)."""
    from luutru.compliance.tests.conftest import closed_dossier
    from luutru.testing import build_world

    w = build_world()
    made = []
    for n, (user, org, secret) in enumerate(
        [
            (w.official, w.office, False),
            (w.official, w.office, False),
            (w.official, w.office, True),
            (w.district_official, w.district, False),
        ]
    ):
        d = closed_dossier(user, org, f"{n + 1:02d}.HS", dt.date(2023, 5, 1))
        Dossier.objects.filter(pk=d.pk).update(
            status=DossierStatus.ARCHIVED,
            archived_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
            secrecy=Secrecy.MAT if secret else Secrecy.NONE,
        )
        made.append(d.pk)
    w.open_one = closed_dossier(w.official, w.office, "09.HS", dt.date(2023, 5, 1))
    w.archived = made
    # The paper catalogue of the same fonds: one ordinary dossier, one secret.
    inventory = Inventory.objects.create(fonds=w.office.fonds, number=1, title="Mục lục số 1")
    w.paper = [
        PaperDossier.objects.create(
            org=w.office, inventory=inventory, number=n, title=title, year=1998, secrecy=secrecy
        ).pk
        for n, title, secrecy in [
            (1, "Hồ sơ Đại hội Đảng bộ cơ quan năm 1998", Secrecy.NONE),
            (2, "Hồ sơ về công tác bảo vệ chính trị nội bộ năm 1998", Secrecy.MAT),
        ]
    ]
    return w


def harvester(live_server, user) -> Sickle:
    return Sickle(
        f"{live_server.url}/oai/",
        headers={"Authorization": f"Bearer {issue_token(user, 'oai')}"},
        max_retries=0,
    )


def _ids(sickle: Sickle, kind: str = "hoso", **kw) -> list[int]:
    """The keys of one kind of record (hoso: electronic holdings; hosogiay: paper)."""
    return sorted(
        int(h.identifier.rsplit(":", 1)[1])
        for h in sickle.ListIdentifiers(**kw)
        if h.identifier.split(":")[2] == kind
    )


def test_the_archivist_harvests_every_visible_holding_and_no_more(live_server, holdings):
    w = holdings
    archivist = harvester(live_server, w.archivist)  # clearance Mật, the whole province
    assert archivist.Identify().repositoryName == "luutru – Mục lục hồ sơ"
    assert _ids(archivist, metadataPrefix="oai_dc") == sorted(w.archived)
    assert _ids(archivist, "hosogiay", metadataPrefix="oai_dc") == sorted(w.paper)
    paper = archivist.GetRecord(identifier=PAPER_ID.format(pk=w.paper[0]), metadataPrefix="oai_dc")
    assert paper.metadata["title"] == ["Hồ sơ Đại hội Đảng bộ cơ quan năm 1998"]
    record = archivist.GetRecord(
        identifier=DOSSIER_ID.format(pk=w.archived[0]), metadataPrefix="oai_dc"
    )
    assert record.metadata["creator"] == ["Văn phòng Tỉnh ủy"]
    assert record.metadata["identifier"] == ["01.HS"]
    sets = {s.setSpec for s in archivist.ListSets()}
    assert sets == {f"phong:{w.office.fonds.pk}", f"phong:{w.district.fonds.pk}"}
    assert _ids(archivist, metadataPrefix="oai_dc", set=f"phong:{w.district.fonds.pk}") == [
        w.archived[3]
    ]
    # EAD: each fonds a finding aid whose files are the visible dossiers.
    ead = archivist.GetRecord(
        identifier=FONDS_ID.format(pk=w.office.fonds.pk), metadataPrefix="ead"
    )
    files = ead.xml.findall(".//{urn:isbn:1-931666-22-9}c")
    assert len(files) == 3 + 2  # three electronic dossiers, two paper ones


def test_a_reader_harvests_none_of_what_a_reader_may_not_see(live_server, holdings):
    w = holdings
    reader = harvester(live_server, w.reader)  # no clearance
    seen = _ids(reader, metadataPrefix="oai_dc")
    assert w.archived[2] not in seen  # the secret one
    assert w.open_one.pk not in seen  # not a holding
    assert set(seen) <= set(w.archived)
    assert _ids(reader, "hosogiay", metadataPrefix="oai_dc") == [w.paper[0]]
    with pytest.raises(IdDoesNotExist):
        reader.GetRecord(identifier=PAPER_ID.format(pk=w.paper[1]), metadataPrefix="oai_dc")
    with pytest.raises(IdDoesNotExist):
        reader.GetRecord(identifier=DOSSIER_ID.format(pk=w.archived[2]), metadataPrefix="oai_dc")
    ead = reader.GetRecord(identifier=FONDS_ID.format(pk=w.office.fonds.pk), metadataPrefix="ead")
    titles = [e.text for e in ead.xml.iter("{urn:isbn:1-931666-22-9}unitid")]
    assert "03.HS" not in titles


def test_the_vankiendang_set_holds_the_visible_party_documents_and_no_secret_one(
    live_server, holdings
):
    w = holdings
    p = make_party_documents(w)  # held: a resolution, a congress's two; held and Mật: a directive
    held = sorted([p.nq.pk, p.congress_nq.pk, p.vote.pk])
    reader = harvester(live_server, w.reader)
    assert PARTY_SET in {s.setSpec for s in reader.ListSets()}
    assert _ids(reader, "vankien", metadataPrefix="oai_dc", set=PARTY_SET) == held
    assert _ids(reader, "hoso", metadataPrefix="oai_dc", set=PARTY_SET) == []
    with pytest.raises(IdDoesNotExist):
        reader.GetRecord(identifier=PARTY_ID.format(pk=p.secret.pk), metadataPrefix="oai_dc")
    with pytest.raises(IdDoesNotExist):  # not deposited yet: not a holding
        reader.GetRecord(identifier=PARTY_ID.format(pk=p.open_kl.pk), metadataPrefix="oai_dc")
    archivist = harvester(live_server, w.archivist)  # clearance Mật
    assert _ids(archivist, "vankien", metadataPrefix="oai_dc", set=PARTY_SET) == sorted(
        [*held, p.secret.pk]
    )
    record = archivist.GetRecord(
        identifier=PARTY_ID.format(pk=p.congress_nq.pk), metadataPrefix="oai_dc"
    )
    assert record.header.setSpecs == [PARTY_SET]
    assert record.metadata["identifier"] == ["01-NQ/TU"]
    assert record.metadata["creator"] == ["Tỉnh ủy Thử nghiệm"]
    assert record.metadata["coverage"] == ["Đại hội lần thứ XVI (Nhiệm kỳ 2020–2025)"]
    titles = [
        r.metadata["title"][0]
        for r in archivist.ListRecords(metadataPrefix="oai_dc", set=PARTY_SET)
    ]
    assert "Về bảo vệ bí mật nhà nước" in titles and len(titles) == 4


def test_a_stranger_and_bad_requests(live_server, holdings, client):
    assert client.get("/oai/?verb=Identify").status_code == 401
    sickle = harvester(live_server, holdings.archivist)
    oai = "{http://www.openarchives.org/OAI/2.0/}"
    for params, code in [
        ({"verb": "Nothing"}, "badVerb"),
        ({"verb": "GetRecord", "identifier": "x"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc"}, "cannotDisseminateFormat"),
    ]:
        answer = sickle.harvest(**params)
        assert answer.xml.find(f".//{oai}error").get("code") == code, params
    for bad in [
        {"metadataPrefix": "oai_dc", "from": "hôm qua"},
        {"metadataPrefix": "oai_dc", "until": "2024-13-45"},
    ]:
        with pytest.raises(BadArgument):
            list(sickle.ListIdentifiers(**bad))
    with pytest.raises(BadResumptionToken):
        list(sickle.ListIdentifiers(resumptionToken="forged"))
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="phong:999999999999999999999"))
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier="oai:luutru:hoso:" + "9" * 40, metadataPrefix="oai_dc")


def test_long_lists_resume(live_server, holdings, monkeypatch):
    # The batch size is a setting of the server; two records a page shows the resumption.
    monkeypatch.setattr(views, "BATCH", 2)
    sickle = harvester(live_server, holdings.archivist)
    assert _ids(sickle, metadataPrefix="oai_dc") == sorted(holdings.archived)
    assert _ids(sickle, "hosogiay", metadataPrefix="oai_dc") == sorted(holdings.paper)
    first = sickle.harvest(verb="ListIdentifiers", metadataPrefix="oai_dc").xml
    token = first.find(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken")
    assert token is not None and token.text
