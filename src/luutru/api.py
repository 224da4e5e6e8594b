"""The JSON API (Django Ninja): token authentication, the same access policy
as the pages, schema at /api/openapi.json. Each app adds its router."""

from django.core.exceptions import BadRequest, PermissionDenied
from ninja import NinjaAPI

from luutru.access.api_auth import TokenAuth
from luutru.archive.api import router as archive_router
from luutru.capture.api import router as capture_router
from luutru.compliance.api import router as compliance_router
from luutru.desk.api import router as desk_router
from luutru.dispatch.api import router as dispatch_router
from luutru.disposal.api import router as disposal_router
from luutru.filing.api import router as filing_router
from luutru.orgs.api import router as orgs_router
from luutru.registry.api import router as registry_router
from luutru.search.api import router as search_router

# docs_url=None: Ninja's Swagger page loads its assets from a CDN, and Party
# networks are closed; the schema itself is served at /api/openapi.json.
# What every operation may answer besides its success: {"detail": …} in Vietnamese
# (422 is Ninja's own check of the declared parameters; its detail is a list).
ERROR_RESPONSES = {
    400: "Giá trị gửi lên không hợp lệ (detail nói giá trị nào).",
    401: "Thiếu hoặc sai mã truy cập (Authorization: Bearer …).",
    403: "Người dùng của mã truy cập không có quyền làm việc này.",
    404: "Không có, hoặc người dùng không được xem.",
    422: "Tham số không đúng kiểu hoặc ngoài khoảng cho phép.",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {}}]}},
    "required": ["detail"],
}


class LuutruAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The schema with the error answers documented on every operation."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = LuutruAPI(
    title="luutru API", version="1", urls_namespace="api", auth=TokenAuth(), docs_url=None
)
api.add_router("/orgs", orgs_router)
api.add_router("/", filing_router)
api.add_router("/documents", registry_router)
api.add_router("/deposits", archive_router)
api.add_router("/capture", capture_router)
api.add_router("/search", search_router)
api.add_router("/compliance", compliance_router)
api.add_router("/outgoing", dispatch_router)
api.add_router("/desk", desk_router)
api.add_router("/disposal", disposal_router)


# A refused parameter (core.params.BadParameter) or a refusal of the access
# policy (access.policy.Denied) raised inside an operation: JSON, as the rest.
@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    detail = getattr(exc, "message", "") or "Yêu cầu không hợp lệ."
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    detail = getattr(exc, "message", "") or "Bạn không có quyền xem hoặc thực hiện việc này."
    return api.create_response(request, {"detail": detail}, status=403)
