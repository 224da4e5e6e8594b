"""JSON API for the registry app; every read goes through luutru.access.policy."""

from ninja import Router

router = Router(tags=["registry"])
