from django.urls import path

from luutru.digitization import views

app_name = "digitization"
urlpatterns = [
    path("", views.index, name="index"),
    path("lo/<int:pk>/", views.batch, name="batch"),
    path("lo/<int:pk>/dong/", views.close, name="close"),
    path("ho-so/<int:pk>/", views.dossier, name="dossier"),
    path("trang/<int:pk>.jpg", views.page_image, name="page_image"),
    path("tep/<int:pk>/", views.scan_file, name="scan_file"),
]
