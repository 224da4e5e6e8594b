from django.urls import path

from luutru.holdings import views

app_name = "holdings"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap-muc-luc/", views.import_catalogue, name="import"),
    path("kho-va-gia/", views.repository, name="repository"),
    path("phong/<int:pk>/", views.fonds, name="fonds"),
    path("muc-luc/<int:pk>/", views.inventory, name="inventory"),
    path("muc-luc/<int:pk>/nhan-hop.pdf", views.inventory_labels, name="inventory_labels"),
    path("hop/<int:pk>/", views.box, name="box"),
    path("hop/<int:pk>/nhan.pdf", views.box_label, name="box_label"),
    path("ho-so/<int:pk>/", views.dossier, name="dossier"),
    path("ho-so/<int:pk>/bia.pdf", views.dossier_cover, name="cover"),
]
