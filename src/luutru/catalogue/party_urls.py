"""Addresses of the Văn kiện Đảng database (issue 13 item 7), mounted at /van-kien-dang/."""

from django.urls import path

from luutru.catalogue import party_views

app_name = "party_documents"
urlpatterns = [
    path("", party_views.index, name="index"),
    path("tim/", party_views.search, name="search"),
    path("<int:doc_id>/", party_views.detail, name="detail"),
]
