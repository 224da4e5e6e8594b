from django.urls import path

from luutru.catalogue import views

app_name = "catalogue"
urlpatterns = [path("", views.oai, name="oai")]
