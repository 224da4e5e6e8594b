"""The JSON API (Django Ninja): token authentication, the same access policy
as the pages, schema at /api/openapi.json. Each app adds its router."""

from ninja import NinjaAPI

api = NinjaAPI(title="luutru API", version="1", urls_namespace="api")
