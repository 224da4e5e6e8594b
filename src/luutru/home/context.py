"""Navigation shown on every page, by the roles the user holds."""

from luutru.access.policy import roles_of
from luutru.home.help import help_for
from luutru.orgs.models import Role

WORK = {"official", "clerk", "head", "archivist", "inspector"}
OVERSIGHT = {"head", "archivist", "inspector"}

# (group, [(address, label, roles that use it; None = everyone signed in)]). A
# part-time clerk sees the links of their work, not the inspector's dashboards;
# the links are grouped by the work they belong to (registry, dossiers, archive,
# oversight), each group under its name, so that fifteen links stay readable.
NavLink = tuple[str, str, set[str] | None]
NAV_GROUPS: list[tuple[str, list[NavLink]]] = [
    (
        "",
        [
            ("/", "Việc cần làm", None),
            ("/tim-kiem/", "Tìm kiếm", None),
            ("/thong-bao/", "Thông báo", None),
        ],
    ),
    (
        "Văn thư",
        [
            ("/van-ban/", "Văn bản", WORK),
            ("/van-thu/", "Văn bản đến", {"official", "clerk", "head"}),
            ("/van-ban-di/", "Văn bản đi", {"official", "clerk", "head"}),
            ("/nhap-tai-lieu/", "Nhập tài liệu", {"official", "clerk", "head", "archivist"}),
        ],
    ),
    (
        "Lập hồ sơ",
        [
            ("/danh-muc/", "Danh mục hồ sơ", WORK),
            ("/ho-so/", "Hồ sơ", WORK),
            ("/gom-ho-so/", "Gom hồ sơ", {"official", "clerk", "head"}),
            ("/nop-luu/", "Nộp lưu", WORK),
        ],
    ),
    (
        "Lưu trữ",
        [
            ("/kho-luu-tru/", "Kho lưu trữ", None),
            ("/van-kien-dang/", "Văn kiện Đảng", None),
            ("/xac-dinh-gia-tri/", "Xác định giá trị", {"archivist", "head", "inspector", "admin"}),
            ("/nop-luu-lich-su/", "Nộp lưu lịch sử", {"archivist"}),
        ],
    ),
    (
        "Giám sát",
        [
            ("/tuan-thu/", "Tuân thủ", OVERSIGHT),
            ("/danh-gia/", "Đánh giá", OVERSIGHT | {"admin"}),
            ("/kiem-tra/", "Kiểm tra", {"inspector", "head"}),
        ],
    ),
    ("", [("/to-chuc/", "Tổ chức", None)]),
]
NAV_LINKS = [link for _, links in NAV_GROUPS for link in links]


def nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    groups = []
    for group, entries in NAV_GROUPS:
        links = [
            (href, label)
            for href, label, who in entries
            if who is None or roles & who or (user.is_superuser and href != "/")
        ]
        if links:
            groups.append((group, links))
    match = getattr(request, "resolver_match", None)
    return {
        "user_roles": roles,
        "role_labels": _labels(roles),
        "nav_groups": groups,
        "help_page": help_for(match.view_name if match else None),
    }


def _labels(roles):
    return [Role(r).label for r in sorted(roles)]
