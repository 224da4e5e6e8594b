"""Every page and API operation, walked from the URL conf, with bad values for
each number it reads (issue 8 item 1): ``abc``, ``-1``, 10³⁰, ``1e9``, year 0
and 99999 in the query string, in POST forms and in the address itself.
Whatever the value, the answer is never a server error."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import textwrap

import pytest
from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from luutru.access.api_auth import issue_token
from luutru.filing.models import Dossier, FilePlan
from luutru.registry.models import Document
from luutru.rules.models import RetentionRule

pytestmark = pytest.mark.django_db

HUGE = str(10**30)
BAD_VALUES = ["abc", "-1", HUGE, "1e9", "0", "99999", "²"]
BAD_DATES = ["2024-13-45", "0000-01-01", "99999-01-01"]
DATE_HINTS = re.compile(r"ngay|date|day|^tu$|^den$|until|since")
# Names a page reads that hold numbers or dates, wherever a view reads them.
NUMERIC_HINTS = re.compile(
    r"(^|[_-])(id|pk|page|trang|org|to[_-]chuc|don[_-]vi|ca[_-]nhan|year|nam|ngay|date|day|tu|den"
    r"|document|dossier|dossiers|items?|check|responsible|object_id|secrecy|per_page|position"
    r"|plan|heading|retention|person|fix|deposit|batch|page_amount|copies|number)s?($|[_-])"
)


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _source(func) -> tuple[str, object]:
    func = inspect.unwrap(func)
    try:
        return textwrap.dedent(inspect.getsource(func)), inspect.getmodule(func)
    except (OSError, TypeError):
        return "", None


def _names_read(func) -> set[str]:
    """The names a view reads (``x.get("name")``, ``x.getlist("name")``,
    ``x["name"]``) and the fields of the forms it builds."""
    source, module = _source(func)
    if not source:
        return set()
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "getlist")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            if isinstance(node.slice.value, str):
                names.add(node.slice.value)
        elif isinstance(node, ast.Name | ast.Attribute):
            ident = node.id if isinstance(node, ast.Name) else node.attr
            obj = getattr(module, ident, None)
            if obj is None and isinstance(node, ast.Attribute):
                base = getattr(module, getattr(node.value, "id", ""), None)
                obj = getattr(base, ident, None)
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm):
                names |= set(obj.base_fields)
    return {n for n in names if NUMERIC_HINTS.search(n)}


def _takes_post(func) -> bool:
    source, _ = _source(func)
    return "POST" in source or "require_POST" in source or not source


@pytest.fixture
def records(world):
    doc = Document.objects.create(
        org=world.office,
        subject="Báo cáo công tác văn thư",
        code_number="12",
        code_notation="BC/VPTU",
        type_name="Báo cáo",
        issued_date=dt.date(2024, 2, 4),
        organ_name="Văn phòng Tỉnh ủy",
        created_by=world.head,
    )
    plan = FilePlan.objects.create(org=world.office, year=2024)
    dossier = Dossier.objects.create(
        org=world.office,
        file_catalog=2024,
        file_notation="01.VP",
        title="Hồ sơ thử nghiệm",
        retention=RetentionRule.objects.filter(profile__code="party-2018").first(),
        creator=world.head.person,
        owner=world.head,
        start_date=dt.date(2024, 1, 5),
    )
    return {
        "doc_id": doc.pk,
        "document_id": doc.pk,
        "dossier_id": dossier.pk,
        "plan_id": plan.pk,
        "org_id": world.office.pk,
        "person_id": world.head.person.pk,
        "year": 2024,
    }


def _fill(route: str, ids: dict, override: dict | None = None) -> str:
    def repl(m):
        conv, name = m.group(1) or "str", m.group(2)
        if override and name in override:
            return override[name]
        if conv == "int" or name.endswith("_id") or name == "pk":
            return str(ids.get(name, 1))
        return {"fmt": "xlsx", "name": "muc-luc"}.get(name, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", repl, route)


def _int_kwargs(route: str) -> list[str]:
    return [
        m.group(2)
        for m in re.finditer(r"<(?:(\w+):)?(\w+)>", route)
        if m.group(1) == "int" or m.group(2).endswith("_id")
    ]


def test_no_bad_number_anywhere_gives_a_server_error(world, records):
    page_client = Client(raise_request_exception=False)
    page_client.force_login(world.head)
    token = issue_token(world.head)
    api_client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    failures, tried = [], 0

    def check(client, method, url, data):
        nonlocal tried
        tried += 1
        response = getattr(client, method)(url, data)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url} {data} → {response.status_code}")

    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(("quan-tri/", "dang-xuat/", "api/openapi.json")):
            continue
        api = route.startswith("api/")
        client = api_client if api else page_client
        url = _fill(route, records)
        names = _names_read(pattern.callback)
        if api:
            names |= {"page", "page_size", "per_page", "org", "year", "parent", "secrecy"}
        post = not api and _takes_post(pattern.callback)
        for name in sorted(names):
            values = BAD_VALUES + (BAD_DATES if DATE_HINTS.search(name) else [])
            for value in values:
                check(client, "get", url, {name: value})
                if post:
                    check(client, "post", url, {name: value})
        for name in _int_kwargs(route):
            for value in (HUGE, "0"):
                check(client, "get", _fill(route, records, {name: value}), {})
    assert tried > 200
    assert not failures, "\n".join(failures)


def test_a_bad_id_in_a_form_is_a_vietnamese_400_naming_it(world, records, client):
    client.force_login(world.head)
    r = client.post(f"/ho-so/{records['dossier_id']}/them-van-ban/", {"document": "abc"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert "“abc” của văn bản không phải là một số nguyên" in html
