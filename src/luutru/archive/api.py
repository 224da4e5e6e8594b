"""JSON API for the archive app; every read goes through luutru.access.policy."""

from ninja import Router

router = Router(tags=["archive"])
