from django.urls import path

from luutru.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("nhap-tep/", views.import_orgs, name="import"),
    path("van-thu-luu-tru/", views.staff_register, name="staff"),
    path("xuat-tep/", views.export_orgs, name="export"),
    path("<int:org_id>/", views.detail, name="detail"),
    path("<int:org_id>/con/", views.children, name="children"),
    path("<int:org_id>/sap-xep/", views.reorganize_org, name="reorganize"),
]
