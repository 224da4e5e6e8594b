from django.urls import path

from luutru.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.index, name="index"),
    path("lap-goi/", views.build, name="build"),
    path("goi/<int:pk>/", views.transfer_detail, name="transfer"),
    path("goi/<int:pk>/kiem-tra/", views.validate, name="validate"),
    path("kiem-tra/<int:pk>/", views.check_detail, name="check"),
    path("tra-loi/", views.answer_upload, name="answer_upload"),
    path("tiep-nhan/", views.receive, name="receive"),
    path("tiep-nhan/<int:pk>/", views.received_detail, name="received"),
    path("tiep-nhan/<int:pk>/tra-loi/", views.decide, name="decide"),
    path("tiep-nhan/<int:pk>/tra-loi.json", views.answer_download, name="answer"),
]
