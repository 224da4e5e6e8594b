from django.urls import path

from luutru.compliance import handling_views, views

app_name = "compliance"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<int:org_id>/", views.org_page, name="org"),
    path("ca-nhan/<int:person_id>/", views.person_page, name="person"),
    path("cua-toi/", views.my_page, name="mine"),
    path("danh-sach/<str:name>/", views.behind, name="behind"),
    path("thong-ke/", views.statistics_report, name="report"),
    path("giai-quyet-van-ban-den/", handling_views.handling_page, name="handling"),
]
