"""The outgoing register (sổ đăng ký văn bản đi) prints every column from the records."""

from __future__ import annotations

from django.utils import timezone

from luutru.dispatch import services
from luutru.dispatch.tests.conftest import issued
from luutru.forms.layout import Table
from luutru.forms.registers import register


def test_the_outgoing_register_prints_recipients_copies_receipts_and_the_recall(net):
    w = net
    first = issued(w, dossier=w.dossier).outgoing
    second = issued(w, subject="Văn bản bị thu hồi").outgoing
    services.recall(w.head, second, "Ban hành nhầm")
    today = timezone.localdate()
    form = register(w.clerk, w.office, "di", today, today)
    table = next(b for b in form.blocks if isinstance(b, Table))
    rows = {r.cells[0]: r.cells for r in table.rows}
    one = rows["01-CV/VPTU"]
    assert one[4] == "Đảng ủy xã Thử nghiệm (để thực hiện); Sở Nội vụ tỉnh (để biết); Lưu VT"
    assert one[5] == "Nguyễn Văn An (hồ sơ 07.VP)"
    assert one[6] == "3" and one[7] == f"{today:%d/%m/%Y}"
    assert one[8].startswith("Đảng ủy xã Thử nghiệm: số đến 1, ")
    two = rows["02-CV/VPTU"]
    assert two[9].startswith(f"Đã thu hồi ngày {today:%d/%m/%Y}: Ban hành nhầm")
    assert all(cells[0] for cells in rows.values())
    assert first.document.symbol_display in rows
