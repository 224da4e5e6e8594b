from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "luutru.transfer"
    label = "transfer"
    verbose_name = "Nộp lưu vào Lưu trữ lịch sử"

    def ready(self) -> None:
        # Models are loaded only now: these modules import them.
        from luutru.transfer import access_kinds
        from luutru.transfer.lifecycle import register_transfer_edges

        register_transfer_edges()
        access_kinds.register()
