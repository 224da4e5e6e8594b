from django.urls import path

from luutru.bundles import views

app_name = "bundles"
urlpatterns = [
    path("", views.index, name="index"),
    path("phien/<int:session_id>/", views.session_detail, name="session"),
    path("phien/<int:session_id>/chuyen/", views.move, name="move"),
    path("phien/<int:session_id>/gop/", views.merge, name="merge"),
    path("phien/<int:session_id>/chap-nhan-tat-ca/", views.accept_all, name="accept_all"),
    path("phien/<int:session_id>/nhom/<int:group_id>/", views.update_group, name="update"),
    path("phien/<int:session_id>/nhom/<int:group_id>/tach/", views.split, name="split"),
    path("phien/<int:session_id>/nhom/<int:group_id>/chap-nhan/", views.accept, name="accept"),
    path("goi-y/<int:doc_id>/", views.suggestions, name="suggestions"),
    path("goi-y/<int:doc_id>/dua-vao/", views.file_suggestion, name="file_suggestion"),
    path("goi-y/<int:doc_id>/khong-phai/", views.refuse_suggestion, name="refuse_suggestion"),
]
