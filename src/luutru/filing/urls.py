from django.urls import path

from luutru.filing import plan_views, views

app_name = "filing"
urlpatterns = [
    path("danh-muc/", plan_views.plan_list, name="plan_list"),
    path("danh-muc/tao/", plan_views.plan_create, name="plan_create"),
    path("danh-muc/sao-chep/", plan_views.plan_copy, name="plan_copy"),
    path("danh-muc/nhap-xlsx/", plan_views.plan_import, name="plan_import"),
    path("danh-muc/<int:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("danh-muc/<int:plan_id>/de-muc/", plan_views.plan_add_heading, name="plan_add_heading"),
    path(
        "danh-muc/<int:plan_id>/de-muc/<int:heading_id>/xoa/",
        plan_views.plan_heading_delete,
        name="plan_heading_delete",
    ),
    path("danh-muc/<int:plan_id>/ho-so/", plan_views.plan_add_item, name="plan_add_item"),
    path(
        "danh-muc/<int:plan_id>/ho-so/<int:item_id>/sua/",
        plan_views.plan_item_edit,
        name="plan_item_edit",
    ),
    path(
        "danh-muc/<int:plan_id>/ho-so/<int:item_id>/xoa/",
        plan_views.plan_item_delete,
        name="plan_item_delete",
    ),
    path("danh-muc/<int:plan_id>/cach-danh-so/", plan_views.plan_scheme, name="plan_scheme"),
    path("danh-muc/<int:plan_id>/duyet/", plan_views.plan_approve, name="plan_approve"),
    path("danh-muc/<int:plan_id>/ban-hanh/", plan_views.plan_issue, name="plan_issue"),
    path("ho-so/", views.dossier_list, name="dossier_list"),
    path("ho-so/moi/", views.dossier_create, name="dossier_create"),
    path("ho-so/tu-danh-muc/<int:item_id>/", views.dossier_from_item, name="dossier_from_item"),
    path("ho-so/<int:dossier_id>/", views.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:dossier_id>/tai-len/", views.dossier_upload, name="dossier_upload"),
    path("ho-so/<int:dossier_id>/them-van-ban/", views.dossier_add, name="dossier_add"),
    path(
        "ho-so/<int:dossier_id>/van-ban/<int:document_id>/di-chuyen/",
        views.dossier_move,
        name="dossier_move",
    ),
    path(
        "ho-so/<int:dossier_id>/van-ban/<int:document_id>/loai-bo/",
        views.dossier_remove,
        name="dossier_remove",
    ),
    path("ho-so/<int:dossier_id>/sap-xep-theo-ngay/", views.dossier_sort, name="dossier_sort"),
    path("ho-so/<int:dossier_id>/ket-thuc/", views.dossier_close, name="dossier_close"),
    path("ho-so/<int:dossier_id>/mo-lai/", views.dossier_reopen, name="dossier_reopen"),
    path("ho-so/<int:dossier_id>/do-mat/", views.dossier_secrecy, name="dossier_secrecy"),
    path("ho-so/<int:dossier_id>/muc-luc/", views.dossier_index, name="dossier_index"),
    path("ho-so/<int:dossier_id>/chung-tu/", views.dossier_certificate, name="dossier_certificate"),
]
