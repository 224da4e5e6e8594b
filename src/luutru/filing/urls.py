from django.urls import path  # noqa: F401

from luutru.filing import views  # noqa: F401

app_name = "filing"
urlpatterns: list = []
