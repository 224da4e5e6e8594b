"""Addresses of the Văn kiện Đảng database (issue 13 item 7), mounted at /van-kien-dang/."""

from django.urls import path  # noqa: F401

app_name = "party_documents"
urlpatterns: list = []
