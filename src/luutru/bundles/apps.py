from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "luutru.bundles"
    label = "bundles"
    verbose_name = "Gom tài liệu rời thành hồ sơ"
