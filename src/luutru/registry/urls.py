from django.urls import path  # noqa: F401

from luutru.registry import views  # noqa: F401

app_name = "registry"
urlpatterns: list = []
