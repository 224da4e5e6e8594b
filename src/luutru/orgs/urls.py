from django.urls import path  # noqa: F401

from luutru.orgs import views  # noqa: F401

app_name = "orgs"
urlpatterns: list = []
