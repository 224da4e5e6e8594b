from django.urls import path

from luutru.forms import views

app_name = "forms"
urlpatterns = [
    path("", views.index, name="index"),
    path("danh-muc/<int:plan_id>.<str:fmt>", views.plan_form, name="plan"),
    path("ho-so/<int:dossier_id>/<slug:name>.<str:fmt>", views.dossier_form, name="dossier"),
    path("nop-luu/<int:deposit_id>/<slug:name>.<str:fmt>", views.deposit_form, name="deposit"),
    path("phong/<int:org_id>/muc-luc-ho-so.<str:fmt>", views.fonds_form, name="fonds"),
    path(
        "xac-dinh-gia-tri/<int:appraisal_id>/<slug:name>.<str:fmt>",
        views.appraisal_form,
        name="appraisal",
    ),
    path("so-dang-ky/<int:org_id>.<str:fmt>", views.register_form, name="register"),
    path("so-chuyen-giao/<int:org_id>.<str:fmt>", views.delivery_book_form, name="delivery_book"),
    path("van-ban-den/<int:arrival_id>/dau-den.pdf", views.stamp_label, name="stamp_label"),
    path("van-ban-den/<int:arrival_id>/<slug:name>.<str:fmt>", views.arrival_form, name="arrival"),
    path(
        "ban-giao-cong-viec/<int:record_id>.<str:fmt>",
        views.work_handover_form,
        name="work_handover",
    ),
    path(
        "ban-giao-phong/<int:custody_id>.<str:fmt>",
        views.fonds_custody_form,
        name="fonds_custody",
    ),
]
