from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province (``luutru demo``), made through every app's services: the top
    layer, which nothing imports."""

    name = "luutru.demo"
    label = "demo"
    verbose_name = "Tỉnh mẫu"
