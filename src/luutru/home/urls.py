from django.contrib.auth import views as auth_views
from django.urls import path

from luutru.home import account, views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="home/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("huong-dan/", views.help_index, name="help_index"),
    path("huong-dan/<slug:slug>/", views.help_page, name="help"),
    path("doi-mat-khau/", account.PasswordChange.as_view(), name="password_change"),
]
