from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "luutru.registry"
    label = "registry"
    verbose_name = "Văn thư"

    def ready(self) -> None:
        from luutru.registry import access_kinds, blobs, indexing  # models are loaded only now

        access_kinds.register()
        indexing.register()
        blobs.register()
