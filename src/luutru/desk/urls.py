from django.urls import path

from luutru.desk import handover_views, views

app_name = "desk"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("vao-so/", views.receive, name="receive"),
    path("giao-xu-ly/", views.assignments, name="assignments"),
    path("can-xu-ly/", views.queue, name="queue"),
    path("den/<int:arrival_id>/", views.arrival_detail, name="arrival"),
    path("den/<int:arrival_id>/chuyen/", views.route, name="route"),
    path("den/<int:arrival_id>/giao/", views.assign, name="assign"),
    path("den/<int:arrival_id>/chuyen-tiep/", views.forward, name="forward"),
    path("den/<int:arrival_id>/tien-do/", views.progress, name="progress"),
    path("den/<int:arrival_id>/ket-thuc/", views.finish, name="finish"),
    path("ban-giao/", handover_views.start, name="handover"),
    path("ban-giao/xac-nhan/", handover_views.confirm, name="handover_confirm"),
    path("ban-giao/<int:record_id>/", handover_views.record_detail, name="handover_record"),
]
