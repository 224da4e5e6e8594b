from django.urls import path

from luutru.preservation import views

app_name = "preservation"
urlpatterns = [
    path("sao-luu/", views.backups, name="backups"),
    path("toan-ven/", views.fixity, name="fixity"),
]
