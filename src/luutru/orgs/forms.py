"""Forms of the organization screens."""

from django import forms


class OrgSearchForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên", max_length=100, required=False, strip=True)


class ReorganizeForm(forms.Form):
    """One reorganization of a body, dated, by decision (the fields each action needs)."""

    ACTIONS = [
        ("rename", "Đổi tên"),
        ("move", "Chuyển trực thuộc cơ quan khác"),
        ("merge", "Hợp nhất với cơ quan khác thành cơ quan mới"),
        ("merge_into", "Sáp nhập vào một cơ quan đang có"),
        ("split", "Chia tách thành các cơ quan mới"),
        ("dissolve", "Giải thể (các tổ chức trực thuộc chuyển lên cấp trên hoặc cơ quan kế thừa)"),
        ("dissolve_level", "Giải thể toàn bộ một cấp trực thuộc (như cấp huyện năm 2025)"),
    ]
    LEVELS = [("district", "Cấp huyện"), ("commune", "Cấp xã"), ("grassroots", "Cơ sở")]

    action = forms.ChoiceField(label="Việc sắp xếp", choices=ACTIONS)
    effective = forms.DateField(
        label="Có hiệu lực từ ngày (dd/mm/yyyy)", input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    decision = forms.CharField(label="Theo quyết định (số, ngày)", max_length=200, required=False)
    name = forms.CharField(label="Tên mới", max_length=200, required=False)
    code = forms.CharField(label="Mã của cơ quan mới", max_length=40, required=False)
    other = forms.CharField(
        label="Mã cơ quan kia (cấp trên mới, cơ quan hợp nhất cùng, cơ quan nhận sáp nhập, "
        "cơ quan kế thừa)",
        max_length=40,
        required=False,
    )
    parts = forms.CharField(
        label="Các cơ quan mới khi chia tách: mỗi dòng “mã; tên” (dòng đầu là cơ quan kế thừa)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    level = forms.ChoiceField(label="Cấp giải thể", choices=LEVELS, required=False)
