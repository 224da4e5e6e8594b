"""JSON API for the filing app; every read goes through luutru.access.policy."""

from ninja import Router

router = Router(tags=["filing"])
