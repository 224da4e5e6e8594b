from django.urls import path

from luutru.capture import views

app_name = "capture"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("dot/<int:batch_id>/", views.batch_detail, name="batch"),
    path("dot/<int:batch_id>/xu-ly-lai/", views.retry, name="retry"),
    path("dot/<int:batch_id>/bao-cao.xlsx", views.batch_report, name="batch_report"),
    path("tep/<int:item_id>/", views.review, name="review"),
    path("tep/<int:item_id>/trang-1.png", views.page_image, name="page_image"),
]
