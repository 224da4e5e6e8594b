"""The official forms offered on the stages' pages, at the stages' addresses
(``downloads``); the forms page's own addresses are in ``urls`` under /bieu-mau/."""

from django.urls import path

from luutru.forms import downloads, transfer

app_name = "downloads"
urlpatterns = [
    path("danh-muc/<int:plan_id>/danh-muc.xlsx", downloads.plan_xlsx, name="plan_xlsx"),
    path(
        "ho-so/<int:dossier_id>/muc-luc.xlsx",
        downloads.dossier_index_xlsx,
        name="dossier_index_xlsx",
    ),
    path("nop-luu/<int:deposit_id>/muc-luc.xlsx", downloads.deposit_list_xlsx, name="list_xlsx"),
    path("nop-luu/<int:deposit_id>/bien-ban.docx", downloads.handover_docx, name="handover_docx"),
    path(
        "nop-luu-lich-su/goi/<int:pk>/muc-luc.xlsx",
        transfer.transfer_list_xlsx,
        name="transfer_list_xlsx",
    ),
    path(
        "nop-luu-lich-su/goi/<int:pk>/bien-ban.docx",
        transfer.transfer_handover_docx,
        name="transfer_handover_docx",
    ),
]
