from django.urls import path

from luutru.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("chot/", views.freeze, name="freeze"),
    path("<int:org_id>/<int:year>.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:org_id>/<int:year>.docx", views.export_docx, name="docx"),
]
