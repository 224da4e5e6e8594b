from django.urls import path

from luutru.archive import views

app_name = "archive"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.new_deposit, name="new"),
    path("kho/", views.holdings_list, name="holdings"),
    path("<int:pk>/", views.deposit_detail, name="detail"),
    path("<int:pk>/gui/", views.deposit_submit, name="submit"),
    path("<int:pk>/huy/", views.deposit_delete, name="delete"),
    path("<int:pk>/tiep-nhan/", views.deposit_decide, name="decide"),
    path("giu-lai/", views.keep_back_list, name="keep_backs"),
    path("giu-lai/ho-so/<int:dossier_id>/", views.keep_back_request, name="keep_back_request"),
    path("giu-lai/<int:pk>/duyet/", views.keep_back_decide, name="keep_back_decide"),
]
