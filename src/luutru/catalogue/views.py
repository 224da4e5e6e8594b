"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html) over the
catalogue records, for the province archive to harvest the other installations.

The harvester signs in as a user: an API token (``Authorization: Bearer …``,
``luutru token create USER``) or a session. Every list and record goes through the
access policy as that user: a reader's harvest holds what the reader may see.
Written here rather than with pyoai: its last release (2.5.1) decodes resumption
tokens with ``cgi.parse_qs``, which Python removed in 3.8.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from luutru.access.api_auth import TokenAuth
from luutru.catalogue import party, records
from luutru.filing.models import Dossier
from luutru.holdings.models import PaperDossier
from luutru.orgs.models import Fonds

NS_OAI = "http://www.openarchives.org/OAI/2.0/"
BATCH = 100
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", records.NS_OAI_DC),
    "ead": ("https://www.loc.gov/ead/ead.xsd", records.NS_EAD),
}
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
SALT = "luutru.catalogue.resumption"

ET.register_namespace("", NS_OAI)
ET.register_namespace("oai_dc", records.NS_OAI_DC)
ET.register_namespace("dc", records.NS_DC)
ET.register_namespace("ead", records.NS_EAD)
ET.register_namespace("xsi", records.NS_XSI)


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _q(tag: str) -> str:
    return f"{{{NS_OAI}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: object = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        e.text = str(text)
    return e


def _user(request: HttpRequest):
    if request.user.is_authenticated:
        return request.user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and len(header) < 500:
        return TokenAuth().authenticate(request, header[7:].strip())
    return None


def _day(value: str, name: str, end: bool = False) -> dt.datetime:
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(value, fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d" and end:
            parsed += dt.timedelta(days=1) - dt.timedelta(microseconds=1)
        return parsed
    raise OAIError("badArgument", f"“{name}” phải là YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.")


def _identifier(value: str) -> tuple[str, int]:
    for kind, pattern in (
        ("vankien", records.PARTY_ID),
        ("hosogiay", records.PAPER_ID),
        ("hoso", records.DOSSIER_ID),
        ("phong", records.FONDS_ID),
    ):
        prefix = pattern.split("{")[0]
        rest = value[len(prefix) :] if value.startswith(prefix) else ""
        if rest.isascii() and rest.isdigit() and len(rest) < 19:
            return kind, int(rest)
    raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")


def _prefix(args: dict[str, str]) -> str:
    prefix = args["metadataPrefix"]
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", f"Không có định dạng “{prefix}”.")
    return prefix


def _filtered(qs, args: dict[str, str], *, vankien: bool = False):
    """``qs`` (dossiers, paper dossiers, or with ``vankien`` the Văn kiện Đảng
    database) narrowed by the list verb's arguments. A Party document is in the
    set ``vankiendang`` alone; dossiers are in the set of their fonds."""
    if args.get("from"):
        qs = qs.filter(updated_at__gte=_day(args["from"], "from"))
    if args.get("until"):
        qs = qs.filter(updated_at__lte=_day(args["until"], "until", end=True))
    if args.get("set"):
        spec = args["set"]
        if spec == records.PARTY_SET:
            return qs if vankien else qs.none()
        pk = spec.removeprefix("phong:")
        if not (spec.startswith("phong:") and pk.isascii() and pk.isdigit() and len(pk) < 19):
            raise OAIError("noRecordsMatch", "Không có tập hợp (phông) này.")
        qs = qs.none() if vankien else qs.filter(org__fonds__pk=int(pk))
    return qs


def _visible(user, args: dict[str, str]):
    """The electronic holdings a list verb covers."""
    return _filtered(records.dossiers(user), args)


def _visible_paper(user, args: dict[str, str]):
    """The catalogued paper dossiers a list verb covers."""
    return _filtered(records.paper(user), args)


def _visible_party(user, args: dict[str, str]):
    """The Văn kiện Đảng a list verb covers."""
    return _filtered(records.party_documents(user), args, vankien=True)


def _header(parent: ET.Element, identifier: str, stamp: str, spec: str) -> None:
    h = _sub(parent, "header")
    _sub(h, "identifier", identifier)
    _sub(h, "datestamp", stamp)
    _sub(h, "setSpec", spec)


def _dossier_record(parent: ET.Element, d: Dossier, prefix: str, *, full: bool) -> None:
    target = _sub(parent, "record") if full else parent
    _header(
        target,
        records.DOSSIER_ID.format(pk=d.pk),
        records.datestamp(d.updated_at),
        records.set_spec(d.org.fonds),
    )
    if full:
        records.dublin_core(_sub(target, "metadata"), d)


def _paper_record(parent: ET.Element, d: PaperDossier, prefix: str, *, full: bool) -> None:
    target = _sub(parent, "record") if full else parent
    _header(
        target,
        records.PAPER_ID.format(pk=d.pk),
        records.datestamp(d.updated_at),
        records.set_spec(d.org.fonds),
    )
    if full:
        records.paper_dublin_core(_sub(target, "metadata"), d)


def _party_record(parent: ET.Element, e: party.Entry, prefix: str, *, full: bool) -> None:
    target = _sub(parent, "record") if full else parent
    _header(
        target,
        records.PARTY_ID.format(pk=e.doc.pk),
        records.datestamp(e.doc.updated_at),
        records.PARTY_SET,
    )
    if full:
        records.party_dublin_core(_sub(target, "metadata"), e)


def _fonds_record(parent: ET.Element, user, fonds: Fonds, *, full: bool) -> None:
    members = records.dossiers(user).filter(org__fonds=fonds).order_by("file_notation", "pk")
    papers = records.paper(user).filter(org__fonds=fonds).order_by("inventory__number", "number")
    stamps = [
        qs.order_by("-updated_at").values_list("updated_at", flat=True).first()
        for qs in (members, papers)
    ]
    latest = max((s for s in stamps if s is not None), default=None)
    target = _sub(parent, "record") if full else parent
    _header(
        target,
        records.FONDS_ID.format(pk=fonds.pk),
        records.datestamp(latest),
        records.set_spec(fonds),
    )
    if full:
        records.ead(_sub(target, "metadata"), fonds, members, papers)


def _resume(args: dict[str, str]) -> tuple[dict[str, str], int, str]:
    try:
        state = signing.loads(args["resumptionToken"], salt=SALT, max_age=24 * 3600)
        return dict(state["args"]), int(state["after"]), str(state.get("phase", "hoso"))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise OAIError("badResumptionToken", "Mã tiếp tục không hợp lệ hoặc đã hết hạn.") from None


def _list(root: ET.Element, user, verb: str, args: dict[str, str]) -> None:
    after, phase = 0, ""
    if "resumptionToken" in args:
        args, after, phase = _resume(args)
    prefix = _prefix(args)
    full = verb == "ListRecords"
    out = _sub(root, verb)
    if prefix == "ead":
        fonds = (
            records.fonds_of(_visible(user, args), _visible_paper(user, args))
            .filter(pk__gt=after)
            .order_by("pk")
        )
        page = list(fonds[: BATCH + 1])
        for f in page[:BATCH]:
            _fonds_record(out, user, f, full=full)
        token = (
            signing.dumps({"args": args, "after": page[BATCH - 1].pk}, salt=SALT)
            if len(page) > BATCH
            else None
        )
        emitted = len(page[:BATCH])
    else:
        # Electronic holdings first, then the paper catalogue, then the Văn kiện
        # Đảng database, each in key order.
        phases: list[tuple[str, Any, Any, Any]] = [
            ("hoso", _visible(user, args), list, _dossier_record),
            ("giay", _visible_paper(user, args), list, _paper_record),
            ("vankien", _visible_party(user, args), party.describe, _party_record),
        ]
        names = [name for name, _, _, _ in phases]
        start = names.index(phase) if phase in names else 0
        emitted, token = 0, None
        for index in range(start, len(phases)):
            name, qs, prepare, emit = phases[index]
            since = after if index == start else 0
            room = BATCH - emitted
            rows = list(qs.filter(pk__gt=since).order_by("pk")[: room + 1])
            for row in prepare(rows[:room]):
                emit(out, row, prefix, full=full)
            emitted += len(rows[:room])
            if len(rows) > room:
                last = rows[room - 1].pk if room else since
                token = signing.dumps({"args": args, "after": last, "phase": name}, salt=SALT)
                break
    if not emitted:
        root.remove(out)
        raise OAIError("noRecordsMatch", "Không có bản ghi nào khớp yêu cầu.")
    if token is not None or after or phase:
        _sub(out, "resumptionToken", token or "")


def _get_record(root: ET.Element, user, args: dict[str, str]) -> None:
    prefix = _prefix(args)
    kind, pk = _identifier(args["identifier"])
    out = _sub(root, "GetRecord")
    if kind == "vankien":
        doc = records.party_documents(user).filter(pk=pk).first()
        if doc is None:
            raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")
        if prefix != "oai_dc":
            raise OAIError("cannotDisseminateFormat", "Văn kiện chỉ có định dạng oai_dc.")
        _party_record(out, party.describe([doc])[0], prefix, full=True)
        return
    if kind == "hosogiay":
        pd = records.paper(user).filter(pk=pk).first()
        if pd is None:
            raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")
        if prefix != "oai_dc":
            raise OAIError("cannotDisseminateFormat", "Hồ sơ chỉ có định dạng oai_dc.")
        _paper_record(out, pd, prefix, full=True)
        return
    if kind == "hoso":
        d = records.dossiers(user).filter(pk=pk).first()
        if d is None:
            raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")
        if prefix != "oai_dc":
            raise OAIError("cannotDisseminateFormat", "Hồ sơ chỉ có định dạng oai_dc.")
        _dossier_record(out, d, prefix, full=True)
        return
    fonds = records.fonds_of(records.dossiers(user), records.paper(user)).filter(pk=pk).first()
    if fonds is None:
        raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")
    if prefix == "ead":
        _fonds_record(out, user, fonds, full=True)
    else:
        record = _sub(out, "record")
        _header(
            record,
            records.FONDS_ID.format(pk=fonds.pk),
            records.datestamp(None),
            records.set_spec(fonds),
        )
        records.fonds_dublin_core(_sub(record, "metadata"), fonds)


def _answer(request: HttpRequest, root: ET.Element, user, args: dict[str, str]) -> None:
    verb = args.get("verb", "")
    if verb not in ARGUMENTS:
        raise OAIError("badVerb", "Thiếu hoặc sai “verb”.")
    required, optional = ARGUMENTS[verb]
    given = set(args) - {"verb"}
    if "resumptionToken" in given and given != {"resumptionToken"}:
        raise OAIError("badArgument", "“resumptionToken” phải đi một mình.")
    missing = required - given if "resumptionToken" not in given else set()
    extra = given - required - optional
    if missing or extra:
        raise OAIError(
            "badArgument", "Tham số thiếu hoặc thừa: " + ", ".join(sorted(missing | extra))
        )
    if verb == "Identify":
        out = _sub(root, "Identify")
        _sub(out, "repositoryName", "luutru – Mục lục hồ sơ")
        _sub(out, "baseURL", request.build_absolute_uri(request.path))
        _sub(out, "protocolVersion", "2.0")
        _sub(out, "adminEmail", "luutru@localhost")
        _sub(out, "earliestDatestamp", "1970-01-01T00:00:00Z")
        _sub(out, "deletedRecord", "no")
        _sub(out, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    elif verb == "ListMetadataFormats":
        if "identifier" in args:
            kind, _ = _identifier(args["identifier"])
            if (
                kind == "hoso"
                and not records.dossiers(user)
                .filter(pk=_identifier(args["identifier"])[1])
                .exists()
            ):
                raise OAIError("idDoesNotExist", "Không có bản ghi mang mã định danh này.")
        out = _sub(root, "ListMetadataFormats")
        for prefix, (schema, namespace) in FORMATS.items():
            f = _sub(out, "metadataFormat")
            _sub(f, "metadataPrefix", prefix)
            _sub(f, "schema", schema)
            _sub(f, "metadataNamespace", namespace)
    elif verb == "ListSets":
        if "resumptionToken" in args:
            raise OAIError("badResumptionToken", "Danh sách phông không chia trang.")
        out = _sub(root, "ListSets")
        for fonds in records.fonds_of(records.dossiers(user), records.paper(user)).order_by("pk"):
            s = _sub(out, "set")
            _sub(s, "setSpec", records.set_spec(fonds))
            _sub(s, "setName", f"{fonds.code} – {fonds.name}")
        if records.party_documents(user).exists():
            s = _sub(out, "set")
            _sub(s, "setSpec", records.PARTY_SET)
            _sub(s, "setName", records.PARTY_SET_NAME)
    elif verb == "GetRecord":
        _get_record(root, user, args)
    else:
        _list(root, user, verb, args)


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def oai(request: HttpRequest) -> HttpResponse:
    """The OAI-PMH endpoint (``/oai/``)."""
    user = _user(request)
    if user is None:
        response = HttpResponse(
            "Cần đăng nhập: gửi mã truy cập (Authorization: Bearer …) của người thu hoạch.",
            status=401,
            content_type="text/plain; charset=utf-8",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    params = request.GET if request.method == "GET" else request.POST
    args: dict[str, Any] = {}
    repeated = False
    for key in params:
        values = params.getlist(key)
        repeated |= len(values) > 1
        args[key] = values[0][:2000]
    root = ET.Element(_q("OAI-PMH"))
    root.set(
        f"{{{records.NS_XSI}}}schemaLocation",
        f"{NS_OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
    )
    ET.SubElement(root, _q("responseDate")).text = records.datestamp(timezone.now())
    request_el = ET.SubElement(root, _q("request"))
    request_el.text = request.build_absolute_uri(request.path)
    try:
        if repeated:
            raise OAIError("badArgument", "Một tham số được gửi nhiều lần.")
        _answer(request, root, user, args)
        for key, value in args.items():
            request_el.set(key, value)
    except OAIError as error:
        _sub(root, "error", error.message, code=error.code)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
