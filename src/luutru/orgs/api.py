"""JSON API for the orgs app; every read goes through luutru.access.policy."""

from ninja import Router

router = Router(tags=["orgs"])
