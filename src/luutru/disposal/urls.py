from django.urls import path

from luutru.disposal import views

app_name = "disposal"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/hoi-dong/", views.add_member, name="add_member"),
    path("<int:pk>/trinh/", views.send, name="send"),
    path("<int:pk>/y-kien/", views.opinions, name="opinions"),
    path("<int:pk>/quyet-dinh/", views.decide, name="decide"),
    path("<int:pk>/xac-nhan-huy/", views.confirm, name="confirm"),
    path("<int:pk>/bang-ke-sha256.txt", views.manifest, name="manifest"),
    path("tam-giu/", views.holds, name="holds"),
    path("tam-giu/<int:pk>/go/", views.lift, name="lift"),
    path("bang-thoi-han/", views.schedules, name="schedules"),
    path("bang-thoi-han/nap/", views.schedule_load, name="schedule_load"),
    path("bang-thoi-han/<int:pk>/", views.schedule_detail, name="schedule"),
]
