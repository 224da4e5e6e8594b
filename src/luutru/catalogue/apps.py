from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "luutru.catalogue"
    label = "catalogue"
    verbose_name = "Mục lục hồ sơ (thu hoạch OAI-PMH)"
