from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "luutru.evaluation"
    verbose_name = "Đánh giá hằng năm"
