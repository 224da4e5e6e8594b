from django.contrib import admin
from django.urls import include, path

from luutru.api import api

admin.site.site_header = "luutru – Quản trị hệ thống"
admin.site.site_title = "luutru"
admin.site.index_title = "Quản trị: cơ quan, người dùng, quy tắc"

urlpatterns = [
    path("", include("luutru.home.urls")),
    # Official forms offered on the stages' pages, at their addresses (forms serves them).
    path("", include("luutru.forms.page_urls")),
    path("to-chuc/", include("luutru.orgs.urls")),
    path("van-ban/", include("luutru.registry.urls")),
    path("", include("luutru.filing.urls")),
    path("nop-luu/", include("luutru.archive.urls")),
    path("nhap-tai-lieu/", include("luutru.capture.urls")),
    path("tim-kiem/", include("luutru.search.urls")),
    path("tuan-thu/", include("luutru.compliance.urls")),
    path("bieu-mau/", include("luutru.forms.urls")),
    path("thong-bao/", include("luutru.deadlines.urls")),
    path("danh-gia/", include("luutru.evaluation.urls")),
    path("kiem-tra/", include("luutru.inspection.urls")),
    path("gom-ho-so/", include("luutru.bundles.urls")),
    path("van-thu/", include("luutru.desk.urls")),
    path("van-ban-di/", include("luutru.dispatch.urls")),
    path("xac-dinh-gia-tri/", include("luutru.disposal.urls")),
    path("nop-luu-lich-su/", include("luutru.transfer.urls")),
    path("bao-quan/", include("luutru.preservation.urls")),
    path("oai/", include("luutru.catalogue.urls")),
    path("kho-luu-tru/", include("luutru.holdings.urls")),
    path("so-hoa/", include("luutru.digitization.urls")),
    path("van-kien-dang/", include("luutru.catalogue.party_urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]

# Vietnamese error pages in the app's layout (core/error_pages.py).
handler400 = "luutru.core.error_pages.bad_request"
handler403 = "luutru.core.error_pages.permission_denied"
handler404 = "luutru.core.error_pages.page_not_found"
handler500 = "luutru.core.error_pages.server_error"
