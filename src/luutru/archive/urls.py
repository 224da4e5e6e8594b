from django.urls import path  # noqa: F401

from luutru.archive import views  # noqa: F401

app_name = "archive"
urlpatterns: list = []
