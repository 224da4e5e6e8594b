"""The JSON API (Django Ninja): token authentication, the same access policy
as the pages, schema at /api/openapi.json. Each app adds its router."""

from ninja import NinjaAPI

from luutru.access.api_auth import TokenAuth
from luutru.archive.api import router as archive_router
from luutru.capture.api import router as capture_router
from luutru.compliance.api import router as compliance_router
from luutru.filing.api import router as filing_router
from luutru.orgs.api import router as orgs_router
from luutru.registry.api import router as registry_router
from luutru.search.api import router as search_router

# docs_url=None: Ninja's Swagger page loads its assets from a CDN, and Party
# networks are closed; the schema itself is served at /api/openapi.json.
api = NinjaAPI(
    title="luutru API", version="1", urls_namespace="api", auth=TokenAuth(), docs_url=None
)
api.add_router("/orgs", orgs_router)
api.add_router("/", filing_router)
api.add_router("/documents", registry_router)
api.add_router("/deposits", archive_router)
api.add_router("/capture", capture_router)
api.add_router("/search", search_router)
api.add_router("/compliance", compliance_router)
