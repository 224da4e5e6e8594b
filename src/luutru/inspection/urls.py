from django.urls import path

from luutru.inspection import views

app_name = "inspection"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.new, name="new"),
    path("khac-phuc/", views.fixes, name="fixes"),
    path("khac-phuc/<int:fix_id>/xong/", views.fix_done, name="fix_done"),
    path("khac-phuc/<int:fix_id>/xac-nhan/", views.fix_verify, name="fix_verify"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/noi-dung/<int:check_id>/", views.finding, name="finding"),
    path("<int:pk>/noi-dung/<int:check_id>/bang-chung/", views.evidence, name="evidence"),
    path("<int:pk>/khac-phuc/", views.require_fix, name="require_fix"),
    path("<int:pk>/ket-thuc/", views.close, name="close"),
]
