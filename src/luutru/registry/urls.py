from django.urls import path

from luutru.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("moi/", views.document_create, name="create"),
    path("<int:doc_id>/", views.document_detail, name="detail"),
    path("<int:doc_id>/tai-ve/", views.document_download, name="download"),
    path("<int:doc_id>/sua/", views.document_edit, name="edit"),
]
