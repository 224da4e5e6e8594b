from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "luutru.bundles"
    label = "bundles"
    verbose_name = "Gom tài liệu rời thành hồ sơ"

    def ready(self) -> None:
        from luutru.bundles import access_kinds  # models are loaded only now

        access_kinds.register()
