from django.contrib import admin
from django.urls import include, path

from luutru.api import api

admin.site.site_header = "luutru – Quản trị hệ thống"
admin.site.site_title = "luutru"
admin.site.index_title = "Quản trị: cơ quan, người dùng, quy tắc"

urlpatterns = [
    path("", include("luutru.core.urls")),
    path("to-chuc/", include("luutru.orgs.urls")),
    path("van-ban/", include("luutru.registry.urls")),
    path("", include("luutru.filing.urls")),
    path("nop-luu/", include("luutru.archive.urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]
