from django.urls import path

from luutru.dispatch import views

app_name = "dispatch"
urlpatterns = [
    path("", views.index, name="index"),
    path("soan/", views.new_draft, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit_draft, name="edit"),
    path("<int:pk>/trinh/", views.submit, name="submit"),
    path("<int:pk>/duyet/", views.approve, name="approve"),
    path("<int:pk>/tra-lai/", views.return_draft, name="return"),
    path("<int:pk>/phat-hanh/", views.issue, name="issue"),
    path("<int:pk>/thu-hoi/", views.recall, name="recall"),
    path("<int:pk>/luu-ho-so/", views.file_into, name="file"),
    path("<int:pk>/ban/<int:number>/", views.version_download, name="version"),
    path("<int:pk>/goi-trao-doi/", views.package_download, name="package"),
]
