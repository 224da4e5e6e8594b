from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: errors, parameters, Vietnamese text and dates, outcomes of a view.
    It imports nothing of ours; every app may import it."""

    name = "luutru.core"
    label = "core"
    verbose_name = "Hệ thống"
