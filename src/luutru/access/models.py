"""Explicit grants and API tokens. The policy itself is in ``policy.py``."""

from django.conf import settings
from django.db import models


class Grant(models.Model):
    """An explicit permission for one person to read one object, e.g. an
    approved access request. It widens scope; it is dated and revocable."""

    person = models.ForeignKey("orgs.Person", on_delete=models.CASCADE, related_name="grants")
    object_type = models.CharField(max_length=40)  # "dossier" | "document"
    object_id = models.BigIntegerField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("lý do", max_length=300)
    valid_until = models.DateField("hiệu lực đến", null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["person", "object_type", "object_id"])]
        verbose_name = "quyền khai thác riêng"
        verbose_name_plural = "quyền khai thác riêng"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
