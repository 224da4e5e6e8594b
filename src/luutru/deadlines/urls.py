from django.urls import path

from luutru.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("da-doc/", views.read_all, name="read_all"),
    path("<int:pk>/da-doc/", views.read, name="read"),
    path("to-chuc/<int:pk>/", views.org_list, name="org"),
]
