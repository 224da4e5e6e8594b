from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The shell: the home page, navigation, signing in and out, ``luutru serve``.
    It sits above every stage and report, and composes their queries."""

    name = "luutru.home"
    label = "home"
    verbose_name = "Trang chủ"

    def ready(self):
        from luutru.home import auth  # noqa: F401  (logins and logouts into the audit chain)
