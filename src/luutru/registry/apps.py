from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "luutru.registry"
    label = "registry"
    verbose_name = "Văn thư"
